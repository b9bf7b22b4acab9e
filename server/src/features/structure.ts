// The document's structure as plain data: outline symbols, folding ranges and selection ranges.

import type { DocumentAnalysis } from '../validate/document';
import { loopOf, type LoopNode, type TransactionAnalysis } from '../validate/transaction';
import type { InterchangeSpan, GroupSpan } from '../x12/envelope';
import type { SegmentTable } from '../x12/scanner';
import { elementValue } from '../x12/segments';
import { SEGMENTS } from '../guide/segments';
import { codeMeaning, decisionWords, elementInfo, levelRole, loopTitle } from './describe';
import { locate } from './locate';
import type { Span } from '../x12/segments';

export type OutlineKind = 'interchange' | 'group' | 'transaction' | 'level' | 'loop' | 'segment';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: OutlineKind;
  readonly start: number;
  readonly end: number;
  readonly selectionStart: number;
  readonly selectionEnd: number;
  readonly children: OutlineSymbol[];
}

/** Above this many segments the outline stops at loops, so huge batches stay responsive. */
export const OUTLINE_SEGMENT_LIMIT = 20_000;
/** Above this many transactions the outline lists transactions, each named by its subscriber and decision. */
export const OUTLINE_TRANSACTION_LIMIT = 1_000;

/** HL03 codes of levels that stand for a party (UMO, requester, subscriber, dependent). */
const PARTY_LEVELS = new Set(['20', '21', '22', '23']);

/** Last segment of a level and all levels under it. */
export function subtreeLast(node: LoopNode): number {
  let last = node.last;
  for (const child of node.children) last = Math.max(last, subtreeLast(child));
  return last;
}

function personOrOrg(t: SegmentTable, nm1: number): string {
  const last = elementValue(t, nm1, 3);
  const first = elementValue(t, nm1, 4);
  const name = elementValue(t, nm1, 2) === '1' && first ? `${last}, ${first}` : last;
  const id = elementValue(t, nm1, 9).trim();
  return id ? `${name || '(no name)'} (${id})` : name || '(no name)';
}

function firstSegment(t: SegmentTable, node: LoopNode, id: string): number {
  for (let s = node.first; s <= node.last; s++) if (t.ids[s] === id) return s;
  return -1;
}

/** A short description of what a loop is about, e.g. "DOE, JOE (TST2)" or "A1 approved, A062583941". */
export function loopSummary(t: SegmentTable, node: LoopNode): string {
  if (!node.level) {
    const nm1 = t.ids[node.first] === 'NM1' ? node.first : -1;
    return nm1 >= 0 ? personOrOrg(t, nm1) : '';
  }
  // Party levels are named after their party; event and service levels after what they ask and what was decided.
  const nameLoop = PARTY_LEVELS.has(node.level.level) ? node.children.find((c) => !c.level && t.ids[c.first] === 'NM1') : undefined;
  if (nameLoop) return personOrOrg(t, nameLoop.first);
  const parts: string[] = [];
  const hcr = firstSegment(t, node, 'HCR');
  const aaa = firstSegment(t, node, 'AAA');
  const um = firstSegment(t, node, 'UM');
  const sv = ['SV1', 'SV2', 'SV3'].map((id) => firstSegment(t, node, id)).find((s) => s >= 0) ?? -1;
  // SV2 names the procedure in SV202 and the revenue code in SV201; SV1 and SV3 name it in element 1.
  if (sv >= 0) parts.push(t.ids[sv] === 'SV2' ? elementValue(t, sv, 2) || elementValue(t, sv, 1) : elementValue(t, sv, 1));
  else if (um >= 0) {
    const info = elementInfo('UM', 1);
    const category = elementValue(t, um, 1);
    parts.push(codeMeaning(info?.simple, category) ?? category);
  }
  if (hcr >= 0) {
    const code = elementValue(t, hcr, 1);
    const auth = elementValue(t, hcr, 2);
    parts.push(`${code} ${decisionWords(code)?.split(' (')[0] ?? ''}`.trim() + (auth ? `, ${auth}` : ''));
  }
  if (aaa >= 0) parts.push(`rejected ${elementValue(t, aaa, 3)}`);
  return parts.filter(Boolean).join(' · ');
}

function segmentSymbol(a: DocumentAnalysis, tx: TransactionAnalysis | undefined, s: number): OutlineSymbol {
  const t = a.table;
  const id = t.ids[s];
  const match = tx?.matches[s];
  // A segment that starts with a delimiter has an empty ID; outline entries always need a name.
  const name = `${id} ${match?.name ?? SEGMENTS[id]?.name ?? ''}`.trim() || '(segment without an ID)';
  const raw = t.text.slice(t.segStart[s] + id.length + 1, t.segEnd[s]);
  return {
    name,
    detail: raw.length > 48 ? raw.slice(0, 45) + '…' : raw,
    kind: 'segment',
    start: t.segStart[s],
    end: t.segEnd[s],
    selectionStart: t.segStart[s],
    selectionEnd: t.segStart[s] + id.length,
    children: [],
  };
}

