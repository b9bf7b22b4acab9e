// The local sandbox answers as the API does, over real HTTP: notices of admission acknowledged with the parties in
// their roles, envelopes a payer rejects refused with an Optum-style 400, values that hold delimiters carried intact,
// empty JSON bodies refused, form-encoded token requests, and protocol errors with a JSON body.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/src/server';
import { sandboxToken } from '../helpers/sandboxToken';
import { analyzeDocument } from '../../server/src/validate/document';
import { scan } from '../../server/src/x12/scanner';
import { elementCount, elementValue } from '../../server/src/x12/segments';
import { summarizeResponse } from '../../client/src/api/summary';
import { EXAMPLES, FIXTURES } from '../helpers/fixtures';

let sandbox: Sandbox;
let token: string;

const read = (path: string) => readFileSync(path, 'utf8');
const example = (name: string) => read(join(EXAMPLES, name));

before(async () => {
  sandbox = await startSandbox({ port: 0 });
  token = await sandboxToken(sandbox);
});
after(async () => {
  await sandbox.close();
});

async function post(path: string, body: unknown): Promise<{ status: number; body: any; type: string | null }> {
  const res = await fetch(sandbox.baseUrl + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), type: res.headers.get('content-type') };
}

/** Segments of an interchange as element arrays, read with its own delimiters. */
function segments(x12: string): string[][] {
  const t = scan(x12).table;
  const out: string[][] = [];
  for (let s = 0; s < t.segmentCount; s++) {
    const values = [t.ids[s]];
    for (let pos = 1; pos <= elementCount(t, s); pos++) values.push(elementValue(t, s, pos));
    out.push(values);
  }
  return out;
}

function assertClean(x12: string, what: string): void {
  const problems = analyzeDocument(x12).problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
  assert.deepEqual(problems.map((p) => `${p.severity} ${p.code}: ${p.message}`), [], `${what}: zero errors and zero warnings`);
}

test('a notice of admission is acknowledged with the payer in 2010A and the facility in 2010B, clean, as "notification received"', async () => {
  const requests: [string, string, unknown][] = [
    ['examples/notice-of-admission.x12', '/noa/x12', { x12: example('notice-of-admission.x12') }],
    ['Optum\'s NOA X12 example', '/noa/x12', { x12: read(join(FIXTURES, 'optum-examples/noa-x12-request.x12')) }],
    ['Optum\'s NOA JSON example', '/noa', JSON.parse(read(join(FIXTURES, 'optum-examples/user-noa-request.json')))],
  ];
  for (const [what, path, body] of requests) {
    const res = await post(path, body);
    assert.equal(res.status, 200, `${what}: ${JSON.stringify(res.body)}`);
    const x12: string = res.body.noa.x12;
    assertClean(x12, what);
    const names = segments(x12).filter((s) => s[0] === 'NM1');
    assert.deepEqual([names[0][1], names[0][8]], ['X3', 'PI'], `${what}: 2010A is the payer, identified by payer ID`);
    assert.equal(names[0][3], 'AETNA', what);
    assert.deepEqual([names[1][1], names[1][8]], ['FA', 'XX'], `${what}: 2010B is the facility, identified by NPI`);
    assert.equal(segments(x12).filter((s) => s[0] === 'DTP' && ['102', '036', '007'].includes(s[1])).length, 0, `${what}: a notice gets no certification dates`);
    assert.equal(segments(x12).filter((s) => s[0] === 'HCR').length, 0, `${what}: an acknowledgment carries no review decision`);
    const summary = summarizeResponse(x12);
    assert.equal(summary.outcome, 'notification-received', what);
    assert.equal(summary.acknowledgesNotice, true, what);
    assert.equal(summary.receiptNumber, 'N216000001', what);
    assert.match(summary.headline, /^Notification received · N216000001$/, what);
  }
  const review = summarizeResponse((await post('/inquiry/x12', { x12: example('inquiry-tst2.x12') })).body.inquiry.x12);
  assert.equal(review.outcome, 'certified');
  assert.equal(review.acknowledgesNotice, false);
  // Optum's own NOA answer is an X217-shaped response with HCR A1: still a notice received, not a certification.
  const optum = summarizeResponse(read(join(FIXTURES, 'optum-examples/user-noa-response.x12')));
  assert.equal(optum.outcome, 'notification-received');
  assert.match(optum.headline, /^Notification received/);
  const rejected = summarizeResponse((await post('/noa/x12', { x12: example('notice-of-admission.x12').replace('NOA-01-SUCCESS', 'SOMEONE') })).body.noa.x12);
  assert.equal(rejected.outcome, 'rejected');
});

