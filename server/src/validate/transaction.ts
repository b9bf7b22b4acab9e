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
import { checkSegmentElements, describeCodes } from './elementRules';
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

interface Place {
  readonly node: LoopNode;
  readonly def: GuideLoop;
  lastPosition: number;
  lastId: string;
  readonly counts: Map<GuideSegment, number>;
}

interface LevelPlace extends Place {
  readonly loopCounts: Map<GuideLoop, number>;
  /** Trigger IDs of name loops that were started with a qualifier the guide does not know. */
  readonly badTriggers: Set<string>;
}

const byIdCache = new WeakMap<readonly GuideSegment[], Map<string, GuideSegment[]>>();

function segmentsById(segments: readonly GuideSegment[]): Map<string, GuideSegment[]> {
  let map = byIdCache.get(segments);
  if (!map) {
    map = new Map();
    for (let i = 1; i < segments.length; i++) {
      const s = segments[i];
      const list = map.get(s.id);
      if (list) list.push(s);
      else map.set(s.id, [s]);
    }
    byIdCache.set(segments, map);
  }
  return map;
}

const triggerCache = new WeakMap<readonly GuideLoop[], Map<string, GuideLoop[]>>();

function loopsByTrigger(loops: readonly GuideLoop[]): Map<string, GuideLoop[]> {
  let map = triggerCache.get(loops);
  if (!map) {
    map = new Map();
    for (const loop of loops) {
      const id = loop.segments[0].id;
      const list = map.get(id);
      if (list) list.push(loop);
      else map.set(id, [loop]);
    }
    triggerCache.set(loops, map);
  }
  return map;
}

