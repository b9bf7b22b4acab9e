// Validates a whole document: scan, envelope, then each transaction set. Never throws.

import type { Problem } from '../problems/problem';
import { CATALOG } from '../problems/catalog';
import { detectDelimiters } from '../x12/delimiters';
import { emptyTable, scanSegments, type SegmentTable } from '../x12/scanner';
import { buildEnvelope, type Envelope } from '../x12/envelope';
import { elementValue } from '../x12/segments';
import { Reporter } from './reporter';
import { checkEnvelope } from './envelopeRules';
import { analyzeTransaction, type LoopNode, type TransactionAnalysis } from './transaction';
import type { GuideSegment } from '../guide/types';

export interface DocumentAnalysis {
  readonly table: SegmentTable;
  readonly envelope: Envelope;
  /** Transaction analyses in document order. */
  readonly transactions: TransactionAnalysis[];
  /** Every problem, ordered by start offset. */
  readonly problems: Problem[];
}

export function analyzeDocument(text: string): DocumentAnalysis {
  const found = detectDelimiters(text);
  const problems: Problem[] = [...found.problems];
  if (!found.delimiters) {
    const table = emptyTable(text);
    return { table, envelope: { interchanges: [], problems: [] }, transactions: [], problems };
  }
  const table = scanSegments(text, found.delimiters, found.isaStart, text.length, problems);
  const envelope = buildEnvelope(table);
  problems.push(...envelope.problems);
  const r = new Reporter();
  checkEnvelope(table, envelope, found.fixedWidth, r);
  problems.push(...r.problems);
  const transactions: TransactionAnalysis[] = [];
  // One pair of per-segment arrays for the whole document, shared by its transactions' analyses.
  const matches = new Array<GuideSegment | undefined>(table.segmentCount);
  const loops = new Array<LoopNode | undefined>(table.segmentCount);
  for (const ic of envelope.interchanges) {
    for (const group of ic.groups) {
      const version = group.gs >= 0 ? elementValue(table, group.gs, 8) : '';
      for (const tx of group.transactions) {
        const analysis = analyzeTransaction(table, tx, version, matches, loops);
        transactions.push(analysis);
        for (const p of analysis.problems) problems.push(p);
      }
    }
  }
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return { table, envelope, transactions, problems };
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
