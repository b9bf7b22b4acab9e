// The local sandbox over real HTTP on 127.0.0.1: tokens, every canned value, every error path, expiry, concurrency,
// junk bodies, and every produced response validated by the project's own validator.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/src/server';
import { sandboxToken } from '../helpers/sandboxToken';
import { INQDEMO_BY_MEMBER, INQUIRY_BY_RECEIVER, NOA_BY_MEMBER, SUBMISSION_BY_CLEARINGHOUSE, type Outcome } from '../../sandbox/src/canned';
import { analyzeDocument } from '../../server/src/validate/document';
import { EXAMPLES, FIXTURES } from '../helpers/fixtures';
import { segmentsOf, withMember, withReceiver } from '../helpers/x12edit';

let sandbox: Sandbox;
let clock = Date.UTC(2026, 10, 24, 15, 0, 0);
let token: string;

const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');
const optumJson = (name: string) => JSON.parse(readFileSync(join(FIXTURES, 'optum-examples', name), 'utf8')) as Record<string, unknown>;

before(async () => {
  sandbox = await startSandbox({ port: 0, tokenTtlSeconds: 60, now: () => clock });
  token = await getToken();
});
after(async () => {
  await sandbox.close();
});

function getToken(): Promise<string> {
  return sandboxToken(sandbox);
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(sandbox.baseUrl + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

function assertValid(x12: string, what: string): void {
  const errors = analyzeDocument(x12).problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors.map((e) => `${e.code}: ${e.message}`), [], `${what}: the response must validate with zero errors`);
}

/** Checks a response against its canned outcome, in both the X12 and the JSON halves. */
function assertOutcome(x12: string, json: any, outcome: Outcome, what: string): void {
  assertValid(x12, what);
  if (outcome.decision) {
    const hcr = segmentsOf(x12, 'HCR')[0];
    assert.ok(hcr, `${what}: HCR expected`);
    assert.equal(hcr[1], outcome.decision.code, what);
    assert.equal(hcr[2] ?? undefined, outcome.decision.authorization, what);
    assert.equal(json?.patientEventDetail?.certificationActionCode, outcome.decision.code, `${what}: JSON certificationActionCode`);
    if (outcome.decision.authorization) assert.equal(json.patientEventDetail.reviewIdentificationNumber, outcome.decision.authorization, `${what}: JSON reviewIdentificationNumber`);
  } else {
    const aaa = segmentsOf(x12, 'AAA')[0];
    assert.ok(aaa, `${what}: AAA expected`);
    assert.deepEqual([aaa[1], aaa[3], aaa[4]], ['N', outcome.reject!.reason, outcome.reject!.followUp], what);
    assert.equal(segmentsOf(x12, 'HCR').length, 0, `${what}: no decision in a rejection`);
    assert.ok(JSON.stringify(json).includes(`"rejectReasonCode":"${outcome.reject!.reason}"`), `${what}: JSON carries the rejection`);
  }
}

test('the token endpoint issues bearer tokens for the right credentials only', async () => {
  const call = (body: unknown, type = 'application/json') => fetch(sandbox.tokenUrl, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const ok = await call({ client_id: 'local-client', client_secret: 'local-secret', grant_type: 'client_credentials' });
  const issued = (await ok.json()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(issued).sort(), ['access_token', 'expires_in', 'token_type']);
  assert.equal(issued.token_type, 'bearer');
  assert.equal(issued.expires_in, 60);
  assert.match(String(issued.access_token), /^[\w-]+\.[\w-]+\.[\w-]+$/);

  const wrong = await call({ client_id: 'local-client', client_secret: 'nope', grant_type: 'client_credentials' });
  assert.equal(wrong.status, 401);
  assert.equal(((await wrong.json()) as { error: string }).error, 'invalid_client');
  for (const bad of [{ client_id: 'local-client', grant_type: 'client_credentials' }, { client_id: 'local-client', client_secret: 'local-secret', grant_type: 'password' }, '{not json', '[]']) {
    const res = await call(bad);
    assert.equal(res.status, 400, JSON.stringify(bad));
    const body = (await res.json()) as Record<string, string>;
    assert.ok(body.error && body.error_description, JSON.stringify(bad));
  }
  assert.equal((await fetch(sandbox.tokenUrl)).status, 405);
});

test('the health check needs a valid token', async () => {
  const anonymous = await fetch(sandbox.baseUrl + '/healthcheck');
  assert.equal(anonymous.status, 401);
  assert.ok(Array.isArray(await anonymous.json()));
  const res = await fetch(sandbox.baseUrl + '/healthcheck', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
});

test('inquiry receivers 000000000000001 … 004 give their canned answers (X12)', async () => {
  for (const [receiver, outcome] of Object.entries(INQUIRY_BY_RECEIVER)) {
    const res = await post('/inquiry/x12', { x12: withReceiver(example('inquiry-tst2.x12'), receiver) });
    assert.equal(res.status, 200, receiver);
    assert.match(res.body.authorizationId, /^[0-9a-f-]{36}$/);
    assert.ok(res.headers.get('x-amzn-trace-id')?.startsWith('Root=1-'));
    assert.match(res.headers.get('transaction-id') ?? '', /^[0-9a-f-]{36}$/);
    assertOutcome(res.body.inquiry.x12, res.body.inquiry.json, outcome, receiver);
    if (outcome.dependentPatient) assert.equal(segmentsOf(res.body.inquiry.x12, 'NM1').filter((s) => s[1] === 'QC').length, 1, 'dependent level');
  }
});

test('INQDEMO answers by member ID, TST1 … TST11, and rejects invented members (X12)', async () => {
  const base = example('inquiry-tst2.x12');
  for (const [member, outcome] of Object.entries(INQDEMO_BY_MEMBER)) {
    const res = await post('/inquiry/x12', { x12: withMember(base, member) });
    assert.equal(res.status, 200, member);
    assertOutcome(res.body.inquiry.x12, res.body.inquiry.json, outcome, member);
  }
  const invented = await post('/inquiry/x12', { x12: withMember(base, 'H1111111') });
  assert.deepEqual(segmentsOf(invented.body.inquiry.x12, 'AAA')[0].slice(1), ['N', '', '75', 'C']);
  const approved = await post('/inquiry/x12', { x12: withMember(base, 'TST1') });
  assert.equal(segmentsOf(approved.body.inquiry.x12, 'HCR')[0][2], 'A062583941');
});

test('inquiry JSON chooses by payerId and umClearingHouseId', async () => {
  for (const [receiver, outcome] of Object.entries(INQUIRY_BY_RECEIVER)) {
    const body = { ...optumJson('user-inquiry-request-subscriber.json'), payerId: receiver, umClearingHouseId: receiver };
    const res = await post('/inquiry', body);
    assert.equal(res.status, 200, receiver);
    assertOutcome(res.body.inquiry.x12, res.body.inquiry.json, outcome, `JSON ${receiver}`);
  }
  const demo = optumJson('user-inquiry-request-subscriber.json');
  const res = await post('/inquiry', { ...demo, payerId: 'INQDEMO', umClearingHouseId: 'INQDEMO', subscriber: { ...(demo.subscriber as object), memberId: 'TST3' } });
  assertOutcome(res.body.inquiry.x12, res.body.inquiry.json, INQDEMO_BY_MEMBER.TST3, 'JSON TST3');
});

test('submissions answer by clearinghouse ID, in X12 and JSON', async () => {
  const base = example('submission-ambulance-a1.x12');
  const ids = { ...SUBMISSION_BY_CLEARINGHOUSE, '278_217_05_A5': SUBMISSION_BY_CLEARINGHOUSE['278_217_05_A6'], '278_217_01': SUBMISSION_BY_CLEARINGHOUSE['278_217_01_A1'] };
  for (const [id, outcome] of Object.entries(ids)) {
    const x12 = await post('/submission/x12', { x12: withReceiver(base, id) });
    assert.equal(x12.status, 200, id);
    assertOutcome(x12.body.submission.x12, x12.body.submission.json, outcome, id);
    const json = await post('/submission', { ...optumJson('user-submission-request-subscriber.json'), senderId: id, umClearingHouseId: id });
    assert.equal(json.status, 200, `JSON ${id}`);
    assertOutcome(json.body.submission.x12, json.body.submission.json, outcome, `JSON ${id}`);
  }
  const unknown = await post('/submission/x12', { x12: withReceiver(base, 'SOMEONE_ELSE') });
  assert.deepEqual(segmentsOf(unknown.body.submission.x12, 'AAA')[0].slice(1), ['N', '', '42', 'P']);
});

test('notices of admission are acknowledged for the sandbox member and rejected otherwise', async () => {
  const base = example('notice-of-admission.x12');
  const ok = await post('/noa/x12', { x12: base });
  assert.equal(ok.status, 200);
  // Acknowledged, not decided: the receipt number in REF*BB, no HCR (see fidelity.test.ts for roles and words).
  assertValid(ok.body.noa.x12, 'NOA');
  assert.equal(segmentsOf(ok.body.noa.x12, 'HCR').length, 0);
  assert.deepEqual(segmentsOf(ok.body.noa.x12, 'REF').find((r) => r[1] === 'BB'), ['REF', 'BB', NOA_BY_MEMBER['NOA-01-SUCCESS'].decision!.authorization]);
  const other = await post('/noa/x12', { x12: withMember(base, 'SOMEONE') });
  assert.deepEqual(segmentsOf(other.body.noa.x12, 'AAA')[0].slice(1), ['N', '', '75', 'C']);
  const json = await post('/noa', optumJson('user-noa-request.json'));
  assert.equal(json.status, 200);
  assertValid(json.body.noa.x12, 'NOA JSON');
});

test('responses reverse the envelope and echo control numbers and the submitter transaction ID', async () => {
  const request = example('inquiry-tst2.x12');
  const res = await post('/inquiry/x12', { x12: request });
  const x12: string = res.body.inquiry.x12;
  const isa = x12.slice(0, 106);
  assert.equal(isa.slice(35, 50), 'INQDEMO        ');
  assert.equal(isa.slice(54, 69), '943207296      ');
  assert.equal(isa.slice(90, 99), '916040697');
  assert.equal(segmentsOf(x12, 'GS')[0][6], '3294199');
  assert.equal(segmentsOf(x12, 'ST')[0][2], '0001');
  assert.equal(segmentsOf(x12, 'BHT')[0][3], '1402448037');
  assert.equal(x12.includes('\n'), false, 'one line, like Optum');
});

test('errors come back as Optum does: a JSON array of strings with the right status', async () => {
  const cases: [string, () => Promise<{ status: number; body: any }>, number][] = [
    ['no token', () => post('/inquiry/x12', { x12: 'x' }, { authorization: '' }), 401],
    ['unknown token', () => post('/inquiry/x12', { x12: 'x' }, { authorization: 'Bearer not-a-token' }), 401],
    ['text/plain', () => post('/inquiry/x12', 'ISA*...', { 'content-type': 'text/plain' }), 415],
    ['malformed JSON', () => post('/inquiry/x12', '{"x12": '), 400],
    ['no x12 field', () => post('/inquiry/x12', { edi: 'ISA' }), 400],
    ['not X12', () => post('/inquiry/x12', { x12: 'hello there' }), 400],
    ['wrong guide', () => post('/inquiry/x12', { x12: example('submission-ambulance-a1.x12') }), 400],
    ['a response, not a request', () => post('/inquiry/x12', { x12: example('inquiry-response-approved.x12') }), 400],
    ['JSON body not an object', () => post('/submission', [1, 2, 3]), 400],
    ['too large', () => post('/inquiry/x12', { x12: 'ISA' + ' '.repeat(6 * 1024 * 1024) }), 413],
    ['random bytes', () => post('/inquiry/x12', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))), 400],
    ['random bytes, no type', () => post('/inquiry/x12', new Uint8Array([0, 1, 2, 3, 255]), { 'content-type': '' }), 415],
    ['unknown path', () => post('/determine', {}), 404],
  ];
  for (const [name, call, status] of cases) {
    const res = await call();
    assert.equal(res.status, status, name);
    assert.ok(Array.isArray(res.body) && res.body.every((m: unknown) => typeof m === 'string' && m.length > 10), `${name}: ${JSON.stringify(res.body)}`);
  }
  const notX12 = await post('/inquiry/x12', { x12: 'hello there' });
  assert.match(notX12.body[0], /not an X12 interchange/);
  const get = await fetch(sandbox.baseUrl + '/inquiry/x12', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(get.status, 405);
  assert.equal(get.headers.get('allow'), 'POST');
});

test('tokens expire after --token-ttl and a new one works', async () => {
  const short = await getToken();
  const check = (t: string) => fetch(sandbox.baseUrl + '/healthcheck', { headers: { authorization: `Bearer ${t}` } });
  assert.equal((await check(short)).status, 200);
  clock += 61_000;
  const expired = await check(short);
  assert.equal(expired.status, 401);
  assert.match(((await expired.json()) as string[])[0], /expired/);
  token = await getToken();
  assert.equal((await check(token)).status, 200);
});

test('concurrent requests are all answered correctly', async () => {
  const base = example('inquiry-tst2.x12');
  const members = Object.keys(INQDEMO_BY_MEMBER);
  const results = await Promise.all(Array.from({ length: 33 }, (_, i) => post('/inquiry/x12', { x12: withMember(base, members[i % members.length]) })));
  results.forEach((res, i) => {
    assert.equal(res.status, 200);
    assertOutcome(res.body.inquiry.x12, res.body.inquiry.json, INQDEMO_BY_MEMBER[members[i % members.length]], `concurrent ${i}`);
  });
});