function nodeSymbol(a: DocumentAnalysis, tx: TransactionAnalysis, node: LoopNode, withSegments: boolean): OutlineSymbol {
  const t = a.table;
  const last = node.level ? subtreeLast(node) : node.last;
  const children: OutlineSymbol[] = [];
  const childNodes = [...node.children].sort((x, y) => x.first - y.first);
  if (withSegments) {
    for (let s = node.first; s <= node.last; s++) {
      if (loopOf(tx, s) === node) children.push(segmentSymbol(a, tx, s));
    }
  }
  for (const child of childNodes) children.push(nodeSymbol(a, tx, child, withSegments));
  children.sort((x, y) => x.start - y.start);
  const summary = loopSummary(t, node);
  const title = node.level ? `${node.def.id} ${levelRole(node)}` : loopTitle(node.def);
  return {
    name: summary ? `${title}: ${summary}` : title,
    detail: node.level ? `HL ${elementValue(t, node.first, 1)}` : '',
    kind: node.level ? 'level' : 'loop',
    start: t.segStart[node.first],
    end: t.segEnd[last],
    selectionStart: t.segStart[node.first],
    selectionEnd: t.segEnd[node.first],
    children,
  };
}

/** "DOE, JOE (TST2) · A1 approved, A062583941": the subscriber and the event's outcome, for one-line outlines. */
function transactionSummary(t: SegmentTable, tx: TransactionAnalysis): string {
  const levels: LoopNode[] = [];
  const visit = (n: LoopNode) => {
    if (n.level) levels.push(n);
    n.children.forEach(visit);
  };
  tx.roots.forEach(visit);
  const subscriber = levels.find((n) => n.level!.level === '22');
  const event = levels.find((n) => n.level!.level === 'EV');
  return [subscriber && loopSummary(t, subscriber), event && loopSummary(t, event)].filter(Boolean).join(' · ');
}

function transactionSymbol(a: DocumentAnalysis, tx: TransactionAnalysis, withSegments: boolean, withLoops = true): OutlineSymbol {
  const t = a.table;
  const st = tx.span.st;
  const last = Math.max(tx.span.last, tx.span.se);
  const children: OutlineSymbol[] = [];
  if (withSegments) {
    for (let s = st; s <= last; s++) if (!loopOf(tx, s)) children.push(segmentSymbol(a, tx, s));
  }
  if (withLoops) for (const root of tx.roots) children.push(nodeSymbol(a, tx, root, withSegments));
  children.sort((x, y) => x.start - y.start);
  const bht03 = t.ids[st + 1] === 'BHT' ? elementValue(t, st + 1, 3) : '';
  const summary = withLoops ? '' : transactionSummary(t, tx);
  return {
    name: `${elementValue(t, st, 1) || 'ST'} ${elementValue(t, st, 2)} · ${tx.guide?.name ?? elementValue(t, st, 3) ?? 'unknown guide'}${summary ? ` · ${summary}` : ''}`,
    detail: bht03 ? `BHT03 ${bht03}` : '',
    kind: 'transaction',
    start: t.segStart[st],
    end: t.segEnd[last],
    selectionStart: t.segStart[st],
    selectionEnd: t.segEnd[st],
    children,
  };
}

export function documentSymbols(a: DocumentAnalysis): OutlineSymbol[] {
  const t = a.table;
  const withSegments = t.segmentCount <= OUTLINE_SEGMENT_LIMIT;
  const withLoops = a.transactions.length <= OUTLINE_TRANSACTION_LIMIT;
  let next = 0;
  const out: OutlineSymbol[] = [];
  for (const ic of a.envelope.interchanges) {
    const groups: OutlineSymbol[] = [];
    for (const g of ic.groups) {
      const txs: OutlineSymbol[] = [];
      for (let i = 0; i < g.transactions.length; i++) txs.push(transactionSymbol(a, a.transactions[next++], withSegments, withLoops));
      groups.push(groupSymbol(a, g, txs, withSegments));
    }
    out.push(interchangeSymbol(a, ic, groups, withSegments));
  }
  return out;
}

/** The first segment of a group: its GS, or its first ST when there is no GS. */
function groupFirst(g: GroupSpan): number {
  return g.gs >= 0 ? g.gs : g.transactions[0]?.st ?? g.last;
}

