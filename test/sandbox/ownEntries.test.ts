// The sandbox's canned tables answer only their own entries, over real HTTP: a member, receiver or clearinghouse ID
// named like a member of Object (constructor, __proto__, toString) is an unknown value, answered like any other.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/src/server';
import { sandboxToken } from '../helpers/sandboxToken';
import { chooseOutcome, INQDEMO_UNKNOWN_MEMBER, NOA_UNKNOWN_MEMBER, UNKNOWN_RECEIVER, type Outcome } from '../../sandbox/src/canned';
import { analyzeDocument } from '../../server/src/validate/document';
import { EXAMPLES, FIXTURES } from '../helpers/fixtures';
import { segmentsOf, withMember, withReceiver } from '../helpers/x12edit';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

let sandbox: Sandbox;
let token: string;

const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');
const optumJson = (name: string) => JSON.parse(readFileSync(join(FIXTURES, 'optum-examples', name), 'utf8')) as Record<string, unknown>;

before(async () => {
  sandbox = await startSandbox({ port: 0 });
  token = await sandboxToken(sandbox);
});
after(async () => {
  await sandbox.close();
});

/** Posts a body written as text, so a `__proto__` key reaches the sandbox as an ordinary JSON name. */
async function post(path: string, body: string): Promise<{ status: number; body: any }> {
  const res = await fetch(sandbox.baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
  return { status: res.status, body: JSON.parse(await res.text()) };
}

/** The decision or rejection of a response that validates. */
function answerOf(x12: string, what: string): { aaa?: string[]; hcr?: string[] } {
  assert.deepEqual(analyzeDocument(x12).problems.filter((p) => p.severity === 'error').map((p) => p.message), [], `${what}: a valid response`);
  return { aaa: segmentsOf(x12, 'AAA')[0]?.slice(1), hcr: segmentsOf(x12, 'HCR')[0]?.slice(1) };
}

/** A rejection as the response carries it: AAA01 N, AAA03 reason, AAA04 follow-up. */
const rejection = (outcome: Outcome) => ({ aaa: ['N', '', outcome.reject!.reason, outcome.reject!.followUp], hcr: undefined });

test('chooseOutcome answers names of Object members as unknown values', () => {
  for (const name of NAMES) {
    assert.equal(chooseOutcome('inquiry', 'INQDEMO', 'INQDEMO', name), INQDEMO_UNKNOWN_MEMBER, `INQDEMO member ${name}`);
    assert.equal(chooseOutcome('inquiry', name, name, 'TST1'), UNKNOWN_RECEIVER, `inquiry receiver ${name}`);
    assert.equal(chooseOutcome('submission', name, name, 'TST1'), UNKNOWN_RECEIVER, `submission clearinghouse ${name}`);
    assert.equal(chooseOutcome('noa', 'X', 'X', name), NOA_UNKNOWN_MEMBER, `NOA member ${name}`);
  }
});

test('X12 requests naming Object members as member, receiver or clearinghouse get the unknown-value answer', async () => {
  const inquiry = example('inquiry-tst2.x12');
  // The example's payer is INQDEMO, so an unknown receiver still answers by member (TST2).
  const tst2 = answerOf((await post('/inquiry/x12', JSON.stringify({ x12: withReceiver(inquiry, 'NOSUCHRECEIVER') }))).body.inquiry.x12, 'receiver NOSUCHRECEIVER');
  assert.equal(tst2.hcr?.[0], 'A1');
  for (const name of NAMES) {
    const member = await post('/inquiry/x12', JSON.stringify({ x12: withMember(inquiry, name) }));
    assert.equal(member.status, 200, `INQDEMO member ${name}`);
    assert.deepEqual(answerOf(member.body.inquiry.x12, `INQDEMO member ${name}`), rejection(INQDEMO_UNKNOWN_MEMBER), `INQDEMO member ${name}`);

    const receiver = await post('/inquiry/x12', JSON.stringify({ x12: withReceiver(inquiry, name) }));
    assert.equal(receiver.status, 200, `inquiry receiver ${name}`);
    assert.deepEqual(answerOf(receiver.body.inquiry.x12, `inquiry receiver ${name}`), tst2, `inquiry receiver ${name}`);

    const clearinghouse = await post('/submission/x12', JSON.stringify({ x12: withReceiver(example('submission-ambulance-a1.x12'), name) }));
    assert.equal(clearinghouse.status, 200, `clearinghouse ${name}`);
    assert.deepEqual(answerOf(clearinghouse.body.submission.x12, `clearinghouse ${name}`), rejection(UNKNOWN_RECEIVER), `clearinghouse ${name}`);

    const notice = await post('/noa/x12', JSON.stringify({ x12: withMember(example('notice-of-admission.x12'), name) }));
    assert.equal(notice.status, 200, `NOA member ${name}`);
    assert.deepEqual(answerOf(notice.body.noa.x12, `NOA member ${name}`), rejection(NOA_UNKNOWN_MEMBER), `NOA member ${name}`);
  }
});

test('JSON requests naming Object members as IDs, or carrying them as field names, get plain answers', async () => {
  const inquiry = optumJson('user-inquiry-request-subscriber.json');
  const submission = { ...optumJson('user-submission-request-subscriber.json'), senderId: '278_217_01_A1', umClearingHouseId: '278_217_01_A1' };
  for (const name of NAMES) {
    const member = await post('/inquiry', JSON.stringify({ ...inquiry, payerId: 'INQDEMO', umClearingHouseId: 'INQDEMO', subscriber: { ...(inquiry.subscriber as object), memberId: name } }));
    assert.equal(member.status, 200, `JSON INQDEMO member ${name}`);
    assert.deepEqual(answerOf(member.body.inquiry.x12, `JSON INQDEMO member ${name}`), rejection(INQDEMO_UNKNOWN_MEMBER), `JSON INQDEMO member ${name}`);

    const receiver = await post('/inquiry', JSON.stringify({ ...inquiry, payerId: name, umClearingHouseId: name }));
    assert.equal(receiver.status, 200, `JSON inquiry receiver ${name}`);
    assert.deepEqual(answerOf(receiver.body.inquiry.x12, `JSON inquiry receiver ${name}`), rejection(UNKNOWN_RECEIVER), `JSON inquiry receiver ${name}`);

    const clearinghouse = await post('/submission', JSON.stringify({ ...submission, senderId: name, umClearingHouseId: name }));
    assert.equal(clearinghouse.status, 200, `JSON clearinghouse ${name}`);
    assert.deepEqual(answerOf(clearinghouse.body.submission.x12, `JSON clearinghouse ${name}`), rejection(UNKNOWN_RECEIVER), `JSON clearinghouse ${name}`);

    // As a field name: an unknown field, left out of the X12; the request is still answered as 278_217_01_A1.
    const text = JSON.stringify(submission).replace('"subscriber":{', `"subscriber":{"${name}":"X",`);
    const field = await post('/submission', text);
    assert.equal(field.status, 200, `JSON field ${name}`);
    assert.deepEqual(answerOf(field.body.submission.x12, `JSON field ${name}`).hcr?.slice(0, 2), ['A1', 'A217000001'], `JSON field ${name}`);
  }
});
