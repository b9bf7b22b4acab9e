// Incremental re-validation must give exactly what a full validation of the edited text gives: the same problems,
// the same structure (spans, guides, per-segment matches and loops, loop ranges).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { analyzeDocument, type DocumentAnalysis } from '../../server/src/validate/document';
import { reanalyzeDocument, changedRange, type TextChange } from '../../server/src/validate/incremental';
import type { LoopNode, TransactionAnalysis } from '../../server/src/validate/transaction';
import { contextOf } from '../../server/src/features/locate';
import { generateBatch } from '../bench/generate';
import { EXAMPLES, listFiles } from '../helpers/fixtures';

function nodes(roots: readonly LoopNode[]): string[] {
  const out: string[] = [];
  const visit = (n: LoopNode, depth: number) => {
    out.push(`${'.'.repeat(depth)}${n.def.id}:${n.first}-${n.last}`);
    [...n.children].sort((a, b) => a.first - b.first).forEach((c) => visit(c, depth + 1));
  };
  roots.forEach((r) => visit(r, 0));
  return out;
}

function shape(a: DocumentAnalysis): unknown {
  const t = a.table;
  return {
    problems: a.problems,
    segments: Array.from({ length: t.segmentCount }, (_, s) => `${t.ids[s]}@${t.segStart[s]}-${t.segEnd[s]}:${t.segElem[s]}:${a.matches[s]?.name ?? '-'}:${contextOf(a, s).loop?.def.id ?? '-'}`),
    elements: Array.from(t.elemStart),
    transactions: a.transactions.map((tx) => ({ span: tx.span, guide: tx.guide?.id, variant: tx.guide?.variant, nodes: nodes(tx.roots) })),
  };
}

function check(before: string, after: string, change?: TextChange): void {
  const full = shape(analyzeDocument(after));
  assert.deepEqual(shape(reanalyzeDocument(analyzeDocument(before), after)), full);
  if (change) assert.deepEqual(shape(reanalyzeDocument(analyzeDocument(before), after, change)), full, 'with the editor\'s change range');
}

const batch = generateBatch(40);
const examples = listFiles(EXAMPLES, '.x12').map((p) => readFileSync(p, 'utf8'));
/** The same files on one line, as Optum's API wants them: segments meet with no line break in between. */
const oneLine = [batch, ...examples].map((text) => text.replace(/~\n/g, '~'));
const texts = [batch, ...examples, ...oneLine];
// Empty segments ("~~") next to envelope segments are boundary cases of the incremental path.
const pieces = fc.constantFrom('*', '~', '~\n', '~~', '~ ~', ':', '^', 'X', '7', '', 'NM1*IL*1*DOE~', 'HL*9*8*SS*0~', 'DTP*472*D8*20260230~', 'SE*1*1~', 'ST*278*9~', '~ST*278*9~', ' ');

