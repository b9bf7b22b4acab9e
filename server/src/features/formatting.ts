// Formatting that never changes data: one segment per line, or the whole interchange on one line.
// Only whitespace between a terminator and the next segment is touched; ISA padding and values stay as they are.

import type { DocumentAnalysis } from '../validate/document';
import { isWhitespace } from '../x12/delimiters';

export type Layout = 'expanded' | 'compact';

export interface TextEditData {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

function whitespaceOnly(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWhitespace(text.charCodeAt(i)) || text.charCodeAt(i) === 0xfeff) return false;
  return true;
}

/** The line break the document already uses between segments (CRLF or LF). */
function lineBreakOf(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 0x0d ? '\r\n' : '\n';
}

/** Half of a character outside the Basic Multilingual Plane: a line break after it would split the character. */
function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

/**
 * Edits that lay the document out as `layout`. Returns no edits when the text is not an X12 interchange, when its
 * segment terminator is itself a line break (the layout is then already one segment per line and cannot be compacted),
 * or when a delimiter is half of a character (an astral character, which X12's one-byte delimiters cannot be).
 */
export function formatEdits(a: DocumentAnalysis, layout: Layout): TextEditData[] {
  const t = a.table;
  const d = t.delimiters;
  if (!d || t.segmentCount === 0 || d.segment === 0x0a || d.segment === 0x0d) return [];
  if (isSurrogate(d.segment) || isSurrogate(d.element) || isSurrogate(d.component) || isSurrogate(d.repetition)) return [];
  if (a.problems.some((p) => p.code === 'leading-content')) return [];
  const text = t.text;
  const eol = layout === 'expanded' ? lineBreakOf(text) : '';
  const edits: TextEditData[] = [];
  for (let s = 0; s < t.segmentCount; s++) {
    const terminator = t.segEnd[s];
    if (terminator >= text.length || text.charCodeAt(terminator) !== d.segment) continue;
    const gapStart = terminator + 1;
    const gapEnd = s + 1 < t.segmentCount ? t.segStart[s + 1] : text.length;
    if (!whitespaceOnly(text, gapStart, gapEnd)) continue;
    const wanted = s + 1 < t.segmentCount || layout === 'expanded' ? eol : '';
    if (text.slice(gapStart, gapEnd) !== wanted) edits.push({ start: gapStart, end: gapEnd, newText: wanted });
  }
  return edits;
}

/** Applies non-overlapping edits (in any order) to text. */
export function applyEdits(text: string, edits: readonly TextEditData[]): string {
  const sorted = [...edits].sort((x, y) => x.start - y.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}
