// 005010X217 response (BHT02 11): shared/reference/x12-278-structure.md §3 and appendix A (P rows).
// The response numbers its patient-event loops differently from the request: 2010EB = L5 contact, 2010EC = transport,
// and the service level has 2010FA (provider) and 2010FB (L5 contact).

import {
  AAA_CODES, DEPENDENT_REF, EVENT_PROVIDER_ENTITY, EVENT_PROVIDER_PRV, HCR01_EVENT, HCR01_SERVICE, HSD05,
  MEMBER_ID_QUAL, PER_OTHER, PROVIDER_REF, PWK02_RESPONSE, REQUESTER_PRV, REQUESTER_REF, SERVICE_PROVIDER_ENTITY,
  SERVICE_PROVIDER_PRV, SUBSCRIBER_REF, UMO_ENTITY, UMO_ID_QUAL,
  aaa, bht, certificationDates, cl1, contactLoop, cr1, cr2, cr5, cr6, dmg, eventDates, hcr, hiDiagnosis, hiLoinc, hsd,
  insDependent, insSubscriber, level, levelRef, loop, msg, n3, n4, nm1, per, providerLoop, prv, pwk, r, ref, se,
  serviceDate, st, sv1, sv2, sv3, too, transportLoop, trn, umEventResponse, umService,
} from './shared';
import type { Guide, GuideLevel, GuideLoop, GuideSegment } from './types';

export const RESPONSE_UMO_SEGMENTS: readonly GuideSegment[] = [aaa('UMO Level Validation', 300, AAA_CODES['2000A'])];

export const RESPONSE_UMO_LOOP: GuideLoop = loop('2010A', 'UMO Name', 'R', 1, [
  nm1('UMO Name', { entity: UMO_ENTITY, types: ['1', '2'], id: { usage: 'R', codes: UMO_ID_QUAL } }),
  per('UMO Contact'),
  aaa('UMO Validation', 2300, AAA_CODES['2010A']),
]);

// Repeat 2 in the response; no address or contact here.
export const RESPONSE_REQUESTER_LOOP: GuideLoop = loop('2010B', 'Requester Name', 'R', 2, [
  nm1('Requester Name', {
    entity: ['1P', 'FA'], types: ['1', '2'], id: { usage: 'R', codes: ['24', '34', '46', 'XX'] },
  }),
  ref('Requester Additional ID', REQUESTER_REF, 8),
  aaa('Requester Validation', 2300, AAA_CODES['2010B']),
  prv('Requester Specialty', REQUESTER_PRV, 'S'),
]);

export const RESPONSE_SUBSCRIBER_LOOP: GuideLoop = loop('2010C', 'Subscriber Name', 'R', 1, [
  nm1('Subscriber Name', { entity: ['IL'], types: ['1'], prefix: true, id: { usage: 'R', codes: MEMBER_ID_QUAL } }),
  ref('Subscriber Additional ID', SUBSCRIBER_REF, 9),
  n3('Subscriber Address'),
  n4('Subscriber City/State/ZIP'),
  aaa('Subscriber Validation', 2300, AAA_CODES['2010C']),
  dmg('Subscriber Demographics'),
  insSubscriber('Subscriber Relationship'),
]);

// Unlike the request, the response may identify the dependent (NM108/NM109 situational).
export const RESPONSE_DEPENDENT_LOOP: GuideLoop = loop('2010D', 'Dependent Name', 'R', 1, [
  nm1('Dependent Name', { entity: ['QC'], types: ['1'], id: { usage: 'S', codes: MEMBER_ID_QUAL } }),
  ref('Dependent Additional ID', DEPENDENT_REF, 3),
  n3('Dependent Address'),
  n4('Dependent City/State/ZIP'),
  aaa('Dependent Validation', 2300, AAA_CODES['2010D']),
  dmg('Dependent Demographics'),
  insDependent('Dependent Relationship'),
]);

export const RESPONSE_EVENT_SEGMENTS: readonly GuideSegment[] = [
  trn('Event Tracking Number', ['1', '2'], 3),
  aaa('Event Validation', 300, AAA_CODES['2000E']),
  umEventResponse(),
  hcr('Review Outcome', HCR01_EVENT),
  levelRef('NT', 'Administrative Reference'),
  levelRef('BB', 'Previous Authorization Number'),
  ...eventDates(),
  ...certificationDates(),
  hiDiagnosis(['LOI']),
  hsd('Services Delivery Pattern'),
  cl1(true),
  cr1(true),
  cr2(true),
  cr5(true),
  cr6(true),
  pwk('Additional Patient Information', PWK02_RESPONSE),
  msg(),
];

