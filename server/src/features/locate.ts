// Finds what is at an offset: the segment, the element, the component, and the guide context around it.

import type { DocumentAnalysis } from '../validate/document';
import { loopOf, type LoopNode, type TransactionAnalysis } from '../validate/transaction';
import type { SegmentTable } from '../x12/scanner';
import { elementAt, elementEnd, elementStart, segmentAt, splitSpan, type Span } from '../x12/segments';
import type { GuideSegment } from '../guide/types';

export interface Located {
  readonly seg: number;
  /** Element position (0 = the segment ID). */
  readonly pos: number;
  /** 1-based component index when the element has components, else 0. */
  readonly component: number;
  /** The element's full span (all repetitions and components). */
  readonly elementSpan: Span;
  /** The smallest unit under the offset: the ID, an element, or one component of one repetition. */
  readonly span: Span;
  readonly transaction?: TransactionAnalysis;
  readonly match?: GuideSegment;
  readonly loop?: LoopNode;
}

/** The transaction whose ST…SE contains the segment, by binary search over the document's transactions. */
export function transactionOf(analysis: DocumentAnalysis, seg: number): TransactionAnalysis | undefined {
  const list = analysis.transactions;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = list[mid].span;
    const last = Math.max(span.last, span.se);
    if (seg < span.st) hi = mid - 1;
    else if (seg > last) lo = mid + 1;
    else return list[mid];
  }
  return undefined;
}

export function contextOf(analysis: DocumentAnalysis, seg: number): { transaction?: TransactionAnalysis; match?: GuideSegment; loop?: LoopNode } {
  const transaction = transactionOf(analysis, seg);
  if (!transaction) return {};
  return { transaction, match: transaction.matches[seg], loop: loopOf(transaction, seg) };
}

/** Splits an element span into repetitions and components and returns the component under `offset`. */
function componentAt(t: SegmentTable, span: Span, offset: number, isa: boolean): { component: number; span: Span } {
  const d = t.delimiters;
  if (!d || isa) return { component: 0, span };
  const reps = splitSpan(t.text, span.start, span.end, d.repetition);
  const rep = reps.find((r) => offset >= r.start && offset <= r.end) ?? reps[0];
  const parts = splitSpan(t.text, rep.start, rep.end, d.component);
  if (parts.length === 1) return { component: 0, span: rep };
  const index = parts.findIndex((p) => offset >= p.start && offset <= p.end);
  const i = index < 0 ? 0 : index;
  return { component: i + 1, span: parts[i] };
}

export function locate(analysis: DocumentAnalysis, offset: number): Located | undefined {
  const t = analysis.table;
  const seg = segmentAt(t, offset);
  if (seg < 0 || offset > t.segEnd[seg]) return undefined;
  const pos = elementAt(t, seg, offset);
  if (pos < 0) return undefined;
  const start = elementStart(t, seg, pos);
  const end = elementEnd(t, seg, pos);
  const elementSpan = { start, end };
  const { component, span } = pos === 0 ? { component: 0, span: elementSpan } : componentAt(t, elementSpan, offset, t.ids[seg] === 'ISA');
  return { seg, pos, component, elementSpan, span, ...contextOf(analysis, seg) };
}
