// Names and meanings shared by hover, inlay hints, symbols and completion, all from the guide tables.

import type { CompositeDef, ElementDef, ElementUse, GuideLevel, GuideSegment, Usage } from '../guide/types';
import { ELEMENTS } from '../guide/elements';
import { COMPOSITES } from '../guide/composites';
import { SEGMENTS } from '../guide/segments';
import { CODE_LISTS, FOLLOW_UP_WORDS, HCR_DECISION_WORDS } from '../guide/codeLists';
import { elementLabel } from '../x12/segments';
import type { LoopNode } from '../validate/transaction';

export { loopTitle } from '../validate/transaction';

export const USAGE_WORDS: Record<Usage, string> = { R: 'Required', S: 'Situational', N: 'Not used' };

export const ENVELOPE_IDS = new Set(['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA']);

export interface ElementInfo {
  readonly label: string;
  readonly number: string;
  readonly simple?: ElementDef;
  readonly composite?: CompositeDef;
}

/** The dictionary entry of segment `id` at position `pos` (1-based). */
export function elementInfo(id: string, pos: number): ElementInfo | undefined {
  const number = SEGMENTS[id]?.elements[pos - 1];
  if (!number) return undefined;
  return { label: elementLabel(id, pos), number, simple: ELEMENTS[number], composite: COMPOSITES[number] };
}

/** The element definition of one component of a composite (1-based). */
export function componentDef(composite: CompositeDef, component: number): ElementDef | undefined {
  return ELEMENTS[composite.components[component - 1]];
}

/** Place-of-service codes when the sibling qualifier says so (UM04-2 / SV105 "B"); else the element's own list. */
export function codeListFor(element: ElementDef | undefined, qualifier?: string): Readonly<Record<string, string>> | undefined {
  if (!element) return undefined;
  if (element.number === '1331') return qualifier === 'A' ? undefined : CODE_LISTS.POS?.codes;
  return element.codeList ? CODE_LISTS[element.codeList]?.codes : undefined;
}

export function codeMeaning(element: ElementDef | undefined, value: string, qualifier?: string): string | undefined {
  return codeListFor(element, qualifier)?.[value];
}

export function lengthText(e: ElementDef): string {
  return e.min === e.max ? `${e.min} character${e.min === 1 ? '' : 's'}` : `${e.min}–${e.max} characters`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "20 Feb 2024" for a valid CCYYMMDD, "1 Jan 2023 to 5 Jan 2023" for a CCYYMMDD-CCYYMMDD range, else undefined. */
export function readableDate(value: string): string | undefined {
  const one = (v: string) => {
    if (!/^\d{8}$/.test(v)) return undefined;
    const month = Number(v.slice(4, 6));
    const day = Number(v.slice(6, 8));
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    return `${day} ${MONTHS[month - 1]} ${v.slice(0, 4)}`;
  };
  if (value.length === 17 && value[8] === '-') {
    const from = one(value.slice(0, 8));
    const to = one(value.slice(9));
    return from && to ? `${from} to ${to}` : undefined;
  }
  return one(value);
}

export function elementUseAt(match: GuideSegment | undefined, pos: number): ElementUse | undefined {
  return match?.elements?.[pos];
}

export function usageAt(match: GuideSegment | undefined, pos: number): Usage | undefined {
  if (!match) return undefined;
  const use = match.elements?.[pos];
  if (use) return use.usage;
  return match.elementsComplete ? 'N' : 'S';
}

export function decisionWords(code: string): string | undefined {
  return HCR_DECISION_WORDS[code];
}

export function followUpWords(code: string): string | undefined {
  return FOLLOW_UP_WORDS[code];
}

export function rejectReason(code: string): string | undefined {
  return CODE_LISTS['901']?.codes[code];
}

/** The level node a node belongs to (itself for a level). */
export function levelOf(node: LoopNode | undefined): LoopNode | undefined {
  let n = node;
  while (n && !n.level) n = n.parent;
  return n;
}

export function levelRole(node: LoopNode): string {
  return (node.def as GuideLevel).role ?? node.def.name;
}