test('changedRange finds the edited span', () => {
  assert.deepEqual(changedRange('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3 });
  assert.deepEqual(changedRange('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
  assert.deepEqual(changedRange('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
});

test('a one-character edit inside a transaction re-analyses that transaction only, with the same result', () => {
  const lines = batch.split('\n');
  const line = lines.findIndex((l, i) => i > 200 && l.startsWith('NM1*IL'));
  lines[line] = lines[line].replace(/\d(?=[^*]*$)/, '7');
  check(batch, lines.join('\n'));
  const prev = analyzeDocument(batch);
  const firstRoots = prev.transactions[0].roots;
  const lastRoots = prev.transactions[prev.transactions.length - 1].roots;
  const next = reanalyzeDocument(prev, lines.join('\n'));
  assert.equal(next.transactions[0].roots, firstRoots, 'untouched transactions keep their analysis');
  assert.equal(next.transactions[next.transactions.length - 1].roots, lastRoots);
  // A re-analysed transaction gets new loop entries; the others keep theirs.
  const reanalysed = (tx: TransactionAnalysis, i: number) => tx.nodeFrom !== prev.transactions[i].nodeFrom;
  const changed = next.transactions.findIndex(reanalysed);
  assert.equal(next.transactions.filter(reanalysed).length, 1, 'exactly one transaction was re-analysed');
  assert.ok(changed > 0);
});

test('random edits anywhere give what a full validation gives', () => {
  fc.assert(
    fc.property(
      fc.nat({ max: texts.length - 1 }),
      fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.oneof(pieces, fc.string({ maxLength: 6 })) }), { minLength: 1, maxLength: 3 }),
      (which, edits) => {
        let before = texts[which];
        for (const e of edits) {
          const at = e.at % (before.length + 1);
          const removed = Math.min(e.remove, before.length - at);
          const after = before.slice(0, at) + e.insert + before.slice(at + removed);
          check(before, after, { start: at, oldEnd: at + removed, newEnd: at + e.insert.length });
          before = after;
        }
      },
    ),
    { seed: 1801, numRuns: 300 },
  );
});

test('an empty segment right before an ST stays reported after an edit in that transaction (one-line batch)', () => {
  const line = oneLine[0];
  const st = line.indexOf('~ST*', line.indexOf('~ST*') + 1) + 1; // the second transaction's ST
  const withEmpty = line.slice(0, st) + '~' + line.slice(st);
  const emptyAt = st;
  const before = analyzeDocument(withEmpty);
  assert.ok(before.problems.some((p) => p.code === 'empty-segment' && p.start === emptyAt));
  const nm1 = withEmpty.indexOf('NM1*IL', st);
  const at = withEmpty.indexOf('~', nm1) - 1;
  const after = withEmpty.slice(0, at) + '4' + withEmpty.slice(at + 1);
  const next = reanalyzeDocument(analyzeDocument(withEmpty), after, { start: at, oldEnd: at + 1, newEnd: at + 1 });
  assert.ok(next.problems.some((p) => p.code === 'empty-segment' && p.start === emptyAt), 'the empty segment is still reported');
  check(withEmpty, after, { start: at, oldEnd: at + 1, newEnd: at + 1 });
});

test('edits that change segment counts inside a transaction shift everything after it correctly', () => {
  const lines = batch.split('\n');
  const at = lines.findIndex((l, i) => i > 100 && l.startsWith('DTP*472'));
  const added = [...lines.slice(0, at), 'MSG*ADDED LINE~', ...lines.slice(at)].join('\n');
  check(batch, added);
  const removed = [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n');
  check(batch, removed);
});

test('an edit of SE01 re-analyses its transaction only and reports the wrong count', () => {
  const lines = batch.split('\n');
  const se = lines.findIndex((l, i) => i > 200 && l.startsWith('SE*'));
  lines[se] = lines[se].replace(/^SE\*\d/, 'SE*9');
  const after = lines.join('\n');
  check(batch, after);
  const prev = analyzeDocument(batch);
  const kept = prev.transactions.map((tx) => tx.roots);
  const next = reanalyzeDocument(prev, after);
  assert.equal(next.transactions.filter((tx, i) => tx.roots !== kept[i]).length, 1);
  assert.ok(next.problems.some((p) => p.code === 'se01-count'));
});

test('a change range wider than the real change, or one that does not fit the texts, still gives the full result', () => {
  const lines = batch.split('\n');
  const line = lines.findIndex((l, i) => i > 200 && l.startsWith('NM1*IL'));
  const at = lines.slice(0, line).join('\n').length + 1 + lines[line].length - 1;
  const after = batch.slice(0, at) + '4' + batch.slice(at + 1);
  check(batch, after, { start: at - 5, oldEnd: at + 3, newEnd: at + 3 });
  check(batch, after, { start: at, oldEnd: at + 1, newEnd: at + 2 });
  check(batch, after, { start: at, oldEnd: batch.length + 9, newEnd: after.length + 9 });
});

test('a long run of edits in one transaction stays equal to a full validation, also after the loop pool is renewed', () => {
  const lines = batch.split('\n');
  const line = lines.findIndex((l, i) => i > 200 && l.startsWith('NM1*IL'));
  const at = lines.slice(0, line).join('\n').length + 1 + lines[line].length - 1;
  let text = batch;
  let analysis = analyzeDocument(text);
  const pool = analysis.transactions[0].pool;
  let renewed = false;
  // Each edit leaves the edited transaction's old loops behind in the pool; once they outnumber the live ones, a full
  // analysis starts a new pool.
  for (let i = 0; i < 2 * analysis.transactions.length; i++) {
    const next = text.slice(0, at) + String(i % 10) + text.slice(at + 1);
    analysis = reanalyzeDocument(analysis, next, { start: at, oldEnd: at + 1, newEnd: at + 1 });
    text = next;
    if (analysis.transactions[0].pool !== pool) renewed = true;
    if (i % 10 === 0 || renewed) assert.deepEqual(shape(analysis), shape(analyzeDocument(text)), `after edit ${i + 1}`);
    if (renewed) break;
  }
  assert.ok(renewed, 'the pool was renewed');
});
