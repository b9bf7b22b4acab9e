// Element-level rules for one segment: count, usage, length, data type, code lists, composites, repetitions,
// X12 syntax notes and qualified dates. Driven entirely by the dictionary and the guide tables, which are compiled
// once per guide segment into per-position slots; messages are only built when something is wrong.

import { HAS_REPETITION, type SegmentTable } from '../x12/scanner';
import { elementLabel, splitSpan, type Span } from '../x12/segments';
import type { CompositeDef, ComponentUse, Confidence, ElementDef, GuideLoop, GuideSegment, SegmentDef, SyntaxRule, Usage } from '../guide/types';
import { ELEMENTS } from '../guide/elements';
import { COMPOSITES } from '../guide/composites';
import { CODE_LISTS } from '../guide/codeLists';
import { BASE_CODE_LISTS } from '../guide/baseCodeLists';
import { COMPOSITE_DATE_PAIRS, DATE_FORMAT_PAIRS, type DateFormatPair } from '../guide/dateFormats';
import type { Reporter } from './reporter';
import { hasKey, shortCodeSet, shortKey } from './codeKeys';
import { checkDate, checkDateAt, checkDateRangeAt, checkDecimal, checkInteger, checkTimeAt, numericLength } from './values';

/** Where a segment stands, for messages: a loop ("in 2010C Subscriber Name") or a fixed phrase ("in the ISA"). */
export type Scope = GuideLoop | string;

function whereText(scope: Scope): string {
  return typeof scope === 'string' ? scope : `in ${scope.id} ${scope.name}`;
}

/** Base X12 code sets as sorted numeric keys, by element number (every base code is three characters at most). */
const BASE_KEYS: Readonly<Record<string, Int32Array | null>> = Object.fromEntries(
  Object.entries(BASE_CODE_LISTS).map(([number, codes]) => [number, shortCodeSet(codes)]),
);

