// Deeply nested JSON requests get one clear problem instead of overflowing the stack of a recursive walk.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeJsonRequest } from '../../server/src/validate/jsonRequest';
import { MAX_JSON_DEPTH } from '../../server/src/validate/jsonDepth';
import { nestedJson as nested } from '../helpers/nestedJson';

test('3,000 nested arrays and 10,000 nested objects get one json-too-deep problem', () => {
  for (const text of [nested('arrays', 3000), nested('objects', 10_000), nested('arrays', 200_000)]) {
    const { problems } = analyzeJsonRequest(text, 'inquiry');
    assert.deepEqual(problems.map((p) => p.code), ['json-too-deep']);
    assert.equal(text[problems[0].start], text.includes('[[') ? '[' : '{');
    assert.match(problems[0].message, /more than 64 levels deep/);
  }
});

test('nesting up to the limit is checked as usual', () => {
  // The body itself is level 1, "subscriber" opens level 2.
  const { problems } = analyzeJsonRequest(nested('objects', MAX_JSON_DEPTH - 1), 'inquiry');
  assert.ok(!problems.some((p) => p.code === 'json-too-deep'));
  assert.ok(problems.some((p) => p.code === 'json-field'));
});
