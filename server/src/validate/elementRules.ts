// Element-level rules for one segment: count, usage, length, data type, code lists, composites, repetitions,
// X12 syntax notes and qualified dates. Driven entirely by the dictionary and the guide tables.

import type { SegmentTable } from '../x12/scanner';
import { elementLabel, splitSpan, type Span } from '../x12/segments';
import type { CompositeDef, ComponentUse, Confidence, ElementDef, ElementUse, GuideSegment, SegmentDef, SyntaxRule, Usage } from '../guide/types';
import { ELEMENTS } from '../guide/elements';
import { COMPOSITES } from '../guide/composites';
import { CODE_LISTS } from '../guide/codeLists';
import { COMPOSITE_DATE_PAIRS, DATE_FORMAT_PAIRS } from '../guide/dateFormats';
import type { Reporter } from './reporter';
import { checkDate, checkDateRange, checkDecimal, checkInteger, checkTime, numericLength } from './values';

export interface SegmentContext {
  readonly def: SegmentDef;
  /** The guide's use of this segment here; absent when the segment matched nothing in the guide. */
  readonly use?: GuideSegment;
  /** Where the segment stands, for messages, e.g. "in 2010C Subscriber Name". */
  readonly where: string;
  readonly confidence: Confidence;
}

const codeSets = new WeakMap<readonly string[], Set<string>>();

export function codeSet(codes: readonly string[]): Set<string> {
  let set = codeSets.get(codes);
  if (!set) {
    set = new Set(codes);
    codeSets.set(codes, set);
  }
  return set;
}

export function codeName(element: ElementDef | undefined, code: string): string | undefined {
  return element?.codeList ? CODE_LISTS[element.codeList]?.codes[code] : undefined;
}

/** "AR (Admission Review), HS (Health Services Review) or SC" – or a count when the list is long. */
export function describeCodes(element: ElementDef | undefined, codes: readonly string[]): string {
  if (codes.length > 12) return `one of the ${codes.length} codes the guide allows here (completion lists them)`;
  const parts = codes.map((c) => {
    const name = codeName(element, c);
    return name ? `${c} (${name})` : c;
  });
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

function elementUse(use: GuideSegment | undefined, pos: number): ElementUse | undefined {
  return use?.elements?.[pos];
}

/** Usage of a position in a guide context: listed, else not used when the listing is complete, else situational. */
export function usageOf(use: GuideSegment | undefined, pos: number): Usage {
  const eu = use?.elements?.[pos];
  if (eu) return eu.usage;
  return use?.elementsComplete ? 'N' : 'S';
}

export function checkSegmentElements(t: SegmentTable, seg: number, ctx: SegmentContext, r: Reporter): void {
  const { def, use } = ctx;
  const id = t.ids[seg];
  const first = t.segElem[seg];
  const next = t.segElem[seg + 1];
  const count = next - first - 1;
  const defined = def.elements.length;
  const text = t.text;

  if (count > defined) {
    const extraStart = t.elemStart[first + defined + 1] - 1;
    r.add('too-many-elements', extraStart, t.segEnd[seg], `${id} has ${count} elements; it is defined with ${defined}. Remove the extra elements.`);
  }

  const upTo = Math.min(count, defined);
  for (let pos = 1; pos <= defined; pos++) {
    const eu = elementUse(use, pos);
    const usage = usageOf(use, pos);
    const confidence = eu?.confidence ?? ctx.confidence;
    let start = -1;
    let end = -1;
    if (pos <= upTo) {
      start = t.elemStart[first + pos];
      end = first + pos + 1 < next ? t.elemStart[first + pos + 1] - 1 : t.segEnd[seg];
    }
    if (end <= start) {
      if (usage === 'R') {
        const number = def.elements[pos - 1];
        const name = (ELEMENTS[number] ?? COMPOSITES[number])?.name ?? number;
        const at = start >= 0 ? start - 1 : t.segStart[seg];
        const atEnd = start >= 0 ? start : t.segStart[seg] + id.length;
        r.add('required-element', at, atEnd, `${elementLabel(id, pos)} (${name}) is required ${ctx.where}.`, confidence);
      }
      continue;
    }
    if (usage === 'N') {
      r.add('element-not-used', start, end, `${elementLabel(id, pos)} is not used ${ctx.where}; leave it empty.`, confidence);
      continue;
    }
    const number = def.elements[pos - 1];
    const composite = COMPOSITES[number];
    // ISA11 and ISA16 hold delimiters themselves, so the ISA is never split on them.
    const repetition = t.delimiters && id !== 'ISA' ? t.delimiters.repetition : -1;
    const maxRepeat = eu?.repeat ?? 1;
    const reps: Span[] = maxRepeat > 1 || hasChar(text, start, end, repetition) ? splitSpan(text, start, end, repetition) : [{ start, end }];
    if (reps.length > maxRepeat) {
      r.add('too-many-repeats', start, end, `${elementLabel(id, pos)} repeats ${reps.length} times (separated by "${String.fromCharCode(repetition)}"); it allows ${maxRepeat === 1 ? 'no repetition' : `${maxRepeat} at most`}.`, confidence);
    }
    for (const rep of reps) {
      if (rep.end <= rep.start) continue;
      if (composite) checkComposite(t, seg, pos, rep, composite, eu, ctx, confidence, r);
      else checkSimple(text, rep, ELEMENTS[number], eu?.codes, ctx, confidence, r, elementLabel(id, pos));
    }
  }

  if (def.syntax) for (const rule of def.syntax) checkSyntax(t, seg, id, rule, ctx, r);
  checkQualifiedDates(t, seg, id, ctx, r);
}

function hasChar(text: string, start: number, end: number, c: number): boolean {
  if (c < 0) return false;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === c) return true;
  return false;
}

