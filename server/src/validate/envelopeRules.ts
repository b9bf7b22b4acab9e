// Envelope rules: ISA/GS/GE/IEA element values, segment and group counts, control numbers, GS08 = ST03, unique ST02.

import type { SegmentTable } from '../x12/scanner';
import type { Envelope, GroupSpan, InterchangeSpan, TransactionSpan } from '../x12/envelope';
import { elementEnd, elementIs, elementsEqual, elementStart, elementValue, hasValue } from '../x12/segments';
import { SEGMENTS } from '../guide/segments';
import { ENVELOPE_USES } from '../guide/envelope';
import { Reporter } from './reporter';
import { checkSegmentElements } from './elementRules';
import type { ProblemCode } from '../problems/catalog';

function elementRange(t: SegmentTable, seg: number, pos: number): [number, number] {
  const start = elementStart(t, seg, pos);
  if (start < 0) return [t.segEnd[seg], t.segEnd[seg]];
  return [start, elementEnd(t, seg, pos)];
}

/** Reports `code` on element `pos` of `seg` when its value differs from `expected`, with a fix to set it. */
function expectValue(t: SegmentTable, seg: number, pos: number, expected: string, code: ProblemCode, message: (actual: string) => string, r: Reporter): void {
  const actual = elementValue(t, seg, pos);
  if (actual === expected) return;
  const [start, end] = elementRange(t, seg, pos);
  const fixStart = start;
  const fix = elementStart(t, seg, pos) >= 0 ? { title: `Change ${t.ids[seg]}${String(pos).padStart(2, '0')} to ${expected}`, start: fixStart, end, newText: expected } : undefined;
  r.add(code, start, Math.max(end, start), message(actual), 'C', fix);
}

const ENVELOPE_SCOPES: Record<string, string> = { ISA: 'in the ISA', GS: 'in the GS', GE: 'in the GE', IEA: 'in the IEA' };

export function checkEnvelopeSegment(t: SegmentTable, seg: number, fixedWidthIsa: boolean, r: Reporter): void {
  const id = t.ids[seg];
  const def = SEGMENTS[id];
  const use = ENVELOPE_USES[id];
  if (!def || !use) return;
  if (id === 'ISA' && !fixedWidthIsa) {
    // The layout problem is reported once on the ISA; widths and blanked padding would repeat it field by field.
    const inner = new Reporter();
    checkSegmentElements(t, seg, def, use, 'in the ISA', 'C', inner);
    for (const p of inner.problems) if (p.code !== 'element-length' && p.code !== 'required-element') r.problems.push(p);
    return;
  }
  checkSegmentElements(t, seg, def, use, ENVELOPE_SCOPES[id] ?? `in the ${id}`, 'C', r);
}

// Runs once per transaction of a batch, so the common case compares in place and builds no strings or closures.
function checkTransactionEnvelope(t: SegmentTable, group: GroupSpan, tx: TransactionSpan, groupVersion: string, r: Reporter): void {
  const st = tx.st;
  if (groupVersion && hasValue(t, st, 3) && !elementIs(t, st, 3, groupVersion)) reportVersionMismatch(t, group, st, groupVersion, r);
  if (tx.se < 0) return;
  const count = tx.se - st + 1;
  if (!elementIs(t, tx.se, 1, String(count))) reportTransactionCount(t, tx.se, count, r);
  if (!elementsEqual(t, tx.se, 2, st, 2)) reportTransactionControl(t, tx.se, elementValue(t, st, 2), r);
}

function reportVersionMismatch(t: SegmentTable, group: GroupSpan, st: number, groupVersion: string, r: Reporter): void {
  const st03 = elementValue(t, st, 3);
  const [a, b] = elementRange(t, st, 3);
  // ST03 with BHT02 identifies the transaction; a group of one transaction follows it, a larger group leads.
  const [fa, fb] = group.transactions.length === 1 && group.gs >= 0 ? elementRange(t, group.gs, 8) : [a, b];
  const fix = group.transactions.length === 1 && group.gs >= 0
    ? { title: `Change GS08 to ${st03}`, start: fa, end: fb, newText: st03 }
    : { title: `Change ST03 to ${groupVersion}`, start: a, end: b, newText: groupVersion };
  r.add('gs08-st03', a, b, `ST03 "${st03}" must equal GS08 "${groupVersion}" of its functional group.`, 'C', fix);
}

