// Property test of the real sandbox over HTTP (fixed seed): requests built from the examples with values full of
// delimiters, other delimiter sets, canned member IDs and broken JSON. Every 200 answer must lint with zero errors
// and carry its JSON half; everything else must be an Optum-style 4xx (a JSON array of strings), never a 500.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { startSandbox, type Sandbox } from '../../sandbox/src/server';
import { sandboxToken } from '../helpers/sandboxToken';
import { analyzeDocument } from '../../server/src/validate/document';
import { EXAMPLES, FIXTURES } from '../helpers/fixtures';
import { leaves } from '../helpers/jsonLeaves';

let sandbox: Sandbox;
let token: string;

const read = (path: string) => readFileSync(path, 'utf8');
const X12_REQUESTS = [
  join(EXAMPLES, 'inquiry-tst2.x12'), join(EXAMPLES, 'submission-ambulance-a1.x12'), join(EXAMPLES, 'notice-of-admission.x12'),
  join(FIXTURES, 'valid/x215-inquiry-for-a-dependent.x12'), join(FIXTURES, 'valid/x215-inquiry-with-two-service-lines-um-and-rd8.x12'),
  join(FIXTURES, 'valid/x217-ambulance-request.x12'), join(FIXTURES, 'optum-examples/submission-x12-request.x12'),
  join(FIXTURES, 'optum-examples/noa-x12-request.x12'),
].map((p) => read(p).replace(/~\r?\n/g, '~'));
const JSON_REQUESTS: [string, unknown][] = [
  ['inquiry', JSON.parse(read(join(EXAMPLES, 'inquiry-tst1.inquiry.json')))],
  ['submission', JSON.parse(read(join(EXAMPLES, 'submission-pended.submission.json')))],
  ['inquiry', JSON.parse(read(join(FIXTURES, 'optum-examples/user-inquiry-request-dependent.json')))],
  ['submission', JSON.parse(read(join(FIXTURES, 'optum-examples/user-submission-request-subscriber.json')))],
  ['noa', JSON.parse(read(join(FIXTURES, 'optum-examples/user-noa-request.json')))],
];
const ENDPOINT_BY_VERSION: Record<string, string> = { '005010X215': 'inquiry', '005010X217': 'submission', '005010X216': 'noa' };
const CANNED = ['TST1', 'TST2', 'TST3', 'TST4', 'TST5', 'TST6', 'TST7', 'TST8', 'TST9', 'TST10', 'TST11', 'NOA-01-SUCCESS', 'OTHER'];
const ENVELOPE = new Set(['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA']);

before(async () => {
  sandbox = await startSandbox({ port: 0 });
  token = await sandboxToken(sandbox);
});
after(async () => {
  await sandbox.close();
});

const valueChar = fc.constantFrom('A', 'Z', '0', '9', ' ', '*', '~', ':', '^', '|', '>', '!', '-', '.', 'Ü', '\u{1F600}', '\n', "'", '"', '\\');
const value = fc.array(valueChar, { minLength: 0, maxLength: 12 }).map((cs) => cs.join(''));

/** Replaces element `pos` of body segment `index` (envelope segments are left alone). */
function setElement(x12: string, index: number, pos: number, replacement: string): string {
  const segments = x12.split('~');
  const body = segments.map((s, i) => [s, i] as const).filter(([s]) => s && !ENVELOPE.has(s.split('*')[0]));
  if (body.length === 0) return x12;
  const [segment, at] = body[index % body.length];
  const elements = segment.split('*');
  elements[1 + (pos % Math.max(1, elements.length - 1))] = replacement;
  segments[at] = elements.join('*');
  return segments.join('~');
}

/** Rewrites the interchange in another delimiter set, when the new characters occur nowhere yet. */
function withDelimiters(x12: string, set: string): string {
  const map: Record<string, string> = { '*': set[0], ':': set[1], '^': set[2], '~': set[3] };
  if ([...set].some((c) => x12.includes(c))) return x12;
  return [...x12].map((c) => map[c] ?? c).join('');
}