/** Whether the value at [start, end) is in the base X12 code set of `element`; true when the element has none here. */
export function inBaseCodeList(element: ElementDef, text: string, start: number, end: number): boolean {
  const keys = BASE_KEYS[element.number];
  return !keys || hasKey(keys, shortKey(text, start, end));
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

/** Usage of a position in a guide context: listed, else not used when the listing is complete, else situational. */
export function usageOf(use: GuideSegment | undefined, pos: number): Usage {
  const eu = use?.elements?.[pos];
  if (eu) return eu.usage;
  return use?.elementsComplete ? 'N' : 'S';
}

/** Everything the rules need about one element position, resolved once per guide segment. */
interface Slot {
  readonly number: string;
  readonly element?: ElementDef;
  readonly composite?: CompositeDef;
  readonly usage: Usage;
  readonly codes?: Set<string>;
  /** The same codes as numeric keys (see shortKey), when all are short. */
  readonly shortCodes?: Int32Array | null;
  readonly codeList?: readonly string[];
  readonly repeat: number;
  readonly confidence?: Confidence;
  readonly components?: readonly ComponentUse[];
  /** Per component of a composite: its own confidence, when it has one. */
  readonly componentConfidence?: readonly (Confidence | undefined)[];
  /** Per component of a composite: its allowed codes, as a set and as numeric keys. */
  readonly componentCodes?: readonly (Set<string> | undefined)[];
  readonly componentShortCodes?: readonly (Int32Array | null | undefined)[];
}

export interface Plan {
  /** slots[pos], pos 1-based; slots[0] unused. */
  readonly slots: readonly Slot[];
  readonly datePairs: readonly DateFormatPair[];
  /** The last required position: positions past it and past the segment's own elements need no look. */
  readonly lastRequired: number;
  /** Syntax notes with their positions as bit masks (bit p = position p), evaluated against a presence mask. */
  readonly syntax: readonly { rule: SyntaxRule; all: number; first: number }[];
}

/** Guide segments and dictionary entries are static, so a plain map keeps their plans for the process's life. */
const plans = new Map<object, Plan>();

export function planFor(def: SegmentDef, use: GuideSegment | undefined): Plan {
  // The lookup stays apart from the builder: closures there would cost a context allocation on every call.
  return plans.get(use ?? def) ?? buildPlan(def, use);
}

function buildPlan(def: SegmentDef, use: GuideSegment | undefined): Plan {
  const slots: Slot[] = [undefined as unknown as Slot];
  for (let pos = 1; pos <= def.elements.length; pos++) {
    const number = def.elements[pos - 1];
    const eu = use?.elements?.[pos];
    slots.push({
      number,
      element: ELEMENTS[number],
      composite: COMPOSITES[number],
      usage: usageOf(use, pos),
      codes: eu?.codes && eu.codes.length > 0 ? codeSet(eu.codes) : undefined,
      shortCodes: eu?.codes && eu.codes.length > 0 ? shortCodeSet(eu.codes) : undefined,
      codeList: eu?.codes,
      repeat: eu?.repeat ?? 1,
      confidence: eu?.confidence,
      components: eu?.components,
      componentConfidence: eu?.components?.map((cu) => cu?.confidence),
      componentCodes: eu?.components?.map((cu) => (cu?.codes && cu.codes.length > 0 ? codeSet(cu.codes) : undefined)),
      componentShortCodes: eu?.components?.map((cu) => (cu?.codes && cu.codes.length > 0 ? shortCodeSet(cu.codes) : undefined)),
    });
  }
  let lastRequired = 0;
  for (let pos = 1; pos < slots.length; pos++) if (slots[pos].usage === 'R') lastRequired = pos;
  const syntax = (def.syntax ?? []).map((rule) => ({ rule, all: rule.positions.reduce((m, p) => m | (1 << p), 0), first: 1 << rule.positions[0] }));
  const plan: Plan = { slots, datePairs: DATE_FORMAT_PAIRS.filter((p) => p.segment === def.id), lastRequired, syntax };
  plans.set(use ?? def, plan);
  return plan;
}

/**
 * Checks the elements of segment `seg` against its dictionary entry and, when it matched one, the guide's use of it.
 * `scope` names where it stands for messages; `confidence` is the guide's confidence in the segment's use.
 */
export function checkSegmentElements(
  t: SegmentTable,
  seg: number,
  def: SegmentDef,
  use: GuideSegment | undefined,
  scope: Scope,
  confidence: Confidence,
  r: Reporter,
  plan: Plan = planFor(def, use),
): void {
  const { slots, datePairs, lastRequired, syntax } = plan;
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

  // ISA11 and ISA16 hold delimiters themselves, so the ISA is never split on them.
  const repetition = (t.segFlags[seg] & HAS_REPETITION) !== 0 && id !== 'ISA' && t.delimiters ? t.delimiters.repetition : -1;
  const upTo = Math.min(count, defined);
  const last = Math.max(upTo, lastRequired);
  let presence = 0;
  for (let pos = 1; pos <= last; pos++) {
    const slot = slots[pos];
    const usage = slot.usage;
    let start = -1;
    let end = -1;
    if (pos <= upTo) {
      const idx = first + pos;
      start = t.elemStart[idx];
      end = idx + 1 < next ? t.elemStart[idx + 1] - 1 : t.segEnd[seg];
    }
    if (end <= start) {
      if (usage === 'R') {
        const name = (slot.element ?? slot.composite)?.name ?? slot.number;
        const at = start >= 0 ? start - 1 : t.segStart[seg];
        const atEnd = start >= 0 ? start : t.segStart[seg] + id.length;
        r.add('required-element', at, atEnd, `${elementLabel(id, pos)} (${name}) is required ${whereText(scope)}.`, slot.confidence ?? confidence, undefined, { segment: id, element: pos });
      }
      continue;
    }
    presence |= 1 << pos;
    if (usage === 'N') {
      r.add('element-not-used', start, end, `${elementLabel(id, pos)} is not used ${whereText(scope)}; leave it empty.`, slot.confidence ?? confidence);
      continue;
    }
    if (repetition < 0 && slot.repeat === 1) {
      if (slot.composite) checkComposite(t, seg, pos, start, end, slot, scope, slot.confidence ?? confidence, r);
      else if (slot.element) {
        const element = slot.element;
        // The common cases cost no string and no call: text of an allowed length, a short allowed code.
        if (element.type === 'AN' && !slot.codes && end - start >= element.min && end - start <= element.max) continue;
        if (slot.shortCodes && element.type === 'ID' && hasKey(slot.shortCodes, shortKey(text, start, end))) continue;
        checkSimple(text, start, end, element, slot.codes, slot.shortCodes, slot.codeList, scope, slot.confidence ?? confidence, r, id, pos, 0);
      }
      continue;
    }
    const reps: Span[] = splitSpan(text, start, end, repetition >= 0 ? repetition : t.delimiters?.repetition ?? -1);
    if (reps.length > slot.repeat) {
      const sep = String.fromCharCode(t.delimiters!.repetition);
      r.add('too-many-repeats', start, end, `${elementLabel(id, pos)} repeats ${reps.length} times (separated by "${sep}"); it allows ${slot.repeat === 1 ? 'no repetition' : `${slot.repeat} at most`}.`, slot.confidence ?? confidence);
    }
    for (const rep of reps) {
      if (rep.end <= rep.start) continue;
      if (slot.composite) checkComposite(t, seg, pos, rep.start, rep.end, slot, scope, slot.confidence ?? confidence, r);
      else if (slot.element) checkSimple(text, rep.start, rep.end, slot.element, slot.codes, slot.shortCodes, slot.codeList, scope, slot.confidence ?? confidence, r, id, pos, 0);
    }
  }

  // Positions past the defined ones are extra elements, already reported; syntax notes see only defined ones.
  // Indexed loops: this runs for every segment of a batch, and for…of costs an iterator where the optimizer gives up.
  for (let i = 0; i < syntax.length; i++) checkSyntax(t, seg, id, syntax[i].rule, syntax[i].all, syntax[i].first, presence, confidence, r);
  for (let i = 0; i < datePairs.length; i++) checkQualifiedDate(t, seg, id, datePairs[i], confidence, r);
}

function label(id: string, pos: number, component: number): string {
  return component > 0 ? `${elementLabel(id, pos)}-${component}` : elementLabel(id, pos);
}

function checkSimple(
  text: string,
  start: number,
  end: number,
  element: ElementDef,
  codes: Set<string> | undefined,
  shortCodes: Int32Array | null | undefined,
  codeList: readonly string[] | undefined,
  scope: Scope,
  confidence: Confidence,
  r: Reporter,
  id: string,
  pos: number,
  component: number,
): void {
  const type = element.type;
  let value: string | undefined;
  let length = end - start;
  if (type === 'N0' || type === 'N2' || type === 'R') {
    value = text.slice(start, end);
    const bad = type === 'R' ? checkDecimal(value) : checkInteger(value);
    if (bad) {
      r.add('element-type', start, end, `${label(id, pos, component)} "${value}" is not a valid ${type === 'R' ? 'decimal number' : 'number'}: ${bad}.`, confidence);
      return;
    }
    length = numericLength(value);
  }
  if (length < element.min || length > element.max) {
    value ??= text.slice(start, end);
    const range = element.min === element.max ? `exactly ${element.min}` : `${element.min} to ${element.max}`;
    const l = label(id, pos, component);
    r.add('element-length', start, end, `${l} "${value}" has ${length} character${length === 1 ? '' : 's'}; ${l} (${element.name}) takes ${range}.`, confidence);
    return;
  }
  if (type === 'DT') {
    const bad = checkDateAt(text, start, end, element.max === 6);
    if (bad) r.add('invalid-date', start, end, `${label(id, pos, component)} "${text.slice(start, end)}" is not a real date: ${bad}.`, confidence);
    return;
  }
  if (type === 'TM') {
    const bad = checkTimeAt(text, start, end);
    if (bad) r.add('invalid-time', start, end, `${label(id, pos, component)} "${text.slice(start, end)}" is not a valid time: ${bad}.`, confidence);
    return;
  }
  if (codes) {
    if (shortCodes && hasKey(shortCodes, shortKey(text, start, end))) return;
    checkCode(text, start, end, element, codes, codeList!, scope, confidence, r, id, pos, component);
    return;
  }
  if (type === 'ID' && !inBaseCodeList(element, text, start, end)) {
    reportBaseCode(start, end, text.slice(start, end), element, 'completion lists the codes', r, id, pos, component);
  }
}

// Kept out of checkSimple, which runs for most elements: a smaller function stays cheap to call and inline.
function checkCode(
  text: string, start: number, end: number, element: ElementDef, codes: Set<string>, codeList: readonly string[], scope: Scope,
  confidence: Confidence, r: Reporter, id: string, pos: number, component: number,
): void {
  const value = text.slice(start, end);
  if (codes.has(value)) return;
  if (!inBaseCodeList(element, text, start, end)) {
    reportBaseCode(start, end, value, element, `use ${describeCodes(element, codeList)} here`, r, id, pos, component);
    return;
  }
  const known = codeName(element, value);
  const what = known ? ` (${known})` : '';
  r.add('code-value', start, end, `${label(id, pos, component)} "${value}"${what} is not allowed ${whereText(scope)}; use ${describeCodes(element, codeList)}.`, confidence);
}

function reportBaseCode(start: number, end: number, value: string, element: ElementDef, next: string, r: Reporter, id: string, pos: number, component: number): void {
  r.add('base-code-value', start, end, `${label(id, pos, component)} "${value}" is not a code of element ${element.number} (${element.name}) in X12 5010, so no 278 guide allows it anywhere; ${next}.`);
}

/** The component separator's code for splitting composites, or -1 when the document has none. */
function componentSeparator(t: SegmentTable): number {
  return t.delimiters ? t.delimiters.component : -1;
}

/** End of the component that starts at `from`: the next separator before `end`, else `end`. */
function componentEnd(text: string, from: number, end: number, separator: number): number {
  if (separator < 0) return end;
  let i = from;
  while (i < end && text.charCodeAt(i) !== separator) i++;
  return i;
}

function checkComposite(t: SegmentTable, seg: number, pos: number, start: number, end: number, slot: Slot, scope: Scope, confidence: Confidence, r: Reporter): void {
  const text = t.text;
  const id = t.ids[seg];
  const composite = slot.composite!;
  const defined = composite.components.length;
  const separator = componentSeparator(t);
  // Components are walked in place, twice at most: once to count them when there are too many, once to check them.
  let partCount = 1;
  for (let i = componentEnd(text, start, end, separator); i < end; i = componentEnd(text, i + 1, end, separator)) partCount++;
  if (partCount > defined) {
    let from = start;
    for (let k = 0; k < defined; k++) from = componentEnd(text, from, end, separator) + 1;
    r.add('too-many-components', from - 1, end, `${elementLabel(id, pos)} has ${partCount} components; ${composite.name} has ${defined}.`, confidence);
  }
  const uses = slot.components;
  const datePair = COMPOSITE_DATE_PAIRS[composite.number];
  let qualifierStart = -1;
  let qualifierEnd = -1;
  let valueStart = -1;
  let valueEnd = -1;
  let from = start;
  for (let i = 0; i < defined; i++) {
    const exists = i < partCount;
    const to = exists ? componentEnd(text, from, end, separator) : end;
    const partStart = from;
    if (exists) from = to + 1;
    if (datePair && exists) {
      if (i === datePair.qualifier - 1) {
        qualifierStart = partStart;
        qualifierEnd = to;
      } else if (i === datePair.value - 1) {
        valueStart = partStart;
        valueEnd = to;
      }
    }
    const cu = uses?.[i];
    const usage: Usage = cu ? cu.usage : uses ? 'N' : 'S';
    const partConfidence = slot.componentConfidence?.[i] ?? confidence;
    if (!exists || to <= partStart) {
      if (usage === 'R') {
        const name = ELEMENTS[composite.components[i]]?.name ?? composite.components[i];
        const at = exists ? Math.max(partStart - 1, start) : end;
        r.add('required-element', at, exists ? partStart : end, `${label(id, pos, i + 1)} (${name}) is required ${whereText(scope)}.`, partConfidence, undefined, { segment: id, element: pos, component: i + 1 });
      }
      continue;
    }
    if (usage === 'N') {
      r.add('element-not-used', partStart, to, `${label(id, pos, i + 1)} is not used ${whereText(scope)}; leave it empty.`, partConfidence);
      continue;
    }
    const element = ELEMENTS[composite.components[i]];
    if (element) checkSimple(text, partStart, to, element, slot.componentCodes?.[i], slot.componentShortCodes?.[i], cu?.codes, scope, partConfidence, r, id, pos, i + 1);
  }
  if (datePair && qualifierStart >= 0 && valueEnd > valueStart) {
    checkFormattedDate(dateFormatAt(text, qualifierStart, qualifierEnd), valueStart, valueEnd, text, id, pos, datePair.value, datePair.qualifier, confidence, r);
  }
}

function listLabels(id: string, positions: readonly number[], last = 'and'): string {
  const labels = positions.map((p) => elementLabel(id, p));
  if (labels.length === 1) return labels[0];
  return `${labels.slice(0, -1).join(', ')} ${last} ${labels[labels.length - 1]}`;
}

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}

