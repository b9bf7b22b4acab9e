// Analyses one transaction set (ST…SE): picks its guide, matches every segment to the guide's loops, and checks
// segment placement, order, repeats, required segments and loops, element rules and the HL hierarchy.

import type { Problem } from '../problems/problem';
import { segmentType, type SegmentTable } from '../x12/scanner';
import type { TransactionSpan } from '../x12/envelope';
import { elementEnd, elementIs, elementStart, elementValue } from '../x12/segments';
import type { Confidence, Guide, GuideLevel, GuideLoop, GuideSegment, SegmentDef } from '../guide/types';
import { SEGMENTS } from '../guide/segments';
import { ELEMENTS } from '../guide/elements';
import { GUIDES, findGuide } from '../guide/guides';
import { SUPPORTED_VERSIONS } from '../guide/envelope';
import { Reporter, weakest } from './reporter';
import { LEVEL_CODES } from '../guide/shared';
import { checkSegmentElements, describeCodes, planFor, type Plan } from './elementRules';
import { checkHierarchy } from './hierarchy';
import { elementKey, hasKey, shortCodeSet, shortKey } from './codeKeys';
import { buildNodes, LoopPool, type LoopNode } from './loopPool';
import { bht02Confirmed, guideForBht02, guidePhrase, hasReviewDecision } from './guideFit';
import { X217_RESPONSE } from '../guide/x217Response';

export type { LoopNode } from './loopPool';

/** One transaction's analysis. Its loop instances live in the document's LoopPool; `roots` builds them on demand. */
export class TransactionAnalysis {
  private built?: LoopNode[];

  constructor(
    readonly span: TransactionSpan,
    readonly guide: Guide | undefined,
    readonly problems: Problem[],
    /** Matched guide segment per segment, indexed by absolute segment index (one array shared by the document). */
    readonly matches: (GuideSegment | undefined)[],
    readonly pool: LoopPool,
    /** The transaction's nodes in the pool: [nodeFrom, nodeTo). */
    readonly nodeFrom: number,
    readonly nodeTo: number,
  ) {}

  /** Levels without a parent level (normally the one 2000A), with their name loops and child levels. */
  get roots(): LoopNode[] {
    return (this.built ??= buildNodes(this.pool, this.nodeFrom, this.nodeTo, this.span.st));
  }

  /** The same analysis for the transaction at `span` (moved by an edit elsewhere) with the document's new lists. */
  moved(span: TransactionSpan, problems: Problem[], matches: (GuideSegment | undefined)[]): TransactionAnalysis {
    const copy = new TransactionAnalysis(span, this.guide, problems, matches, this.pool, this.nodeFrom, this.nodeTo);
    if (span.st === this.span.st) copy.built = this.built;
    return copy;
  }
}

/** A guide loop prepared for matching: candidates and child loops indexed by segment type (see segmentType). */
interface CompiledLoop {
  readonly def: GuideLoop;
  /** Per segment of def.segments: its dictionary entry and element plan, resolved once. */
  readonly segmentDefs: readonly (SegmentDef | undefined)[];
  readonly plans: readonly (Plan | undefined)[];
  /** Same-ID candidates after the trigger, by segment type. */
  readonly byType: readonly (readonly Candidate[] | undefined)[];
  /** Child loops by the segment type of their trigger, with their index among def.loops. */
  readonly triggersByType: readonly (readonly ChildLoop[] | undefined)[];
  /** Indexes of required segments after the trigger. */
  readonly required: readonly number[];
  /** Per segment index: the other segments at the same position (qualified siblings), any of which satisfies it. */
  readonly alternatives: readonly (readonly number[])[];
  /** Segment types of every child loop's segments (for absorbing the members of a mistyped loop). */
  readonly childTypes: ReadonlySet<number>;
}

interface Candidate {
  readonly gs: GuideSegment;
  readonly index: number;
  /** The qualifier codes as sorted numeric keys (see codeKeys), when all are short; null when not; undefined when the segment has no qualifier. */
  readonly keys: Int32Array | null | undefined;
  readonly qualifierPosition: number;
}

