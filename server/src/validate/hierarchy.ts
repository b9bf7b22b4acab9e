// HL hierarchy rules: unique HL01, HL02 pointing at an earlier HL of an allowed parent level, HL04 agreeing with the
// children that follow, required levels and level repeat limits. Links each level to its parent level in the pool.
// Linear in the number of HLs: HL01 values in a hash table, counts per level code and per parent kept as they grow.

import type { SegmentTable } from '../x12/scanner';
import type { TransactionSpan } from '../x12/envelope';
import { elementEnd, elementIs, elementsEqual, elementStart, elementValue, hasValue } from '../x12/segments';
import type { Guide, GuideLevel } from '../guide/types';
import type { Reporter } from './reporter';
import type { LoopPool } from './loopPool';
import { guidePhrase } from './guideFit';

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function range(t: SegmentTable, seg: number, pos: number): [number, number] {
  const start = elementStart(t, seg, pos);
  if (start < 0) return [t.segStart[seg], t.segEnd[seg]];
  return [start, Math.max(elementEnd(t, seg, pos), start + 1)];
}

/** `array`, or a copy grown to hold at least `size` numbers. */
function sized(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (array.length >= size) return array;
  let length = array.length;
  while (length < size) length *= 2;
  const bigger = new Int32Array(length);
  bigger.set(array);
  return bigger;
}

// Scratch state reused by every call, so a clean transaction allocates nothing here. A transaction may hold tens of
// thousands of HLs (one per service line), so every per-HL question is answered from a table in O(1), never by a scan
// of the earlier HLs.

/** The transaction's levels (pool indexes), their HL segments and each one's index in `defs`. */
let levels = new Int32Array(64);
let hls = new Int32Array(64);
let levelDefs = new Int32Array(64);
let levelCount = 0;

/** The distinct level definitions of the transaction, and each one's index in `codes` (its HL03). */
const defs: GuideLevel[] = [];
let defCodes = new Int32Array(16);
let defCount = 0;
/** The distinct HL03 codes of those definitions, with how many levels of each were seen so far. */
const codes: string[] = [];
let codeTotals = new Int32Array(16);
let codeCount = 0;

/**
 * HL01 values: an open-addressed hash table from an HL01's text (hashed and compared in place) to the index in
 * `levels` of the first level with that value. A slot is in use when its stamp is this call's, so nothing is cleared.
 */
let slotLevel = new Int32Array(256);
let slotStamp = new Int32Array(256);
let stamp = 0;
/** The empty slot where the last unsuccessful `ownerOf` stopped: where that value would go. */
let freeSlot = 0;

/** Per level: its child levels so far, and the first of its (definition, count) entries, one per child definition. */
let childCounts = new Int32Array(64);
let firstEntry = new Int32Array(64);
let entryDef = new Int32Array(64);
let entryCount = new Int32Array(64);
let entryNext = new Int32Array(64);
let entries = 0;

/** Table probes and list steps taken, for the complexity test. */
let work = 0;

/** Steps taken by the hierarchy checks since the process started (a work count for tests, not a time). */
export function hierarchyWork(): number {
  return work;
}

function prepare(size: number): void {
  levels = sized(levels, size);
  hls = sized(hls, size);
  levelDefs = sized(levelDefs, size);
  childCounts = sized(childCounts, size);
  firstEntry = sized(firstEntry, size);
  entryDef = sized(entryDef, size);
  entryCount = sized(entryCount, size);
  entryNext = sized(entryNext, size);
  // At most half the slots in use keeps probe sequences short.
  if (slotLevel.length < size * 2) {
    slotLevel = sized(slotLevel, size * 2);
    slotStamp = new Int32Array(slotLevel.length);
    stamp = 0;
  }
  if (stamp === 0x7fffffff) {
    slotStamp.fill(0);
    stamp = 0;
  }
  stamp++;
  defCount = 0;
  codeCount = 0;
  entries = 0;
}