function reportTransactionCount(t: SegmentTable, se: number, count: number, r: Reporter): void {
  expectValue(t, se, 1, String(count), 'se01-count', (v) => `SE01 is ${v || 'empty'}, but the transaction set has ${count} segments from ST to SE inclusive.`, r);
}

function reportTransactionControl(t: SegmentTable, se: number, st02: string, r: Reporter): void {
  expectValue(t, se, 2, st02, 'se02-control', (v) => `SE02 "${v}" must repeat ST02 "${st02}", the transaction set control number.`, r);
}

/** ST02 as a set key: a number when it is up to seven digits (no string to allocate), else its text. */
function controlKey(t: SegmentTable, st: number): number | string {
  const start = elementStart(t, st, 2);
  const end = elementEnd(t, st, 2);
  if (end - start > 7) return elementValue(t, st, 2);
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = t.text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return elementValue(t, st, 2);
    n = n * 10 + (c - 0x30);
  }
  // Leading zeros matter ("0001" differs from "1"), so the length goes into the key.
  return n * 16 + (end - start);
}

function checkGroup(t: SegmentTable, group: GroupSpan, r: Reporter): void {
  const version = group.gs >= 0 ? elementValue(t, group.gs, 8) : '';
  const seen = new Set<number | string>();
  for (const tx of group.transactions) {
    checkTransactionEnvelope(t, group, tx, version, r);
    if (!hasValue(t, tx.st, 2)) continue;
    const key = controlKey(t, tx.st);
    if (seen.has(key)) {
      const [a, b] = elementRange(t, tx.st, 2);
      r.add('st02-duplicate', a, b, `ST02 "${elementValue(t, tx.st, 2)}" is already used by another transaction set in this group; each needs its own control number.`);
    } else {
      seen.add(key);
    }
  }
  if (group.ge < 0 || group.gs < 0) return;
  const count = group.transactions.length;
  expectValue(t, group.ge, 1, String(count), 'ge01-count', (v) => `GE01 is ${v || 'empty'}, but the group has ${count} transaction set${count === 1 ? '' : 's'}.`, r);
  const gs06 = elementValue(t, group.gs, 6);
  expectValue(t, group.ge, 2, gs06, 'ge02-control', (v) => `GE02 "${v}" must repeat GS06 "${gs06}", the group control number.`, r);
}

function checkInterchange(t: SegmentTable, ic: InterchangeSpan, r: Reporter): void {
  for (const group of ic.groups) checkGroup(t, group, r);
  if (ic.iea < 0 || ic.isa < 0) return;
  const count = ic.groups.length;
  expectValue(t, ic.iea, 1, String(count), 'iea01-count', (v) => `IEA01 is ${v || 'empty'}, but the interchange has ${count} functional group${count === 1 ? '' : 's'}.`, r);
  const isa13 = elementValue(t, ic.isa, 13);
  expectValue(t, ic.iea, 2, isa13, 'iea02-control', (v) => `IEA02 "${v}" must repeat ISA13 "${isa13}", the interchange control number.`, r);
}

/** All envelope rules of a document except the per-transaction analysis. */
export function checkEnvelope(t: SegmentTable, envelope: Envelope, fixedWidthIsa: boolean, r: Reporter): void {
  for (const ic of envelope.interchanges) {
    // Only the first ISA's layout was examined when finding the delimiters.
    if (ic.isa >= 0) checkEnvelopeSegment(t, ic.isa, ic === envelope.interchanges[0] ? fixedWidthIsa : true, r);
    for (const g of ic.groups) {
      if (g.gs >= 0) checkEnvelopeSegment(t, g.gs, true, r);
      if (g.ge >= 0) checkEnvelopeSegment(t, g.ge, true, r);
    }
    if (ic.iea >= 0) checkEnvelopeSegment(t, ic.iea, true, r);
    checkInterchange(t, ic, r);
  }
}
