// Property tests: random and mutated X12 never make the parser or validator throw, and offsets stay in bounds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { analyzeDocument } from '../../server/src/validate/document';
import { scan } from '../../server/src/x12/scanner';
import { EXAMPLES, listFiles } from '../helpers/fixtures';

const examples = listFiles(EXAMPLES, '.x12').map((p) => readFileSync(p, 'utf8'));
const delimiterish = fc.constantFrom('*', '~', ':', '^', '\n', '\r', ' ', 'ISA', 'HL*', 'SE*', 'ST*278*', 'GS*', 'NM1*', '', '\u0000', '\uFEFF', '0', 'EV');

function checkInvariants(text: string): void {
  const analysis = analyzeDocument(text);
  for (const p of analysis.problems) {
    assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, `problem ${p.code} at ${p.start}-${p.end} outside 0-${text.length}`);
    assert.ok(p.message.length > 0);
  }
  const t = analysis.table;
  for (let s = 0; s < t.segmentCount; s++) assert.ok(t.segStart[s] <= t.segEnd[s] && t.segEnd[s] <= text.length);
}

test('arbitrary strings never throw', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => checkInvariants(text)), { seed: 1901, numRuns: 500 });
});

test('strings made of X12 pieces never throw', () => {
  fc.assert(fc.property(fc.array(delimiterish, { maxLength: 200 }).map((parts) => parts.join('')), (text) => checkInvariants(text)), { seed: 1902, numRuns: 500 });
});

test('mutated examples never throw', () => {
  const mutation = fc.record({
    example: fc.nat({ max: examples.length - 1 }),
    edits: fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 20 }), insert: fc.oneof(fc.string({ maxLength: 8 }), delimiterish) }), { minLength: 1, maxLength: 6 }),
  });
  fc.assert(
    fc.property(mutation, ({ example, edits }) => {
      let text = examples[example];
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
      }
      checkInvariants(text);
    }),
    { seed: 1903, numRuns: 400 },
  );
});

test('segment boundaries and element values reproduce the text of a valid file', () => {
  for (const text of examples) {
    const { table } = scan(text);
    const rebuilt = Array.from({ length: table.segmentCount }, (_, s) => text.slice(table.segStart[s], table.segEnd[s])).join('~\n') + '~\n';
    assert.equal(rebuilt, text);
  }
});
