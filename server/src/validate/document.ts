// Validates a whole document: scan, envelope, then each transaction set. Never throws.

import type { Problem } from '../problems/problem';
import { CATALOG } from '../problems/catalog';
import { detectDelimiters } from '../x12/delimiters';
import { emptyTable, scanSegments, segmentType, type SegmentTable } from '../x12/scanner';
import { buildEnvelope, type Envelope } from '../x12/envelope';
import { elementValue } from '../x12/segments';
import { Reporter } from './reporter';
import { checkEnvelope } from './envelopeRules';
import { analyzeTransaction, type TransactionAnalysis } from './transaction';
import { LoopPool } from './loopPool';
import type { GuideSegment } from '../guide/types';
import { SEGMENTS } from '../guide/segments';

// Every dictionary segment ID gets its number before any document is read: the process-wide ID table has a fixed
// capacity, and junk IDs typed over a long session must never leave a real segment without one.
for (const id of Object.keys(SEGMENTS)) segmentType(id);

export interface DocumentAnalysis {
  readonly table: SegmentTable;
  readonly envelope: Envelope;
  /** Transaction analyses in document order. */
  readonly transactions: TransactionAnalysis[];
  /** Matched guide segment per segment (absolute indexes), shared by the transactions; see loopOf for loops. */
  readonly matches: (GuideSegment | undefined)[];
  /** Problems found while finding the delimiters and scanning. */
  readonly scanProblems: Problem[];
  /** Whether the first ISA is laid out at its fixed widths. */
  readonly fixedWidthIsa: boolean;
  /** Every problem, ordered by start offset. */
  readonly problems: Problem[];
}

function byOffset(a: Problem, b: Problem): number {
  return a.start - b.start || a.end - b.end;
}

/** Envelope nesting and envelope rules, then every transaction's problems, in offset order. */
export function collectProblems(scanProblems: readonly Problem[], envelope: Envelope, envelopeRuleProblems: readonly Problem[], transactions: readonly TransactionAnalysis[]): Problem[] {
  const problems: Problem[] = [...scanProblems, ...envelope.problems, ...envelopeRuleProblems];
  for (const tx of transactions) for (const p of tx.problems) problems.push(p);
  problems.sort(byOffset);
  return problems;
}

export function checkEnvelopeRules(table: SegmentTable, envelope: Envelope, fixedWidthIsa: boolean): Problem[] {
  const r = new Reporter();
  checkEnvelope(table, envelope, fixedWidthIsa, r);
  return r.problems;
}

export function analyzeDocument(text: string): DocumentAnalysis {
  const found = detectDelimiters(text);
  const scanProblems: Problem[] = [...found.problems];
  if (!found.delimiters) {
    const table = emptyTable(text);
    return { table, envelope: { interchanges: [], problems: [] }, transactions: [], matches: [], scanProblems, fixedWidthIsa: false, problems: scanProblems.slice() };
  }
  const table = scanSegments(text, found.delimiters, found.isaStart, text.length, scanProblems);
  const envelope = buildEnvelope(table);
  const envelopeRuleProblems = checkEnvelopeRules(table, envelope, found.fixedWidth);
  const transactions: TransactionAnalysis[] = [];
  // One per-segment array and one loop pool for the whole document, shared by its transactions' analyses.
  const matches = new Array<GuideSegment | undefined>(table.segmentCount);
  const pool = new LoopPool();
  for (const ic of envelope.interchanges) {
    for (const group of ic.groups) {
      const version = group.gs >= 0 ? elementValue(table, group.gs, 8) : '';
      for (const tx of group.transactions) transactions.push(analyzeTransaction(table, tx, version, matches, pool));
    }
  }
  const problems = collectProblems(scanProblems, envelope, envelopeRuleProblems, transactions);
  return { table, envelope, transactions, matches, scanProblems, fixedWidthIsa: found.fixedWidth, problems };
}

/** Keeps the first `limit` problems and adds one saying how many more there were. */
export function capProblems(problems: readonly Problem[], limit: number): Problem[] {
  if (problems.length <= limit) return problems.slice();
  const kept = problems.slice(0, limit);
  const next = problems[limit];
  const more = problems.length - limit;
  kept.push({
    code: 'too-many-problems',
    severity: CATALOG['too-many-problems'].severity,
    start: next.start,
    end: next.end,
    message: `${more} more problem${more === 1 ? '' : 's'} not shown (the limit is ${limit} per document). Fix the ones above first; they often cause the rest.`,
  });
  return kept;
}