function checkSyntax(t: SegmentTable, seg: number, id: string, rule: SyntaxRule, all: number, firstBit: number, presence: number, confidence: Confidence, r: Reporter): void {
  const present = presence & all;
  const n = bitCount(present);
  const positions = rule.positions;
  const first = (present & firstBit) !== 0;
  let message: string | undefined;
  /** The first element the rule finds absent (for the JSON request path, which names its field). */
  let absent: number | undefined;
  switch (rule.kind) {
    case 'P':
      if (n > 0 && n < positions.length) {
        message = `${listLabels(id, positions)} go together: use all of them or none.`;
        absent = firstAbsent(positions, presence);
      }
      break;
    case 'R':
      if (n === 0) {
        message = `At least one of ${listLabels(id, positions, 'or')} is required.`;
        absent = positions[0];
      }
      break;
    case 'E':
      if (n > 1) message = `Only one of ${listLabels(id, positions, 'or')} may be used.`;
      break;
    case 'C':
      if (first && n < positions.length) {
        message = `When ${elementLabel(id, positions[0])} is used, ${listLabels(id, positions.slice(1))} ${positions.length > 2 ? 'are' : 'is'} required too.`;
        absent = firstAbsent(positions, presence);
      }
      break;
    case 'L':
      if (first && n < 2) message = `When ${elementLabel(id, positions[0])} is used, at least one of ${listLabels(id, positions.slice(1), 'or')} is required.`;
      break;
  }
  if (message) r.add('syntax-rule', t.segStart[seg], t.segEnd[seg], message, confidence, undefined, absent === undefined ? undefined : { segment: id, element: absent });
}

