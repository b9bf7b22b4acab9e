// Building blocks shared by the per-guide tables (x217Request.ts, x217Response.ts, x215*.ts, x216Notification.ts).
// Element rows follow shared/reference/x12-278-structure.md §7 and appendix A (X217, Q = request, P = response).
//
// Conventions:
// - Every segment built here lists its element usage completely (`elementsComplete: true`), so positions that are not
//   listed are "not used" in that place.
// - `qualifier` is set where the qualifier value is what identifies the segment (HL03, loop-trigger NM101, every DTP01,
//   REF BB/NT/ZZ, CRC01); REF segments that accept a list of qualifiers in a name loop are identified by their ID alone
//   and their REF01 list is checked as an element code subset.

import { ownEntriesOnly } from './ownEntries';
import type {
  ComponentUse,
  Confidence,
  ElementUse,
  GuideId,
  GuideLevel,
  GuideLoop,
  GuideSegment,
  Usage,
} from './types';

// ---------------------------------------------------------------------------------------------------------------
// Element and component shorthands

export const R: ElementUse = { usage: 'R' };
export const S: ElementUse = { usage: 'S' };
export const r = (codes: readonly string[]): ElementUse => ({ usage: 'R', codes });
export const s = (codes: readonly string[]): ElementUse => ({ usage: 'S', codes });

export const cR: ComponentUse = { usage: 'R' };
export const cS: ComponentUse = { usage: 'S' };
export const cN: ComponentUse = { usage: 'N' };
export const cr = (codes: readonly string[]): ComponentUse => ({ usage: 'R', codes });
export const cs = (codes: readonly string[]): ComponentUse => ({ usage: 'S', codes });

/** A composite element with per-component usage (index 0 = component 1). */
export const composite = (usage: Usage, components: readonly ComponentUse[]): ElementUse => ({ usage, components });

type Elements = Readonly<Record<number, ElementUse>>;

/** Marks a segment as inferred; its element rules inherit that unless they say otherwise. */
export function inferred(seg: GuideSegment): GuideSegment {
  return { ...seg, confidence: 'I' };
}

/**
 * A copy of a loop tree (a level with its segments and name loops) in which every loop and segment entry without a
 * mark of its own is marked inferred. Entries already marked (the 278-wide facts, 'W'; facts a source confirms for the
 * guide, 'C') keep their mark, so an inferred table still carries per-fact confidence.
 */
export function inferredTree<T extends GuideLoop>(loop: T): T {
  return {
    ...loop,
    confidence: loop.confidence ?? 'I',
    segments: loop.segments.map((seg) => (seg.confidence ? seg : inferred(seg))),
    ...(loop.loops ? { loops: loop.loops.map((child) => inferredTree(child)) } : {}),
  };
}

/** The segments of a header or trailer, marked as inferredTree marks a loop's. */
export function inferredSegments(segments: readonly GuideSegment[]): GuideSegment[] {
  return segments.map((seg) => (seg.confidence ? seg : inferred(seg)));
}

// ---------------------------------------------------------------------------------------------------------------
// Code subsets (appendix A / §7 / appendix B)

const range = (from: number, to: number): string[] => {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(String(i));
  return out;
};

export const YN = ['N', 'Y'] as const;
export const ONE_TO_EIGHT = range(1, 8);

export const UMO_ENTITY = ['2B', '36', 'PR', 'X3'];
export const UMO_ID_QUAL = ['24', '34', '46', 'PI', 'XV'];
export const REQUESTER_REF = ['1G', '1J', 'EI', 'G5', 'N5', 'N7', 'SY', 'ZH'];
export const SUBSCRIBER_REF = ['1L', '3L', '6P', 'DP', 'EJ', 'F6', 'HJ', 'IG', 'N6', 'NQ', 'SY'];
export const DEPENDENT_REF = ['EJ', 'SY'];
export const MEMBER_ID_QUAL = ['II', 'MI'];
export const PROVIDER_ID_QUAL = ['24', '34', '46', 'XX'];
export const CONTACT_ID_QUAL = ['24', '34', '46', 'PI', 'XV', 'XX'];
export const PROVIDER_REF = ['0B', '1G', '1J', 'EI', 'N5', 'N7', 'SY', 'ZH'];
export const EVENT_PROVIDER_ENTITY = ['71', '72', '73', '77', 'AAJ', 'DD', 'DK', 'DN', 'FA', 'G3', 'P3', 'QB', 'QV', 'SJ'];
export const SERVICE_PROVIDER_ENTITY = ['1T', '72', '73', '77', 'DD', 'DK', 'DQ', 'FA', 'G3', 'P3', 'QB', 'QV', 'SJ'];
export const TRANSPORT_ENTITY = ['45', 'FS', 'ND', 'PW', 'R3'];
export const REQUESTER_PRV = ['AD', 'AS', 'AT', 'CO', 'CV', 'OP', 'OR', 'OT', 'PC', 'PE', 'RF'];
export const EVENT_PROVIDER_PRV = ['AD', 'AS', 'AT', 'OP', 'OR', 'OT', 'PC', 'PE', 'RF'];
export const SERVICE_PROVIDER_PRV = ['AS', 'OP', 'OR', 'OT', 'PC', 'PE'];
export const PER_FIRST = ['EM', 'FX', 'TE', 'UR'];
export const PER_OTHER = ['EM', 'EX', 'FX', 'TE', 'UR'];