function checkSimple(
  text: string,
  span: Span,
  element: ElementDef | undefined,
  codes: readonly string[] | undefined,
  ctx: SegmentContext,
  confidence: Confidence,
  r: Reporter,
  label: string,
): void {
  const { start, end } = span;
  if (!element) return;
  const type = element.type;
  let value: string | undefined;
  let length = end - start;
  if (type === 'N0' || type === 'N2' || type === 'R') {
    value = text.slice(start, end);
    const bad = type === 'R' ? checkDecimal(value) : checkInteger(value);
    if (bad) {
      r.add('element-type', start, end, `${label} "${value}" is not a valid ${type === 'R' ? 'decimal number' : 'number'}: ${bad}.`, confidence);
      return;
    }
    length = numericLength(value);
  }
  if (length < element.min || length > element.max) {
    value ??= text.slice(start, end);
    const range = element.min === element.max ? `exactly ${element.min}` : `${element.min} to ${element.max}`;
    r.add('element-length', start, end, `${label} "${value}" has ${length} character${length === 1 ? '' : 's'}; ${label} (${element.name}) takes ${range}.`, confidence);
    return;
  }
  if (type === 'DT') {
    value ??= text.slice(start, end);
    const bad = checkDate(value, element.max === 6);
    if (bad) r.add('invalid-date', start, end, `${label} "${value}" is not a real date: ${bad}.`, confidence);
    return;
  }
  if (type === 'TM') {
    value ??= text.slice(start, end);
    const bad = checkTime(value);
    if (bad) r.add('invalid-time', start, end, `${label} "${value}" is not a valid time: ${bad}.`, confidence);
    return;
  }
  if (codes && codes.length > 0) {
    value ??= text.slice(start, end);
    if (!codeSet(codes).has(value)) {
      const known = codeName(element, value);
      const what = known ? ` (${known})` : '';
      r.add('code-value', start, end, `${label} "${value}"${what} is not allowed ${ctx.where}; use ${describeCodes(element, codes)}.`, confidence);
    }
  }
}

