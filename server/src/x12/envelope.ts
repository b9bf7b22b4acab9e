// Groups segments into interchanges (ISA…IEA), functional groups (GS…GE) and transaction sets (ST…SE),
// reporting envelope segments that stand where they cannot. Counts and control numbers are checked in validate/.

import type { Problem } from '../problems/problem';
import { CATALOG } from '../problems/catalog';
import { segmentType, type SegmentTable } from './scanner';
import { elementValue } from './segments';

export interface TransactionSpan {
  /** Segment index of ST. */
  readonly st: number;
  /** Segment index of SE, or -1 when the transaction is not closed. */
  se: number;
  /** Index of the last segment of the transaction (SE, or the last body segment when SE is missing). */
  last: number;
}

export interface GroupSpan {
  /** Segment index of GS, or -1 when the transactions stand outside any group. */
  readonly gs: number;
  ge: number;
  last: number;
  readonly transactions: TransactionSpan[];
}

export interface InterchangeSpan {
  /** Segment index of ISA, or -1 when the groups stand outside any interchange. */
  readonly isa: number;
  iea: number;
  last: number;
  readonly groups: GroupSpan[];
}

export interface Envelope {
  readonly interchanges: InterchangeSpan[];
  readonly problems: Problem[];
}

function nesting(t: SegmentTable, seg: number, message: string): Problem {
  return { code: 'envelope-nesting', severity: CATALOG['envelope-nesting'].severity, start: t.segStart[seg], end: t.segEnd[seg], message };
}

function missingTrailer(t: SegmentTable, header: number, message: string): Problem {
  const start = t.segStart[header];
  return { code: 'missing-trailer', severity: CATALOG['missing-trailer'].severity, start, end: start + t.ids[header].length, message };
}

const ISA = segmentType('ISA');
const GS = segmentType('GS');
const ST = segmentType('ST');
const SE = segmentType('SE');
const GE = segmentType('GE');
const IEA = segmentType('IEA');

export function buildEnvelope(t: SegmentTable): Envelope {
  const interchanges: InterchangeSpan[] = [];
  const problems: Problem[] = [];
  let ic: InterchangeSpan | undefined;
  let group: GroupSpan | undefined;
  let tx: TransactionSpan | undefined;
  let strayRun = -1;

  const closeTx = (at: number) => {
    if (tx && tx.se < 0) problems.push(missingTrailer(t, tx.st, `Transaction set ${valueAfterId(t, tx.st, 2)} has no SE trailer before ${t.ids[at] ?? 'the end of the file'}.`));
    tx = undefined;
  };
  const closeGroup = (at: number) => {
    closeTx(at);
    if (group && group.ge < 0 && group.gs >= 0) problems.push(missingTrailer(t, group.gs, `Functional group ${valueAfterId(t, group.gs, 6)} has no GE trailer before ${t.ids[at] ?? 'the end of the file'}.`));
    group = undefined;
  };
  const closeInterchange = (at: number) => {
    closeGroup(at);
    if (ic && ic.iea < 0 && ic.isa >= 0) problems.push(missingTrailer(t, ic.isa, `Interchange ${valueAfterId(t, ic.isa, 13)} has no IEA trailer before ${t.ids[at] ?? 'the end of the file'}.`));
    ic = undefined;
  };
  const openInterchange = (isa: number): InterchangeSpan => {
    const created: InterchangeSpan = { isa, iea: -1, last: isa, groups: [] };
    interchanges.push(created);
    return created;
  };
  const openGroup = (gs: number): GroupSpan => {
    if (!ic) ic = openInterchange(-1);
    const created: GroupSpan = { gs, ge: -1, last: gs, transactions: [] };
    ic.groups.push(created);
    return created;
  };

  const types = t.types;
  for (let s = 0; s < t.segmentCount; s++) {
    const type = types[s];
    const envelopeSegment = type === ISA || type === GS || type === ST || type === SE || type === GE || type === IEA;
    // Body segments inside a transaction need nothing here.
    if (!envelopeSegment && tx) {
      tx.last = s;
      continue;
    }
    const id = t.ids[s];
    if (!envelopeSegment) {
      if (strayRun < 0) problems.push(nesting(t, s, `${id} stands outside a transaction set; body segments belong between ST and SE.`));
      strayRun = s;
      continue;
    }
    strayRun = -1;
    switch (id) {
      case 'ISA':
        if (ic) closeInterchange(s);
        ic = openInterchange(s);
        break;
      case 'GS':
        if (!ic) problems.push(nesting(t, s, 'GS must come after an ISA interchange header.'));
        closeGroup(s);
        group = openGroup(s);
        break;
      case 'ST':
        if (!group) {
          problems.push(nesting(t, s, 'ST must come inside a functional group (after GS).'));
          group = openGroup(-1);
        }
        closeTx(s);
        tx = { st: s, se: -1, last: s };
        group.transactions.push(tx);
        break;
      case 'SE':
        if (!tx) {
          problems.push(nesting(t, s, 'SE has no matching ST.'));
          break;
        }
        tx.se = s;
        tx.last = s;
        tx = undefined;
        break;
      case 'GE':
        if (!group || group.gs < 0) {
          problems.push(nesting(t, s, 'GE has no matching GS.'));
          break;
        }
        closeTx(s);
        group.ge = s;
        group.last = s;
        group = undefined;
        break;
      case 'IEA':
        if (!ic || ic.isa < 0) {
          problems.push(nesting(t, s, 'IEA has no matching ISA.'));
          break;
        }
        closeGroup(s);
        ic.iea = s;
        ic.last = s;
        ic = undefined;
        break;
      default:
        if (tx) tx.last = s;
    }
    if (tx) tx.last = s;
    if (group) group.last = s;
    if (ic) ic.last = s;
  }
  closeInterchange(t.segmentCount);
  return { interchanges, problems };
}

function valueAfterId(t: SegmentTable, seg: number, pos: number): string {
  return elementValue(t, seg, pos).trim() || '(no control number)';
}