const x12Case = fc.record({
  base: fc.nat({ max: X12_REQUESTS.length - 1 }),
  member: fc.option(fc.constantFrom(...CANNED), { nil: undefined }),
  edits: fc.array(fc.record({ index: fc.nat(), pos: fc.nat(), value }), { maxLength: 4 }),
  delimiters: fc.option(fc.constantFrom('|>{!', '!`}|', '+%@$'), { nil: undefined }),
});

const jsonCase = fc.record({
  base: fc.nat({ max: JSON_REQUESTS.length - 1 }),
  edits: fc.array(fc.record({ leaf: fc.nat(), value: fc.option(value, { nil: undefined }) }), { maxLength: 4 }),
});

function setPath(root: any, path: string, replacement: string | undefined): void {
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let node = root;
  for (const part of parts.slice(0, -1)) node = node?.[part];
  if (node && typeof node === 'object') {
    const last = parts[parts.length - 1];
    if (replacement === undefined) delete node[last];
    else node[last] = replacement;
  }
}

async function post(path: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(sandbox.baseUrl + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: JSON.parse(await res.text()) };
}

const stats = { ok: 0, refused: 0 };

function checkAnswer(endpoint: string, answer: { status: number; body: any }, request: string): void {
  if (answer.status === 200) {
    stats.ok++;
    const x12 = answer.body?.[endpoint]?.x12;
    assert.equal(typeof x12, 'string', `200 without ${endpoint}.x12 for ${request}`);
    const errors = analyzeDocument(x12).problems.filter((p) => p.severity === 'error');
    assert.deepEqual(errors.map((e) => `${e.code}: ${e.message}`), [], `the answer to ${request} must lint clean:\n${x12}`);
    assert.equal(typeof answer.body[endpoint].json, 'object');
    return;
  }
  stats.refused++;
  assert.ok(answer.status >= 400 && answer.status < 500, `status ${answer.status} (${JSON.stringify(answer.body)}) for ${request}`);
  assert.ok(Array.isArray(answer.body) && answer.body.length > 0 && answer.body.every((m: unknown) => typeof m === 'string' && m.length > 0), `Optum-style body for ${request}`);
}

test('property: X12 requests with delimiter-laden values and other delimiter sets get lint-clean answers or a 4xx', async () => {
  await fc.assert(
    fc.asyncProperty(x12Case, async ({ base, member, edits, delimiters }) => {
      let x12 = X12_REQUESTS[base];
      if (member) x12 = x12.replace(/(NM1\*IL\*[^~]*?\*MI\*)[^~*]*/, `$1${member}`);
      for (const e of edits) x12 = setElement(x12, e.index, e.pos, e.value);
      if (delimiters) x12 = withDelimiters(x12, delimiters);
      const version = /ST\W278\W\w+\W(005010X21[567])/.exec(x12)?.[1] ?? '005010X215';
      const endpoint = ENDPOINT_BY_VERSION[version];
      checkAnswer(endpoint, await post(`/${endpoint}/x12`, { x12 }), JSON.stringify(x12));
    }),
    { seed: 1403, numRuns: 250 },
  );
});

test('property: JSON requests with odd values and missing fields get lint-clean answers or a 4xx', async () => {
  await fc.assert(
    fc.asyncProperty(jsonCase, async ({ base, edits }) => {
      const [endpoint, original] = JSON_REQUESTS[base];
      const body = structuredClone(original) as Record<string, unknown>;
      for (const e of edits) {
        const paths = [...leaves(body).keys()];
        if (paths.length > 0) setPath(body, paths[e.leaf % paths.length], e.value);
      }
      checkAnswer(endpoint, await post(`/${endpoint}`, body), JSON.stringify(body));
    }),
    { seed: 1404, numRuns: 200 },
  );
  for (const [endpoint] of JSON_REQUESTS) checkAnswer(endpoint, await post(`/${endpoint}`, {}), '{}');
  assert.ok(stats.ok > 50 && stats.refused > 20, `both kinds of answer were exercised (${stats.ok} answered, ${stats.refused} refused)`);
});
