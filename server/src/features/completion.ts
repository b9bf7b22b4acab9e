// Completion: the segments the guide allows after the previous segment, and code values for coded elements.

import type { DocumentAnalysis } from '../validate/document';
import { loopOf, type LoopNode, type TransactionAnalysis } from '../validate/transaction';
import type { GuideLevel, GuideLoop, GuideSegment } from '../guide/types';
import { SEGMENTS } from '../guide/segments';
import { elementValue, segmentAt } from '../x12/segments';
import type { SegmentTable } from '../x12/scanner';
import { codeListFor, componentDef, elementInfo, elementUseAt, levelOf, loopTitle } from './describe';
import { contextOf, locate } from './locate';
import { ownEntriesOnly } from '../guide/ownEntries';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: 'segment' | 'code' | 'property';
  readonly detail: string;
  readonly documentation?: string;
  readonly insertText: string;
  /** With tabstops, for clients that take snippets (insertText is the plain form). */
  readonly insertSnippet?: string;
  /** What the editor matches the typed text against, when not the label (a JSON key is typed with its quote). */
  readonly filterText?: string;
  readonly replaceStart: number;
  readonly replaceEnd: number;
  readonly sortText: string;
}

interface Candidate {
  readonly segment: GuideSegment;
  readonly owner: GuideLoop;
  /** Lower sorts first: the current loop, then the level's segments and loops (by position), then new levels. */
  readonly rank: number;
}

const MAX_CODES = 400;

/** Guide segments that may follow segment `prev` of a transaction. */
export function nextCandidates(tx: TransactionAnalysis, prev: number): Candidate[] {
  const guide = tx.guide;
  if (!guide) return [];
  const match = tx.matches[prev];
  const node = loopOf(tx, prev);
  const out: Candidate[] = [];
  if (!node) {
    // In the header: after BHT the first level starts.
    const top = guide.levels.find((l) => l.parents.length === 0);
    if (top) out.push({ segment: top.segments[0], owner: top, rank: 3 });
    return out;
  }
  const level = levelOf(node);
  const position = match?.position ?? 0;
  // Segments already used up to their max in this loop instance are not offered again.
  const used = (gs: GuideSegment, owner: LoopNode) => {
    let n = 0;
    for (let s = owner.first; s <= Math.min(owner.last, prev); s++) if (tx.matches[s] === gs) n++;
    return n >= gs.max;
  };
  if (!node.level) {
    for (const gs of node.def.segments.slice(1)) if (gs.position >= position && !used(gs, node)) out.push({ segment: gs, owner: node.def, rank: 0 });
  }
  if (level) {
    const levelDef = level.def;
    const loopStart = node.level ? position : node.def.segments[0].position;
    for (const loop of levelDef.loops ?? []) {
      const repeats = level.children.filter((c) => c.def === loop).length;
      if (loop.segments[0].position >= loopStart && repeats < loop.max) out.push({ segment: loop.segments[0], owner: loop, rank: 1 });
    }
    if (node.level) for (const gs of levelDef.segments.slice(1)) if (gs.position >= position && !used(gs, level)) out.push({ segment: gs, owner: levelDef, rank: 1 });
  }
  // New levels: only those with a possible parent so far and under the guide's per-transaction cap.
  const levelCounts = new Map<string, number>();
  for (let s = tx.span.st; s <= prev; s++) {
    const hl = tx.matches[s];
    const level = hl?.id === 'HL' ? loopOf(tx, s)?.level : undefined;
    if (level) {
      const code = level.level;
      levelCounts.set(code, (levelCounts.get(code) ?? 0) + 1);
    }
  }
  const current = (level?.def as GuideLevel | undefined)?.level;
  for (const next of guide.levels) {
    if (next.parents.length === 0 || !next.parents.some((p) => levelCounts.has(p))) continue;
    const cap = guide.levelMax?.[next.level];
    if (cap !== undefined && (levelCounts.get(next.level) ?? 0) >= cap) continue;
    out.push({ segment: next.segments[0], owner: next, rank: current && next.parents.includes(current) ? 2 : 3 });
  }
  out.push({ segment: guide.trailer, owner: { id: 'SE', name: 'Transaction Set Trailer', usage: 'R', max: 1, segments: [guide.trailer] }, rank: 5 });
  return out;
}

function hlText(t: SegmentTable, tx: TransactionAnalysis, prev: number, level: GuideLevel, sep: string): string {
  let max = 0;
  let parent = '';
  const parentCodes = new Set(level.parents);
  for (let s = tx.span.st; s <= prev; s++) {
    if (t.ids[s] !== 'HL') continue;
    max = Math.max(max, Number(elementValue(t, s, 1)) || 0);
    if (parentCodes.has(elementValue(t, s, 3))) parent = elementValue(t, s, 1);
  }
  const child = level.childCodes.includes('0') ? '0' : level.childCodes[0] ?? '0';
  return ['HL', String(max + 1), parent, level.level, child].join(sep);
}