/** The first segment of an interchange: its ISA, or the first segment of its first group (ST…SE after an IEA). */
function interchangeFirst(ic: InterchangeSpan): number {
  return ic.isa >= 0 ? ic.isa : ic.groups.length > 0 ? groupFirst(ic.groups[0]) : ic.last;
}

function groupSymbol(a: DocumentAnalysis, g: GroupSpan, children: OutlineSymbol[], withSegments: boolean): OutlineSymbol {
  const t = a.table;
  const first = groupFirst(g);
  if (withSegments) {
    if (g.gs >= 0) children.unshift(segmentSymbol(a, undefined, g.gs));
    if (g.ge >= 0) children.push(segmentSymbol(a, undefined, g.ge));
  }
  return {
    name: g.gs >= 0 ? `Group ${elementValue(t, g.gs, 6)} · ${elementValue(t, g.gs, 8)}` : 'Group (no GS)',
    detail: g.gs >= 0 ? `${elementValue(t, g.gs, 2)} → ${elementValue(t, g.gs, 3)}` : '',
    kind: 'group',
    start: t.segStart[first],
    end: t.segEnd[g.last],
    selectionStart: t.segStart[first],
    selectionEnd: t.segEnd[first],
    children,
  };
}

function interchangeSymbol(a: DocumentAnalysis, ic: InterchangeSpan, children: OutlineSymbol[], withSegments: boolean): OutlineSymbol {
  const t = a.table;
  const first = interchangeFirst(ic);
  if (withSegments) {
    if (ic.isa >= 0) children.unshift(segmentSymbol(a, undefined, ic.isa));
    if (ic.iea >= 0) children.push(segmentSymbol(a, undefined, ic.iea));
  }
  return {
    name: ic.isa >= 0 ? `Interchange ${elementValue(t, ic.isa, 13)}` : 'Interchange (no ISA)',
    detail: ic.isa >= 0 ? `${elementValue(t, ic.isa, 6).trim()} → ${elementValue(t, ic.isa, 8).trim()}` : '',
    kind: 'interchange',
    start: t.segStart[first],
    end: t.segEnd[ic.last],
    selectionStart: t.segStart[first],
    selectionEnd: t.segStart[first] + (t.ids[first]?.length ?? 0),
    children,
  };
}

/** Foldable regions as offsets: each envelope and each loop. */
export function foldingRanges(a: DocumentAnalysis): Span[] {
  const t = a.table;
  const out: Span[] = [];
  for (const ic of a.envelope.interchanges) {
    if (ic.isa >= 0) out.push({ start: t.segStart[ic.isa], end: t.segEnd[ic.last] });
    for (const g of ic.groups) if (g.gs >= 0) out.push({ start: t.segStart[g.gs], end: t.segEnd[g.last] });
  }
  for (const tx of a.transactions) {
    out.push({ start: t.segStart[tx.span.st], end: t.segEnd[Math.max(tx.span.last, tx.span.se)] });
    const visit = (node: LoopNode) => {
      const last = node.level ? subtreeLast(node) : node.last;
      out.push({ start: t.segStart[node.first], end: t.segEnd[last] });
      for (const child of node.children) visit(child);
    };
    for (const root of tx.roots) visit(root);
  }
  return out;
}

/** Nested spans around an offset, innermost first: component, element, segment, loops, transaction, group, interchange. */
export function selectionSpans(a: DocumentAnalysis, offset: number): Span[] {
  const l = locate(a, offset);
  if (!l) return [];
  const t = a.table;
  const spans: Span[] = [];
  const push = (s: Span) => {
    const prev = spans[spans.length - 1];
    if (s.start < 0 || s.end < s.start) return;
    if (!prev || s.start < prev.start || s.end > prev.end) spans.push(s);
  };
  push(l.span);
  push(l.elementSpan);
  push({ start: t.segStart[l.seg], end: t.segEnd[l.seg] });
  for (let node = l.loop; node; node = node.parent) push({ start: t.segStart[node.first], end: t.segEnd[node.level ? subtreeLast(node) : node.last] });
  if (l.transaction) push({ start: t.segStart[l.transaction.span.st], end: t.segEnd[Math.max(l.transaction.span.last, l.transaction.span.se)] });
  for (const ic of a.envelope.interchanges) {
    const icFirst = interchangeFirst(ic);
    if (l.seg < icFirst || l.seg > ic.last) continue;
    for (const g of ic.groups) if (g.gs >= 0 && l.seg >= g.gs && l.seg <= g.last) push({ start: t.segStart[g.gs], end: t.segEnd[g.last] });
    push({ start: t.segStart[icFirst], end: t.segEnd[ic.last] });
  }
  return spans;
}
