// 005010X215 inquiry response (BHT02 11 or 49): shared/reference/x12-278-x215-x216.md §2, read from a machine-readable
// guide map ([M]), so its entries are confirmed: segment presence and usage per loop, max use, loop repeats, element
// usage and code subsets. What that file's §7 keeps as warnings is marked inferred here:
// - loop usage (required or situational), for levels and name loops (the map does not state it reliably);
// - BHT06's code list (header lists beyond BHT01/BHT02);
// - HI01 components 3–9 (the map leaves them at the base standard).
// How it differs from the X217 response (§2.3): AAA01 N or Y everywhere; 2000C and 2000D repeat and carry a TRN;
// no INS, no DMG03; 2000E UM situational (UM02 adds 5, no UM06); HCR01 adds 11 and 51; DTP 881 but no 439/484/ABC/431;
// one HI composite; no PWK; no L5 contact loops; the transport loop is 2010EB (no AAA) and the service provider 2010F.

import {
  EVENT_PROVIDER_PRV, HI_FIRST, HSD01, HSD03, HSD08, MEMBER_ID_QUAL, ONE_TO_EIGHT, OXYGEN_EQUIPMENT, PER_FIRST,
  PER_OTHER, PROVIDER_ID_QUAL, R, REQUESTER_PRV, REQUESTER_REF, S, SERVICE_PROVIDER_PRV, SUBLUXATION_LEVEL,
  SUBSCRIBER_REF, TRANSPORT_ENTITY, UM01_EVENT, UM01_SERVICE, UM02, UM03_EVENT_RESPONSE, UM03_SERVICE, UM04_QUAL, YN,
  bht, cR, cS, cl1, cr, cr1, cs, composite, dtp, hcr, level, levelRef, loop, msg, n3, n4, nm1, r, s, se, serviceDate, st,
  too, trn,
} from './shared';
import type { ComponentUse, ElementUse, Guide, GuideLevel, GuideLoop, GuideSegment } from './types';

const AAA01 = ['N', 'Y'];
const ID_QUALIFIERS = ['24', '34', '46', 'PI', 'XV', 'XX'];
const PROVIDER_REF = ['0B', '1G', '1J', 'EI', 'G5', 'N5', 'N7', 'SY', 'ZH'];
const PROVIDER_AAA03 = ['15', '33', '35', '41', '43', '44', '45', '46', '47', '49', '51', '52', '79', '97', 'IP'];
const HCR01_EVENT = ['11', '51', 'A1', 'A2', 'A3', 'A4', 'A6', 'C', 'CT', 'NA'];
const HCR01_SERVICE = ['11', '51', 'A1', 'A3', 'A4', 'A6', 'C', 'CT', 'NA'];
const HSD05 = ['21', '26', '27', '29', '34', '35', '6', '7'];
const D8 = ['D8'];
const D8_RD8 = ['D8', 'RD8'];

/** AAA: AAA01 and AAA03 required, AAA02 not used; AAA04 required except in 2010A. */
function aaa(name: string, position: 300 | 2300, a03: readonly string[], a04: readonly string[], a04Usage: 'R' | 'S' = 'R'): GuideSegment {
  return {
    id: 'AAA', name, usage: 'S', max: 9, position,
    elements: { 1: r(AAA01), 3: r(a03), 4: { usage: a04Usage, codes: a04 } }, elementsComplete: true,
  };
}

/** PER with PER01 IC; in the response PER03 and PER04 are required. */
function per(name: string, per07: readonly string[] = PER_OTHER): GuideSegment {
  return {
    id: 'PER', name, usage: 'S', max: 1, position: 2200,
    elements: { 1: r(['IC']), 2: S, 3: r(PER_FIRST), 4: R, 5: s(PER_OTHER), 6: S, 7: s(per07), 8: S },
    elementsComplete: true,
  };
}

function ref(name: string, codes: readonly string[], max: number, ref03 = false): GuideSegment {
  return {
    id: 'REF', name, usage: 'S', max, position: 1800,
    elements: ref03 ? { 1: r(codes), 2: R, 3: S } : { 1: r(codes), 2: R }, elementsComplete: true,
  };
}

function prv(name: string, prv01: readonly string[], taxonomy: 'R' | 'S'): GuideSegment {
  return {
    id: 'PRV', name, usage: 'S', max: 1, position: 2400,
    elements: { 1: r(prv01), 2: { usage: taxonomy, codes: ['PXC'] }, 3: { usage: taxonomy } }, elementsComplete: true,
  };
}