export const UM01_EVENT = ['AR', 'HS', 'IN', 'SC'];
export const UM01_SERVICE = ['HS', 'SC'];
export const UM02 = ['1', '2', '3', '4', 'I', 'N', 'R', 'S'];
/** UM03 service type subset of the X217 request at 2000E (103 codes, §7). */
export const UM03_EVENT_REQUEST = [
  '1', '2', '3', '4', '5', '6', '7', '8', '11', '12', '14', '15', '16', '17', '18', '20', '21', '23', '24', '25', '26',
  '27', '28', '33', '35', '36', '37', '38', '39', '40', '42', '44', '45', '46', '54', '56', '61', '62', '63', '64', '65',
  '66', '67', '68', '69', '70', '71', '72', '73', '74', '75', '76', '77', '78', '79', '80', '82', '83', '84', '85', '86',
  '87', '88', '93', 'A4', 'A6', 'A9', 'AD', 'AE', 'AF', 'AG', 'AI', 'AJ', 'AK', 'AL', 'AR', 'B1', 'BB', 'BC', 'BD',
  'BE', 'BF', 'BG', 'BL', 'BN', 'BP', 'BQ', 'BS', 'BY', 'BZ', 'C1', 'CQ', 'GY', 'IC', 'MH', 'NI', 'ON', 'PT', 'PU',
  'RN', 'RT', 'TC', 'TN',
];
/** 2000F (request and response): the 2000E list without CQ (102 codes). */
export const UM03_SERVICE = UM03_EVENT_REQUEST.filter((c) => c !== 'CQ');
/** Response 2000E: the request list plus AH (104 codes). */
export const UM03_EVENT_RESPONSE = [...UM03_EVENT_REQUEST, 'AH'];
export const UM04_QUAL = ['A', 'B'];
export const UM06 = ['03', 'E', 'U'];
export const UM07 = [...range(1, 9), 'E', 'F', 'G', 'P'];
export const UM09 = ['M', 'Y'];
export const UM10 = ['1', '2', '3', '4', '7', '8', '10', '11', '15', '16', '17'];

export const HCR01_EVENT = ['A1', 'A2', 'A3', 'A4', 'A6', 'C', 'CT', 'NA'];
export const HCR01_SERVICE = ['A1', 'A3', 'A4', 'A6', 'C', 'CT', 'NA'];

export const HI_FIRST = ['ABF', 'ABJ', 'ABK', 'APR', 'BF', 'BJ', 'BK', 'DR', 'PR'];
export const HI_SECOND = ['ABF', 'ABJ', 'APR', 'BF', 'BJ', 'DR', 'PR'];
export const HI_OTHER = ['ABF', 'APR', 'BF', 'DR', 'PR'];

export const HSD01 = ['DY', 'FL', 'HS', 'MN', 'VS'];
export const HSD03 = ['DA', 'MO', 'WK'];
export const HSD05 = ['21', '26', '27', '34', '35', '6', '7'];
export const HSD08 = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'Y'];

/** PWK01 report types (66 codes, appendix B). */
export const PWK01 = [
  '03', '04', '05', '06', '07', '08', '09', '10', '11', '13', '15', '21', '48', '55', '59', '77', 'A3', 'A4', 'AM', 'AS',
  'AT', 'B2', 'B3', 'BR', 'BS', 'BT', 'CB', 'CK', 'D2', 'DA', 'DB', 'DG', 'DJ', 'DS', 'FM', 'HC', 'HR', 'I5', 'IR', 'LA',
  'M1', 'NN', 'OB', 'OC', 'OD', 'OE', 'OX', 'P4', 'P5', 'P6', 'P7', 'PE', 'PN', 'PO', 'PQ', 'PY', 'PZ', 'QC', 'QR', 'RB',
  'RR', 'RT', 'RX', 'SG', 'V5', 'XP',
];
export const PWK02_REQUEST = ['AA', 'BM', 'EL', 'EM', 'FX', 'VO'];
export const PWK02_RESPONSE = ['BM', 'EL', 'EM', 'FX', 'VO'];

