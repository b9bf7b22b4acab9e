// 005010X215 inquiry (BHT02 28): shared/reference/x12-278-structure.md §4. No machine-readable X215 guide exists in the
// reference sources; this table is the X217 request narrowed by what VistA's X215 builder suppresses and widened by
// Optum's inquiry samples (x12-278-x215-x216.md §3 adds sample evidence only). Every entry is inferred (inferredTree)
// except the 278-wide facts (ST01, BHT01, HL03 codes, one 2000A), so the rules resting on it are warnings.
//
// Inferences beyond §4:
// - 2010EA and 2010F reuse the X217 request provider loops (REF, N3, N4, PER, PRV), since §4 lists only some of them.
// - UM rows are the X217 request rows (UM05–UM10 stay situational in 2000E).

import {
  DEPENDENT_REF, MEMBER_ID_QUAL, R, S, SUBSCRIBER_REF, UMO_ENTITY, UMO_ID_QUAL,
  bht, dtp, inferredSegments, inferredTree, hiDiagnosis, level, levelRef, loop, nm1, r, ref, se, serviceDate, st, sv1, sv2, sv3, too, trn,
  umEventRequest, umService,
} from './shared';
import type { Guide, GuideLevel, GuideLoop, GuideSegment } from './types';
import { REQUEST_EVENT_PROVIDER_LOOP, REQUEST_REQUESTER_LOOP, REQUEST_SERVICE_PROVIDER_LOOP } from './x217Request';

const UMO_LOOP: GuideLoop = loop('2010A', 'UMO Name', 'R', 1, [
  nm1('UMO Name', { entity: UMO_ENTITY, types: ['1', '2'], id: { usage: 'R', codes: UMO_ID_QUAL } }),
]);

// VistA leaves out the subscriber address, gender and relationship for X215, so they are treated as not used.
const demographicsDobOnly = (name: string): GuideSegment => ({
  id: 'DMG', name, usage: 'S', max: 1, position: 2500, elements: { 1: r(['D8']), 2: R }, elementsComplete: true,
});

const SUBSCRIBER_LOOP: GuideLoop = loop('2010C', 'Subscriber Name', 'R', 1, [
  nm1('Subscriber Name', { entity: ['IL'], types: ['1'], prefix: true, id: { usage: 'R', codes: MEMBER_ID_QUAL } }),
  ref('Subscriber Additional ID', SUBSCRIBER_REF, 9),
  demographicsDobOnly('Subscriber Demographics'),
]);

const DEPENDENT_LOOP: GuideLoop = loop('2010D', 'Dependent Name', 'R', 1, [
  nm1('Dependent Name', { entity: ['QC'], types: ['1'] }),
  ref('Dependent Additional ID', DEPENDENT_REF, 3),
  demographicsDobOnly('Dependent Demographics'),
]);

// VistA sends DTP 484/ABC/431, HSD, CRC, CL1, CR*, PWK and MSG for X217 only.
const EVENT_SEGMENTS: readonly GuideSegment[] = [
  trn('Event Tracking Number', ['1'], 2),
  umEventRequest(),
  levelRef('BB', 'Authorization Number'),
  levelRef('NT', 'Administrative Reference'),
  dtp('439', 'Accident Date', ['D8']),
  dtp('AAH', 'Event Date', ['D8', 'RD8']),
  dtp('435', 'Admission Date', ['D8', 'RD8']),
  dtp('096', 'Discharge Date', ['D8']),
  hiDiagnosis(),
];

const SERVICE_SEGMENTS: readonly GuideSegment[] = [
  umService(),
  levelRef('BB', 'Authorization Number'),
  levelRef('NT', 'Administrative Reference'),
  serviceDate(),
  sv1(true),
  sv2(true),
  sv3(true),
  too(),
];

const LEVELS: readonly GuideLevel[] = ([
  level({
    id: '2000A', name: 'UMO Level', role: 'UMO', level: '20', parents: [], childCodes: ['1'], usage: 'R', max: 1,
    segments: [], loops: [UMO_LOOP],
  }),
  level({
    id: '2000B', name: 'Requester Level', role: 'Requester', level: '21', parents: ['20'], childCodes: ['1'],
    usage: 'R', max: 1, segments: [], loops: [REQUEST_REQUESTER_LOOP],
  }),
  level({
    id: '2000C', name: 'Subscriber Level', role: 'Subscriber', level: '22', parents: ['21'], childCodes: ['1'],
    usage: 'R', max: 1, segments: [], loops: [SUBSCRIBER_LOOP],
  }),
  level({
    id: '2000D', name: 'Dependent Level', role: 'Dependent', level: '23', parents: ['22'], childCodes: ['1'],
    usage: 'S', max: 1, segments: [], loops: [DEPENDENT_LOOP],
  }),
  level({
    id: '2000E', name: 'Patient Event Level', role: 'Patient Event', level: 'EV', parents: ['22', '23'],
    childCodes: ['0', '1'], usage: 'R', max: 1, segments: EVENT_SEGMENTS, loops: [REQUEST_EVENT_PROVIDER_LOOP],
  }),
  level({
    id: '2000F', name: 'Service Level', role: 'Service', level: 'SS', parents: ['EV'], childCodes: ['0'],
    usage: 'S', max: Infinity, segments: SERVICE_SEGMENTS, loops: [REQUEST_SERVICE_PROVIDER_LOOP],
  }),
] as const).map((l) => inferredTree(l));

export const X215_REQUEST: Guide = {
  id: '005010X215',
  variant: 'request',
  name: 'Prior authorization inquiry (X215)',
  bht02: ['28'],
  // No BHT06 in any sample; left situational with no code subset.
  header: inferredSegments([st('005010X215'), bht(['28'], S)]),
  levels: LEVELS,
  trailer: se(),
  requiredLevels: ['20', '21', '22', 'EV'],
  requiredLevelsConfidence: 'I',
  levelMax: { '20': 1, '21': 1, '22': 1, '23': 1, EV: 1 },
};
