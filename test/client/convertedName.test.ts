// The names converted documents open under: they decide the language, the JSON schema, the 278 rules and the name
// Save writes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseName, convertedName, numberedName } from '../../client/src/convertedName';

test('converted names: X12 requests become <name>.<kind>.json, JSON requests <name>.x12', () => {
  assert.equal(convertedName({ sourceName: 'inquiry-tst2.x12', target: 'json', kind: 'inquiry', variant: 'request' }), 'inquiry-tst2.inquiry.json');
  assert.equal(convertedName({ sourceName: 'submission-ambulance-a1.x12', target: 'json', kind: 'submission', variant: 'request' }), 'submission-ambulance-a1.submission.json');
  assert.equal(convertedName({ sourceName: 'notice-of-admission.x12', target: 'json', kind: 'noa', variant: 'request' }), 'notice-of-admission.noa.json');
  assert.equal(convertedName({ sourceName: 'a.EDI', target: 'json', kind: 'inquiry' }), 'a.inquiry.json');
  assert.equal(convertedName({ sourceName: 'inquiry-tst1.inquiry.json', target: 'x12', kind: 'inquiry' }), 'inquiry-tst1.x12');
  assert.equal(convertedName({ sourceName: 'submission-pended.submission.json', target: 'x12', kind: 'submission' }), 'submission-pended.x12');
  assert.equal(convertedName({ sourceName: 'body.json', target: 'x12', kind: 'noa' }), 'body.x12');
  assert.equal(convertedName({ sourceName: 'Untitled-1', target: 'json', kind: 'inquiry' }), 'Untitled-1.inquiry.json');
  assert.equal(convertedName({ sourceName: 'any.278.json', target: 'x12' }), 'any.x12');
});

test('converted names: a response is not a request body, so it is named .response.json', () => {
  assert.equal(convertedName({ sourceName: 'inquiry-tst2.response.x12', target: 'json', kind: 'inquiry', variant: 'response' }), 'inquiry-tst2.response.json');
  assert.equal(convertedName({ sourceName: 'inquiry-response-approved.x12', target: 'json', kind: 'inquiry', variant: 'response' }), 'inquiry-response-approved.response.json');
});

test('converted names: a taken name is numbered before its extensions; odd names still get one', () => {
  assert.equal(numberedName('a.inquiry.json', 1), 'a.inquiry.json');
  assert.equal(numberedName('a.inquiry.json', 2), 'a-2.inquiry.json');
  assert.equal(numberedName('a.response.json', 3), 'a-3.response.json');
  assert.equal(numberedName('a.x12', 2), 'a-2.x12');
  assert.equal(baseName('.x12'), 'converted');
  assert.equal(baseName('x.jsonc'), 'x');
});
