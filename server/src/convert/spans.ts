// Turns the writer's placements (segment, element, component) into offsets in the produced X12 text.

import { scan, type SegmentTable } from '../x12/scanner';
import { elementEnd, elementStart, splitSpan, type Span } from '../x12/segments';
import type { Extent, Placement } from './bodyWriter';
import type { At } from './rules';
import type { FieldSpan } from './types';

/** A value in the ISA or GS: table segment 0 or 1; `length` excludes the ISA's padding. */
export interface EnvelopePlacement {
  readonly path: string;
  readonly segment: 0 | 1;
  readonly element: number;
  readonly length: number;
}

/** Segments before the body: ISA, GS, ST. */
const BODY_OFFSET = 3;

function elementSpan(t: SegmentTable, seg: number, at: At): Span | undefined {
  const start = elementStart(t, seg, at.element);
  if (start < 0) return undefined;
  const end = elementEnd(t, seg, at.element);
  if (!at.component) return { start, end };
  const parts = splitSpan(t.text, start, end, t.delimiters?.component ?? -1);
  return parts[at.component - 1];
}

const DASH = 0x2d;

/** The produced X12's segment table, read once for both resolvers. */
export function tableOf(text: string): SegmentTable {
  return scan(text).table;
}

export function resolveSpans(t: SegmentTable, envelope: readonly EnvelopePlacement[], placements: readonly Placement[], extents: readonly Extent[]): FieldSpan[] {
  const text = t.text;
  const spans: FieldSpan[] = [];
  for (const p of envelope) {
    if (p.segment >= t.segmentCount) continue;
    const start = elementStart(t, p.segment, p.element);
    if (start >= 0) spans.push({ path: p.path, start, end: Math.min(start + p.length, elementEnd(t, p.segment, p.element)) });
  }
  for (const p of placements) {
    const seg = p.segment + BODY_OFFSET;
    if (seg >= t.segmentCount) continue;
    let span = elementSpan(t, seg, p.at);
    if (span && p.part !== undefined) span = splitSpan(text, span.start, span.end, DASH)[p.part];
    if (span) spans.push({ path: p.path, start: span.start, end: span.end });
  }
  for (const e of extents) {
    const first = e.first + BODY_OFFSET;
    const last = e.last + BODY_OFFSET;
    if (last >= t.segmentCount) continue;
    spans.push({ path: e.path, start: t.segStart[first], end: t.segEnd[last] });
  }
  return spans;
}