test('envelope errors a payer rejects get an Optum-style 400 naming the segment, not a decision', async () => {
  const base = example('inquiry-tst2.x12');
  const cases: [string, string, RegExp][] = [
    ['SE01 count', base.replace(/SE\*\d+\*0001/, 'SE*99*0001'), /segment \d+ \(SE\): SE01 is 99/],
    ['SE02 control number', base.replace(/SE\*(\d+)\*0001/, 'SE*$1*0002'), /\(SE\): SE02/],
    ['GE01 count', base.replace(/GE\*1\*/, 'GE*2*'), /\(GE\): GE01/],
    ['GE02 control number', base.replace(/GE\*1\*\d+/, 'GE*1*777'), /\(GE\): GE02/],
    ['IEA02 control number', base.replace(/IEA\*1\*\d+/, 'IEA*1*000000001'), /\(IEA\): IEA02/],
    ['missing SE', base.replace(/SE\*[^~]*~\s*/, ''), /SE/],
    ['GS08 ≠ ST03', base.replace('ST*278*0001*005010X215', 'ST*278*0001*005010X217'), /ST03|GS08/],
  ];
  for (const [what, x12, message] of cases) {
    const res = await post('/inquiry/x12', { x12 });
    assert.equal(res.status, 400, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`);
    assert.match(res.type ?? '', /^application\/json/);
    assert.ok(Array.isArray(res.body) && res.body.length > 0 && res.body.every((m: unknown) => typeof m === 'string'), what);
    assert.match(res.body.join('\n'), message, what);
  }
});

test('a request with | separators, last name O*BRIEN and first name JO~E gets a well-formed answer carrying both names', async () => {
  const piped = example('inquiry-tst2.x12').replace(/~\r?\n?/g, "'").replaceAll('*', '|')
    .replace(/NM1\|IL\|1\|[^|]*\|[^|]*\|/, 'NM1|IL|1|O*BRIEN|JO~E|');
  assert.equal(analyzeDocument(piped).problems.filter((p) => p.severity === 'error').length, 0, 'the request itself is valid');
  const res = await post('/inquiry/x12', { x12: piped });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const x12: string = res.body.inquiry.x12;
  assert.equal(analyzeDocument(x12).problems.filter((p) => p.severity === 'error').length, 0, x12);
  const subscriber = segments(x12).find((s) => s[0] === 'NM1' && s[1] === 'IL');
  assert.deepEqual(subscriber?.slice(3, 5), ['O*BRIEN', 'JO~E']);
  const se = segments(x12).find((s) => s[0] === 'SE');
  assert.equal(Number(se?.[1]), segments(x12).findIndex((s) => s[0] === 'SE') - segments(x12).findIndex((s) => s[0] === 'ST') + 1, 'SE01 counts the segments');
  assert.equal(res.body.inquiry.json.subscriber.lastName, 'O*BRIEN');

  // A JSON body cannot choose delimiters: the converter leaves such values out, so the API form refuses the request.
  const json = JSON.parse(example('inquiry-tst1.inquiry.json')) as { subscriber: Record<string, string> };
  json.subscriber.lastName = 'O*BRIEN';
  const fromJson = await post('/inquiry', json);
  assert.equal(fromJson.status, 400, JSON.stringify(fromJson.body));
  assert.match(fromJson.body.join('\n'), /subscriber\.lastName.*"\*" is an X12 delimiter/);
});

test('JSON bodies that are not requests, even {}, get a 400 with the missing fields named', async () => {
  for (const endpoint of ['inquiry', 'submission', 'noa']) {
    for (const body of [{}, { subscriber: {} }, { hello: 'world' }]) {
      const res = await post(`/${endpoint}`, body);
      assert.equal(res.status, 400, `${endpoint} ${JSON.stringify(body)}: ${JSON.stringify(res.body).slice(0, 300)}`);
      assert.ok(Array.isArray(res.body) && res.body.length > 0 && res.body.every((m: unknown) => typeof m === 'string' && m.length > 10));
    }
  }
  const missingMember = JSON.parse(example('inquiry-tst1.inquiry.json')) as { subscriber: Record<string, string> };
  delete missingMember.subscriber.memberId;
  const res = await post('/inquiry', missingMember);
  assert.equal(res.status, 400);
  assert.match(res.body.join('\n'), /subscriber/);
});

test('the token endpoint takes a form-encoded request (the OAuth 2.0 form) as well as JSON', async () => {
  const form = (fields: Record<string, string>) =>
    fetch(sandbox.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  const ok = await form({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret });
  assert.equal(ok.status, 200);
  const issued = (await ok.json()) as { access_token: string; token_type: string };
  assert.equal(issued.token_type, 'bearer');
  const health = await fetch(sandbox.baseUrl + '/healthcheck', { headers: { authorization: `Bearer ${issued.access_token}` } });
  assert.equal(health.status, 200);
  const wrong = await form({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: 'nope' });
  assert.equal(wrong.status, 401);
  assert.equal(((await wrong.json()) as { error: string }).error, 'invalid_client');
  const text = await fetch(sandbox.tokenUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
  assert.equal(text.status, 400);
  assert.match(((await text.json()) as { error_description: string }).error_description, /form/);
});

test('protocol-level errors get a 400 with an Optum-style JSON body, not an empty one', async () => {
  const { port, hostname } = new URL(sandbox.url);
  for (const raw of ['GARBAGE\r\n\r\n', 'POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n', 'GET / HTTP/1.1\r\nHost: a\r\n\u0001bad header\r\n\r\n']) {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('end', () => resolve(data));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
      socket.write(raw);
    });
    assert.match(answer, /^HTTP\/1\.1 400 /, JSON.stringify(raw));
    assert.match(answer, /content-type: application\/json/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown;
    assert.ok(Array.isArray(body) && typeof body[0] === 'string' && body[0].length > 10, answer);
  }
});
