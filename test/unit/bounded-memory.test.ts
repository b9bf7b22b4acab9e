// Memory per document is bounded: nothing keyed on segment IDs outlives its document or grows with edits.
// The live heap is measured after full collections and compared with the document's size, never with a time.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeDocument } from '../../server/src/validate/document';
import { reanalyzeDocument } from '../../server/src/validate/incremental';
import { scan } from '../../server/src/x12/scanner';
import { EXAMPLES } from '../helpers/fixtures';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function liveHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const example = readFileSync(join(EXAMPLES, 'inquiry-tst2.x12'), 'utf8');

test('junk segment IDs filling the process-wide ID table never leave a real segment without its guide match', () => {
  // Thousands of distinct short IDs, as a long editing session of typos could produce.
  const junk = Array.from({ length: 6000 }, (_, i) => `Q${i.toString(36).toUpperCase()}*1~`).join('\n');
  const isa = example.slice(0, example.indexOf('~') + 1);
  scan(`${isa}\n${junk}`);
  const analysis = analyzeDocument(example);
  assert.deepEqual(analysis.problems, []);
  // Type 0 is shared by IDs past the table's capacity; a real segment keeps a number of its own.
  assert.deepEqual(analysis.table.ids.filter((_, s) => analysis.table.types[s] === 0), []);
});

test('edits inside a megabyte-long segment without element separators keep the heap flat', () => {
  const size = 1_000_000;
  const se = example.indexOf('\nSE*');
  const text = example.slice(0, se) + '\nZ' + 'X'.repeat(size) + '~' + example.slice(se);
  const inside = se + 2 + size / 2;
  let current = text;
  let analysis = analyzeDocument(current);
  // Warm-up: one edit, so the baseline includes one edited analysis.
  const edit = (i: number) => {
    const at = inside + i * 7;
    const next = current.slice(0, at) + String.fromCharCode(65 + (i % 26)) + current.slice(at + 1);
    analysis = reanalyzeDocument(analysis, next, { start: at, oldEnd: at + 1, newEnd: at + 1 });
    current = next;
  };
  edit(0);
  const baseline = liveHeap();
  for (let i = 1; i <= 60; i++) edit(i);
  const grown = liveHeap() - baseline;
  assert.ok(analysis.problems.some((p) => p.code === 'unknown-segment' && p.message.length < 200), 'the long ID is reported, shortened');
  // One document's text and tables are a few times its size; 60 kept copies of the long ID would be 60 MB.
  assert.ok(grown < 4 * text.length, `the live heap grew by ${(grown / 1e6).toFixed(1)} MB over 60 edits of a ${(text.length / 1e6).toFixed(1)} MB document`);
});
