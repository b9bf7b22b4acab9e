// 005010X216 notification (BHT02 CN / 14 / 22): shared/reference/x12-278-structure.md §6 and x12-278.md §7.
// Reconstructed from Stedi's loop headings and Optum's notice-of-admission sample (x12-278-x215-x216.md §4 adds
// samples only), so every entry is inferred (inferredTree) except the 278-wide facts and what Stedi confirms (2010A
// repeats twice). Differences from the X217 request:
// - 2000A is the information source (the party sending the notice: facility, provider, payer or UMO); its name loop
//   repeats twice. 2000B is the information receiver (usually the payer or UMO).
// - 2000C/2000D may carry TRN, AAA and REF, as the X216 acknowledgment does (Stedi 278-B2); their qualifiers and code
//   subsets are unknown, so only the base code lists apply.
// - 2000E HL04 may be 1 without a following 2000F (Optum's sample does that); the level and service tables are the X217
//   request's, since no X216 segment list for them exists in the reference.

import {
  R, REQUESTER_PRV, REQUESTER_REF, S,
  bht, inferred, inferredSegments, inferredTree, level, loop, n3, n4, nm1, per, prv, r, ref, s, se, st, transportLoop,
} from './shared';
import type { Guide, GuideLevel, GuideLoop, GuideSegment } from './types';
import {
  REQUEST_DEPENDENT_LOOP, REQUEST_EVENT_PROVIDER_LOOP, REQUEST_EVENT_SEGMENTS, REQUEST_SERVICE_PROVIDER_LOOP,
  REQUEST_SERVICE_SEGMENTS, REQUEST_SUBSCRIBER_LOOP,
} from './x217Request';

const PARTY_ENTITY = ['1P', '2B', '36', 'FA', 'PR', 'X3'];
const PARTY_ID_QUAL = ['24', '34', '46', 'PI', 'XV', 'XX'];

const partyLoop = (id: string, name: string, label: string, max: number): GuideLoop => ({
  ...loop(id, name, 'R', max, [
    nm1(`${label} Name`, { entity: PARTY_ENTITY, types: ['1', '2'], id: { usage: 'R', codes: PARTY_ID_QUAL } }),
    ref(`${label} Additional ID`, REQUESTER_REF, 8),
    n3(`${label} Address`),
    n4(`${label} City/State/ZIP`),
    per(`${label} Contact`),
    prv(`${label} Specialty`, REQUESTER_PRV, 'S'),
  ]),
  // Stedi's 278-B1 gives 2010A's repeat (2); 2010B's is inferred.
  repeatConfidence: max === 2 ? 'C' : 'I',
});

/** TRN / AAA / REF that the X216 acknowledgment carries at the subscriber and dependent levels. */
const memberLevelSegments = (who: string): GuideSegment[] => [
  inferred({
    id: 'TRN', name: `${who} Trace Number`, usage: 'S', max: 3, position: 200,
    elements: { 1: r(['1', '2']), 2: R, 3: R, 4: S }, elementsComplete: true,
  }),
  inferred({
    id: 'AAA', name: `${who} Notification Validation`, usage: 'S', max: 9, position: 300,
    elements: { 1: r(['N', 'Y']), 3: R, 4: R }, elementsComplete: true,
  }),
  inferred({
    id: 'REF', name: 'Notification Receipt Number', usage: 'S', max: 1, position: 600,
    elements: { 1: R, 2: R }, elementsComplete: true,
  }),
];

const LEVELS: readonly GuideLevel[] = ([
  level({
    id: '2000A', name: 'Information Source Level', role: 'Information Source', level: '20', parents: [],
    childCodes: ['1'], usage: 'R', max: 1, segments: [],
    loops: [partyLoop('2010A', 'Information Source Name', 'Information Source', 2)],
  }),
  level({
    id: '2000B', name: 'Information Receiver Level', role: 'Information Receiver', level: '21', parents: ['20'],
    childCodes: ['1'], usage: 'R', max: 1, segments: [],
    loops: [partyLoop('2010B', 'Information Receiver Name', 'Information Receiver', 1)],
  }),
  level({
    id: '2000C', name: 'Subscriber Level', role: 'Subscriber', level: '22', parents: ['21'], childCodes: ['1'],
    usage: 'R', max: 1, segments: memberLevelSegments('Subscriber'), loops: [REQUEST_SUBSCRIBER_LOOP],
  }),
  level({
    id: '2000D', name: 'Dependent Level', role: 'Dependent', level: '23', parents: ['22'], childCodes: ['1'],
    usage: 'S', max: 1, segments: memberLevelSegments('Dependent'), loops: [REQUEST_DEPENDENT_LOOP],
  }),
  level({
    id: '2000E', name: 'Patient Event Level', role: 'Patient Event', level: 'EV', parents: ['22', '23'],
    childCodes: ['0', '1'], usage: 'R', max: 1, segments: REQUEST_EVENT_SEGMENTS,
    loops: [REQUEST_EVENT_PROVIDER_LOOP, transportLoop('2010EB', false)],
  }),
  level({
    id: '2000F', name: 'Service Level', role: 'Service', level: 'SS', parents: ['EV'], childCodes: ['0'],
    usage: 'S', max: Infinity, segments: REQUEST_SERVICE_SEGMENTS, loops: [REQUEST_SERVICE_PROVIDER_LOOP],
  }),
] as const).map((l) => inferredTree(l));

export const X216_NOTIFICATION: Guide = {
  id: '005010X216',
  variant: 'request',
  name: 'Admission or service notification (X216)',
  bht02: ['CN', '14', '22'],
  header: inferredSegments([st('005010X216'), bht(['CN', '14', '22'], s(['NO']))]),
  levels: LEVELS,
  trailer: se(),
  requiredLevels: ['20', '21', '22', 'EV'],
  requiredLevelsConfidence: 'I',
  levelMax: { '20': 1, '21': 1, '22': 1, '23': 1, EV: 1 },
};
