// The HL hierarchy checks and loop-tree building as they were before they became linear (quadratic scans of the
// earlier HLs), kept only as the reference the linear versions must agree with (test/unit/hierarchy.test.ts).

import type { SegmentTable } from '../../server/src/x12/scanner';
import type { TransactionSpan } from '../../server/src/x12/envelope';
import { elementEnd, elementIs, elementsEqual, elementStart, elementValue, hasValue } from '../../server/src/x12/segments';
import type { Guide, GuideLevel } from '../../server/src/guide/types';
import type { Reporter } from '../../server/src/validate/reporter';
import type { LoopNode, LoopPool } from '../../server/src/validate/loopPool';
import { guidePhrase } from '../../server/src/validate/guideFit';
const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function range(t: SegmentTable, seg: number, pos: number): [number, number] {
  const start = elementStart(t, seg, pos);
  if (start < 0) return [t.segStart[seg], t.segEnd[seg]];
  return [start, Math.max(elementEnd(t, seg, pos), start + 1)];
}

/** Whether element `pa` of segment `a` and element `pb` of segment `b` hold the same non-empty text. */
function sameValue(t: SegmentTable, a: number, pa: number, b: number, pb: number): boolean {
  return hasValue(t, a, pa) && elementsEqual(t, a, pa, b, pb);
}

/**
 * A list of numbers reused by every call. Emptying a JS array with `length = 0` drops its storage, so refilling it
 * would allocate once per transaction; this keeps its storage.
 */
