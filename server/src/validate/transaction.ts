// Analyses one transaction set (ST…SE): picks its guide, matches every segment to the guide's loops, and checks
// segment placement, order, repeats, required segments and loops, element rules and the HL hierarchy.

import type { Problem } from '../problems/problem';
import type { SegmentTable } from '../x12/scanner';
import type { TransactionSpan } from '../x12/envelope';
import { elementEnd, elementStart, elementValue } from '../x12/segments';
import type { Confidence, Guide, GuideLevel, GuideLoop, GuideSegment } from '../guide/types';
import { SEGMENTS } from '../guide/segments';
import { ELEMENTS } from '../guide/elements';
import { GUIDES, findGuide } from '../guide/guides';
import { SUPPORTED_VERSIONS } from '../guide/envelope';
import { Reporter } from './reporter';
import { checkSegmentElements, describeCodes, type Scope } from './elementRules';
import { checkHierarchy } from './hierarchy';

/** A loop instance in a transaction: an HL level (when `level` is set) or a name loop inside one. */
export interface LoopNode {
  readonly def: GuideLoop;
  readonly level?: GuideLevel;
  /** Segment index of the loop's first segment. */
  readonly first: number;
  /** Segment index of the loop's last segment (child loops included). */
  last: number;
  /** The enclosing node: for a name loop its level; for a level its parent level by HL02. */
  parent?: LoopNode;
  readonly children: LoopNode[];
}

export interface TransactionAnalysis {
  readonly span: TransactionSpan;
  readonly guide?: Guide;
  readonly problems: Problem[];
  /** Levels without a parent level (normally the one 2000A). */
  readonly roots: LoopNode[];
  /** Matched guide segment per segment, indexed by (segment index − span.st). */
  readonly matches: (GuideSegment | undefined)[];
  /** Innermost loop per segment, indexed like `matches`. */
  readonly loops: (LoopNode | undefined)[];
}

/** A guide loop prepared for matching: same-ID candidates with their index, child loops by trigger ID. */
interface CompiledLoop {
  readonly def: GuideLoop;
  readonly byId: ReadonlyMap<string, readonly Candidate[]>;
  readonly triggers: ReadonlyMap<string, readonly CompiledLoop[]>;
  /** Indexes of required segments after the trigger. */
  readonly required: readonly number[];
}

interface Candidate {
  readonly gs: GuideSegment;
  readonly index: number;
}

const compiled = new WeakMap<GuideLoop, CompiledLoop>();

function compile(def: GuideLoop): CompiledLoop {
  let c = compiled.get(def);
  if (c) return c;
  const byId = new Map<string, Candidate[]>();
  def.segments.forEach((gs, index) => {
    if (index === 0) return;
    const list = byId.get(gs.id);
    if (list) list.push({ gs, index });
    else byId.set(gs.id, [{ gs, index }]);
  });
  const triggers = new Map<string, CompiledLoop[]>();
  for (const loop of def.loops ?? []) {
    const child = compile(loop);
    const id = loop.segments[0].id;
    const list = triggers.get(id);
    if (list) list.push(child);
    else triggers.set(id, [child]);
  }
  const required = def.segments.map((gs, i) => (i > 0 && gs.usage === 'R' ? i : -1)).filter((i) => i > 0);
  c = { def, byId, triggers, required };
  compiled.set(def, c);
  return c;
}

interface Place {
  readonly node: LoopNode;
  readonly loop: CompiledLoop;
  lastPosition: number;
  lastId: string;
  /** Uses of each of the loop's segments in this instance, by index. */
  readonly counts: number[];
}

interface LevelPlace extends Place {
  /** Repeats of each child loop in this level instance. */
  readonly loopCounts: Map<GuideLoop, number>;
  /** Trigger IDs of name loops that were started with a qualifier the guide does not know (rare, so made lazily). */
  badTriggers?: Set<string>;
}

function newPlace(node: LoopNode, loop: CompiledLoop): Place {
  return { node, loop, lastPosition: loop.def.segments[0].position, lastId: loop.def.segments[0].id, counts: new Array<number>(loop.def.segments.length).fill(0) };
}

/** Whether element `pos` of a segment equals `value`, compared in place (no string is sliced). */
function elementIs(t: SegmentTable, seg: number, pos: number, value: string): boolean {
  const idx = t.segElem[seg] + pos;
  const next = t.segElem[seg + 1];
  if (idx >= next) return value === '';
  const start = t.elemStart[idx];
  const end = idx + 1 < next ? t.elemStart[idx + 1] - 1 : t.segEnd[seg];
  return end - start === value.length && t.text.startsWith(value, start);
}