/** DMG with the date of birth only (DMG03 gender is not used in X215). */
function dmg(name: string): GuideSegment {
  return { id: 'DMG', name, usage: 'S', max: 1, position: 2500, elements: { 1: r(['D8']), 2: R }, elementsComplete: true };
}

// Name loops with a required NM1 are present whenever their level is, but the map does not say so reliably.
const nameLoop = (id: string, name: string, max: number, segments: readonly GuideSegment[]): GuideLoop => ({
  ...loop(id, name, 'R', max, segments), usageConfidence: 'I',
});

const providerLoop = (
  id: string, name: string, label: string, max: number, entity: readonly string[], prv01: readonly string[],
  per07: readonly string[],
): GuideLoop => loop(id, name, 'S', max, [
  nm1(`${label} Name`, { entity, types: ['1', '2'], prefix: true, id: { usage: 'S', codes: PROVIDER_ID_QUAL } }),
  ref(`${label} Additional ID`, PROVIDER_REF, 9, true),
  n3(`${label} Address`),
  n4(`${label} City/State/ZIP`),
  per(`${label} Contact`, per07),
  aaa(`${label} Validation`, 2300, PROVIDER_AAA03, ['C', 'N']),
  prv(`${label} Specialty`, prv01, 'R'),
]);

const UM04: ElementUse = composite('S', [cR, cs(UM04_QUAL), cS]);

function um(name: string, um01: readonly string[], um02: readonly string[], um03: readonly string[]): GuideSegment {
  return {
    id: 'UM', name, usage: 'S', max: 1, position: 400,
    elements: { 1: r(um01), 2: s(um02), 3: s(um03), 4: UM04 }, elementsComplete: true,
  };
}

function hsd(name: string): GuideSegment {
  return {
    id: 'HSD', name, usage: 'S', max: 1, position: 900,
    elements: { 1: s(HSD01), 2: S, 3: s(HSD03), 4: S, 5: s(HSD05), 6: S, 7: S, 8: s(HSD08) }, elementsComplete: true,
  };
}

// HI01 only; components 3–9 keep the X217 reading, as inferred (the map leaves them at the base standard).
const inferredComponent = (use: ComponentUse): ComponentUse => ({ ...use, confidence: 'I' });
const HI: GuideSegment = {
  id: 'HI', name: 'Diagnoses', usage: 'S', max: 1, position: 800,
  elements: {
    1: composite('R', [
      cr(HI_FIRST), cR, inferredComponent(cs(['D8'])), inferredComponent(cS),
      ...[5, 6, 7, 8, 9].map(() => inferredComponent({ usage: 'N' })),
    ]),
  },
  elementsComplete: true,
};

const CR2: GuideSegment = {
  id: 'CR2', name: 'Spinal Manipulation', usage: 'S', max: 1, position: 1300,
  elements: { 1: S, 2: S, 3: s(SUBLUXATION_LEVEL), 4: s(SUBLUXATION_LEVEL) }, elementsComplete: true,
};

const CR5: GuideSegment = {
  id: 'CR5', name: 'Home Oxygen Therapy', usage: 'S', max: 1, position: 1400,
  elements: {
    3: s(OXYGEN_EQUIPMENT), 4: s(OXYGEN_EQUIPMENT), 6: R, 7: S, 8: S, 9: S, 16: S, 17: r(['A', 'B', 'C', 'D', 'E']),
    18: s(OXYGEN_EQUIPMENT),
  },
  elementsComplete: true,
};

const CR6: GuideSegment = {
  id: 'CR6', name: 'Home Health Care', usage: 'S', max: 1, position: 1500,
  elements: { 1: r(ONE_TO_EIGHT), 2: R, 3: s(['RD8']), 4: S, 7: r(['W']), 8: r(['1', '2', '3', '4', 'I', 'N', 'R', 'S']) },
  elementsComplete: true,
};

const procedure = (usage: 'R' | 'S', qualifiers: readonly string[]): ElementUse =>
  composite(usage, [cr(qualifiers), cR, cS, cS, cS, cS, cS, cS]);