/** The index in `defs` of `def`, added (with its HL03 code) when new; a transaction uses a handful of definitions. */
function defIndex(def: GuideLevel): number {
  for (let d = 0; d < defCount; d++) {
    work++;
    if (defs[d] === def) return d;
  }
  let code = 0;
  while (code < codeCount && codes[code] !== def.level) code++;
  if (code === codeCount) {
    codeTotals = sized(codeTotals, codeCount + 1);
    codeTotals[code] = 0;
    codes[codeCount++] = def.level;
  }
  defCodes = sized(defCodes, defCount + 1);
  defs[defCount] = def;
  defCodes[defCount] = code;
  return defCount++;
}

function levelAt(k: number): GuideLevel {
  return defs[levelDefs[k]];
}

function hasLevel(code: string): boolean {
  for (let c = 0; c < codeCount; c++) if (codes[c] === code) return codeTotals[c] > 0;
  return false;
}

/** FNV-1a over the element's characters (the caller knows it has a value). */
function hashOf(t: SegmentTable, seg: number, pos: number): number {
  const end = elementEnd(t, seg, pos);
  let h = 0x811c9dc5;
  for (let i = elementStart(t, seg, pos); i < end; i++) h = Math.imul(h ^ t.text.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) & (slotLevel.length - 1);
}

/**
 * The index in `levels` of the earlier level whose HL01 has the same text as element `pos` of segment `hl`; -1 when
 * none, with `freeSlot` where it would go.
 */
function ownerOf(t: SegmentTable, hl: number, pos: number): number {
  const mask = slotLevel.length - 1;
  for (let slot = hashOf(t, hl, pos); ; slot = (slot + 1) & mask) {
    work++;
    if (slotStamp[slot] !== stamp) {
      freeSlot = slot;
      return -1;
    }
    const owner = slotLevel[slot];
    if (elementsEqual(t, hls[owner], 1, hl, pos)) return owner;
  }
}

/** Counts level `k` as a child of level `parent`; returns how many children of `k`'s definition `parent` now has. */
function countChild(parent: number, k: number): number {
  childCounts[parent]++;
  const def = levelDefs[k];
  let e = firstEntry[parent];
  while (e >= 0) {
    work++;
    if (entryDef[e] === def) return ++entryCount[e];
    e = entryNext[e];
  }
  e = entries++;
  entryDef[e] = def;
  entryCount[e] = 1;
  entryNext[e] = firstEntry[parent];
  firstEntry[parent] = e;
  return 1;
}

// Messages are built in functions of their own: closures in checkHierarchy would cost a context on every call.
function parentRoles(guide: Guide, def: GuideLevel): string {
  return def.parents.map((p) => guide.levels.find((l) => l.level === p)?.role ?? p).join(' or ');
}

function reportMissingLevels(t: SegmentTable, span: TransactionSpan, guide: Guide, r: Reporter): void {
  const missing = guide.requiredLevels.filter((code) => !hasLevel(code));
  const names = missing.map((code) => {
    const def = guide.levels.find((l) => l.level === code);
    return def ? `${def.id} ${def.name} (HL03 ${code})` : `HL03 ${code}`;
  });
  const at = span.st;
  r.add('hl-required-level', t.segStart[at], t.segEnd[at], `${capitalized(guidePhrase(guide))} needs ${names.join(', ')}; ${missing.length === 1 ? 'it is' : 'they are'} missing.`, guide.requiredLevelsConfidence);
}

/**
 * Checks the HL hierarchy of the levels among nodes [from, pool.size) of `pool` (one transaction's, in document
 * order) and records each level's parent level in the pool. Linear in the number of levels.
 */
