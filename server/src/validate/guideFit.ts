// Which 278 guide a transaction's content reads as, when that differs from the guide ST03/GS08 name: BHT02 codes that
// belong to another guide's variant, and review decisions (HCR) in a notification acknowledgment. Used to give one
// guide-mismatch warning on ST03 instead of a cascade of placement problems.

import type { SegmentTable } from '../x12/scanner';
import { segmentType } from '../x12/scanner';
import type { TransactionSpan } from '../x12/envelope';
import type { Guide } from '../guide/types';
import { GUIDES } from '../guide/guides';

/** The one guide variant of another guide ID than `version` that BHT02 selects; undefined when none or several. */
export function guideForBht02(version: string, bht02: string): Guide | undefined {
  let found: Guide | undefined;
  for (const g of GUIDES) {
    if (g.id === version || !g.bht02.includes(bht02)) continue;
    if (found && found.id !== g.id) return undefined;
    found ??= g;
  }
  return found;
}

/** Whether the BHT02 list of every variant of `version` is confirmed (so an unknown BHT02 is a confirmed error). */
export function bht02Confirmed(version: string): boolean {
  for (const g of GUIDES) {
    if (g.id !== version) continue;
    const bht = g.header[1];
    if ((bht.elements?.[2]?.confidence ?? bht.confidence ?? 'C') === 'I') return false;
  }
  return true;
}

const HCR_TYPE = segmentType('HCR');

/** Whether the transaction carries a review decision (HCR): what a review response has and an acknowledgment lacks. */
export function hasReviewDecision(t: SegmentTable, span: TransactionSpan): boolean {
  const end = span.se >= 0 ? span.se : span.last;
  for (let s = span.st; s <= end; s++) if (t.types[s] === HCR_TYPE) return true;
  return false;
}

/** "a prior authorization response (X217)" */
export function guidePhrase(g: Guide): string {
  return `${/^[AEIOU]/i.test(g.name) ? 'an' : 'a'} ${g.name.charAt(0).toLowerCase()}${g.name.slice(1)}`;
}