/**
 * Spinal subluxation levels for CR203/CR204. Appendix A only says "28 codes"; these 28 are the values x12-278.md §8 lists
 * for element 1367, so the pairing is inferred.
 */
export const SUBLUXATION_LEVEL = [
  'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'CO', 'IL', 'L1', 'L2', 'L3', 'L4', 'L5', 'OC', 'SA',
  'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
];
export const OXYGEN_EQUIPMENT = ['A', 'B', 'C', 'D', 'E', 'O'];
export const CR617 = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'L', 'M', 'O', 'P', 'R', 'S', 'T'];

/** CRC03–CRC07 subsets by CRC01 (appendix B). 09, 75 and 77 have long lists the reference does not spell out. */
export const CRC_CONDITIONS: Readonly<Record<string, readonly string[] | undefined>> = {
  '07': ['01', '02', '03', '04', '05', '06', '07', '08', '09', '41', '43', '5A', '60', '9D'],
  '08': ['11', '12', '14', '24', '25', '27', '30'],
  '09': undefined,
  '11': ['06', '16', '17', '25', '33', '37', '39', '5A', '9J', '9K', 'DY'],
  '75': undefined,
  '76': ['10', '13', '19', '21', '22', '27', '31', '40', 'BR', 'CA', 'CB', 'CR', 'EL', 'EP', 'IH', 'NR', 'PA', 'PW', 'TR', 'UT', 'WA', 'WR'],
  '77': undefined,
};

/** AAA01 / AAA03 / AAA04 subsets by loop (§7 AAA table). */
export const AAA_CODES = {
  '2000A': { a01: ['N', 'Y'], a03: ['04', '41', '42', '79'], a04: ['C', 'N', 'P', 'Y'] },
  '2010A': { a01: ['N'], a03: ['42', '79', '80', 'T4'], a04: ['N', 'P', 'Y'] },
  '2010B': { a01: ['N'], a03: ['15', '35', '41', '43', '44', '45', '46', '47', '49', '51', '79', '97'], a04: ['C', 'N', 'R'] },
  '2010C': {
    a01: ['N'],
    a03: ['58', '64', '65', '66', '67', '68', '71', '72', '73', '74', '75', '76', '77', '78', '79', '95'],
    a04: ['C', 'N'],
  },
  '2010D': { a01: ['N'], a03: ['15', '33', '58', '64', '65', '66', '67', '68', '71', '77', '95'], a04: ['C', 'N'] },
  '2000E': {
    a01: ['N'],
    a03: ['15', '33', '52', '56', '57', '60', '61', '62', 'AA', 'AF', 'AH', 'AI', 'AJ', 'AK', 'AM', 'AN', 'T5'],
    a04: ['C', 'N'],
  },
  provider: {
    a01: ['N'],
    a03: ['15', '33', '35', '41', '43', '44', '45', '46', '47', '49', '51', '52', '79', '97', 'IP'],
    a04: ['C', 'N'],
  },
  transport: { a01: ['N'], a03: ['15', '33', '47', '97'], a04: ['C', 'N'] },
  '2000F': { a01: ['N'], a03: ['15', '33', '52', '57', '60', '61', '62', 'AA', 'AG', 'T5'], a04: ['C', 'N'] },
} as const;
export type AaaCodes = { readonly a01: readonly string[]; readonly a03: readonly string[]; readonly a04: readonly string[] };

// ---------------------------------------------------------------------------------------------------------------
// Header and trailer

// Facts that hold in every 278 guide ('W'; docs/architecture.md lists them): the ST and SE segments (ST01 278, ST02,
// ST03 the guide, SE01, SE02), BHT01 0007 (the hierarchy information source / receiver / subscriber / dependent /
// event / services), HL03 one of the six level codes, one 2000A.
export const TRANSACTION_SET_ID: ElementUse = { usage: 'R', codes: ['278'], confidence: 'W' };
export const HIERARCHY_STRUCTURE: ElementUse = { usage: 'R', codes: ['0007'], confidence: 'W' };
export const LEVEL_CODES = ['20', '21', '22', '23', 'EV', 'SS'] as const;

export function st(version: GuideId): GuideSegment {
  return {
    id: 'ST', name: 'Transaction Set Header', usage: 'R', max: 1, position: 100,
    elements: { 1: TRANSACTION_SET_ID, 2: R, 3: r([version]) }, elementsComplete: true, confidence: 'W',
  };
}