export function checkHierarchy(t: SegmentTable, span: TransactionSpan, guide: Guide, pool: LoopPool, from: number, r: Reporter): void {
  let size = 0;
  for (let i = from; i < pool.size; i++) if (pool.isLevel(i)) size++;
  prepare(size);
  levelCount = 0;
  for (let i = from; i < pool.size; i++) {
    if (!pool.isLevel(i)) continue;
    const k = levelCount++;
    levels[k] = i;
    hls[k] = span.st + pool.first(i);
    levelDefs[k] = defIndex(pool.def(i) as GuideLevel);
    childCounts[k] = 0;
    firstEntry[k] = -1;
  }

  for (let k = 0; k < levelCount; k++) {
    const def = levelAt(k);
    const hl = hls[k];
    if (hasValue(t, hl, 1)) {
      if (ownerOf(t, hl, 1) >= 0) {
        const [a, b] = range(t, hl, 1);
        r.add('hl01-duplicate', a, b, `HL01 "${elementValue(t, hl, 1)}" is already used by an earlier HL in this transaction; each HL needs its own ID (usually 1, 2, 3 …).`);
      } else {
        slotStamp[freeSlot] = stamp;
        slotLevel[freeSlot] = k;
      }
    }

    const total = ++codeTotals[defCodes[levelDefs[k]]];
    const cap = guide.levelMax?.[def.level];
    if (cap !== undefined && total > cap) {
      r.add('loop-max-repeat', t.segStart[hl], t.segEnd[hl], `${def.id} ${def.name} may appear ${cap === 1 ? 'once' : `${cap} times`} in ${guidePhrase(guide)}; this is number ${total}.`, def.repeatConfidence ?? def.confidence ?? 'C');
    }

    // A missing HL02 below the top level is reported by the element rules (HL02 is required there).
    if (def.parents.length === 0 || !hasValue(t, hl, 2)) continue;
    const parent = ownerOf(t, hl, 2);
    if (parent < 0 || parent === k) {
      const [a, b] = range(t, hl, 2);
      r.add('hl02-parent', a, b, `HL02 "${elementValue(t, hl, 2)}" does not match the HL01 of an earlier HL; it must point at this level's parent (${def.parents.join(' or ')}).`);
      continue;
    }
    const parentDef = levelAt(parent);
    pool.setParent(levels[k], levels[parent] - from);
    if (!def.parents.includes(parentDef.level)) {
      const [a, b] = range(t, hl, 2);
      const allowed = parentRoles(guide, def);
      r.add('hl-level', a, b, `${def.id} ${def.role} (HL03 ${def.level}) must be the child of a ${allowed} level; HL02 "${elementValue(t, hl, 2)}" points at a ${parentDef.role} level (HL03 ${parentDef.level}).`, def.confidence ?? 'C');
    }
    const siblings = countChild(parent, k);
    if (siblings > def.max) {
      r.add('loop-max-repeat', t.segStart[hl], t.segEnd[hl], `${def.id} ${def.name} may appear ${def.max === 1 ? 'once' : `${def.max} times`} under one ${parentDef.role} level; this is number ${siblings}.`, def.repeatConfidence ?? def.confidence ?? 'C');
    }
  }

  // x12-278.md §3 marks "HL04 agrees with its children" as inferred, so these are warnings in every guide.
  for (let k = 0; k < levelCount; k++) {
    const hl = hls[k];
    const levelChildren = childCounts[k];
    if (levelChildren === 0 && elementIs(t, hl, 4, '1')) {
      const [a, b] = range(t, hl, 4);
      const fix = levelAt(k).childCodes.includes('0') ? { title: 'Change HL04 to 0', start: a, end: b, newText: '0' } : undefined;
      r.add('hl04-children', a, b, `HL04 is 1 (child levels follow), but no later HL names HL ${elementValue(t, hl, 1) || '?'} as its parent; use 0.`, 'I', fix);
    } else if (levelChildren > 0 && elementIs(t, hl, 4, '0')) {
      const [a, b] = range(t, hl, 4);
      // A level that may not have children (2000F) is fixed by re-parenting the child, not by HL04.
      const fix = levelAt(k).childCodes.includes('1') ? { title: 'Change HL04 to 1', start: a, end: b, newText: '1' } : undefined;
      r.add('hl04-children', a, b, `HL04 is 0 (no child levels), but ${levelChildren} later HL${levelChildren === 1 ? ' names' : 's name'} HL ${elementValue(t, hl, 1)} as parent; use 1.`, 'I', fix);
    }
  }

  let complete = true;
  for (let i = 0; i < guide.requiredLevels.length; i++) if (!hasLevel(guide.requiredLevels[i])) complete = false;
  if (!complete) {
    reportMissingLevels(t, span, guide, r);
  }
}