/** The first of a rule's positions that is not present (bit `1 << position` of `presence`). */
function firstAbsent(positions: readonly number[], presence: number): number | undefined {
  for (const pos of positions) if ((presence & (1 << pos)) === 0) return pos;
  return undefined;
}

function checkQualifiedDate(t: SegmentTable, seg: number, id: string, pair: DateFormatPair, confidence: Confidence, r: Reporter): void {
  const qIdx = t.segElem[seg] + pair.qualifierPosition;
  const vIdx = t.segElem[seg] + pair.valuePosition;
  const next = t.segElem[seg + 1];
  if (vIdx >= next) return;
  const vStart = t.elemStart[vIdx];
  const vEnd = vIdx + 1 < next ? t.elemStart[vIdx + 1] - 1 : t.segEnd[seg];
  if (vEnd <= vStart) return;
  const qStart = t.elemStart[qIdx];
  const qEnd = qIdx + 1 < next ? t.elemStart[qIdx + 1] - 1 : t.segEnd[seg];
  checkFormattedDate(dateFormatAt(t.text, qStart, qEnd), vStart, vEnd, t.text, id, pair.valuePosition, 0, pair.qualifierPosition, confidence, r);
}

/** The date format a qualifier at [start, end) names, among those checked: D8 or RD8. */
function dateFormatAt(text: string, start: number, end: number): 'D8' | 'RD8' | undefined {
  if (end - start === 2 && text.startsWith('D8', start)) return 'D8';
  if (end - start === 3 && text.startsWith('RD8', start)) return 'RD8';
  return undefined;
}