function checkComposite(
  t: SegmentTable,
  seg: number,
  pos: number,
  span: Span,
  composite: CompositeDef,
  eu: ElementUse | undefined,
  ctx: SegmentContext,
  confidence: Confidence,
  r: Reporter,
): void {
  const text = t.text;
  const id = t.ids[seg];
  const componentSep = t.delimiters ? t.delimiters.component : -1;
  const parts = splitSpan(text, span.start, span.end, componentSep);
  const label = elementLabel(id, pos);
  if (parts.length > composite.components.length) {
    const from = parts[composite.components.length].start - 1;
    r.add('too-many-components', from, span.end, `${label} has ${parts.length} components; ${composite.name} has ${composite.components.length}.`, confidence);
  }
  const uses: readonly ComponentUse[] | undefined = eu?.components;
  for (let i = 0; i < composite.components.length; i++) {
    const cu = uses?.[i];
    const usage: Usage = cu ? cu.usage : uses ? 'N' : 'S';
    const part = parts[i];
    const present = part !== undefined && part.end > part.start;
    const compLabel = `${label}-${i + 1}`;
    if (!present) {
      if (usage === 'R') {
        const name = ELEMENTS[composite.components[i]]?.name ?? composite.components[i];
        const at = part ? Math.max(part.start - 1, span.start) : span.end;
        r.add('required-element', at, part ? part.start : span.end, `${compLabel} (${name}) is required ${ctx.where}.`, confidence);
      }
      continue;
    }
    if (usage === 'N') {
      r.add('element-not-used', part.start, part.end, `${compLabel} is not used ${ctx.where}; leave it empty.`, confidence);
      continue;
    }
    checkSimple(text, part, ELEMENTS[composite.components[i]], cu?.codes, ctx, confidence, r, compLabel);
  }
  const datePair = COMPOSITE_DATE_PAIRS[composite.number];
  if (datePair) {
    const q = parts[datePair.qualifier - 1];
    const v = parts[datePair.value - 1];
    if (q && v && v.end > v.start) checkFormattedDate(text.slice(q.start, q.end), v, text, `${label}-${datePair.value}`, `${label}-${datePair.qualifier}`, confidence, r);
  }
}

function present(t: SegmentTable, seg: number, pos: number): boolean {
  const idx = t.segElem[seg] + pos;
  const next = t.segElem[seg + 1];
  if (idx >= next) return false;
  const end = idx + 1 < next ? t.elemStart[idx + 1] - 1 : t.segEnd[seg];
  return end > t.elemStart[idx];
}