function qualifies(t: SegmentTable, seg: number, gs: GuideSegment): boolean {
  if (!gs.qualifier) return true;
  return gs.qualifier.includes(elementValue(t, seg, gs.qualifierPosition ?? 1));
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
  const check = (s: number, gs: GuideSegment | undefined, where: string, confidence: Confidence) => {
    const def = SEGMENTS[t.ids[s]];
    if (def) checkSegmentElements(t, s, { def, use: gs, where, confidence }, r);
  };

  // Header: ST, BHT.
  const [stUse, bhtUse] = guide.header;
  matches[0] = stUse;
  check(st, stUse, 'in the transaction set header', confidenceOf(stUse));
  let s = st + 1;
  if (hasBht) {
    matches[1] = bhtUse;
    check(s, bhtUse, 'in the transaction set header', confidenceOf(bhtUse));
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

  const place = (p: Place, gs: GuideSegment, seg: number) => {
    const count = (p.counts.get(gs) ?? 0) + 1;
    p.counts.set(gs, count);
    const where = `in ${loopTitle(p.def)}`;
    const confidence = confidenceOf(gs, p.def);
    if (count > gs.max) {
      r.add('segment-max-use', t.segStart[seg], t.segEnd[seg], `${triggerLabel(gs)} (${gs.name}) may appear ${gs.max === 1 ? 'once' : `${gs.max} times at most`} ${where}; this is use ${count}.`, confidence);
    }
    if (gs.position < p.lastPosition) {
      r.add('segment-order', t.segStart[seg], t.segStart[seg] + t.ids[seg].length, `${t.ids[seg]} (${gs.name}) is out of order ${where}: it must come before ${p.lastId}.`, confidence);
    } else {
      p.lastPosition = gs.position;
      p.lastId = t.ids[seg];
    }
    matches[seg - st] = gs;
    loops[seg - st] = p.node;
    p.node.last = seg;
    if (p.node.parent && p.node.parent.last < seg && !p.node.level) p.node.parent.last = seg;
    check(seg, gs, where, confidence);
  };

  const closeRequired = (p: Place) => {
    for (let i = 1; i < p.def.segments.length; i++) {
      const gs = p.def.segments[i];
      if (gs.usage !== 'R' || p.counts.has(gs)) continue;
      if (p.def.segments.some((other) => other !== gs && other.id === gs.id && other.position === gs.position && p.counts.has(other))) continue;
      const first = p.node.first;
      r.add('required-segment', t.segStart[first], t.segEnd[first], `${triggerLabel(gs)} (${gs.name}) is required in ${loopTitle(p.def)}.`, confidenceOf(gs, p.def));
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
    for (const child of level.def.loops ?? []) {
      if (child.usage === 'R' && !level.loopCounts.has(child) && !level.badTriggers.has(child.segments[0].id)) {
        const hl = level.node.first;
        r.add('required-loop', t.segStart[hl], t.segEnd[hl], `${loopTitle(child)} (${triggerLabel(child.segments[0])}) is required in ${loopTitle(level.def)}.`, child.confidence ?? level.def.confidence ?? guide.confidence);
      }
    }
    level = undefined;
  };

  for (; s < end; s++) {
    const id = t.ids[s];
    if (id === 'HL') {
      absorbing = undefined;
      closeLevel();
      const code = elementValue(t, s, 3);
      const def = guide.levels.find((l) => l.level === code);
      if (!def) {
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
      level = { node, def, lastPosition: def.segments[0].position, lastId: 'HL', counts: new Map(), loopCounts: new Map(), badTriggers: new Set() };
      place(level, def.segments[0], s);
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

    const candidates: { list: GuideSegment[]; owner: GuideLoop }[] = [];
    // 1. A segment of the current name loop.
    if (loop) {
      const list = segmentsById(loop.def.segments).get(id);
      if (list) {
        const hit = list.find((gs) => qualifies(t, s, gs));
        if (hit) {
          place(loop, hit, s);
          continue;
        }
        candidates.push({ list, owner: loop.def });
      }
    }
    // 2. The first segment of a name loop of this level.
    const triggers = level.def.loops ? loopsByTrigger(level.def.loops).get(id) : undefined;
    if (triggers) {
      const next = triggers.find((l) => qualifies(t, s, l.segments[0]));
      if (next) {
        absorbing = undefined;
        closeLoop();
        const repeats = (level.loopCounts.get(next) ?? 0) + 1;
        level.loopCounts.set(next, repeats);
        const node: LoopNode = { def: next, first: s, last: s, parent: level.node, children: [] };
        level.node.children.push(node);
        if (repeats > next.max) {
          r.add('loop-max-repeat', t.segStart[s], t.segEnd[s], `${loopTitle(next)} may repeat ${next.max === 1 ? 'once' : `${next.max} times`} in ${loopTitle(level.def)}; this is repeat ${repeats}.`, confidenceOf(next.segments[0], next));
        }
        const gs = next.segments[0];
        if (gs.position < level.lastPosition) {
          r.add('segment-order', t.segStart[s], t.segStart[s] + id.length, `${loopTitle(next)} is out of order in ${loopTitle(level.def)}: it must come before ${level.lastId}.`, confidenceOf(gs, next));
        } else {
          level.lastPosition = gs.position;
          level.lastId = `${loopTitle(next)}`;
        }
        loop = { node, def: next, lastPosition: gs.position, lastId: id, counts: new Map() };
        place(loop, gs, s);
        continue;
      }
      candidates.push({ list: triggers.map((l) => l.segments[0]), owner: level.def });
    }
    // 3. A segment of the level itself (after a name loop it is out of order, which place() reports).
    const own = segmentsById(level.def.segments).get(id);
    if (own) {
      const hit = own.find((gs) => qualifies(t, s, gs));
      if (hit) {
        if (loop) {
          closeLoop();
        }
        place(level, hit, s);
        continue;
      }
      candidates.push({ list: own, owner: level.def });
    }
    // 4. Members of a loop whose start had an unknown qualifier.
    if (absorbing?.has(id)) {
      baseCheck(t, s, r, guide.confidence);
      continue;
    }
    // 5. Right ID, wrong qualifier.
    if (candidates.length > 0) {
      reportQualifier(t, s, candidates, confidenceOf(candidates[0].list[0], candidates[0].owner), r);
      baseCheck(t, s, r, guide.confidence);
      if (triggers && !loop?.def.segments.some((gs) => gs.id === id)) {
        closeLoop();
        level.badTriggers.add(id);
        absorbing = new Set((level.def.loops ?? []).flatMap((l) => l.segments.map((gs) => gs.id)));
      }
      continue;
    }
    // 6. Not allowed here at all.
    const homes = homesOf(guide, id);
    const where = loop ? loopTitle(loop.def) : loopTitle(level.def);
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
  if (def) checkSegmentElements(t, s, { def, where: `in ${t.ids[s]}`, confidence }, r);
}

function reportQualifier(t: SegmentTable, s: number, candidates: { list: GuideSegment[]; owner: GuideLoop }[], confidence: Confidence, r: Reporter): void {
  const first = candidates[0];
  const position = first.list[0].qualifierPosition ?? 1;
  const codes = [...new Set(candidates.flatMap((c) => c.list.flatMap((gs) => gs.qualifier ?? [])))];
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