export const RESPONSE_EVENT_LOOPS: readonly GuideLoop[] = [
  providerLoop({
    id: '2010EA', name: 'Event Provider Name', label: 'Event Provider', max: 14,
    entity: EVENT_PROVIDER_ENTITY, refCodes: PROVIDER_REF, refMax: 7, prv01: EVENT_PROVIDER_PRV,
    aaa: AAA_CODES.provider,
  }),
  contactLoop('2010EB', 'Patient Information Contact', 'S', ['EM', 'EX', 'FX', 'TE']),
  transportLoop('2010EC', true),
];

export const RESPONSE_SERVICE_SEGMENTS: readonly GuideSegment[] = [
  trn('Service Trace Number', ['1', '2'], 3),
  aaa('Service Validation', 300, AAA_CODES['2000F']),
  umService(),
  hcr('Service Review Outcome', HCR01_SERVICE),
  levelRef('NT', 'Administrative Reference'),
  levelRef('BB', 'Previous Authorization Number'),
  serviceDate(),
  ...certificationDates(),
  hiLoinc(),
  sv1(false),
  sv2(false),
  sv3(false),
  too(),
  hsd('Services Delivery Pattern', [...HSD05, '29']),
  pwk('Additional Service Information', PWK02_RESPONSE),
  msg(),
];

export const RESPONSE_SERVICE_LOOPS: readonly GuideLoop[] = [
  providerLoop({
    id: '2010FA', name: 'Service Provider Name', label: 'Service Provider', max: 12,
    entity: SERVICE_PROVIDER_ENTITY.filter((c) => c !== '1T'), refCodes: ['G5', ...PROVIDER_REF], refMax: 8,
    prv01: SERVICE_PROVIDER_PRV, aaa: AAA_CODES.provider,
  }),
  // In 2010FB the N4 is required (§3), unlike 2010EB.
  contactLoop('2010FB', 'Service Information Contact', 'R', PER_OTHER),
];

// A response may stop at the level where it rejects, so every level below 2000A may be absent and HL04 may be 0.
const LEVELS: readonly GuideLevel[] = [
  level({
    id: '2000A', name: 'UMO Level', role: 'UMO', level: '20', parents: [], childCodes: ['0', '1'], usage: 'R', max: 1,
    segments: RESPONSE_UMO_SEGMENTS, loops: [RESPONSE_UMO_LOOP],
  }),
  level({
    id: '2000B', name: 'Requester Level', role: 'Requester', level: '21', parents: ['20'], childCodes: ['0', '1'],
    usage: 'S', max: 1, segments: [], loops: [RESPONSE_REQUESTER_LOOP],
  }),
  level({
    id: '2000C', name: 'Subscriber Level', role: 'Subscriber', level: '22', parents: ['21'], childCodes: ['0', '1'],
    usage: 'S', max: 1, segments: [], loops: [RESPONSE_SUBSCRIBER_LOOP],
  }),
  level({
    id: '2000D', name: 'Dependent Level', role: 'Dependent', level: '23', parents: ['22'], childCodes: ['0', '1'],
    usage: 'S', max: 1, segments: [], loops: [RESPONSE_DEPENDENT_LOOP],
  }),
  level({
    id: '2000E', name: 'Patient Event Level', role: 'Patient Event', level: 'EV', parents: ['22', '23'],
    childCodes: ['0', '1'], usage: 'S', max: Infinity, segments: RESPONSE_EVENT_SEGMENTS, loops: RESPONSE_EVENT_LOOPS,
  }),
  level({
    id: '2000F', name: 'Service Level', role: 'Service', level: 'SS', parents: ['EV'], childCodes: ['0'],
    usage: 'S', max: Infinity, segments: RESPONSE_SERVICE_SEGMENTS, loops: RESPONSE_SERVICE_LOOPS,
  }),
];

export const X217_RESPONSE: Guide = {
  id: '005010X217',
  variant: 'response',
  name: 'Prior authorization response (X217)',
  bht02: ['11'],
  header: [st('005010X217'), bht(['11'], r(['18', '19', 'AT', 'RU']))],
  levels: LEVELS,
  trailer: se(),
  requiredLevels: ['20'],
  requiredLevelsConfidence: 'C',
  levelMax: { '20': 1, '21': 1, '22': 1, '23': 1 },
};