interface ChildLoop {
  readonly loop: CompiledLoop;
  readonly index: number;
  /** The loop's first segment, as a candidate. */
  readonly trigger: Candidate;
}

function candidate(gs: GuideSegment, index: number): Candidate {
  return { gs, index, keys: gs.qualifier ? shortCodeSet(gs.qualifier) : undefined, qualifierPosition: gs.qualifierPosition ?? 1 };
}

const compiled = new Map<GuideLoop, CompiledLoop>();

function byType<T>(entries: [string, T][]): (T[] | undefined)[] {
  const out: (T[] | undefined)[] = [];
  for (const [id, value] of entries) {
    const type = segmentType(id);
    (out[type] ??= []).push(value);
  }
  return out;
}

// Lookups are kept apart from the builders below: a function whose variables a closure captures allocates a context
// on every call, cache hit or not, and these run once per loop of a batch.
function compile(def: GuideLoop): CompiledLoop {
  return compiled.get(def) ?? buildCompiled(def);
}

function buildCompiled(def: GuideLoop): CompiledLoop {
  const loops = def.loops ?? [];
  const required = def.segments.map((gs, i) => (i > 0 && gs.usage === 'R' ? i : -1)).filter((i) => i > 0);
  const segmentDefs = def.segments.map((gs) => SEGMENTS[gs.id]);
  const c: CompiledLoop = {
    def,
    segmentDefs,
    plans: def.segments.map((gs, i) => (segmentDefs[i] ? planFor(segmentDefs[i]!, gs) : undefined)),
    byType: byType(def.segments.slice(1).map((gs, i) => [gs.id, candidate(gs, i + 1)] as [string, Candidate])),
    triggersByType: byType(loops.map((loop, index) => [loop.segments[0].id, { loop: compile(loop), index, trigger: candidate(loop.segments[0], 0) }] as [string, ChildLoop])),
    required,
    alternatives: def.segments.map((gs, i) => def.segments.flatMap((other, j) => (j !== i && other.id === gs.id && other.position === gs.position ? [j] : []))),
    childTypes: new Set(loops.flatMap((l) => l.segments.map((gs) => segmentType(gs.id)))),
  };
  compiled.set(def, c);
  return c;
}

/** An open loop instance. The matcher keeps two (the level and the name loop inside it) and reuses them. */
interface Place {
  open: boolean;
  /** The loop instance's index in the pool. */
  node: number;
  loop: CompiledLoop;
  lastPosition: number;
  lastId: string;
  /** Uses of each of the loop's segments in this instance, by index (scratch, zeroed when the place opens). */
  readonly counts: Int32Array;
  /** For a level: repeats of each child loop, by index among def.loops. */
  readonly loopCounts: Int32Array;
  /** For a level: trigger IDs of name loops started with a qualifier the guide does not know (rare). */
  badTriggers?: Set<string>;
}

function newScratchPlace(): Place {
  return { open: false, node: -1, loop: undefined as unknown as CompiledLoop, lastPosition: 0, lastId: '', counts: new Int32Array(256), loopCounts: new Int32Array(64) };
}

function openPlace(p: Place, node: number, loop: CompiledLoop): void {
  p.open = true;
  p.node = node;
  p.loop = loop;
  p.lastPosition = loop.def.segments[0].position;
  p.lastId = loop.def.segments[0].id;
  // Loops, not fill(): the ranges are a handful of entries, and a builtin call costs more than clearing them.
  const counts = p.counts;
  for (let i = loop.def.segments.length - 1; i >= 0; i--) counts[i] = 0;
  const loopCounts = p.loopCounts;
  for (let i = (loop.def.loops?.length ?? 0) - 1; i >= 0; i--) loopCounts[i] = 0;
  p.badTriggers = undefined;
}