function segmentItems(a: DocumentAnalysis, prev: number, replaceStart: number, replaceEnd: number): CompletionEntry[] {
  const t = a.table;
  const sep = t.delimiters ? String.fromCharCode(t.delimiters.element) : '*';
  const { transaction } = contextOf(a, prev);
  if (!transaction) return envelopeItems(t, prev, sep, replaceStart, replaceEnd);
  const seen = new Set<string>();
  const items: CompletionEntry[] = [];
  for (const c of nextCandidates(transaction, prev)) {
    const gs = c.segment;
    const purpose = SEGMENTS[gs.id]?.purpose;
    const values = gs.id === 'HL' ? [undefined] : gs.qualifier && (gs.qualifierPosition ?? 1) === 1 ? gs.qualifier : [undefined];
    for (const q of values) {
      let label = q ? `${gs.id}${sep}${q}` : gs.id;
      let insertText = `${label}${sep}`;
      if (gs.id === 'HL' && 'level' in c.owner) {
        insertText = hlText(t, transaction, prev, c.owner as GuideLevel, sep);
        label = `HL ${(c.owner as GuideLevel).level}`;
      } else if (gs.id === 'SE') {
        const count = prev - transaction.span.st + 2;
        insertText = ['SE', String(count), elementValue(t, transaction.span.st, 2)].join(sep);
      }
      if (seen.has(label)) continue;
      seen.add(label);
      items.push({
        label,
        kind: 'segment',
        detail: `${gs.name} · ${c.owner.id === 'SE' ? 'ends the transaction' : loopTitle(c.owner)}`,
        documentation: purpose,
        insertText,
        replaceStart,
        replaceEnd,
        sortText: `${c.rank}${String(gs.position).padStart(5, '0')}${String(items.length).padStart(4, '0')}`,
      });
    }
  }
  return items;
}

const ENVELOPE_NEXT: Record<string, string[]> = ownEntriesOnly({ ISA: ['GS'], GS: ['ST'], SE: ['ST', 'GE'], GE: ['GS', 'IEA'], IEA: ['ISA'] });

function envelopeItems(t: SegmentTable, prev: number, sep: string, replaceStart: number, replaceEnd: number): CompletionEntry[] {
  const ids = ENVELOPE_NEXT[t.ids[prev]] ?? [];
  return ids.map((id, i) => ({
    label: id,
    kind: 'segment' as const,
    detail: SEGMENTS[id]?.name ?? id,
    documentation: SEGMENTS[id]?.purpose,
    insertText: `${id}${sep}`,
    replaceStart,
    replaceEnd,
    sortText: String(i).padStart(4, '0'),
  }));
}

function codeItems(a: DocumentAnalysis, offset: number): CompletionEntry[] {
  const l = locate(a, offset);
  if (!l || l.pos < 1) return [];
  const t = a.table;
  const id = t.ids[l.seg];
  const info = elementInfo(id, l.pos);
  if (!info) return [];
  const use = elementUseAt(l.match, l.pos);
  let element = info.simple;
  let codes: readonly string[] | undefined = use?.codes;
  let qualifier: string | undefined;
  if (info.composite) {
    const component = Math.max(1, l.component);
    element = componentDef(info.composite, component);
    codes = use?.components?.[component - 1]?.codes;
    if (info.composite.number === 'C023') qualifier = t.text.slice(l.elementSpan.start, l.elementSpan.end).split(String.fromCharCode(t.delimiters?.component ?? 58))[1];
  }
  if (!element || (element.type !== 'ID' && element.number !== '1331')) return [];
  if (!codes && !l.match) codes = qualifiersFromContext(a, l.seg, l.pos);
  const names = codeListFor(element, qualifier) ?? {};
  const values = codes ?? Object.keys(names);
  return values.slice(0, MAX_CODES).map((code, i) => ({
    label: code,
    kind: 'code' as const,
    detail: names[code] ?? '',
    documentation: `${info.label}${l.component ? `-${l.component}` : ''} ${element!.name}`,
    insertText: code,
    replaceStart: l.span.start,
    replaceEnd: l.span.end,
    sortText: String(i).padStart(4, '0'),
  }));
}

/** For a segment the guide could not place yet (e.g. "DTP*" being typed): the qualifiers it could take here. */
function qualifiersFromContext(a: DocumentAnalysis, seg: number, pos: number): string[] | undefined {
  const { transaction } = contextOf(a, seg);
  if (!transaction || seg - 1 < transaction.span.st) return undefined;
  const t = a.table;
  const id = t.ids[seg];
  const values = nextCandidates(transaction, seg - 1)
    .filter((c) => c.segment.id === id && (c.segment.qualifierPosition ?? 1) === pos)
    .flatMap((c) => c.segment.qualifier ?? []);
  return values.length ? [...new Set(values)] : undefined;
}

export function completionsAt(a: DocumentAnalysis, offset: number): CompletionEntry[] {
  const t = a.table;
  if (!t.delimiters) return [];
  const seg = segmentAt(t, offset);
  if (seg < 0) return [];
  if (offset > t.segEnd[seg]) return segmentItems(a, seg, offset, offset);
  const idEnd = t.segStart[seg] + t.ids[seg].length;
  if (offset <= idEnd) {
    // Typing a segment ID: complete from what may follow the previous segment.
    if (seg === 0) return [];
    return segmentItems(a, seg - 1, t.segStart[seg], idEnd);
  }
  return codeItems(a, offset);
}

