// 005010X217 request for review (BHT02 01 / 13 / 36): shared/reference/x12-278-structure.md §2 and appendix A (Q rows).

import {
  DEPENDENT_REF, EVENT_PROVIDER_ENTITY, EVENT_PROVIDER_PRV, MEMBER_ID_QUAL, PROVIDER_REF, PWK02_REQUEST,
  REQUESTER_PRV, REQUESTER_REF, SERVICE_PROVIDER_ENTITY, SERVICE_PROVIDER_PRV, SUBSCRIBER_REF, UMO_ENTITY, UMO_ID_QUAL,
  bht, certifications, cl1, cr1, cr2, cr5, cr6, dmg, dtp, eventDates, hiDiagnosis, hsd, insDependent, insSubscriber,
  level, levelRef, loop, msg, n3, n4, nm1, per, providerLoop, prv, pwk, ref, s, se, serviceDate, st, sv1, sv2, sv3,
  too, transportLoop, trn, umEventRequest, umService,
} from './shared';
import type { Guide, GuideLevel, GuideLoop, GuideSegment } from './types';

export const REQUEST_UMO_LOOP: GuideLoop = loop('2010A', 'UMO Name', 'R', 1, [
  nm1('UMO Name', { entity: UMO_ENTITY, types: ['1', '2'], id: { usage: 'R', codes: UMO_ID_QUAL } }),
]);

export const REQUEST_REQUESTER_LOOP: GuideLoop = loop('2010B', 'Requester Name', 'R', 1, [
  nm1('Requester Name', {
    entity: ['1P', '2B', '36', 'FA', 'PR'], types: ['1', '2'], id: { usage: 'R', codes: ['24', '34', '46', 'XV', 'XX'] },
  }),
  ref('Requester Additional ID', REQUESTER_REF, 8),
  n3('Requester Address'),
  n4('Requester City/State/ZIP'),
  per('Requester Contact'),
  prv('Requester Specialty', REQUESTER_PRV, 'S'),
]);

export const REQUEST_SUBSCRIBER_LOOP: GuideLoop = loop('2010C', 'Subscriber Name', 'R', 1, [
  nm1('Subscriber Name', { entity: ['IL'], types: ['1'], prefix: true, id: { usage: 'R', codes: MEMBER_ID_QUAL } }),
  ref('Subscriber Additional ID', SUBSCRIBER_REF, 9),
  n3('Subscriber Address'),
  n4('Subscriber City/State/ZIP'),
  dmg('Subscriber Demographics'),
  insSubscriber('Subscriber Relationship'),
]);

// In the request the dependent is identified through the subscriber: no NM108/NM109.
export const REQUEST_DEPENDENT_LOOP: GuideLoop = loop('2010D', 'Dependent Name', 'R', 1, [
  nm1('Dependent Name', { entity: ['QC'], types: ['1'] }),
  ref('Dependent Additional ID', DEPENDENT_REF, 3),
  n3('Dependent Address'),
  n4('Dependent City/State/ZIP'),
  dmg('Dependent Demographics'),
  insDependent('Dependent Relationship'),
]);

export const REQUEST_EVENT_SEGMENTS: readonly GuideSegment[] = [
  trn('Event Tracking Number', ['1'], 2),
  umEventRequest(),
  levelRef('BB', 'Previous Authorization Number'),
  levelRef('NT', 'Previous Administrative Reference'),
  ...eventDates(),
  hiDiagnosis(),
  hsd('Services Delivery Pattern'),
  ...certifications(),
  cl1(false),
  cr1(false),
  cr2(false),
  cr5(false),
  cr6(false),
  pwk('Additional Patient Information', PWK02_REQUEST),
  msg(),
];

export const REQUEST_EVENT_PROVIDER_LOOP: GuideLoop = providerLoop({
  id: '2010EA', name: 'Event Provider Name', label: 'Event Provider', max: 14,
  entity: EVENT_PROVIDER_ENTITY, refCodes: PROVIDER_REF, refMax: 7, prv01: EVENT_PROVIDER_PRV,
});