function qualifies(t: SegmentTable, seg: number, c: Candidate): boolean {
  if (c.keys === undefined) return true;
  const pos = c.qualifierPosition;
  if (c.keys !== null) return hasKey(c.keys, elementKey(t, seg, pos));
  const qualifier = c.gs.qualifier!;
  for (let i = 0; i < qualifier.length; i++) if (elementIs(t, seg, pos, qualifier[i])) return true;
  return false;
}

function firstQualifying(t: SegmentTable, seg: number, list: readonly Candidate[]): Candidate | undefined {
  for (let i = 0; i < list.length; i++) if (qualifies(t, seg, list[i])) return list[i];
  return undefined;
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

const NO_LOOPS: readonly GuideLoop[] = [];

/** Each guide's HL03 level codes as short keys, in the order of guide.levels (-1 for a code too long for a key). */
const levelKeys = new Map<Guide, Int32Array>();

function levelKeysOf(guide: Guide): Int32Array {
  return levelKeys.get(guide) ?? buildLevelKeys(guide);
}

function buildLevelKeys(guide: Guide): Int32Array {
  const keys = Int32Array.from(guide.levels, (l) => shortKey(l.level, 0, l.level.length));
  levelKeys.set(guide, keys);
  return keys;
}

/** Per segment type: 0 not looked up yet, 1 a segment of the dictionary, 2 not. */
const inDictionary = new Uint8Array(4096);

function isDictionarySegment(type: number, id: string): boolean {
  let known = inDictionary[type];
  if (known === 0) {
    known = SEGMENTS[id] ? 1 : 2;
    if (type !== 0) inDictionary[type] = known; // type 0 is shared by IDs past the type table's capacity
  }
  return known === 1;
}

const HEADER_SCOPE = 'in the transaction set header';
const HL_TYPE = segmentType('HL');

/**
 * The matcher's working state. analyzeTransaction is not re-entrant, so one set of scratch records serves every
 * transaction and the hot path allocates nothing per segment or loop.
 */
const state = {
  t: undefined as unknown as SegmentTable,
  guide: undefined as unknown as Guide,
  r: undefined as unknown as Reporter,
  matches: [] as (GuideSegment | undefined)[],
  level: newScratchPlace(),
  loop: newScratchPlace(),
  pool: undefined as unknown as LoopPool,
  /** The transaction's ST and its first node in the pool: nodes store segments and parents relative to them. */
  st: 0,
  nodeFrom: 0,
};

/** Drops the references to the finished transaction, so a closed document's analysis can be collected. */
function releaseState(): void {
  state.t = undefined as unknown as SegmentTable;
  state.guide = undefined as unknown as Guide;
  state.r = undefined as unknown as Reporter;
  state.matches = [];
  for (const p of [state.level, state.loop]) {
    p.open = false;
    p.node = -1;
  }
  state.pool = undefined as unknown as LoopPool;
}

/** The confidence of a segment's place (usage, max use, order, qualifier): its own mark, else its loop's. */
function confidenceOf(gs: GuideSegment | undefined, loop?: GuideLoop): Confidence {
  return gs?.confidence ?? loop?.confidence ?? 'C';
}

/** Whether a loop is required: its usage mark, else its contents mark. */
function usageConfidenceOf(loop: GuideLoop): Confidence {
  return loop.usageConfidence ?? loop.confidence ?? 'C';
}

/** How often a loop repeats: its repeat mark, else its contents mark. */
export function repeatConfidenceOf(loop: GuideLoop): Confidence {
  return loop.repeatConfidence ?? loop.confidence ?? 'C';
}

function place(p: Place, gs: GuideSegment, index: number, seg: number): void {
  const { t, r } = state;
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
  state.matches[seg] = gs;
  const pool = state.pool;
  const relative = seg - state.st;
  pool.setLast(p.node, relative);
  // A name loop's segments extend its level too.
  if (p === state.loop) pool.setLast(state.level.node, relative);
  const segmentDef = p.loop.segmentDefs[index];
  if (segmentDef) checkSegmentElements(t, seg, segmentDef, gs, def, confidence, r, p.loop.plans[index]);
}

/** Whether a qualified sibling at the same position as required segment `i` was used instead. */
function satisfiedByAlternative(p: Place, i: number): boolean {
  const alternatives = p.loop.alternatives[i];
  for (let k = 0; k < alternatives.length; k++) if (p.counts[alternatives[k]] > 0) return true;
  return false;
}

function closeRequired(p: Place): void {
  const { t, r } = state;
  const segments = p.loop.def.segments;
  const required = p.loop.required;
  for (let k = 0; k < required.length; k++) {
    const i = required[k];
    if (p.counts[i] > 0) continue;
    const gs = segments[i];
    if (satisfiedByAlternative(p, i)) continue;
    const first = state.st + state.pool.first(p.node);
    r.add('required-segment', t.segStart[first], t.segEnd[first], `${triggerLabel(gs)} (${gs.name}) is required in ${loopTitle(p.loop.def)}.`, confidenceOf(gs, p.loop.def), undefined, gs.qualifier ? { segment: gs.id, qualifiers: gs.qualifier } : { segment: gs.id });
  }
}

function closeLoop(): void {
  if (state.loop.open) closeRequired(state.loop);
  state.loop.open = false;
}

function closeLevel(): void {
  closeLoop();
  const level = state.level;
  if (!level.open) return;
  const { t, r } = state;
  closeRequired(level);
  const levelDef = level.loop.def;
  const childLoops = levelDef.loops ?? NO_LOOPS;
  for (let i = 0; i < childLoops.length; i++) {
    const child = childLoops[i];
    if (child.usage === 'R' && level.loopCounts[i] === 0 && !level.badTriggers?.has(child.segments[0].id)) {
      const hl = state.st + state.pool.first(level.node);
      r.add('required-loop', t.segStart[hl], t.segEnd[hl], `${loopTitle(child)} (${triggerLabel(child.segments[0])}) is required in ${loopTitle(levelDef)}.`, usageConfidenceOf(child));
    }
  }
  level.open = false;
}

/**
 * Analyses one transaction. `matches` is the document's per-segment array (absolute indexes) and `pool` its loop
 * instances; this fills the transaction's part of them. Standalone callers may omit both.
 */
export function analyzeTransaction(
  t: SegmentTable,
  span: TransactionSpan,
  groupVersion: string,
  matches: (GuideSegment | undefined)[] = new Array(t.segmentCount),
  pool: LoopPool = new LoopPool(),
): TransactionAnalysis {
  const r = new Reporter();
  const st = span.st;
  const end = span.se >= 0 ? span.se : span.last + 1;

  const version = elementValue(t, st, 3) || groupVersion;
  const hasBht = st + 1 < end && t.ids[st + 1] === 'BHT';
  const bht02 = hasBht ? elementValue(t, st + 1, 2) : '';
  let guide = findGuide(version, bht02);

  if (!guide) {
    // BHT02 may name a variant of another guide: the content is then checked against that guide, its own rules as
    // warnings (the 278-wide ones stay errors), after one problem that says which guide and what to change.
    const fit = SUPPORTED_VERSIONS.includes(version) ? guideForBht02(version, bht02) : undefined;
    if (!fit) {
      reportUnknownGuide(t, st, hasBht, version, bht02, r);
      for (let s = st; s <= Math.max(span.last, span.se); s++) baseCheck(t, s, r);
      return new TransactionAnalysis(span, guide, r.problems, matches, pool, pool.size, pool.size);
    }
    if (bht02Confirmed(version)) reportUnknownGuide(t, st, hasBht, version, bht02, r, fit);
    else reportMismatch(t, st, version, fit, `BHT02 "${bht02}" is a code of ${guidePhrase(fit)}, not of ${version}`, r);
    guide = fit;
    r.otherGuide = `${guidePhrase(fit)}, which the content reads as`;
  }
  state.t = t;
  state.guide = guide;
  state.r = r;
  state.matches = matches;
  state.level.open = false;
  state.loop.open = false;
  state.pool = pool;
  state.st = st;
  state.nodeFrom = pool.size;
  const level = state.level;
  const loop = state.loop;

  // Header: ST, BHT.
  // ST is the labelled guide's own even when the content is checked against another (ST03 then names the label).
  const stUse = r.otherGuide === undefined ? guide.header[0] : labelledHeader(version) ?? guide.header[0];
  const bhtUse = guide.header[1];
  matches[st] = stUse;
  if (SEGMENTS.ST) checkSegmentElements(t, st, SEGMENTS.ST, stUse, HEADER_SCOPE, confidenceOf(stUse), r);
  let s = st + 1;
  if (hasBht) {
    matches[st + 1] = bhtUse;
    if (SEGMENTS.BHT) checkSegmentElements(t, s, SEGMENTS.BHT, bhtUse, HEADER_SCOPE, confidenceOf(bhtUse), r);
    s++;
  } else {
    r.add('required-segment', t.segStart[st], t.segEnd[st], 'BHT (Beginning of Hierarchical Transaction) is required right after ST.');
  }

  let lenient = false;
  // After a name loop starts with an unknown qualifier, its likely members are only base-checked, so one typo
  // gives one problem instead of one per following segment.
  let absorbing: ReadonlySet<number> | undefined;
  const types = t.types;

  for (; s < end; s++) {
    const type = types[s];
    if (type === HL_TYPE) {
      absorbing = undefined;
      closeLevel();
      let def: GuideLevel | undefined;
      const levelKeys = levelKeysOf(guide);
      const hl03 = elementKey(t, s, 3);
      for (let k = 0; k < guide.levels.length; k++) {
        if (levelKeys[k] >= 0 ? levelKeys[k] === hl03 : elementIs(t, s, 3, guide.levels[k].level)) {
          def = guide.levels[k];
          break;
        }
      }
      if (!def) {
        const code = elementValue(t, s, 3);
        lenient = true;
        const from = elementStart(t, s, 3);
        const known = guide.levels.map((l) => `${l.level} (${l.role})`).join(', ');
        // Every 278 guide uses the same six level codes, so a code outside them is wrong in any guide.
        const wide = !(LEVEL_CODES as readonly string[]).includes(code);
        if (code) r.add('hl-level', from, elementEnd(t, s, 3), `HL03 "${code}" is not a level of ${guide.name}; use ${known}.`, wide ? 'W' : 'C');
        baseCheck(t, s, r);
        continue;
      }
      lenient = false;
      openPlace(level, pool.add(def, true, s - st, -1), compile(def));
      place(level, def.segments[0], 0, s);
      continue;
    }
    const id = t.ids[s];
    if (!isDictionarySegment(type, id)) {
      r.add('unknown-segment', t.segStart[s], t.segStart[s] + id.length, `"${id.length > 24 ? `${id.slice(0, 20)}…` : id}" is not a segment a 278 uses. Check the spelling of the segment ID.`);
      continue;
    }
    if (!level.open) {
      if (!lenient) r.add('segment-not-allowed', t.segStart[s], t.segStart[s] + id.length, `${id} cannot stand here: after BHT the transaction continues with HL (2000A).`, 'W');
      baseCheck(t, s, r);
      continue;
    }

    let candidates: { list: readonly Candidate[]; owner: GuideLoop }[] | undefined;
    // 1. A segment of the current name loop.
    if (loop.open) {
      const list = loop.loop.byType[type];
      if (list) {
        const hit = firstQualifying(t, s, list);
        if (hit) {
          place(loop, hit.gs, hit.index, s);
          continue;
        }
        (candidates ??= []).push({ list, owner: loop.loop.def });
      }
    }
    // 2. The first segment of a name loop of this level.
    const triggers = level.loop.triggersByType[type];
    if (triggers) {
      let next: ChildLoop | undefined;
      for (let k = 0; k < triggers.length; k++) {
        if (qualifies(t, s, triggers[k].trigger)) {
          next = triggers[k];
          break;
        }
      }
      if (next) {
        absorbing = undefined;
        closeLoop();
        const nextDef = next.loop.def;
        const repeats = ++level.loopCounts[next.index];
        const node = pool.add(nextDef, false, s - st, level.node - state.nodeFrom);
        if (repeats > nextDef.max) {
          r.add('loop-max-repeat', t.segStart[s], t.segEnd[s], `${loopTitle(nextDef)} may repeat ${nextDef.max === 1 ? 'once' : `${nextDef.max} times`} in ${loopTitle(level.loop.def)}; this is repeat ${repeats}.`, repeatConfidenceOf(nextDef));
        }
        const gs = nextDef.segments[0];
        if (gs.position < level.lastPosition) {
          r.add('segment-order', t.segStart[s], t.segStart[s] + id.length, `${loopTitle(nextDef)} is out of order in ${loopTitle(level.loop.def)}: it must come before ${level.lastId}.`, confidenceOf(gs, nextDef));
        } else {
          level.lastPosition = gs.position;
          level.lastId = loopTitle(nextDef);
        }
        openPlace(loop, node, next.loop);
        place(loop, gs, 0, s);
        continue;
      }
      (candidates ??= []).push({ list: triggers.map((l) => l.trigger), owner: level.loop.def });
    }
    // 3. A segment of the level itself (after a name loop it is out of order, which place() reports).
    const own = level.loop.byType[type];
    if (own) {
      const hit = firstQualifying(t, s, own);
      if (hit) {
        if (loop.open) closeLoop();
        place(level, hit.gs, hit.index, s);
        continue;
      }
      (candidates ??= []).push({ list: own, owner: level.loop.def });
    }
    // 4. Members of a loop whose start had an unknown qualifier.
    if (absorbing?.has(type)) {
      baseCheck(t, s, r);
      continue;
    }
    // 5. Right ID, wrong qualifier.
    if (candidates) {
      reportQualifier(t, s, candidates, confidenceOf(candidates[0].list[0].gs, candidates[0].owner), r);
      baseCheck(t, s, r);
      if (triggers && !(loop.open && usesSegment(loop.loop.def, id))) {
        closeLoop();
        (level.badTriggers ??= new Set()).add(id);
        absorbing = level.loop.childTypes;
      }
      continue;
    }
    // 6. Not allowed here at all.
    const homes = homesOf(guide, id);
    const where = loop.open ? loopTitle(loop.loop.def) : loopTitle(level.loop.def);
    const hint = homes.length ? ` In ${guide.name} it belongs in ${homes.slice(0, 4).join(', ')}${homes.length > 4 ? ', …' : ''}.` : ` ${guide.name} does not use ${id}.`;
    // The fact is the loop's (and its level's) list of segments.
    const listed = loop.open ? weakest(loop.loop.def.confidence ?? 'C', level.loop.def.confidence ?? 'C') : level.loop.def.confidence ?? 'C';
    r.add('segment-not-allowed', t.segStart[s], t.segStart[s] + id.length, `${id} is not allowed in ${where}.${hint}`, listed);
    baseCheck(t, s, r);
  }
  closeLevel();

  if (span.se >= 0) {
    matches[span.se] = guide.trailer;
    if (SEGMENTS.SE) checkSegmentElements(t, span.se, SEGMENTS.SE, guide.trailer, 'in the transaction set trailer', confidenceOf(guide.trailer), r);
  }

  const nodeFrom = state.nodeFrom;
  checkHierarchy(t, span, guide, pool, nodeFrom, r);
  releaseState();
  // An acknowledgment of a notice makes no review decision; a "X216" with HCR is a review response relabelled.
  if (guide.id === '005010X216' && guide.variant === 'response' && hasReviewDecision(t, span)) {
    reportMismatch(t, st, version, X217_RESPONSE, 'BHT02 11 with review decisions (HCR), which a notification acknowledgment does not carry', r);
  }
  return new TransactionAnalysis(span, guide, r.problems, matches, pool, nodeFrom, pool.size);
}

/**
 * The innermost loop instance segment `seg` of `tx` was placed in; undefined for the header, the trailer and segments
 * placed nowhere (unknown, misplaced). Walks the transaction's few loop nodes instead of keeping a per-segment list.
 */
export function loopOf(tx: TransactionAnalysis, seg: number): LoopNode | undefined {
  return tx.matches[seg] === undefined ? undefined : levelContaining(tx.roots, seg);
}

function levelContaining(levels: readonly LoopNode[], seg: number): LoopNode | undefined {
  for (const node of levels) {
    if (node.level === undefined) continue;
    if (seg >= node.first && seg <= node.last) {
      // A level's range includes its name loops, which never overlap one another.
      for (const child of node.children) if (child.level === undefined && seg >= child.first && seg <= child.last) return child;
      return node;
    }
    if (seg > node.last) {
      const inner = levelContaining(node.children, seg);
      if (inner) return inner;
    }
  }
  return undefined;
}

function usesSegment(def: GuideLoop, id: string): boolean {
  return def.segments.some((gs) => gs.id === id);
}

/** Base X12 rules only (no guide use): they do not depend on any table entry's confidence. */
function baseCheck(t: SegmentTable, s: number, r: Reporter): void {
  const def = SEGMENTS[t.ids[s]];
  if (def) checkSegmentElements(t, s, def, undefined, `in ${t.ids[s]}`, 'C', r);
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
  r.add('qualifier-code', range[0], Math.max(range[1], range[0] + 1), `${label} "${value}" does not identify a ${id} allowed in ${where}; use ${describeCodes(element, codes)}.`, confidence, undefined, value === '' ? { segment: id, element: position } : undefined);
}

function labelledHeader(version: string): GuideSegment | undefined {
  for (const g of GUIDES) if (g.id === version) return g.header[0];
  return undefined;
}

/** One warning on ST03: the content reads as `fit` (because `reason`), with what to change. */
function reportMismatch(t: SegmentTable, st: number, version: string, fit: Guide, reason: string, r: Reporter): void {
  const at = elementStart(t, st, 3);
  const start = at >= 0 ? at : t.segStart[st];
  const finish = at >= 0 ? Math.max(elementEnd(t, st, 3), at + 1) : t.segEnd[st];
  // No quick fix: ST03 and GS08 change together, and which of the two guides is meant is the user's call.
  r.add('guide-mismatch', start, finish, `ST03 says ${version || '(empty)'}, but the content reads as ${guidePhrase(fit)}: ${reason}. If it is one, change ST03 and GS08 to ${fit.id}.`);
}

function reportUnknownGuide(t: SegmentTable, st: number, hasBht: boolean, version: string, bht02: string, r: Reporter, fit?: Guide): void {
  if (SUPPORTED_VERSIONS.includes(version)) {
    const variants = GUIDES.filter((g) => g.id === version).map((g) => `${g.variant} (${g.bht02.join(', ')})`).join(' or ');
    const at = hasBht ? elementStart(t, st + 1, 2) : -1;
    const start = at >= 0 ? at : t.segStart[st];
    const finish = at >= 0 ? Math.max(elementEnd(t, st + 1, 2), at + 1) : t.segEnd[st];
    const next = fit
      ? ` The content reads as ${guidePhrase(fit)}: if it is one, change ST03 and GS08 to ${fit.id}; its rules are checked as warnings meanwhile.`
      : ' Only envelope and element checks apply until it does.';
    r.add('unknown-guide', start, finish, `BHT02 "${bht02}" does not say which kind of ${version} this is; use ${variants}.${next}`, bht02Confirmed(version) ? 'C' : 'I');
    return;
  }
  const at = elementStart(t, st, 3);
  const start = at >= 0 ? at : t.segStart[st];
  const finish = at >= 0 ? Math.max(elementEnd(t, st, 3), at + 1) : t.segEnd[st];
  r.add('unknown-guide', start, finish, `"${version || '(empty)'}" is not a 278 guide this tool knows; ST03 and GS08 should be ${SUPPORTED_VERSIONS.join(', ')}. Only envelope and element checks apply.`);
}
