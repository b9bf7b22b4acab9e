// What the API refuses with a 400 before any decision: an envelope a payer's translator rejects (counts, control
// numbers, nesting, missing trailers) or a request missing required information. Other problems (a bad date, a code
// the guide does not list) reach the canned decision, as Optum's own slightly-off examples do.

import type { Problem } from '../../server/src/problems/problem';
import type { ProblemCode } from '../../server/src/problems/catalog';
import type { SegmentTable } from '../../server/src/x12/scanner';

const REFUSED: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'not-x12', 'leading-content', 'isa-layout', 'delimiters-clash',
  'envelope-nesting', 'missing-trailer', 'se01-count', 'ge01-count', 'iea01-count',
  'se02-control', 'ge02-control', 'iea02-control', 'st02-duplicate', 'gs08-st03',
  'required-segment', 'required-loop', 'required-element', 'hl-required-level', 'json-syntax',
]);

/** At most this many messages in one 400; the last says how many more there were. */
const MAX_MESSAGES = 10;

export function isRefused(p: Problem): boolean {
  return REFUSED.has(p.code as ProblemCode) && p.severity !== 'information';
}

/** Where a problem is in an X12 request, in words: "segment 26 (SE)". */
export function segmentWhere(t: SegmentTable, offset: number): string {
  let lo = 0;
  let hi = t.segmentCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.segStart[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return t.segmentCount > 0 ? `segment ${lo + 1} (${t.ids[lo]})` : 'the interchange';
}

/** Optum-style error strings for the problems, at most MAX_MESSAGES of them. */
export function errorMessages<T>(problems: readonly T[], describe: (p: T) => string): string[] {
  const shown = problems.slice(0, MAX_MESSAGES).map(describe);
  if (problems.length > MAX_MESSAGES) shown.push(`… and ${problems.length - MAX_MESSAGES} more problems of the same kind.`);
  return shown;
}