function qualifies(t: SegmentTable, seg: number, gs: GuideSegment): boolean {
  const qualifier = gs.qualifier;
  if (!qualifier) return true;
  const pos = gs.qualifierPosition ?? 1;
  for (let i = 0; i < qualifier.length; i++) if (elementIs(t, seg, pos, qualifier[i])) return true;
  return false;
}

export function loopTitle(def: GuideLoop): string {
  return `${def.id} ${def.name}`;
}

function triggerLabel(gs: GuideSegment): string {
  return gs.qualifier ? `${gs.id}*${gs.qualifier.length > 3 ? gs.qualifier.slice(0, 3).join('/') + '/…' : gs.qualifier.join('/')}` : gs.id;
}

/** Where else in the guide a segment ID is used, for "belongs in …" hints. */
function homesOf(guide: Guide, id: string): string[] {
  const homes: string[] = [];
  const visit = (loop: GuideLoop) => {
    if (loop.segments.some((s) => s.id === id)) homes.push(loopTitle(loop));
    for (const child of loop.loops ?? []) visit(child);
  };
  for (const level of guide.levels) visit(level);
  return homes;
}

const HEADER_SCOPE = 'in the transaction set header';

export function analyzeTransaction(t: SegmentTable, span: TransactionSpan, groupVersion: string): TransactionAnalysis {
  const r = new Reporter();
  const st = span.st;
  const end = span.se >= 0 ? span.se : span.last + 1;
  const size = Math.max(span.last, span.se) - st + 1;
  const matches: (GuideSegment | undefined)[] = new Array(size);
  const loops: (LoopNode | undefined)[] = new Array(size);
  const levels: LoopNode[] = [];

  const version = elementValue(t, st, 3) || groupVersion;
  const hasBht = st + 1 < end && t.ids[st + 1] === 'BHT';
  const bht02 = hasBht ? elementValue(t, st + 1, 2) : '';
  const guide = findGuide(version, bht02);

  if (!guide) {
    reportUnknownGuide(t, st, hasBht, version, bht02, r);
    for (let s = st; s <= Math.max(span.last, span.se); s++) baseCheck(t, s, r, 'C');
    return { span, guide, problems: r.problems, roots: [], matches, loops };
  }

  const confidenceOf = (gs: GuideSegment | undefined, loop?: GuideLoop): Confidence => gs?.confidence ?? loop?.confidence ?? guide.confidence;
  const check = (s: number, gs: GuideSegment | undefined, scope: Scope, confidence: Confidence, def = SEGMENTS[t.ids[s]]) => {
    if (def) checkSegmentElements(t, s, def, gs, scope, confidence, r);
  };

  // Header: ST, BHT.
  const [stUse, bhtUse] = guide.header;
  matches[0] = stUse;
  check(st, stUse, HEADER_SCOPE, confidenceOf(stUse));
  let s = st + 1;
  if (hasBht) {
    matches[1] = bhtUse;
    check(s, bhtUse, HEADER_SCOPE, confidenceOf(bhtUse));
    s++;
  } else {
    r.add('required-segment', t.segStart[st], t.segEnd[st], 'BHT (Beginning of Hierarchical Transaction) is required right after ST.');
  }

  let level: LevelPlace | undefined;
  let loop: Place | undefined;
  let lenient = false;
  // After a name loop starts with an unknown qualifier, its likely members are only base-checked, so one typo
  // gives one problem instead of one per following segment.
  let absorbing: Set<string> | undefined;

  const place = (p: Place, gs: GuideSegment, index: number, seg: number) => {
    const count = ++p.counts[index];
    const def = p.loop.def;
    const confidence = confidenceOf(gs, def);
    if (count > gs.max) {
      r.add('segment-max-use', t.segStart[seg], t.segEnd[seg], `${triggerLabel(gs)} (${gs.name}) may appear ${gs.max === 1 ? 'once' : `${gs.max} times at most`} in ${loopTitle(def)}; this is use ${count}.`, confidence);
    }
    if (gs.position < p.lastPosition) {
      r.add('segment-order', t.segStart[seg], t.segStart[seg] + t.ids[seg].length, `${t.ids[seg]} (${gs.name}) is out of order in ${loopTitle(def)}: it must come before ${p.lastId}.`, confidence);
    } else {
      p.lastPosition = gs.position;
      p.lastId = t.ids[seg];
    }
    matches[seg - st] = gs;
    loops[seg - st] = p.node;
    p.node.last = seg;
    if (p.node.parent && p.node.parent.last < seg && !p.node.level) p.node.parent.last = seg;
    check(seg, gs, def, confidence);
  };

  const closeRequired = (p: Place) => {
    const segments = p.loop.def.segments;
    for (const i of p.loop.required) {
      if (p.counts[i] > 0) continue;
      const gs = segments[i];
      // A required segment shares its position with qualified siblings; any of them satisfies it.
      if (segments.some((other, j) => j !== i && other.id === gs.id && other.position === gs.position && p.counts[j] > 0)) continue;
      const first = p.node.first;
      r.add('required-segment', t.segStart[first], t.segEnd[first], `${triggerLabel(gs)} (${gs.name}) is required in ${loopTitle(p.loop.def)}.`, confidenceOf(gs, p.loop.def));
    }
  };

  const closeLoop = () => {
    if (loop) closeRequired(loop);
    loop = undefined;
  };

  const closeLevel = () => {
    closeLoop();
    if (!level) return;
    closeRequired(level);
    const levelDef = level.loop.def;
    for (const child of levelDef.loops ?? []) {
      if (child.usage === 'R' && !level.loopCounts.has(child) && !level.badTriggers?.has(child.segments[0].id)) {
        const hl = level.node.first;
        r.add('required-loop', t.segStart[hl], t.segEnd[hl], `${loopTitle(child)} (${triggerLabel(child.segments[0])}) is required in ${loopTitle(levelDef)}.`, child.confidence ?? levelDef.confidence ?? guide.confidence);
      }
    }
    level = undefined;
  };

  for (; s < end; s++) {
    const id = t.ids[s];
    if (id === 'HL') {
      absorbing = undefined;
      closeLevel();
      const def = guide.levels.find((l) => elementIs(t, s, 3, l.level));
      if (!def) {
        const code = elementValue(t, s, 3);
        lenient = true;
        const from = elementStart(t, s, 3);
        const known = guide.levels.map((l) => `${l.level} (${l.role})`).join(', ');
        if (code) r.add('hl-level', from, elementEnd(t, s, 3), `HL03 "${code}" is not a level of ${guide.name}; use ${known}.`, guide.confidence);
        baseCheck(t, s, r, guide.confidence);
        continue;
      }
      lenient = false;
      const node: LoopNode = { def, level: def, first: s, last: s, children: [] };
      levels.push(node);
      const compiledLevel = compile(def);
      level = { node, loop: compiledLevel, lastPosition: def.segments[0].position, lastId: 'HL', counts: new Array<number>(def.segments.length).fill(0), loopCounts: new Map() };
      place(level, def.segments[0], 0, s);
      continue;
    }
    if (!SEGMENTS[id]) {
      r.add('unknown-segment', t.segStart[s], t.segStart[s] + id.length, `"${id}" is not a segment a 278 uses. Check the spelling of the segment ID.`);
      continue;
    }
    if (!level) {
      if (!lenient) r.add('segment-not-allowed', t.segStart[s], t.segStart[s] + id.length, `${id} cannot stand here: after BHT the transaction continues with HL (2000A).`, guide.confidence);
      baseCheck(t, s, r, guide.confidence);
      continue;
    }

    let candidates: { list: readonly Candidate[]; owner: GuideLoop }[] | undefined;
    // 1. A segment of the current name loop.
    if (loop) {
      const list = loop.loop.byId.get(id);
      if (list) {
        const hit = list.find((c) => qualifies(t, s, c.gs));
        if (hit) {
          place(loop, hit.gs, hit.index, s);
          continue;
        }
        (candidates ??= []).push({ list, owner: loop.loop.def });
      }
    }
    // 2. The first segment of a name loop of this level.
    const triggers = level.loop.triggers.get(id);
    if (triggers) {
      const next = triggers.find((l) => qualifies(t, s, l.def.segments[0]));
      if (next) {
        absorbing = undefined;
        closeLoop();
        const nextDef = next.def;
        const repeats = (level.loopCounts.get(nextDef) ?? 0) + 1;
        level.loopCounts.set(nextDef, repeats);
        const node: LoopNode = { def: nextDef, first: s, last: s, parent: level.node, children: [] };
        level.node.children.push(node);
        if (repeats > nextDef.max) {
          r.add('loop-max-repeat', t.segStart[s], t.segEnd[s], `${loopTitle(nextDef)} may repeat ${nextDef.max === 1 ? 'once' : `${nextDef.max} times`} in ${loopTitle(level.loop.def)}; this is repeat ${repeats}.`, confidenceOf(nextDef.segments[0], nextDef));
        }
        const gs = nextDef.segments[0];
        if (gs.position < level.lastPosition) {
          r.add('segment-order', t.segStart[s], t.segStart[s] + id.length, `${loopTitle(nextDef)} is out of order in ${loopTitle(level.loop.def)}: it must come before ${level.lastId}.`, confidenceOf(gs, nextDef));
        } else {
          level.lastPosition = gs.position;
          level.lastId = loopTitle(nextDef);
        }
        loop = newPlace(node, next);
        place(loop, gs, 0, s);
        continue;
      }
      (candidates ??= []).push({ list: triggers.map((l) => ({ gs: l.def.segments[0], index: 0 })), owner: level.loop.def });
    }
    // 3. A segment of the level itself (after a name loop it is out of order, which place() reports).
    const own = level.loop.byId.get(id);
    if (own) {
      const hit = own.find((c) => qualifies(t, s, c.gs));
      if (hit) {
        if (loop) closeLoop();
        place(level, hit.gs, hit.index, s);
        continue;
      }
      (candidates ??= []).push({ list: own, owner: level.loop.def });
    }
    // 4. Members of a loop whose start had an unknown qualifier.
    if (absorbing?.has(id)) {
      baseCheck(t, s, r, guide.confidence);
      continue;
    }
    // 5. Right ID, wrong qualifier.
    if (candidates) {
      reportQualifier(t, s, candidates, confidenceOf(candidates[0].list[0].gs, candidates[0].owner), r);
      baseCheck(t, s, r, guide.confidence);
      if (triggers && !loop?.loop.def.segments.some((gs) => gs.id === id)) {
        closeLoop();
        (level.badTriggers ??= new Set()).add(id);
        absorbing = new Set((level.loop.def.loops ?? []).flatMap((l) => l.segments.map((gs) => gs.id)));
      }
      continue;
    }
    // 6. Not allowed here at all.
    const homes = homesOf(guide, id);
    const where = loop ? loopTitle(loop.loop.def) : loopTitle(level.loop.def);
    const hint = homes.length ? ` In ${guide.name} it belongs in ${homes.slice(0, 4).join(', ')}${homes.length > 4 ? ', …' : ''}.` : ` ${guide.name} does not use ${id}.`;
    r.add('segment-not-allowed', t.segStart[s], t.segStart[s] + id.length, `${id} is not allowed in ${where}.${hint}`, guide.confidence);
    baseCheck(t, s, r, guide.confidence);
  }
  closeLevel();

  if (span.se >= 0) {
    matches[span.se - st] = guide.trailer;
    check(span.se, guide.trailer, 'in the transaction set trailer', confidenceOf(guide.trailer));
  }

  const roots = checkHierarchy(t, span, guide, levels, r);
  return { span, guide, problems: r.problems, roots, matches, loops };
}