const SV1: GuideSegment = {
  id: 'SV1', name: 'Professional Service', usage: 'S', max: 1, position: 810,
  elements: { 1: procedure('R', ['HC', 'IV', 'N4', 'WK']), 2: S, 3: s(['F2', 'MJ', 'UN']), 4: S, 11: s(YN) },
  elementsComplete: true,
};

const SV2: GuideSegment = {
  id: 'SV2', name: 'Institutional Service', usage: 'S', max: 1, position: 820,
  elements: { 1: S, 2: procedure('S', ['HC', 'ID', 'IV', 'N4', 'WK', 'ZZ']), 3: S, 4: s(['DA', 'F2', 'UN']), 5: S, 6: S },
  elementsComplete: true,
};

const SV3: GuideSegment = {
  id: 'SV3', name: 'Dental Service', usage: 'S', max: 1, position: 830,
  elements: { 1: procedure('R', ['AD']), 2: S, 4: composite('S', [cR, cS, cS, cS, cS]), 5: s(['I', 'R']), 6: R },
  elementsComplete: true,
};

const LEVELS: readonly GuideLevel[] = [
  level({
    id: '2000A', name: 'UMO Level', role: 'UMO', level: '20', parents: [], childCodes: ['0', '1'], usage: 'R', max: 1,
    usageConfidence: 'I',
    segments: [aaa('UMO Level Validation', 300, ['04', '41', '42', '79'], ['C', 'N', 'P', 'Y'])],
    loops: [
      nameLoop('2010A', 'UMO Name', 1, [
        nm1('UMO Name', { entity: ['1P', '2B', '36', 'PR', 'X3'], types: ['1', '2'], id: { usage: 'R', codes: ID_QUALIFIERS } }),
        per('UMO Contact'),
        aaa('UMO Validation', 2300, ['04', '42', '79', '80', 'T4', 'ZZ'], ['N', 'P', 'Y'], 'S'),
      ]),
    ],
  }),
  level({
    id: '2000B', name: 'Requester Level', role: 'Requester', level: '21', parents: ['20'], childCodes: ['0', '1'],
    usage: 'S', max: 1, usageConfidence: 'I', segments: [],
    loops: [
      nameLoop('2010B', 'Requester Name', 2, [
        nm1('Requester Name', {
          entity: ['1P', '2A', '2B', '36', 'FA', 'PR', 'X3'], types: ['1', '2'], id: { usage: 'R', codes: ID_QUALIFIERS },
        }),
        ref('Requester Additional ID', REQUESTER_REF, 9),
        aaa('Requester Validation', 2300, ['15', '35', '41', '43', '44', '45', '46', '47', '49', '51', '79', '97', 'IP'], ['C', 'N', 'R']),
        prv('Requester Specialty', REQUESTER_PRV, 'S'),
      ]),
    ],
  }),
  level({
    id: '2000C', name: 'Subscriber Level', role: 'Subscriber', level: '22', parents: ['21'], childCodes: ['0', '1'],
    usage: 'S', max: Infinity, usageConfidence: 'I', segments: [trn('Subscriber Trace Number', ['1', '2'], 3)],
    loops: [
      nameLoop('2010C', 'Subscriber Name', 1, [
        nm1('Subscriber Name', { entity: ['IL'], types: ['1'], prefix: true, id: { usage: 'R', codes: MEMBER_ID_QUAL } }),
        ref('Subscriber Additional ID', SUBSCRIBER_REF, 9),
        n3('Subscriber Address'),
        n4('Subscriber City/State/ZIP'),
        aaa('Subscriber Validation', 2300, ['58', '64', '65', '67', '68', '71', '72', '73', '75', '76', '77', '78', '79', '95'], ['C', 'N']),
        dmg('Subscriber Demographics'),
      ]),
    ],
  }),
  level({
    id: '2000D', name: 'Dependent Level', role: 'Dependent', level: '23', parents: ['22'], childCodes: ['0', '1'],
    usage: 'S', max: Infinity, usageConfidence: 'I', segments: [trn('Dependent Trace Number', ['1', '2'], 3)],
    loops: [
      nameLoop('2010D', 'Dependent Name', 1, [
        nm1('Dependent Name', { entity: ['QC'], types: ['1'], id: { usage: 'S', codes: MEMBER_ID_QUAL } }),
        ref('Dependent Additional ID', ['28', 'EJ', 'SY'], 3),
        n3('Dependent Address'),
        n4('Dependent City/State/ZIP'),
        aaa('Dependent Validation', 2300, ['58', '64', '65', '67', '68', '71', '77', '95'], ['C', 'N']),
        dmg('Dependent Demographics'),
      ]),
    ],
  }),
  level({
    id: '2000E', name: 'Patient Event Level', role: 'Patient Event', level: 'EV', parents: ['22', '23'],
    childCodes: ['0', '1'], usage: 'S', max: Infinity, usageConfidence: 'I',
    segments: [
      trn('Event Tracking Number', ['1', '2'], 3),
      aaa('Event Validation', 300, ['15', '33', '52', '57', '60', '61', '62', 'AA', 'AF', 'AI', 'AM', 'AN', 'CI', 'NC', 'T5'], ['C', 'N']),
      um('Review Details', UM01_EVENT, [...UM02, '5'], UM03_EVENT_RESPONSE),
      hcr('Review Outcome', HCR01_EVENT),
      levelRef('BB', 'Previous Authorization Number'),
      levelRef('NT', 'Administrative Reference'),
      dtp('AAH', 'Event Date', D8_RD8),
      dtp('435', 'Admission Date', D8_RD8),
      dtp('096', 'Discharge Date', D8),
      dtp('102', 'Certification Issue Date', D8),
      dtp('036', 'Certification Expiration Date', D8),
      dtp('007', 'Certification Effective Date', D8_RD8),
      dtp('881', 'Request Date', D8_RD8),
      HI,
      hsd('Services Delivery Pattern'),
      cl1(true),
      cr1(true),
      CR2,
      CR5,
      CR6,
      msg(),
    ],
    loops: [
      providerLoop('2010EA', 'Event Provider Name', 'Event Provider', 14,
        ['71', '72', '73', '77', 'AAJ', 'DD', 'DK', 'DN', 'FA', 'G3', 'P3', 'QB', 'QV', 'SJ'], EVENT_PROVIDER_PRV, PER_OTHER),
      loop('2010EB', 'Transport Location', 'S', 5, [
        nm1('Transport Location Name', { entity: TRANSPORT_ENTITY, types: ['2'], lastName: 'R', person: false }),
        n3('Transport Location Address', 'R'),
        n4('Transport Location City/State/ZIP', 'R', true),
      ]),
    ],
  }),
  level({
    id: '2000F', name: 'Service Level', role: 'Service', level: 'SS', parents: ['EV'], childCodes: ['0'],
    usage: 'S', max: Infinity, usageConfidence: 'I',
    segments: [
      trn('Service Trace Number', ['1', '2'], 3),
      aaa('Service Validation', 300, ['15', '33', '52', '57', '60', '61', '62', 'AA', 'AG', 'CI', 'NC', 'T5'], ['C', 'N']),
      um('Service Review Details', UM01_SERVICE, UM02, UM03_SERVICE),
      hcr('Service Review Outcome', HCR01_SERVICE),
      levelRef('BB', 'Previous Authorization Number'),
      levelRef('NT', 'Administrative Reference'),
      serviceDate(),
      dtp('102', 'Certification Issue Date', D8),
      dtp('036', 'Certification Expiration Date', D8),
      dtp('007', 'Certification Effective Date', D8_RD8),
      SV1,
      SV2,
      SV3,
      too(),
      hsd('Services Delivery Pattern'),
      msg(),
    ],
    loops: [
      providerLoop('2010F', 'Service Provider Name', 'Service Provider', 12,
        ['72', '73', '77', 'DD', 'DK', 'DQ', 'FA', 'G3', 'P3', 'QB', 'QV', 'SJ'], SERVICE_PROVIDER_PRV, ['EM', 'EX', 'TE', 'UR']),
    ],
  }),
];

export const X215_RESPONSE: Guide = {
  id: '005010X215',
  variant: 'response',
  name: 'Prior authorization inquiry response (X215)',
  bht02: ['11', '49'],
  // BHT06 is required; its code list is one §7 keeps as a warning.
  header: [st('005010X215'), bht(['11', '49'], { usage: 'R', codes: ['19', 'RD', 'RS', 'ZW'], confidence: 'I' })],
  levels: LEVELS,
  trailer: se(),
  requiredLevels: ['20'],
  requiredLevelsConfidence: 'I',
  levelMax: { '20': 1, '21': 1 },
};