/** BHT; `bht02` is the guide's own list (its confidence is the segment's unless `bht02Confidence` says otherwise). */
export function bht(bht02: readonly string[], bht06: ElementUse, bht02Confidence?: Confidence): GuideSegment {
  return {
    id: 'BHT', name: 'Transaction Start', usage: 'R', max: 1, position: 200,
    elements: {
      1: HIERARCHY_STRUCTURE, 2: bht02Confidence ? { usage: 'R', codes: bht02, confidence: bht02Confidence } : r(bht02),
      3: R, 4: R, 5: R, 6: bht06,
    },
    elementsComplete: true,
  };
}

export function se(): GuideSegment {
  return {
    id: 'SE', name: 'Transaction Set Trailer', usage: 'R', max: 1, position: 2800,
    elements: { 1: R, 2: R }, elementsComplete: true, confidence: 'W',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Levels and loops

export function hl(level: string, name: string, childCodes: readonly string[], top: boolean): GuideSegment {
  const elements: Record<number, ElementUse> = { 1: R, 3: { usage: 'R', codes: [level], confidence: 'W' }, 4: r(childCodes) };
  if (!top) elements[2] = R;
  return {
    id: 'HL', name, usage: 'R', max: 1, position: 100, qualifier: [level], qualifierPosition: 3,
    elements, elementsComplete: true,
  };
}

export interface LevelSpec {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly level: string;
  readonly parents: readonly string[];
  readonly childCodes: readonly string[];
  readonly usage: 'R' | 'S';
  readonly max: number;
  /** The level's segments after HL. */
  readonly segments: readonly GuideSegment[];
  readonly loops?: readonly GuideLoop[];
  readonly confidence?: Confidence;
  readonly usageConfidence?: Confidence;
}

/**
 * A 2000x level; its HL (segments[0]) is built from `level`, `childCodes` and whether it has parents. The top level
 * (2000A) occurs once in every 278 guide, so its repeat is a 278-wide fact.
 */
export function level(spec: LevelSpec): GuideLevel {
  const { segments, loops, confidence, usageConfidence, ...rest } = spec;
  return {
    ...rest,
    segments: [hl(spec.level, spec.name, spec.childCodes, spec.parents.length === 0), ...segments],
    ...(loops ? { loops } : {}),
    ...(confidence ? { confidence } : {}),
    ...(usageConfidence ? { usageConfidence } : {}),
    ...(spec.parents.length === 0 ? { repeatConfidence: 'W' as const } : {}),
  };
}

export function loop(
  id: string, name: string, usage: 'R' | 'S', max: number, segments: readonly GuideSegment[], confidence?: Confidence,
): GuideLoop {
  return { id, name, usage, max, segments, ...(confidence ? { confidence } : {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// Name-loop (2010x) segments

export interface Nm1Spec {
  /** NM101 entity codes; also the loop's trigger qualifier. */
  readonly entity: readonly string[];
  /** NM102 entity type codes. */
  readonly types: readonly string[];
  /** NM103 (last or organisation name) usage; default S. */
  readonly lastName?: 'R' | 'S';
  /** NM104/NM105/NM107 (first, middle, suffix) used; default true. */
  readonly person?: boolean;
  /** NM106 (prefix) used; default false. */
  readonly prefix?: boolean;
  /** NM108/NM109 usage and NM108 codes; absent = not used. */
  readonly id?: { readonly usage: 'R' | 'S'; readonly codes: readonly string[] };
}

export function nm1(name: string, spec: Nm1Spec): GuideSegment {
  const elements: Record<number, ElementUse> = {
    1: r(spec.entity),
    2: r(spec.types),
    3: spec.lastName === 'R' ? R : S,
  };
  if (spec.person !== false) {
    elements[4] = S;
    elements[5] = S;
    elements[7] = S;
  }
  if (spec.prefix) elements[6] = S;
  if (spec.id) {
    elements[8] = { usage: spec.id.usage, codes: spec.id.codes };
    elements[9] = { usage: spec.id.usage };
  }
  return {
    id: 'NM1', name, usage: 'R', max: 1, position: 1700, qualifier: spec.entity, elements, elementsComplete: true,
  };
}

/** A REF in a name loop, checked by its REF01 list (no qualifier: it is the only REF there). */
export function ref(name: string, codes: readonly string[], max: number, opts: { ref03?: boolean } = {}): GuideSegment {
  const elements: Elements = opts.ref03 ? { 1: r(codes), 2: R, 3: S } : { 1: r(codes), 2: R };
  return { id: 'REF', name, usage: 'S', max, position: 1800, elements, elementsComplete: true };
}

export function n3(name: string, usage: 'R' | 'S' = 'S'): GuideSegment {
  return { id: 'N3', name, usage, max: 1, position: 2000, elements: { 1: R, 2: S }, elementsComplete: true };
}

/** N4; in the transport loops only city/state/ZIP are used and the city is situational. */
export function n4(name: string, usage: 'R' | 'S' = 'S', transport = false): GuideSegment {
  const elements: Elements = transport ? { 1: S, 2: S, 3: S } : { 1: R, 2: S, 3: S, 4: S, 7: S };
  return { id: 'N4', name, usage, max: 1, position: 2100, elements, elementsComplete: true };
}

/** PER with PER01 = IC; PER03 takes `first`, PER05/PER07 take `other`. */
export function per(name: string, first: readonly string[] = PER_FIRST, other: readonly string[] = PER_OTHER): GuideSegment {
  return {
    id: 'PER', name, usage: 'S', max: 1, position: 2200,
    elements: { 1: r(['IC']), 2: S, 3: s(first), 4: S, 5: s(other), 6: S, 7: s(other), 8: S },
    elementsComplete: true,
  };
}

export function aaa(name: string, position: 300 | 2300, codes: AaaCodes): GuideSegment {
  return {
    id: 'AAA', name, usage: 'S', max: 9, position,
    elements: { 1: r(codes.a01), 3: r(codes.a03), 4: r(codes.a04) }, elementsComplete: true,
  };
}

/** PRV; PRV02/PRV03 are required in the patient-event and service provider loops, situational for the requester. */
export function prv(name: string, prv01: readonly string[], taxonomy: 'R' | 'S'): GuideSegment {
  return {
    id: 'PRV', name, usage: 'S', max: 1, position: 2400,
    elements: { 1: r(prv01), 2: { usage: taxonomy, codes: ['PXC'] }, 3: { usage: taxonomy } },
    elementsComplete: true,
  };
}

export function dmg(name: string): GuideSegment {
  return {
    id: 'DMG', name, usage: 'S', max: 1, position: 2500,
    elements: { 1: r(['D8']), 2: R, 3: s(['F', 'M', 'U']) }, elementsComplete: true,
  };
}

export function insSubscriber(name: string): GuideSegment {
  return {
    id: 'INS', name, usage: 'S', max: 1, position: 2600,
    elements: { 1: r(['Y']), 2: r(['18']), 8: r(['AO', 'AU', 'DI', 'PV', 'RU']) }, elementsComplete: true,
  };
}

export function insDependent(name: string): GuideSegment {
  return {
    id: 'INS', name, usage: 'S', max: 1, position: 2600,
    elements: { 1: r(['N']), 2: r(['01', '19', 'G8']), 17: S }, elementsComplete: true,
  };
}

export interface ProviderLoopSpec {
  readonly id: string;
  readonly name: string;
  /** Prefix for the segment names, e.g. "Event Provider". */
  readonly label: string;
  readonly max: number;
  readonly entity: readonly string[];
  readonly refCodes: readonly string[];
  readonly refMax: number;
  readonly prv01: readonly string[];
  /** Response loops carry an AAA at 2300. */
  readonly aaa?: AaaCodes;
  readonly confidence?: Confidence;
}

/** A provider name loop of the 2010EA / 2010F / 2010FA kind: NM1, REF, N3, N4, PER, [AAA], PRV. */
export function providerLoop(spec: ProviderLoopSpec): GuideLoop {
  const segments: GuideSegment[] = [
    nm1(`${spec.label} Name`, {
      entity: spec.entity, types: ['1', '2'], prefix: true, id: { usage: 'S', codes: PROVIDER_ID_QUAL },
    }),
    ref(`${spec.label} Additional ID`, spec.refCodes, spec.refMax, { ref03: true }),
    n3(`${spec.label} Address`),
    n4(`${spec.label} City/State/ZIP`),
    per(`${spec.label} Contact`),
  ];
  if (spec.aaa) segments.push(aaa(`${spec.label} Validation`, 2300, spec.aaa));
  segments.push(prv(`${spec.label} Specialty`, spec.prv01, 'R'));
  return loop(spec.id, spec.name, 'S', spec.max, segments, spec.confidence);
}

/** A transport location loop (request 2010EB, response 2010EC): NM1 + N3 + N4 together. */
export function transportLoop(id: string, response: boolean): GuideLoop {
  const segments: GuideSegment[] = [
    nm1('Transport Location Name', {
      entity: TRANSPORT_ENTITY, types: ['2'], lastName: response ? 'R' : 'S', person: false,
    }),
    n3('Transport Location Address', 'R'),
    n4('Transport Location City/State/ZIP', 'R', true),
  ];
  if (response) segments.push(aaa('Transport Location Validation', 2300, AAA_CODES.transport));
  return loop(id, 'Transport Location', 'S', 5, segments);
}

/** Response L5 contact loops (2010EB, 2010FB). */
export function contactLoop(id: string, name: string, n4Usage: 'R' | 'S', per05: readonly string[]): GuideLoop {
  return loop(id, name, 'S', 1, [
    nm1('Contact Name', { entity: ['L5'], types: ['1', '2'], id: { usage: 'S', codes: CONTACT_ID_QUAL } }),
    n3('Contact Address'),
    n4('Contact City/State/ZIP', n4Usage),
    per('Contact Information', PER_FIRST, per05),
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Level (2000x) segments

export function trn(name: string, trn01: readonly string[], max: number): GuideSegment {
  return {
    id: 'TRN', name, usage: 'S', max, position: 200,
    elements: { 1: r(trn01), 2: R, 3: R, 4: S }, elementsComplete: true,
  };
}

const UM04: ElementUse = composite('S', [cR, cr(UM04_QUAL), cN]);

/** Request 2000E UM: UM01–UM10 all in use. */
export function umEventRequest(): GuideSegment {
  return {
    id: 'UM', name: 'Review Request Details', usage: 'R', max: 1, position: 400,
    elements: {
      1: r(UM01_EVENT), 2: r(UM02), 3: s(UM03_EVENT_REQUEST), 4: UM04,
      5: composite('S', [cr(['AA', 'AP', 'EM']), cs(['AP', 'EM']), cs(['AP']), cS, cS]),
      6: s(UM06), 7: s(UM07), 8: s(ONE_TO_EIGHT), 9: s(UM09), 10: s(UM10),
    },
    elementsComplete: true,
  };
}

/** Response 2000E UM: UM01–UM04 and UM06. `usage`/`um02` are loosened by the X215 response. */
export function umEventResponse(usage: 'R' | 'S' = 'R', um02: 'R' | 'S' = 'R'): GuideSegment {
  return {
    id: 'UM', name: 'Review Details', usage, max: 1, position: 400,
    elements: { 1: r(UM01_EVENT), 2: { usage: um02, codes: UM02 }, 3: s(UM03_EVENT_RESPONSE), 4: UM04, 6: s(UM06) },
    elementsComplete: true,
  };
}

/** 2000F UM (request and response): UM01–UM04 only, UM02 situational. */
export function umService(): GuideSegment {
  return {
    id: 'UM', name: 'Service Review Details', usage: 'S', max: 1, position: 400,
    elements: { 1: r(UM01_SERVICE), 2: s(UM02), 3: s(UM03_SERVICE), 4: UM04 },
    elementsComplete: true,
  };
}

export function hcr(name: string, hcr01: readonly string[]): GuideSegment {
  return {
    id: 'HCR', name, usage: 'S', max: 1, position: 500,
    elements: { 1: r(hcr01), 2: S, 3: { usage: 'S', repeat: 5 }, 4: s(YN) },
    elementsComplete: true,
  };
}

/** REF at level position 0600, identified by its single qualifier (BB or NT). */
export function levelRef(code: 'BB' | 'NT', name: string): GuideSegment {
  return {
    id: 'REF', name, usage: 'S', max: 1, position: 600, qualifier: [code],
    elements: { 1: r([code]), 2: R }, elementsComplete: true,
  };
}

/** A DTP identified by its DTP01; `position` is 700 in levels, 2700 in name loops. */
export function dtp(
  code: string, name: string, formats: readonly string[], opts: { usage?: 'R' | 'S'; position?: number } = {},
): GuideSegment {
  return {
    id: 'DTP', name, usage: opts.usage ?? 'S', max: 1, position: opts.position ?? 700, qualifier: [code],
    elements: { 1: r([code]), 2: r(formats), 3: R }, elementsComplete: true,
  };
}

const D8 = ['D8'];
const D8_RD8 = ['D8', 'RD8'];

/** The seven event dates shared by request and response 2000E. */
export function eventDates(): GuideSegment[] {
  return [
    dtp('439', 'Accident Date', D8),
    dtp('484', 'Last Menstrual Period', D8),
    dtp('ABC', 'Estimated Birth Date', D8),
    dtp('431', 'Symptom Onset Date', D8),
    dtp('AAH', 'Event Date', D8_RD8),
    dtp('435', 'Admission Date', D8_RD8),
    dtp('096', 'Discharge Date', D8),
  ];
}

/** The certification dates a response carries at 2000E and 2000F. */
export function certificationDates(): GuideSegment[] {
  return [
    dtp('102', 'Certification Issue Date', D8),
    dtp('036', 'Certification Expiration Date', D8),
    dtp('007', 'Certification Effective Date', D8_RD8),
  ];
}

export function serviceDate(): GuideSegment {
  return dtp('472', 'Service Date', D8_RD8);
}

const hiComposite = (usage: Usage, qualifiers: readonly string[]): ElementUse =>
  composite(usage, [cr(qualifiers), cR, cs(['D8']), cS, cN, cN, cN, cN, cN]);

/** 2000E diagnoses: principal codes only in HI01, admitting codes only in HI01–HI02. `extra` adds LOI in responses. */
export function hiDiagnosis(extra: readonly string[] = []): GuideSegment {
  const elements: Record<number, ElementUse> = {
    1: hiComposite('R', [...HI_FIRST, ...extra]),
    2: hiComposite('S', [...HI_SECOND, ...extra]),
  };
  for (let i = 3; i <= 12; i++) elements[i] = hiComposite('S', [...HI_OTHER, ...extra]);
  return { id: 'HI', name: 'Diagnoses', usage: 'S', max: 1, position: 800, elements, elementsComplete: true };
}

/** Response 2000F HI: LOINC codes asking for more information; only components 1–2. */
export function hiLoinc(): GuideSegment {
  const loinc = (usage: Usage): ElementUse => composite(usage, [cr(['LOI']), cR, cN, cN, cN, cN, cN, cN, cN]);
  const elements: Record<number, ElementUse> = { 1: loinc('R') };
  for (let i = 2; i <= 12; i++) elements[i] = loinc('S');
  return { id: 'HI', name: 'Additional Information Requested', usage: 'S', max: 1, position: 800, elements, elementsComplete: true };
}

export function hsd(name: string, hsd05: readonly string[] = HSD05): GuideSegment {
  return {
    id: 'HSD', name, usage: 'S', max: 1, position: 900,
    // HSD07 has a 43/44-code subset in BTS that the reference does not list; left open.
    elements: { 1: s(HSD01), 2: S, 3: s(HSD03), 4: S, 5: s(hsd05), 6: S, 7: S, 8: s(HSD08) },
    elementsComplete: true,
  };
}

export function crc(code: string, name: string): GuideSegment {
  const conditions = CRC_CONDITIONS[code];
  const cond = (usage: 'R' | 'S'): ElementUse => (conditions ? { usage, codes: conditions } : { usage });
  return {
    id: 'CRC', name, usage: 'S', max: 1, position: 1000, qualifier: [code],
    elements: { 1: r([code]), 2: r(YN), 3: cond('R'), 4: cond('S'), 5: cond('S'), 6: cond('S'), 7: cond('S') },
    elementsComplete: true,
  };
}

/** The seven request certification segments (request 2000E only). */
export function certifications(): GuideSegment[] {
  return [
    crc('07', 'Ambulance Certification'),
    crc('08', 'Chiropractic Certification'),
    crc('09', 'Medical Equipment Certification'),
    crc('11', 'Oxygen Therapy Certification'),
    crc('75', 'Functional Limitations'),
    crc('76', 'Activities Permitted'),
    crc('77', 'Mental Status'),
  ];
}

export function cl1(response: boolean): GuideSegment {
  const elements: Elements = response ? { 1: S, 2: S, 3: S } : { 1: S, 2: S, 3: S, 4: s(range(1, 9)) };
  return { id: 'CL1', name: 'Institutional Claim Codes', usage: 'S', max: 1, position: 1100, elements, elementsComplete: true };
}

export function cr1(response: boolean): GuideSegment {
  const elements: Elements = response
    ? { 3: r(['I', 'R', 'T', 'X']), 5: s(['DH', 'DK']), 6: S }
    : {
        1: s(['KG', 'LB']), 2: S, 3: r(['I', 'R', 'T', 'X']), 4: s(['A', 'B', 'C', 'D', 'E', 'F']),
        5: s(['DH', 'DK']), 6: S, 9: S, 10: S,
      };
  return { id: 'CR1', name: 'Ambulance Transport', usage: 'S', max: 1, position: 1200, elements, elementsComplete: true };
}

export function cr2(response: boolean): GuideSegment {
  const level: ElementUse = { usage: 'S', codes: SUBLUXATION_LEVEL, confidence: 'I' };
  const elements: Elements = response
    ? { 1: S, 2: S, 3: level, 4: level }
    : {
        1: S, 2: S, 3: level, 4: level, 8: r(['A', 'C', 'D', 'E', 'F', 'G', 'M']), 9: r(YN),
        10: S, 11: S, 12: s(YN),
      };
  return { id: 'CR2', name: 'Spinal Manipulation', usage: 'S', max: 1, position: 1300, elements, elementsComplete: true };
}

export function cr5(response: boolean): GuideSegment {
  const elements: Elements = response
    ? {
        3: s(OXYGEN_EQUIPMENT), 4: s(OXYGEN_EQUIPMENT), 6: R, 7: S, 8: S, 9: S, 16: S,
        17: r(['A', 'B', 'C', 'D', 'E']), 18: s(OXYGEN_EQUIPMENT),
      }
    : {
        3: r(OXYGEN_EQUIPMENT), 4: s(OXYGEN_EQUIPMENT), 5: S, 6: R, 7: S, 8: S, 9: S, 10: S, 11: S,
        12: s(['E', 'N', 'O', 'R', 'S', 'W', 'X']), 13: s(['1', '2', '3']), 14: s(['1', '2', '3']),
        15: s(['1', '2', '3']), 16: S, 17: r(['A', 'B', 'C', 'D', 'E']), 18: s(OXYGEN_EQUIPMENT),
      };
  return { id: 'CR5', name: 'Home Oxygen Therapy', usage: 'S', max: 1, position: 1400, elements, elementsComplete: true };
}

export function cr6(response: boolean): GuideSegment {
  const elements: Elements = response
    ? {
        1: r(ONE_TO_EIGHT), 2: R, 3: s(['RD8']), 4: S, 7: r(['W']),
        8: r(['1', '2', '3', '4', '5', '6', 'I', 'R', 'S']),
      }
    : {
        1: r(ONE_TO_EIGHT), 2: R, 3: s(['RD8']), 4: S, 7: r(['W']), 8: r(['1', '2', '3', '4', '6', 'I', 'R', 'S']),
        9: S, 10: s(['HC', 'ID']), 11: S, 12: S, 13: S, 14: S, 15: s(['RD8']), 16: S, 17: s(CR617),
      };
  return { id: 'CR6', name: 'Home Health Care', usage: 'S', max: 1, position: 1500, elements, elementsComplete: true };
}

export function pwk(name: string, pwk02: readonly string[]): GuideSegment {
  return {
    id: 'PWK', name, usage: 'S', max: 10, position: 1550,
    elements: { 1: r(PWK01), 2: r(pwk02), 5: s(['AC']), 6: S, 7: S }, elementsComplete: true,
  };
}

export function msg(name = 'Message Text'): GuideSegment {
  return { id: 'MSG', name, usage: 'S', max: 1, position: 1600, elements: { 1: R }, elementsComplete: true };
}

const procedure = (qualifiers: readonly string[]): ElementUse =>
  composite('R', [cr(qualifiers), cR, cS, cS, cS, cS, cS, cS]);

/** SV1; the diagnosis pointers (SV107) are request-only. */
export function sv1(request: boolean): GuideSegment {
  const elements: Record<number, ElementUse> = {
    1: procedure(['HC', 'IV', 'N4', 'WK']), 2: S, 3: s(['F2', 'MJ', 'UN']), 4: S, 11: s(YN), 20: s(ONE_TO_EIGHT),
  };
  if (request) elements[7] = composite('S', [cR, cS, cS, cS]);
  return { id: 'SV1', name: 'Professional Service', usage: 'S', max: 1, position: 810, elements, elementsComplete: true };
}

/** SV2; SV209 (nursing home residential status) is request-only. */
export function sv2(request: boolean): GuideSegment {
  const elements: Record<number, ElementUse> = {
    1: S, 2: { ...procedure(['HC', 'ID', 'IV', 'N4', 'WK', 'ZZ']), usage: 'S' }, 3: S, 4: s(['DA', 'F2', 'UN']),
    5: S, 6: S, 10: s(ONE_TO_EIGHT),
  };
  if (request) elements[9] = s(ONE_TO_EIGHT);
  return { id: 'SV2', name: 'Institutional Service', usage: 'S', max: 1, position: 820, elements, elementsComplete: true };
}

/** SV3; SV307 (description) is request-only. */
export function sv3(request: boolean): GuideSegment {
  const elements: Record<number, ElementUse> = {
    1: procedure(['AD']), 2: S, 4: composite('S', [cR, cS, cS, cS, cS]), 5: s(['I', 'R']), 6: R,
  };
  if (request) elements[7] = S;
  return { id: 'SV3', name: 'Dental Service', usage: 'S', max: 1, position: 830, elements, elementsComplete: true };
}

export function too(): GuideSegment {
  const surfaces = ['B', 'D', 'F', 'I', 'L', 'M', 'O'];
  return {
    id: 'TOO', name: 'Tooth Information', usage: 'S', max: 32, position: 840,
    elements: {
      1: r(['JP']), 2: R,
      3: composite('S', [cr(surfaces), cs(surfaces), cs(surfaces), cs(surfaces), cs(surfaces)]),
    },
    elementsComplete: true,
  };
}

ownEntriesOnly(CRC_CONDITIONS);