// NM1 + REF ZZ + DTP 598 are all required inside this loop; the DTP sits at the name-loop DTP position 2700.
export const REQUEST_OTHER_UMO_LOOP: GuideLoop = loop('2010EC', 'Other UMO Name', 'S', 3, [
  nm1('Other UMO Name', { entity: ['00', 'CA', 'GG'], types: ['2'], person: false }),
  {
    id: 'REF', name: 'Other UMO Denial Reason', usage: 'R', max: 1, position: 1800, qualifier: ['ZZ'],
    elements: {
      1: { usage: 'R', codes: ['ZZ'] },
      2: { usage: 'S' },
      4: {
        usage: 'S',
        components: [
          { usage: 'R', codes: ['ZZ'] }, { usage: 'R' },
          { usage: 'S', codes: ['ZZ'] }, { usage: 'S' },
          { usage: 'S', codes: ['ZZ'] }, { usage: 'S' },
        ],
      },
    },
    elementsComplete: true,
  },
  dtp('598', 'Other UMO Denial Date', ['D8'], { usage: 'R', position: 2700 }),
]);

export const REQUEST_SERVICE_SEGMENTS: readonly GuideSegment[] = [
  trn('Service Trace Number', ['1'], 2),
  umService(),
  levelRef('BB', 'Previous Authorization Number'),
  levelRef('NT', 'Previous Administrative Reference'),
  serviceDate(),
  sv1(true),
  sv2(true),
  sv3(true),
  too(),
  hsd('Services Delivery Pattern'),
  pwk('Additional Service Information', PWK02_REQUEST),
  msg(),
];

export const REQUEST_SERVICE_PROVIDER_LOOP: GuideLoop = providerLoop({
  id: '2010F', name: 'Service Provider Name', label: 'Service Provider', max: 10,
  entity: SERVICE_PROVIDER_ENTITY, refCodes: PROVIDER_REF, refMax: 8, prv01: SERVICE_PROVIDER_PRV,
});

const LEVELS: readonly GuideLevel[] = [
  level({
    id: '2000A', name: 'UMO Level', role: 'UMO', level: '20', parents: [], childCodes: ['1'], usage: 'R', max: 1,
    segments: [], loops: [REQUEST_UMO_LOOP],
  }),
  level({
    id: '2000B', name: 'Requester Level', role: 'Requester', level: '21', parents: ['20'], childCodes: ['1'],
    usage: 'R', max: 1, segments: [], loops: [REQUEST_REQUESTER_LOOP],
  }),
  level({
    id: '2000C', name: 'Subscriber Level', role: 'Subscriber', level: '22', parents: ['21'], childCodes: ['1'],
    usage: 'R', max: 1, segments: [], loops: [REQUEST_SUBSCRIBER_LOOP],
  }),
  level({
    id: '2000D', name: 'Dependent Level', role: 'Dependent', level: '23', parents: ['22'], childCodes: ['1'],
    usage: 'S', max: 1, segments: [], loops: [REQUEST_DEPENDENT_LOOP],
  }),
  level({
    id: '2000E', name: 'Patient Event Level', role: 'Patient Event', level: 'EV', parents: ['22', '23'],
    childCodes: ['0', '1'], usage: 'R', max: 1, segments: REQUEST_EVENT_SEGMENTS,
    loops: [REQUEST_EVENT_PROVIDER_LOOP, transportLoop('2010EB', false), REQUEST_OTHER_UMO_LOOP],
  }),
  level({
    id: '2000F', name: 'Service Level', role: 'Service', level: 'SS', parents: ['EV'], childCodes: ['0'],
    usage: 'S', max: Infinity, segments: REQUEST_SERVICE_SEGMENTS, loops: [REQUEST_SERVICE_PROVIDER_LOOP],
  }),
];

export const X217_REQUEST: Guide = {
  id: '005010X217',
  variant: 'request',
  name: 'Prior authorization request (X217)',
  bht02: ['01', '13', '36'],
  header: [st('005010X217'), bht(['01', '13', '36'], s(['RU']))],
  levels: LEVELS,
  trailer: se(),
  requiredLevels: ['20', '21', '22', 'EV'],
  requiredLevelsConfidence: 'C',
  // One UMO / requester / subscriber / dependent chain and exactly one patient event per request (§1, §2).
  levelMax: { '20': 1, '21': 1, '22': 1, '23': 1, EV: 1 },
};
