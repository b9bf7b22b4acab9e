// Re-validation after an edit: when the change lies inside one transaction set (from its ST to its SE), only that
// transaction is rescanned and re-analysed; the other transactions' analyses are kept, shifted to their new offsets,
// and the envelope and its rules (counts, control numbers) are checked again over the whole document, which is cheap.
// Anything else (ISA/GS/GE/IEA edits, edits across transactions, an ST or SE split or joined) falls back to a full
// analysis. Either way the result equals analyzeDocument(text); the property tests hold it to that.

import type { Problem } from '../problems/problem';
import { scanSegments, type SegmentTable } from '../x12/scanner';
import { buildEnvelope } from '../x12/envelope';
import { elementValue } from '../x12/segments';
import type { GuideSegment } from '../guide/types';
import { analyzeDocument, checkEnvelopeRules, collectProblems, type DocumentAnalysis } from './document';
import { analyzeTransaction, type TransactionAnalysis } from './transaction';

const ENVELOPE_IDS = new Set(['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA']);

/** The changed range: [start, oldEnd) in the old text became [start, newEnd) in the new one. */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** The smallest changed range, by comparing the texts from both ends. */
export function changedRange(oldText: string, text: string): TextChange {
  const min = Math.min(oldText.length, text.length);
  let start = 0;
  while (start < min && oldText.charCodeAt(start) === text.charCodeAt(start)) start++;
  let tail = 0;
  const maxTail = min - start;
  while (tail < maxTail && oldText.charCodeAt(oldText.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  return { start, oldEnd: oldText.length - tail, newEnd: text.length - tail };
}

/** Index of the transaction whose segments, ST to SE, hold [start, oldEnd), or -1. */
function enclosingTransaction(prev: DocumentAnalysis, start: number, oldEnd: number): number {
  const t = prev.table;
  const list = prev.transactions;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = list[mid].span;
    if (t.segStart[span.st] > start) hi = mid - 1;
    else if (span.se >= 0 && t.segEnd[span.se] < start) lo = mid + 1;
    else {
      if (span.se < 0 || oldEnd > t.segEnd[span.se]) return -1;
      return mid;
    }
  }
  return -1;
}

function splice32(old: Int32Array, from: number, to: number, middle: Int32Array, shiftTail: number, middleShift = 0): Int32Array {
  const out = new Int32Array(old.length - (to - from) + middle.length);
  out.set(old.subarray(0, from));
  if (middleShift === 0) out.set(middle, from);
  else for (let i = 0; i < middle.length; i++) out[from + i] = middle[i] + middleShift;
  const base = from + middle.length;
  if (shiftTail === 0) out.set(old.subarray(to), base);
  else for (let i = to; i < old.length; i++) out[base + i - to] = old[i] + shiftTail;
  return out;
}

function spliceArray<T extends Uint8Array | Uint16Array>(old: T, from: number, to: number, middle: T, make: (n: number) => T): T {
  const out = make(old.length - (to - from) + middle.length);
  out.set(old.subarray(0, from));
  out.set(middle, from);
  out.set(old.subarray(to), from + middle.length);
  return out;
}

/** `old` with [from, to) replaced by `middle`: in place when the length stays (`old` belongs to the consumed analysis). */
function spliceList<T>(old: T[], from: number, to: number, middle: readonly T[]): T[] {
  if (to - from !== middle.length) return old.slice(0, from).concat(middle, old.slice(to));
  for (let i = 0; i < middle.length; i++) old[from + i] = middle[i];
  return old;
}

function shiftProblem(p: Problem, delta: number): Problem {
  const shifted: Problem = { ...p, start: p.start + delta, end: p.end + delta };
  return p.fix ? { ...shifted, fix: { ...p.fix, start: p.fix.start + delta, end: p.fix.end + delta } } : shifted;
}

/** A change that fits both texts; anything else means the caller's bookkeeping is off, so it is not trusted. */
function fits(change: TextChange, oldLength: number, newLength: number): boolean {
  const { start, oldEnd, newEnd } = change;
  return start >= 0 && start <= oldEnd && start <= newEnd && oldEnd <= oldLength && newEnd <= newLength && oldLength - oldEnd === newLength - newEnd;
}

/**
 * Analyses `text`, an edit of `prev`'s text. `change`, when the caller knows it (an editor's change events), saves
 * comparing the two texts; it may be wider than the real change, never narrower. `prev`'s loop nodes after the edited
 * transaction move with the edit and its per-segment lists are reused, so `prev` must not be used afterwards.
 */
export function reanalyzeDocument(prev: DocumentAnalysis, text: string, change?: TextChange): DocumentAnalysis {
  const old = prev.table;
  const d = old.delimiters;
  if (!d || prev.transactions.length === 0) return analyzeDocument(text);
  const { start, oldEnd, newEnd } = change && fits(change, old.text.length, text.length) ? change : changedRange(old.text, text);
  if (start === oldEnd && start === newEnd) return { ...prev, table: { ...old, text } };
  const index = enclosingTransaction(prev, start, oldEnd);
  if (index < 0) return analyzeDocument(text);
  // The edited transaction's new loops go to the end of the document's pool; its old ones stay behind, unused, until
  // they outnumber the live ones and a full analysis starts a fresh pool.
  const edited = prev.transactions[index];
  const pool = edited.pool;
  pool.dead += edited.nodeTo - edited.nodeFrom;
  if (pool.dead > pool.size / 2) return analyzeDocument(text);
  const delta = text.length - old.text.length;
  const span = edited.span;
  const st = span.st;
  const se = span.se;
  const from = old.segStart[st];
  const to = old.segEnd[se] + delta;

  const miniProblems: Problem[] = [];
  const mini = scanSegments(text, d, from, to, miniProblems);
  const m = mini.segmentCount;
  if (miniProblems.length > 0 || m < 2 || mini.ids[0] !== 'ST' || mini.ids[m - 1] !== 'SE' || mini.segStart[0] !== from || mini.segEnd[m - 1] !== to) {
    return analyzeDocument(text);
  }
  for (let i = 1; i < m - 1; i++) if (ENVELOPE_IDS.has(mini.ids[i])) return analyzeDocument(text);

  const segDelta = m - (se - st + 1);
  const oldElemFrom = old.segElem[st];
  const oldElemTo = old.segElem[se + 1];
  const miniElemCount = mini.segElem[m];
  const elemDelta = miniElemCount - (oldElemTo - oldElemFrom);
  const table: SegmentTable = {
    text,
    delimiters: d,
    segmentCount: old.segmentCount + segDelta,
    segStart: splice32(old.segStart, st, se + 1, mini.segStart, delta),
    segEnd: splice32(old.segEnd, st, se + 1, mini.segEnd, delta),
    segElem: splice32(old.segElem, st, se + 1, mini.segElem.subarray(0, m), elemDelta, oldElemFrom),
    elemStart: splice32(old.elemStart, oldElemFrom, oldElemTo, mini.elemStart.subarray(0, miniElemCount), delta),
    segFlags: spliceArray(old.segFlags, st, se + 1, mini.segFlags, (n) => new Uint8Array(n)),
    types: spliceArray(old.types, st, se + 1, mini.types, (n) => new Uint16Array(n)),
    ids: spliceList(old.ids as string[], st, se + 1, mini.ids),
  };

  const envelope = buildEnvelope(table);
  const matches = spliceList(prev.matches, st, se + 1, new Array<GuideSegment | undefined>(m).fill(undefined));

  const transactions: TransactionAnalysis[] = [];
  for (const ic of envelope.interchanges) {
    for (const group of ic.groups) {
      const version = group.gs >= 0 ? elementValue(table, group.gs, 8) : '';
      for (const newSpan of group.transactions) {
        const j = transactions.length;
        const before = prev.transactions[j];
        if (j === index) {
          transactions.push(analyzeTransaction(table, newSpan, version, matches, pool));
        } else if (j < index) {
          transactions.push(before.moved(newSpan, before.problems, matches));
        } else {
          const problems = delta === 0 ? before.problems : before.problems.map((p) => shiftProblem(p, delta));
          transactions.push(before.moved(newSpan, problems, matches));
        }
      }
    }
  }
  if (transactions.length !== prev.transactions.length) return analyzeDocument(text);

  const txEndOld = old.segEnd[se];
  const scanProblems = prev.scanProblems.flatMap((p) => (p.end <= from ? [p] : p.start > txEndOld ? [shiftProblem(p, delta)] : []));
  const envelopeRuleProblems = checkEnvelopeRules(table, envelope, prev.fixedWidthIsa);
  const problems = collectProblems(scanProblems, envelope, envelopeRuleProblems, transactions);
  return { table, envelope, transactions, matches, scanProblems, fixedWidthIsa: prev.fixedWidthIsa, problems };
}