function baseCheck(t: SegmentTable, s: number, r: Reporter, confidence: Confidence): void {
  const def = SEGMENTS[t.ids[s]];
  if (def) checkSegmentElements(t, s, def, undefined, `in ${t.ids[s]}`, confidence, r);
}

function reportQualifier(t: SegmentTable, s: number, candidates: { list: readonly Candidate[]; owner: GuideLoop }[], confidence: Confidence, r: Reporter): void {
  const first = candidates[0];
  const position = first.list[0].gs.qualifierPosition ?? 1;
  const codes = [...new Set(candidates.flatMap((c) => c.list.flatMap((cand) => cand.gs.qualifier ?? [])))];
  const id = t.ids[s];
  const start = elementStart(t, s, position);
  const value = elementValue(t, s, position);
  const label = `${id}${String(position).padStart(2, '0')}`;
  const def = SEGMENTS[id];
  const element = def ? ELEMENTS[def.elements[position - 1]] : undefined;
  const where = candidates.map((c) => loopTitle(c.owner)).filter((w, i, all) => all.indexOf(w) === i).join(' or ');
  const range = start >= 0 ? [start, elementEnd(t, s, position)] : [t.segStart[s], t.segEnd[s]];
  r.add('qualifier-code', range[0], Math.max(range[1], range[0] + 1), `${label} "${value}" does not identify a ${id} allowed in ${where}; use ${describeCodes(element, codes)}.`, confidence);
}

function reportUnknownGuide(t: SegmentTable, st: number, hasBht: boolean, version: string, bht02: string, r: Reporter): void {
  if (SUPPORTED_VERSIONS.includes(version)) {
    const variants = GUIDES.filter((g) => g.id === version).map((g) => `${g.variant} (${g.bht02.join(', ')})`).join(' or ');
    const at = hasBht ? elementStart(t, st + 1, 2) : -1;
    const start = at >= 0 ? at : t.segStart[st];
    const finish = at >= 0 ? Math.max(elementEnd(t, st + 1, 2), at + 1) : t.segEnd[st];
    r.add('unknown-guide', start, finish, `BHT02 "${bht02}" does not say which kind of ${version} this is; use ${variants}. Only envelope and element checks apply until it does.`);
    return;
  }
  const at = elementStart(t, st, 3);
  const start = at >= 0 ? at : t.segStart[st];
  const finish = at >= 0 ? Math.max(elementEnd(t, st, 3), at + 1) : t.segEnd[st];
  r.add('unknown-guide', start, finish, `"${version || '(empty)'}" is not a 278 guide this tool knows; ST03 and GS08 should be ${SUPPORTED_VERSIONS.join(', ')}. Only envelope and element checks apply.`);
}
