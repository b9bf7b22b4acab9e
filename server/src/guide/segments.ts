// Base X12 5010 segment definitions for the segments a 278 (or its envelope) can contain.
// Element order: stupidedi 005010 segment defs (BSD) and Madjic.Edi (MIT) for UM/CR5/CR6; syntax notes: x12-278-structure.md §8.

import type { SegmentDef } from './types';
import { ownEntriesOnly } from './ownEntries';

const HI_COMPOSITES: readonly string[] = Array.from({ length: 12 }, () => 'C022');

export const SEGMENTS: Readonly<Record<string, SegmentDef>> = {
  ISA: {
    id: 'ISA',
    name: 'Interchange Control Header',
    purpose: 'Opens the interchange: fixed-width sender and receiver IDs, date, time and control number, and it defines the delimiters used in the rest of the file.',
    elements: ['I01', 'I02', 'I03', 'I04', 'I05', 'I06', 'I05', 'I07', 'I08', 'I09', 'I65', 'I11', 'I12', 'I13', 'I14', 'I15'],
  },
  IEA: {
    id: 'IEA',
    name: 'Interchange Control Trailer',
    purpose: 'Closes the interchange; it counts the functional groups and repeats the ISA control number.',
    elements: ['I16', 'I12'],
  },
  GS: {
    id: 'GS',
    name: 'Functional Group Header',
    purpose: 'Opens a group of transaction sets of one kind (HI for 278s) and names the guide version that all of them follow.',
    elements: ['479', '142', '124', '373', '337', '28', '455', '480'],
  },
  GE: {
    id: 'GE',
    name: 'Functional Group Trailer',
    purpose: 'Closes the functional group; it counts the transaction sets and repeats the GS control number.',
    elements: ['97', '28'],
  },
  ST: {
    id: 'ST',
    name: 'Transaction Set Header',
    purpose: 'Starts one 278 transaction and gives its control number and the implementation guide it follows.',
    elements: ['143', '329', '1705'],
  },
  SE: {
    id: 'SE',
    name: 'Transaction Set Trailer',
    purpose: 'Ends the 278 transaction; it counts the segments from ST to SE and repeats the ST control number.',
    elements: ['96', '329'],
  },
  BHT: {
    id: 'BHT',
    name: 'Beginning of Hierarchical Transaction',
    purpose: 'Says what this 278 is (a request, a response, an inquiry, a notification…) and carries the submitter\'s reference number with the creation date and time.',
    elements: ['1005', '353', '127', '373', '337', '640'],
  },
  HL: {
    id: 'HL',
    name: 'Hierarchical Level',
    purpose: 'Starts a level of the 278 tree (UMO, requester, subscriber, dependent, patient event or service) and links it to its parent level.',
    elements: ['628', '734', '735', '736'],
  },
  NM1: {
    id: 'NM1',
    name: 'Individual or Organizational Name',
    purpose: 'Names a party in the review, such as the UMO, the requester, the patient or a provider, and usually gives an identifier for it (member ID, NPI, payer ID).',
    elements: ['98', '1065', '1035', '1036', '1037', '1038', '1039', '66', '67', '706', '98', '1035'],
    syntax: [
      { kind: 'P', positions: [8, 9] },
      { kind: 'C', positions: [11, 10] },
      { kind: 'C', positions: [12, 3] },
    ],
  },
  N2: {
    id: 'N2',
    name: 'Additional Name Information',
    purpose: 'Carries name text that did not fit in the NM1 segment; the 278 guides do not use it.',
    elements: ['93', '93'],
  },
  REF: {
    id: 'REF',
    name: 'Reference Information',
    purpose: 'Gives an extra identifier for the party or event it follows, such as a group number, a prior authorization number or an administrative reference number.',
    elements: ['128', '127', '352', 'C040'],
    syntax: [{ kind: 'R', positions: [2, 3] }],
  },
  N3: {
    id: 'N3',
    name: 'Party Location',
    purpose: 'Street address lines of the party named in the preceding NM1.',
    elements: ['166', '166'],
  },
  N4: {
    id: 'N4',
    name: 'Geographic Location',
    purpose: 'City, state, postal code and country of the party named in the preceding NM1.',
    elements: ['19', '156', '116', '26', '309', '310', '1715'],
    syntax: [
      { kind: 'E', positions: [2, 7] },
      { kind: 'C', positions: [6, 5] },
      { kind: 'C', positions: [7, 4] },
    ],
  },
  PER: {
    id: 'PER',
    name: 'Administrative Communications Contact',
    purpose: 'A contact person or office for the party, with up to three phone numbers, fax numbers, e-mail addresses or web addresses.',
    elements: ['366', '93', '365', '364', '365', '364', '365', '364', '443'],
    syntax: [
      { kind: 'P', positions: [3, 4] },
      { kind: 'P', positions: [5, 6] },
      { kind: 'P', positions: [7, 8] },
    ],
  },
  PRV: {
    id: 'PRV',
    name: 'Provider Information',
    purpose: 'States the provider\'s role in this review (attending, referring, performing…) and usually the provider\'s taxonomy code.',
    elements: ['1221', '128', '127', '156', 'C035', '1223'],
    syntax: [{ kind: 'P', positions: [2, 3] }],
  },
  DMG: {
    id: 'DMG',
    name: 'Demographic Information',
    purpose: 'Date of birth and gender of the subscriber or dependent, used by the UMO to match the patient.',
    elements: ['1250', '1251', '1068', '1067', 'C056', '1066', '26', '659', '380', '1270', '1271'],
    syntax: [
      { kind: 'P', positions: [1, 2] },
      { kind: 'P', positions: [10, 11] },
      { kind: 'C', positions: [11, 5] },
    ],
  },
  INS: {
    id: 'INS',
    name: 'Insured Benefit',
    purpose: 'Says whether the person is the subscriber and how the patient is related to the subscriber (self, spouse, child…).',
    elements: ['1073', '1069', '875', '1203', '1216', 'C052', '1219', '584', '1220', '1073', '1250', '1251', '1165', '19', '156', '26', '1470'],
    syntax: [{ kind: 'P', positions: [11, 12] }],
  },
  TRN: {
    id: 'TRN',
    name: 'Trace',
    purpose: 'A trace number that lets the sender match a response to its request; the response echoes the request\'s number and may add the UMO\'s own.',
    elements: ['481', '127', '509', '127'],
  },
  AAA: {
    id: 'AAA',
    name: 'Request Validation',
    purpose: 'In a response, reports that part of the request could not be processed: a reject reason and what the requester should do next.',
    elements: ['1073', '559', '901', '889'],
  },
  UM: {
    id: 'UM',
    name: 'Health Care Services Review Information',
    purpose: 'The core of the review: what kind of review is asked for (admission, service, referral), the certification type, the service type and where the care takes place.',
    elements: ['1525', '1322', '1365', 'C023', 'C024', '1338', '1213', '923', '1363', '1514'],
  },
  HCR: {
    id: 'HCR',
    name: 'Health Care Services Review',
    purpose: 'In a response, the UMO\'s decision on the patient event or service line, with the certification number and any decision reason codes.',
    elements: ['306', '127', '1271', '1073'],
  },
  DTP: {
    id: 'DTP',
    name: 'Date or Time or Period',
    purpose: 'A date or date range whose meaning comes from the qualifier, such as admission, service, accident or certification effective dates.',
    elements: ['374', '1250', '1251'],
  },
  HI: {
    id: 'HI',
    name: 'Health Care Information Codes',
    purpose: 'Diagnosis codes (ICD-10-CM, or ICD-9-CM for older dates) that support the request; in a response it can list LOINC codes for information the UMO wants.',
    elements: HI_COMPOSITES,
  },
  HSD: {
    id: 'HSD',
    name: 'Health Care Services Delivery',
    purpose: 'How much service is asked for and how it is spread over time, for example 10 visits, 2 per week, over 5 weeks.',
    elements: ['673', '380', '355', '1167', '615', '616', '678', '679'],
    syntax: [
      { kind: 'P', positions: [1, 2] },
      { kind: 'C', positions: [6, 5] },
    ],
  },
  CRC: {
    id: 'CRC',
    name: 'Conditions Indicator',
    purpose: 'Yes/no condition codes for a certification area such as ambulance, chiropractic, durable medical equipment, oxygen therapy, functional limits, activities permitted or mental status.',
    elements: ['1136', '1073', '1321', '1321', '1321', '1321', '1321'],
  },
  CL1: {
    id: 'CL1',
    name: 'Claim Codes',
    purpose: 'Institutional details of an admission: admission type, admission source, patient status and nursing home residential status.',
    elements: ['1315', '1314', '1352', '1345'],
  },
  CR1: {
    id: 'CR1',
    name: 'Ambulance Certification',
    purpose: 'Ambulance transport details: patient weight, kind of trip, reason for transport and distance.',
    elements: ['355', '81', '1316', '1317', '355', '380', '166', '166', '352', '352'],
    syntax: [
      { kind: 'P', positions: [1, 2] },
      { kind: 'P', positions: [5, 6] },
    ],
  },
  CR2: {
    id: 'CR2',
    name: 'Chiropractic Certification',
    purpose: 'Spinal manipulation details: treatment series, number of treatments, subluxation levels and the nature of the patient\'s condition.',
    elements: ['609', '380', '1367', '1367', '355', '380', '380', '1342', '1073', '352', '352', '1073'],
    syntax: [
      { kind: 'P', positions: [1, 2] },
      { kind: 'C', positions: [4, 3] },
      { kind: 'P', positions: [5, 6] },
    ],
  },
  CR5: {
    id: 'CR5',
    name: 'Oxygen Therapy Certification',
    purpose: 'Home oxygen therapy details: equipment type, flow rate, hours of daily use, blood gas results and the delivery system prescribed.',
    elements: ['1322', '380', '1348', '1348', '352', '380', '380', '380', '352', '380', '380', '1349', '1350', '1350', '1350', '380', '1382', '1348'],
  },
  CR6: {
    id: 'CR6',
    name: 'Home Health Care Certification',
    purpose: 'Home health care details: prognosis, start of care date, certification period and where the patient is being treated.',
    elements: ['923', '373', '1250', '1251', '373', '1073', '1073', '1322', '373', '235', '1137', '373', '373', '373', '1250', '1251', '1384', '373', '373', '373', '373'],
    syntax: [
      { kind: 'P', positions: [3, 4] },
      { kind: 'P', positions: [9, 10, 11] },
      { kind: 'P', positions: [15, 16, 17] },
    ],
  },
  PWK: {
    id: 'PWK',
    name: 'Paperwork',
    purpose: 'Points to supporting documentation (medical records, X-rays, plans of treatment) and says how it is or will be sent.',
    elements: ['755', '756', '757', '98', '66', '67', '352', 'C002', '1525'],
    syntax: [{ kind: 'P', positions: [5, 6] }],
  },
  MSG: {
    id: 'MSG',
    name: 'Message Text',
    purpose: 'Free-form text for information no other segment carries.',
    elements: ['933', '934', '1470'],
    syntax: [{ kind: 'C', positions: [3, 2] }],
  },
  SV1: {
    id: 'SV1',
    name: 'Professional Service',
    purpose: 'A professional service asked for (or decided on): procedure code with modifiers, charge, units and quantity.',
    elements: [
      'C003', '782', '355', '380', '1331', '1365', 'C004', '782', '1073', '1340', '1073',
      '1073', '1364', '1341', '1327', '1334', '127', '116', '782', '1337', '1360',
    ],
    syntax: [{ kind: 'P', positions: [3, 4] }],
  },
  SV2: {
    id: 'SV2',
    name: 'Institutional Service',
    purpose: 'An institutional service line: revenue code and/or procedure code, charge, units and rate.',
    elements: ['234', 'C003', '782', '355', '380', '1371', '782', '1073', '1345', '1337'],
    syntax: [
      { kind: 'R', positions: [1, 2] },
      { kind: 'P', positions: [4, 5] },
    ],
  },
  SV3: {
    id: 'SV3',
    name: 'Dental Service',
    purpose: 'A dental service line: dental procedure code, charge, area of the mouth, prosthesis status and quantity.',
    elements: ['C003', '782', '1331', 'C006', '1358', '380', '352', '1327', '1360', '1073', 'C004'],
  },
  TOO: {
    id: 'TOO',
    name: 'Tooth Identification',
    purpose: 'Identifies a tooth, and optionally its surfaces, for the dental service line it follows.',
    elements: ['1270', '1271', 'C005'],
    syntax: [{ kind: 'P', positions: [1, 2] }],
  },
};

ownEntriesOnly(SEGMENTS);
