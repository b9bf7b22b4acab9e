// What the sandbox needs from a 278 request, read through the core's analysis (guide matches and loop nodes).

import type { DocumentAnalysis } from '../../server/src/validate/document';
import { loopOf, type TransactionAnalysis } from '../../server/src/validate/transaction';
import { elementCount, elementValue } from '../../server/src/x12/segments';
import type { SegmentTable } from '../../server/src/x12/scanner';
import type { ElementValue } from '../../server/src/x12/writer';
import { ownEntriesOnly } from '../../server/src/guide/ownEntries';

/** A segment's elements (index 0 = ID), composites split into components. */
export type Values = ElementValue[];

export interface ServiceFacts {
  um?: Values;
  date?: Values;
  line?: Values;
}

export interface RequestFacts {
  readonly version: string;
  /** The request's own delimiters, to answer in them when a copied value holds one of the usual ones. */
  readonly delimiters?: { readonly element: string; readonly component: string; readonly repetition: string; readonly segment: string };
  readonly senderQualifier: string;
  readonly senderId: string;
  readonly receiverQualifier: string;
  readonly receiverId: string;
  readonly groupSender: string;
  readonly groupReceiver: string;
  readonly groupControlNumber: string;
  readonly interchangeControlNumber: string;
  readonly transactionControlNumber: string;
  readonly submitterTransactionId: string;
  readonly umo?: Values;
  readonly requester?: Values;
  readonly subscriber?: Values;
  readonly subscriberDemographics?: Values;
  readonly dependent?: Values;
  readonly dependentDemographics?: Values;
  readonly eventTraces: Values[];
  readonly eventReview?: Values;
  readonly eventDates: Values[];
  readonly providers: Values[];
  readonly services: ServiceFacts[];
  readonly payerId: string;
  readonly memberId: string;
}

/** Reads a segment as element values, splitting composites on the file's component separator. */
export function segmentValues(t: SegmentTable, seg: number, composite: (pos: number) => boolean): Values {
  const values: Values = [t.ids[seg]];
  const component = t.delimiters ? String.fromCharCode(t.delimiters.component) : ':';
  for (let pos = 1; pos <= elementCount(t, seg); pos++) {
    const value = elementValue(t, seg, pos);
    values.push(composite(pos) && value.includes(component) ? value.split(component) : value);
  }
  return values;
}

const COMPOSITE_POSITIONS: Readonly<Record<string, readonly number[]>> = ownEntriesOnly({
  UM: [4, 5], SV1: [1, 7], SV2: [2], SV3: [1, 4], HI: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
});

function values(t: SegmentTable, seg: number): Values {
  const composites = COMPOSITE_POSITIONS[t.ids[seg]] ?? [];
  return segmentValues(t, seg, (pos) => composites.includes(pos));
}

/** Entity codes (NM101) of a payer or utilization management organization. */
export const PAYER_ENTITIES: readonly string[] = ['X3', 'PR', '2B', '36'];

function isPayer(name: Values | undefined): boolean {
  return !!name && PAYER_ENTITIES.includes(String(name[1]));
}

export function readFacts(analysis: DocumentAnalysis, tx: TransactionAnalysis): RequestFacts {
  const t = analysis.table;
  const ic = analysis.envelope.interchanges[0];
  const group = ic?.groups[0];
  const isa = ic && ic.isa >= 0 ? ic.isa : -1;
  const gs = group && group.gs >= 0 ? group.gs : -1;
  const isaValue = (pos: number) => (isa >= 0 ? elementValue(t, isa, pos).trim() : '');
  const gsValue = (pos: number) => (gs >= 0 ? elementValue(t, gs, pos) : '');
  const st = tx.span.st;

  let umo: Values | undefined;
  let requester: Values | undefined;
  let subscriber: Values | undefined;
  let subscriberDemographics: Values | undefined;
  let dependent: Values | undefined;
  let dependentDemographics: Values | undefined;
  let eventReview: Values | undefined;
  const eventTraces: Values[] = [];
  const eventDates: Values[] = [];
  const providers: Values[] = [];
  const services: ServiceFacts[] = [];
  let service: ServiceFacts | undefined;
  const last = tx.span.se >= 0 ? tx.span.se : tx.span.last;
  for (let s = st + 1; s <= last; s++) {
    const id = t.ids[s];
    const loop = loopOf(tx, s)?.def.id;
    if (id === 'HL') {
      service = elementValue(t, s, 3) === 'SS' ? {} : undefined;
      if (service) services.push(service);
    } else if (loop === '2010A' && id === 'NM1') umo ??= values(t, s);
    else if (loop === '2010B' && id === 'NM1') requester ??= values(t, s);
    else if (loop === '2010C' && id === 'NM1') subscriber = values(t, s);
    else if (loop === '2010C' && id === 'DMG') subscriberDemographics = values(t, s);
    else if (loop === '2010D' && id === 'NM1') dependent = values(t, s);
    else if (loop === '2010D' && id === 'DMG') dependentDemographics = values(t, s);
    else if (loop === '2000E' && id === 'TRN') eventTraces.push(values(t, s));
    else if (loop === '2000E' && id === 'UM') eventReview = values(t, s);
    else if (loop === '2000E' && id === 'DTP') eventDates.push(values(t, s));
    else if (loop === '2010EA' && id === 'NM1') providers.push(values(t, s));
    else if (service && loop === '2000F') {
      if (id === 'UM') service.um = values(t, s);
      else if (id === 'DTP') service.date = values(t, s);
      else if (id === 'SV1' || id === 'SV2' || id === 'SV3') service.line = values(t, s);
    }
  }
  // In a notice (X216) the information source (2010A) is usually the facility and the receiver (2010B) the payer:
  // the response's 2010A is always the payer or UMO, so the parties are taken by role, not by loop.
  if (isPayer(requester) && !isPayer(umo)) [umo, requester] = [requester, umo];
  const d = t.delimiters;
  const delimiters = d && d.repetition >= 0
    ? { element: String.fromCharCode(d.element), component: String.fromCharCode(d.component), repetition: String.fromCharCode(d.repetition), segment: String.fromCharCode(d.segment) }
    : undefined;
  return {
    version: elementValue(t, st, 3) || gsValue(8),
    delimiters,
    senderQualifier: isaValue(5) || 'ZZ',
    senderId: isaValue(6),
    receiverQualifier: isaValue(7) || 'ZZ',
    receiverId: isaValue(8),
    groupSender: gsValue(2),
    groupReceiver: gsValue(3),
    groupControlNumber: gsValue(6) || '1',
    interchangeControlNumber: isaValue(13) || '1',
    transactionControlNumber: elementValue(t, st, 2) || '0001',
    submitterTransactionId: t.ids[st + 1] === 'BHT' ? elementValue(t, st + 1, 3) : '',
    umo, requester, subscriber, subscriberDemographics, dependent, dependentDemographics,
    eventTraces, eventReview, eventDates, providers, services,
    payerId: umo ? String(umo[9] ?? '') : '',
    memberId: subscriber ? String(subscriber[9] ?? '').trim() : '',
  };
}
