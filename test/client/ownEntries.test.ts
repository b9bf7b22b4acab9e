// The client's tables answer only their own entries: a guide version, decision code, level code or canned value named
// like a member of Object (constructor, __proto__, toString) reads as an unknown value, through the client's functions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactHeaders, redactJson } from '../../client/src/api/redact';
import { endpointForX12 } from '../../client/src/api/route';
import { outcomeOfDecision, summarizeResponse } from '../../client/src/api/summary';
import { decisionFromX12 } from '../../client/src/decision/x12';
import { sandboxProblem } from '../../client/src/sandboxValues';
import { EXAMPLES } from '../helpers/fixtures';
import { withMember, withReceiver } from '../helpers/x12edit';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');

test('a guide version named like an Object member routes nowhere', () => {
  const request = example('submission-ambulance-a1.x12');
  assert.equal(endpointForX12(request), 'submission');
  for (const name of NAMES) {
    assert.equal(endpointForX12(request.replace('ST*278*0001*005010X217', `ST*278*0001*${name}`).replace('*X*005010X217~', `*X*${name}~`)), undefined, `ST03 ${name}`);
    assert.equal(endpointForX12(request.replace(/ST\*278\*0001\*005010X217~\n?/, '').replace('*X*005010X217~', `*X*${name}~`)), undefined, `GS08 ${name}`);
  }
});

test('a decision code or level code named like an Object member is read as unknown', () => {
  const response = example('inquiry-response-approved.x12');
  for (const name of NAMES) {
    assert.equal(outcomeOfDecision(name), 'none', `outcome of ${name}`);
    const decided = response.replace('HCR*A1*A12345678~', `HCR*${name}*A12345678~`);
    const summary = summarizeResponse(decided);
    assert.equal(summary.outcome, 'none', `summary outcome of HCR01 ${name}`);
    assert.equal(summary.decisions[0]?.words, `decision ${name}`);
    const model = decisionFromX12(decided, { endpoint: 'Inquiry', environment: 'Local sandbox', production: false, at: 0, request: 'response.x12' }, []);
    assert.equal(model.event?.outcome, 'unknown', `decision model of HCR01 ${name}`);

    const rejected = response.replace('HL*4*3*EV*1~', `HL*4*3*${name}*1~`).replace('HCR*A1*A12345678~', 'AAA*N**75*C~');
    const rejection = summarizeResponse(rejected).rejections[0];
    assert.equal(rejection?.where, 'response', `rejection under HL03 ${name}`);
  }
});

test('canned values named like Object members are not sandbox values before a send', () => {
  const inquiry = example('inquiry-tst2.x12');
  assert.equal(sandboxProblem(inquiry, 'x12', 'inquiry'), undefined);
  for (const name of NAMES) {
    assert.match(sandboxProblem(withMember(inquiry, name), 'x12', 'inquiry') ?? '', /is not one of the sandbox members/, `member ${name}`);
    assert.match(sandboxProblem(withReceiver(inquiry, name), 'x12', 'inquiry') ?? '', /is not one of the sandbox receivers/, `receiver ${name}`);
    assert.match(sandboxProblem(withReceiver(example('submission-ambulance-a1.x12'), name), 'x12', 'submission') ?? '', /is not one of the sandbox clearinghouse IDs/, `clearinghouse ${name}`);
    assert.match(sandboxProblem('', 'json', 'submission', { umClearingHouseId: name }) ?? '', /is not one of the sandbox clearinghouse IDs/, `JSON clearinghouse ${name}`);
  }
});

test('redaction keeps a field named __proto__ as a field', () => {
  const body = JSON.parse('{"__proto__": {"client_secret": "s3cr3t-value"}, "constructor": "c", "error": "x"}') as unknown;
  const redacted = redactJson(body) as Record<string, unknown>;
  assert.equal(JSON.stringify(redacted), '{"__proto__":{"client_secret":"[redacted]"},"constructor":"c","error":"x"}');
  assert.equal(Object.getPrototypeOf(redacted), Object.prototype);
  const headers = redactHeaders(JSON.parse('{"__proto__": "p", "authorization": "Bearer t"}') as Record<string, string>);
  assert.equal(JSON.stringify(headers), '{"__proto__":"p","authorization":"Bearer [redacted]"}');
});
