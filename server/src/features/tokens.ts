// Semantic tokens from the real delimiters and the dictionary: segment IDs (envelope vs body), codes, identifiers,
// dates, times, numbers, free text and delimiters. Standard token types, so colours come from the user's theme.

import type { DocumentAnalysis } from '../validate/document';
import { ELEMENTS } from '../guide/elements';
import { COMPOSITES } from '../guide/composites';
import { SEGMENTS } from '../guide/segments';
import { segmentAt } from '../x12/segments';
import { ENVELOPE_IDS } from './describe';

export const TOKEN_TYPES = ['keyword', 'namespace', 'enumMember', 'variable', 'number', 'string', 'operator'] as const;
export const TOKEN_MODIFIERS = ['date', 'time'] as const;

const T = { segment: 0, envelope: 1, code: 2, identifier: 3, number: 4, text: 5, delimiter: 6 } as const;
const M = { none: 0, date: 1, time: 2 } as const;

/** Elements whose AN values are identifiers rather than prose (IDs, control numbers, codes from external lists). */
const IDENTIFIER_ELEMENTS = new Set(['127', '67', '628', '734', '329', '28', 'I06', 'I07', 'I12', '142', '124', '1271', '234', '1705', '480', '352']);
/** ISA11 and ISA16: the repetition and component separators, shown as delimiters. */
const DELIMITER_ELEMENTS = new Set(['I65', 'I15']);
/** AN elements that carry a date or date range named by a sibling qualifier. */
const DATE_ELEMENTS = new Set(['1251']);

/** One token: offset, length, type index, modifier bits. Stored flat: 4 numbers per token. */
export type TokenList = number[];

/**
 * Above this size a whole-document request gets segment IDs only: values keep the TextMate grammar's colours, and
 * range requests (the visible part of the editor) still get every token. Keeps huge batches responsive.
 */
export const FULL_DETAIL_LIMIT = 1024 * 1024;

function classify(number: string): [number, number] {
  const e = ELEMENTS[number];
  if (!e) return [T.text, M.none];
  if (DELIMITER_ELEMENTS.has(number)) return [T.delimiter, M.none];
  if (DATE_ELEMENTS.has(number)) return [T.number, M.date];
  switch (e.type) {
    case 'ID':
      return [T.code, M.none];
    case 'DT':
      return [T.number, M.date];
    case 'TM':
      return [T.number, M.time];
    case 'N0':
    case 'N2':
    case 'R':
      return [T.number, M.none];
    default:
      return IDENTIFIER_ELEMENTS.has(number) ? [T.identifier, M.none] : [T.text, M.none];
  }
}

/** Per segment ID: for each position, [type, modifier] of a simple element or one pair per component. */
const plans = new Map<string, ([number, number] | [number, number][])[]>();

function planFor(id: string): ([number, number] | [number, number][])[] | undefined {
  let plan = plans.get(id);
  if (plan) return plan;
  const def = SEGMENTS[id];
  if (!def) return undefined;
  plan = def.elements.map((number) => {
    const composite = COMPOSITES[number];
    return composite ? composite.components.map(classify) : classify(number);
  });
  plans.set(id, plan);
  return plan;
}

/** Segment ID tokens only (envelope vs body), for whole-document requests on huge documents. */
export function segmentIdTokens(a: DocumentAnalysis): TokenList {
  const t = a.table;
  const text = t.text;
  // Sized once: growing a list of hundreds of thousands of numbers by push copies it again and again (3× the time).
  const out: TokenList = new Array<number>(t.segmentCount * 4);
  let w = 0;
  for (let s = 0; s < t.segmentCount; s++) {
    const id = t.ids[s];
    const start = t.segStart[s];
    if (id.length === 0 || crossesLine(text, start, start + id.length)) continue;
    out[w++] = start;
    out[w++] = id.length;
    out[w++] = ENVELOPE_IDS.has(id) ? T.envelope : T.segment;
    out[w++] = 0;
  }
  out.length = w;
  return out;
}

function crossesLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

/** Tokens for segments overlapping [from, to) (the whole document by default), in offset order. */
export function semanticTokens(a: DocumentAnalysis, from = 0, to = Number.MAX_SAFE_INTEGER): TokenList {
  const t = a.table;
  const d = t.delimiters;
  const out: TokenList = [];
  if (!d) return out;
  if (from === 0 && to >= t.text.length && t.text.length > FULL_DETAIL_LIMIT) return segmentIdTokens(a);
  const text = t.text;
  const component = d.component;
  const repetition = d.repetition;
  let s = Math.max(0, segmentAt(t, from));
  for (; s < t.segmentCount && t.segStart[s] < to; s++) {
    const id = t.ids[s];
    const segStart = t.segStart[s];
    const segEnd = t.segEnd[s];
    if (segEnd < from) continue;
    pushSpan(out, text, segStart, segStart + id.length, ENVELOPE_IDS.has(id) ? T.envelope : T.segment, 0);
    const plan = planFor(id);
    const first = t.segElem[s];
    const next = t.segElem[s + 1];
    const isa = id === 'ISA';
    for (let idx = first + 1; idx < next; idx++) {
      const start = t.elemStart[idx];
      const end = idx + 1 < next ? t.elemStart[idx + 1] - 1 : segEnd;
      pushSpan(out, text, start - 1, start, T.delimiter, 0);
      if (end <= start) continue;
      const kind = plan?.[idx - first - 1];
      const composite = kind !== undefined && isComposite(kind);
      const [type, mods] = kind && !isComposite(kind) ? kind : [T.text, M.none];
      // ISA11 and ISA16 hold the delimiters themselves, so ISA elements are never split.
      if (isa) pushSpan(out, text, start, end, type, mods);
      else if (composite) pushSplit(out, text, start, end, repetition, component, T.text, M.none, kind);
      else pushSplit(out, text, start, end, repetition, -1, type, mods, undefined);
    }
    if (segEnd < text.length && text.charCodeAt(segEnd) === d.segment) pushSpan(out, text, segEnd, segEnd + 1, T.delimiter, 0);
  }
  return out;
}

function isComposite(kind: [number, number] | [number, number][]): kind is [number, number][] {
  return Array.isArray(kind[0]);
}

function pushSpan(out: TokenList, text: string, start: number, end: number, type: number, mods: number): void {
  // Tokens are never empty and may not cross lines; values with line breaks (a delimiter that is one) are left
  // uncoloured.
  if (end <= start || crossesLine(text, start, end)) return;
  out.push(start, end - start, type, mods);
}

/** Splits on repetition and component separators, colouring components by `components` (or all as type/mods). */
function pushSplit(out: TokenList, text: string, start: number, end: number, repetition: number, component: number, type: number, mods: number, components: [number, number][] | undefined): void {
  let from = start;
  let index = 0;
  const emit = (to: number) => {
    if (to > from) {
      const kind = components ? components[index] ?? [T.text, M.none] : [type, mods];
      pushSpan(out, text, from, to, kind[0], kind[1]);
    }
  };
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === repetition || (component >= 0 && c === component)) {
      emit(i);
      pushSpan(out, text, i, i + 1, T.delimiter, 0);
      index = c === repetition ? 0 : index + 1;
      from = i + 1;
    }
  }
  emit(end);
}