class Scratch {
  private data = new Int32Array(64);
  length = 0;
  at(i: number): number {
    return this.data[i];
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

/**
 * The transaction's levels (pool indexes), their HL segments, the levels whose HL01 is the first of its value, and
 * those levels' HL01 as digit keys.
 */
const levels = new Scratch();
const hls = new Scratch();
const owners = new Scratch();
const ownerKeys = new Scratch();

/**
 * An element of up to seven digits as a number that also encodes its length ("01" differs from "1"), so HL IDs (almost
 * always small numbers) compare as integers; -1 for anything else, which is compared as text.
 */
function digitKey(t: SegmentTable, seg: number, pos: number): number {
  const start = elementStart(t, seg, pos);
  if (start < 0) return -1;
  const end = elementEnd(t, seg, pos);
  if (end <= start || end - start > 7) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = t.text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    n = n * 10 + (c - 0x30);
  }
  return n * 8 + (end - start);
}

function levelAt(pool: LoopPool, k: number): GuideLevel {
  return pool.def(levels.at(k)) as GuideLevel;
}

// Messages are built in functions of their own: closures in checkHierarchy would cost a context on every call.
function parentRoles(guide: Guide, def: GuideLevel): string {
  return def.parents.map((p) => guide.levels.find((l) => l.level === p)?.role ?? p).join(' or ');
}

function reportMissingLevels(t: SegmentTable, span: TransactionSpan, guide: Guide, pool: LoopPool, r: Reporter): void {
  const missing = guide.requiredLevels.filter((code) => !hasLevel(pool, code));
  const names = missing.map((code) => {
    const def = guide.levels.find((l) => l.level === code);
    return def ? `${def.id} ${def.name} (HL03 ${code})` : `HL03 ${code}`;
  });
  const at = span.st;
  r.add('hl-required-level', t.segStart[at], t.segEnd[at], `${capitalized(guidePhrase(guide))} needs ${names.join(', ')}; ${missing.length === 1 ? 'it is' : 'they are'} missing.`, guide.requiredLevelsConfidence);
}

function hasLevel(pool: LoopPool, code: string): boolean {
  for (let k = 0; k < levels.length; k++) if (levelAt(pool, k).level === code) return true;
  return false;
}

/** The index in `levels` of the earlier level whose HL01 equals element `pos` of segment `hl`; -1 when none. */
function ownerOf(t: SegmentTable, hl: number, pos: number): number {
  const key = digitKey(t, hl, pos);
  for (let i = 0; i < owners.length; i++) {
    const ownerKey = ownerKeys.at(i);
    // A digit key equals only the same key; two other values are compared as text.
    const same = key >= 0 || ownerKey >= 0 ? key === ownerKey : sameValue(t, hls.at(owners.at(i)), 1, hl, pos);
    if (same) return owners.at(i);
  }
  return -1;
}

/**
 * Checks the HL hierarchy of the levels among nodes [from, pool.size) of `pool` (one transaction's, in document
 * order) and records each level's parent level in the pool.
 */
export function checkHierarchyBefore(t: SegmentTable, span: TransactionSpan, guide: Guide, pool: LoopPool, from: number, r: Reporter): void {
  levels.length = 0;
  hls.length = 0;
  owners.length = 0;
  ownerKeys.length = 0;
  for (let i = from; i < pool.size; i++) {
    if (!pool.isLevel(i)) continue;
    levels.push(i);
    hls.push(span.st + pool.first(i));
  }

  for (let k = 0; k < levels.length; k++) {
    const def = levelAt(pool, k);
    const hl = hls.at(k);
    if (hasValue(t, hl, 1)) {
      if (ownerOf(t, hl, 1) >= 0) {
        const [a, b] = range(t, hl, 1);
        r.add('hl01-duplicate', a, b, `HL01 "${elementValue(t, hl, 1)}" is already used by an earlier HL in this transaction; each HL needs its own ID (usually 1, 2, 3 …).`);
      } else {
        owners.push(k);
        ownerKeys.push(digitKey(t, hl, 1));
      }
    }

    const cap = guide.levelMax?.[def.level];
    if (cap !== undefined) {
      let total = 1;
      for (let j = 0; j < k; j++) if (levelAt(pool, j).level === def.level) total++;
      if (total > cap) {
        r.add('loop-max-repeat', t.segStart[hl], t.segEnd[hl], `${def.id} ${def.name} may appear ${cap === 1 ? 'once' : `${cap} times`} in ${guidePhrase(guide)}; this is number ${total}.`, def.repeatConfidence ?? def.confidence ?? 'C');
      }
    }

    // A missing HL02 below the top level is reported by the element rules (HL02 is required there).
    if (def.parents.length === 0 || !hasValue(t, hl, 2)) continue;
    const parent = ownerOf(t, hl, 2);
    if (parent < 0 || parent === k) {
      const [a, b] = range(t, hl, 2);
      r.add('hl02-parent', a, b, `HL02 "${elementValue(t, hl, 2)}" does not match the HL01 of an earlier HL; it must point at this level's parent (${def.parents.join(' or ')}).`);
      continue;
    }
    const parentDef = levelAt(pool, parent);
    pool.setParent(levels.at(k), levels.at(parent) - from);
    if (!def.parents.includes(parentDef.level)) {
      const [a, b] = range(t, hl, 2);
      const allowed = parentRoles(guide, def);
      r.add('hl-level', a, b, `${def.id} ${def.role} (HL03 ${def.level}) must be the child of a ${allowed} level; HL02 "${elementValue(t, hl, 2)}" points at a ${parentDef.role} level (HL03 ${parentDef.level}).`, def.confidence ?? 'C');
    }
    let siblings = 1;
    for (let j = 0; j < k; j++) if (pool.parent(levels.at(j)) === levels.at(parent) - from && levelAt(pool, j) === def) siblings++;
    if (siblings > def.max) {
      r.add('loop-max-repeat', t.segStart[hl], t.segEnd[hl], `${def.id} ${def.name} may appear ${def.max === 1 ? 'once' : `${def.max} times`} under one ${parentDef.role} level; this is number ${siblings}.`, def.repeatConfidence ?? def.confidence ?? 'C');
    }
  }

  // x12-278.md §3 marks "HL04 agrees with its children" as inferred, so these are warnings in every guide.
  for (let k = 0; k < levels.length; k++) {
    const hl = hls.at(k);
    let levelChildren = 0;
    for (let j = k + 1; j < levels.length; j++) if (pool.parent(levels.at(j)) === levels.at(k) - from) levelChildren++;
    if (levelChildren === 0 && elementIs(t, hl, 4, '1')) {
      const [a, b] = range(t, hl, 4);
      const fix = levelAt(pool, k).childCodes.includes('0') ? { title: 'Change HL04 to 0', start: a, end: b, newText: '0' } : undefined;
      r.add('hl04-children', a, b, `HL04 is 1 (child levels follow), but no later HL names HL ${elementValue(t, hl, 1) || '?'} as its parent; use 0.`, 'I', fix);
    } else if (levelChildren > 0 && elementIs(t, hl, 4, '0')) {
      const [a, b] = range(t, hl, 4);
      // A level that may not have children (2000F) is fixed by re-parenting the child, not by HL04.
      const fix = levelAt(pool, k).childCodes.includes('1') ? { title: 'Change HL04 to 1', start: a, end: b, newText: '1' } : undefined;
      r.add('hl04-children', a, b, `HL04 is 0 (no child levels), but ${levelChildren} later HL${levelChildren === 1 ? ' names' : 's name'} HL ${elementValue(t, hl, 1)} as parent; use 1.`, 'I', fix);
    }
  }

  let complete = true;
  for (let i = 0; i < guide.requiredLevels.length; i++) if (!hasLevel(pool, guide.requiredLevels[i])) complete = false;
  if (!complete) {
    reportMissingLevels(t, span, guide, pool, r);
  }
}

const NO_CHILDREN: readonly LoopNode[] = Object.freeze([]);

export function buildNodesBefore(pool: LoopPool, from: number, to: number, st: number): LoopNode[] {
  type Mutable = { -readonly [K in keyof LoopNode]: LoopNode[K] };
  const nodes: Mutable[] = [];
  for (let i = from; i < to; i++) {
    const def = pool.def(i);
    nodes.push({ def, level: pool.isLevel(i) ? (def as GuideLevel) : undefined, first: st + pool.first(i), last: st + pool.last(i), parent: undefined, children: NO_CHILDREN });
  }
  const roots: LoopNode[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const parent = pool.parent(from + i);
    if (parent >= 0) nodes[i].parent = nodes[parent];
    else if (nodes[i].level) roots.push(nodes[i]);
  }
  for (const node of nodes) {
    if (!node.level) continue;
    const children: LoopNode[] = [];
    for (const other of nodes) if (other.parent === node && !other.level) children.push(other);
    for (const other of nodes) if (other.parent === node && other.level) children.push(other);
    if (children.length > 0) node.children = children;
  }
  return roots;
}