function listLabels(id: string, positions: readonly number[]): string {
  const labels = positions.map((p) => elementLabel(id, p));
  if (labels.length === 1) return labels[0];
  return labels.length === 2 ? `${labels[0]} and ${labels[1]}` : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

function checkSyntax(t: SegmentTable, seg: number, id: string, rule: SyntaxRule, ctx: SegmentContext, r: Reporter): void {
  const has = rule.positions.map((p) => present(t, seg, p));
  const n = has.filter(Boolean).length;
  const all = listLabels(id, rule.positions);
  let message: string | undefined;
  switch (rule.kind) {
    case 'P':
      if (n > 0 && n < has.length) message = `${all} go together: use all of them or none.`;
      break;
    case 'R':
      if (n === 0) message = `At least one of ${all.replace(' and ', ' or ')} is required.`;
      break;
    case 'E':
      if (n > 1) message = `Only one of ${all.replace(' and ', ' or ')} may be used.`;
      break;
    case 'C':
      if (has[0] && n < has.length) message = `When ${elementLabel(id, rule.positions[0])} is used, ${listLabels(id, rule.positions.slice(1))} ${rule.positions.length > 2 ? 'are' : 'is'} required too.`;
      break;
    case 'L':
      if (has[0] && n < 2) message = `When ${elementLabel(id, rule.positions[0])} is used, at least one of ${listLabels(id, rule.positions.slice(1)).replace(' and ', ' or ')} is required.`;
      break;
  }
  if (message) r.add('syntax-rule', t.segStart[seg], t.segEnd[seg], message, ctx.confidence);
}

function checkQualifiedDates(t: SegmentTable, seg: number, id: string, ctx: SegmentContext, r: Reporter): void {
  for (const pair of DATE_FORMAT_PAIRS) {
    if (pair.segment !== id) continue;
    const qIdx = t.segElem[seg] + pair.qualifierPosition;
    const vIdx = t.segElem[seg] + pair.valuePosition;
    const next = t.segElem[seg + 1];
    if (vIdx >= next) continue;
    const vStart = t.elemStart[vIdx];
    const vEnd = vIdx + 1 < next ? t.elemStart[vIdx + 1] - 1 : t.segEnd[seg];
    if (vEnd <= vStart) continue;
    const qStart = t.elemStart[qIdx];
    const qEnd = qIdx + 1 < next ? t.elemStart[qIdx + 1] - 1 : t.segEnd[seg];
    const qualifier = t.text.slice(qStart, qEnd);
    checkFormattedDate(qualifier, { start: vStart, end: vEnd }, t.text, elementLabel(id, pair.valuePosition), elementLabel(id, pair.qualifierPosition), ctx.confidence, r);
  }
}

function checkFormattedDate(qualifier: string, span: Span, text: string, label: string, qualifierLabel: string, confidence: Confidence, r: Reporter): void {
  const value = text.slice(span.start, span.end);
  if (qualifier === 'D8') {
    const bad = checkDate(value);
    if (bad) {
      const fix = reformatDate(value);
      r.add(
        value.length === 8 ? 'invalid-date' : 'dtp-format',
        span.start,
        span.end,
        `${label} "${value}" is not a real CCYYMMDD date (${qualifierLabel} is D8): ${bad}.`,
        confidence,
        fix ? { title: `Change to ${fix}`, start: span.start, end: span.end, newText: fix } : undefined,
      );
    }
  } else if (qualifier === 'RD8') {
    const bad = checkDateRange(value);
    if (bad) {
      const fix = bad.kind === 'format' ? reformatRange(value) : undefined;
      r.add(
        bad.kind === 'order' ? 'date-range' : value.length === 17 ? 'invalid-date' : 'dtp-format',
        span.start,
        span.end,
        `${label} "${value}" is not a valid CCYYMMDD-CCYYMMDD range (${qualifierLabel} is RD8): ${bad.reason}.`,
        confidence,
        fix ? { title: `Change to ${fix}`, start: span.start, end: span.end, newText: fix } : undefined,
      );
    }
  }
}

/** Rewrites a date whose intent is clear (MM/DD/CCYY, CCYY-MM-DD, MMDDCCYY-looking with separators) as CCYYMMDD. */
export function reformatDate(value: string): string | undefined {
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  let candidate: string | undefined;
  if (m) candidate = `${m[1]}${m[2].padStart(2, '0')}${m[3].padStart(2, '0')}`;
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (m) candidate = `${m[3]}${m[1].padStart(2, '0')}${m[2].padStart(2, '0')}`;
  return candidate && !checkDate(candidate) ? candidate : undefined;
}

function reformatRange(value: string): string | undefined {
  const parts = value.split(/\s*(?:-|to)\s*(?=\d{1,4}[-/.]|\d{8})/);
  if (parts.length !== 2) return undefined;
  const from = /^\d{8}$/.test(parts[0]) && !checkDate(parts[0]) ? parts[0] : reformatDate(parts[0]);
  const to = /^\d{8}$/.test(parts[1]) && !checkDate(parts[1]) ? parts[1] : reformatDate(parts[1]);
  return from && to && from <= to ? `${from}-${to}` : undefined;
}

