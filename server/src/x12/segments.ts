// Read access to one segment of a SegmentTable: element values and offsets, components and repetitions.

import type { SegmentTable } from './scanner';

/** Number of elements after the segment ID (trailing empty elements included). */
export function elementCount(t: SegmentTable, seg: number): number {
  return t.segElem[seg + 1] - t.segElem[seg] - 1;
}

/** Start offset of element `pos` (0 = segment ID), or -1 when the segment has fewer elements. */
export function elementStart(t: SegmentTable, seg: number, pos: number): number {
  const idx = t.segElem[seg] + pos;
  return idx < t.segElem[seg + 1] ? t.elemStart[idx] : -1;
}

/** End offset (exclusive) of element `pos`, or -1 when absent. */
export function elementEnd(t: SegmentTable, seg: number, pos: number): number {
  const idx = t.segElem[seg] + pos;
  const next = t.segElem[seg + 1];
  if (idx >= next) return -1;
  return idx + 1 < next ? t.elemStart[idx + 1] - 1 : t.segEnd[seg];
}

/** The element's text, or '' when the element is absent or empty. */
export function elementValue(t: SegmentTable, seg: number, pos: number): string {
  const idx = t.segElem[seg] + pos;
  const next = t.segElem[seg + 1];
  if (idx >= next) return '';
  const start = t.elemStart[idx];
  const end = idx + 1 < next ? t.elemStart[idx + 1] - 1 : t.segEnd[seg];
  return end > start ? t.text.slice(start, end) : '';
}

/** Whether element `pos` of a segment equals `value`, compared in place (no string is sliced). */
export function elementIs(t: SegmentTable, seg: number, pos: number, value: string): boolean {
  const idx = t.segElem[seg] + pos;
  const next = t.segElem[seg + 1];
  if (idx >= next) return value === '';
  const start = t.elemStart[idx];
  const end = idx + 1 < next ? t.elemStart[idx + 1] - 1 : t.segEnd[seg];
  return end - start === value.length && t.text.startsWith(value, start);
}

/** Whether two elements hold the same text, compared in place; an absent element reads as empty. */
export function elementsEqual(t: SegmentTable, a: number, pa: number, b: number, pb: number): boolean {
  const aStart = elementStart(t, a, pa);
  const bStart = elementStart(t, b, pb);
  const aLength = aStart < 0 ? 0 : elementEnd(t, a, pa) - aStart;
  const bLength = bStart < 0 ? 0 : elementEnd(t, b, pb) - bStart;
  if (aLength !== bLength) return false;
  for (let i = 0; i < aLength; i++) if (t.text.charCodeAt(aStart + i) !== t.text.charCodeAt(bStart + i)) return false;
  return true;
}

/** True when the element exists and is not empty. */
export function hasValue(t: SegmentTable, seg: number, pos: number): boolean {
  const idx = t.segElem[seg] + pos;
  const next = t.segElem[seg + 1];
  if (idx >= next) return false;
  const end = idx + 1 < next ? t.elemStart[idx + 1] - 1 : t.segEnd[seg];
  return end > t.elemStart[idx];
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Splits [start, end) on a delimiter character code; an empty range yields one empty span. */
export function splitSpan(text: string, start: number, end: number, delimiter: number): Span[] {
  const spans: Span[] = [];
  let from = start;
  if (delimiter >= 0) {
    for (let i = start; i < end; i++) {
      if (text.charCodeAt(i) === delimiter) {
        spans.push({ start: from, end: i });
        from = i + 1;
      }
    }
  }
  spans.push({ start: from, end });
  return spans;
}

/** Whether [start, end) contains the character code. */
export function spanContains(text: string, start: number, end: number, c: number): boolean {
  if (c < 0) return false;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === c) return true;
  return false;
}

/** The segment's index of the element containing `offset`, as a position (0 = the ID); -1 outside the segment. */
export function elementAt(t: SegmentTable, seg: number, offset: number): number {
  if (offset < t.segStart[seg] || offset > t.segEnd[seg]) return -1;
  const first = t.segElem[seg];
  const last = t.segElem[seg + 1] - 1;
  let pos = 0;
  for (let idx = first + 1; idx <= last && t.elemStart[idx] <= offset; idx++) pos = idx - first;
  return pos;
}

/** Index of the segment containing `offset` (or the last one starting before it); -1 before the first segment. */
export function segmentAt(t: SegmentTable, offset: number): number {
  let lo = 0;
  let hi = t.segmentCount - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t.segStart[mid] <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Two-digit position label such as "NM101" or "HI01". */
export function elementLabel(segmentId: string, pos: number): string {
  return `${segmentId}${String(pos).padStart(2, '0')}`;
}