/** Labels of a date value and its qualifier, as checkFormattedDate's arguments describe them. */
function dateLabels(id: string, pos: number, valueComponent: number, qualifierComponent: number): [string, string] {
  return valueComponent > 0 ? [label(id, pos, valueComponent), label(id, pos, qualifierComponent)] : [elementLabel(id, pos), elementLabel(id, qualifierComponent)];
}

/**
 * Checks a date whose format a qualifier names. Labels: for a segment pair, (valuePos, 0, qualifierPos) name
 * elements; for a composite pair, (pos, valueComponent, qualifierComponent) name components of element pos.
 */
function checkFormattedDate(format: 'D8' | 'RD8' | undefined, start: number, end: number, text: string, id: string, pos: number, valueComponent: number, qualifierComponent: number, confidence: Confidence, r: Reporter): void {
  if (format === undefined) return;
  if (format === 'D8') {
    const bad = checkDateAt(text, start, end);
    if (bad) {
      const value = text.slice(start, end);
      const [valueLabel, qualifierLabel] = dateLabels(id, pos, valueComponent, qualifierComponent);
      const fix = reformatDate(value);
      r.add(
        value.length === 8 ? 'invalid-date' : 'dtp-format',
        start,
        end,
        `${valueLabel} "${value}" is not a real CCYYMMDD date (${qualifierLabel} is D8): ${bad}.`,
        confidence,
        fix ? { title: `Change to ${fix}`, start, end, newText: fix } : undefined,
      );
    }
    return;
  }
  const bad = checkDateRangeAt(text, start, end);
  if (bad) {
    const value = text.slice(start, end);
    const [valueLabel, qualifierLabel] = dateLabels(id, pos, valueComponent, qualifierComponent);
    const fix = bad.kind === 'format' ? reformatRange(value) : undefined;
    r.add(
      bad.kind === 'order' ? 'date-range' : value.length === 17 ? 'invalid-date' : 'dtp-format',
      start,
      end,
      `${valueLabel} "${value}" is not a valid CCYYMMDD-CCYYMMDD range (${qualifierLabel} is RD8): ${bad.reason}.`,
      confidence,
      fix ? { title: `Change to ${fix}`, start, end, newText: fix } : undefined,
    );
  }
}

/** Rewrites a date whose intent is clear (MM/DD/CCYY, CCYY-MM-DD and the like) as CCYYMMDD. */
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
