// What an element is called where it stands: the dictionary calls NM109 "Identification Code", but in the subscriber's
// name loop it is the member ID. Keyed by segment ID and the guide's name for the segment in its loop (the `name` of the
// guide tables' segments, e.g. "NM1 Subscriber Name"), then by element position. Names are the project's own words,
// for hovers; they decide nothing (no rule reads them). Confidence: these are readings of the tables' structure and of
// Optum's field names (shared/reference), not guide text.

import { ownEntriesOnly } from './ownEntries';

/** Names by element position for one segment in one loop. */
export type ElementNames = Readonly<Record<number, string>>;

/** A party's name segment (NM1) and what its ID is, e.g. the subscriber's member ID. */
function party(who: string, id: string): ElementNames {
  return {
    1: `${who}: entity code`,
    2: `${who}: person (1) or organization (2)`,
    3: `${who}: last or organization name`,
    4: `${who}: first name`,
    5: `${who}: middle name`,
    6: `${who}: name prefix`,
    7: `${who}: name suffix`,
    8: `${who}: kind of ID`,
    9: id,
  };
}

function contact(who: string): ElementNames {
  return {
    1: 'Contact function (IC: information contact)',
    2: `${who}: contact name`,
    3: 'Kind of the first number (TE phone, FX fax, EM email…)',
    4: `${who}: first contact number`,
    5: 'Kind of the second number',
    6: `${who}: second contact number`,
    7: 'Kind of the third number',
    8: `${who}: third contact number`,
  };
}

function demographics(who: string): ElementNames {
  return { 1: 'Date format (D8: CCYYMMDD)', 2: `${who}: date of birth`, 3: `${who}: gender` };
}

function specialty(who: string): ElementNames {
  return { 1: `${who}: provider role`, 2: 'Kind of specialty code (PXC: taxonomy)', 3: `${who}: taxonomy code` };
}

function validation(level: string): ElementNames {
  return { 1: 'Request valid at this level? (N: rejected)', 3: `Why the ${level} was rejected`, 4: 'What to do next' };
}

const LEVEL: ElementNames = { 1: 'This level\'s ID', 2: 'Parent level\'s ID', 3: 'Level code (20, 21, 22, 23, EV, SS)', 4: 'Has child levels? (1 yes, 0 no)' };

const REVIEW_REQUEST: ElementNames = {
  1: 'Request category (HS services, AR admission, SC specialty care)',
  2: 'Certification type (I initial, R renewal, S revised, 3 cancel, 4 extension)',
  3: 'Service type',
  4: 'Facility: place of service or bill type',
  5: 'Related causes (accident, employment…)',
  6: 'Level of service (urgent, elective…)',
  7: 'Current health condition',
  8: 'Prognosis',
  9: 'Release of information',
  10: 'Delay reason',
};

/** Segment ID + the guide's segment name → names by position. */
export const ELEMENT_NAMES_IN_LOOP: Readonly<Record<string, ElementNames>> = {
  'BHT Transaction Start': {
    1: 'Hierarchical structure (0007)',
    2: 'Purpose of this transaction (request, response, notification…)',
    3: 'Submitter transaction ID (echoed in the answer)',
    4: 'Date the transaction was created',
    5: 'Time the transaction was created',
    6: 'Transaction type',
  },
  'NM1 UMO Name': party('Payer (UMO)', 'Payer (UMO) ID'),
  'NM1 Requester Name': party('Requester', 'Requester ID (an NPI with XX)'),
  'NM1 Information Source Name': party('Facility sending the notice', 'Facility ID (an NPI with XX)'),
  'NM1 Information Receiver Name': party('Payer receiving the notice', 'Payer ID'),
  'NM1 Subscriber Name': party('Subscriber', 'Subscriber\'s member ID (on the insurance card)'),
  'NM1 Dependent Name': party('Dependent (the patient)', 'Dependent\'s member ID'),
  'NM1 Event Provider Name': party('Provider of the event', 'Event provider\'s ID (an NPI with XX)'),
  'NM1 Service Provider Name': party('Provider of the service', 'Service provider\'s ID (an NPI with XX)'),
  'NM1 Transport Location Name': party('Ambulance pick-up or drop-off place', 'Location ID'),
  'NM1 Other UMO Name': party('Other reviewer (UMO)', 'Other reviewer\'s ID'),
  'NM1 Contact Name': party('Contact', 'Contact\'s ID'),
  'PER Requester Contact': contact('Requester'),
  'PER UMO Contact': contact('Payer (UMO)'),
  'PER Information Source Contact': contact('Facility'),
  'PER Information Receiver Contact': contact('Payer'),
  'PER Event Provider Contact': contact('Event provider'),
  'PER Service Provider Contact': contact('Service provider'),
  'PER Contact Information': contact('Contact'),
  'PRV Requester Specialty': specialty('Requester'),
  'PRV Information Source Specialty': specialty('Facility'),
  'PRV Information Receiver Specialty': specialty('Receiver'),
  'PRV Event Provider Specialty': specialty('Event provider'),
  'PRV Service Provider Specialty': specialty('Service provider'),
  'DMG Subscriber Demographics': demographics('Subscriber'),
  'DMG Dependent Demographics': demographics('Dependent'),
  'INS Subscriber Relationship': { 1: 'Is the subscriber the insured? (Y)', 2: 'Relationship to the insured (18: self)', 8: 'Military status' },
  'INS Dependent Relationship': { 1: 'Is the dependent the insured? (N)', 2: 'Dependent\'s relationship to the subscriber', 17: 'Birth order (twins, triplets…)' },
  'TRN Event Tracking Number': { 1: 'Trace kind (1: current transaction)', 2: 'Event trace number', 3: 'ID of the company that assigned the trace number', 4: 'Department or division that assigned it' },
  'TRN Service Trace Number': { 1: 'Trace kind', 2: 'Service line trace number', 3: 'ID of the company that assigned the trace number', 4: 'Department or division that assigned it' },
  'TRN Subscriber Trace Number': { 1: 'Trace kind', 2: 'Subscriber trace number', 3: 'ID of the company that assigned the trace number', 4: 'Department or division that assigned it' },
  'TRN Dependent Trace Number': { 1: 'Trace kind', 2: 'Dependent trace number', 3: 'ID of the company that assigned the trace number', 4: 'Department or division that assigned it' },
  'UM Review Request Details': REVIEW_REQUEST,
  'UM Review Details': { 1: REVIEW_REQUEST[1], 2: REVIEW_REQUEST[2], 3: REVIEW_REQUEST[3], 4: REVIEW_REQUEST[4], 6: REVIEW_REQUEST[6] },
  'UM Service Review Details': { 1: 'Request category of this service line', 2: 'Certification type of this service line', 3: 'Service type of this line', 4: 'Facility of this line' },
  'HCR Review Outcome': { 1: 'Review decision', 2: 'Authorization number (the certification\'s ID)', 3: 'Reason for the decision', 4: 'Second surgical opinion needed?' },
  'HCR Service Review Outcome': { 1: 'Decision on this service line', 2: 'Authorization number of this line', 3: 'Reason for the line\'s decision', 4: 'Second surgical opinion needed?' },
  'HI Diagnoses': {
    1: 'Principal (or admitting) diagnosis', 2: 'Second diagnosis', 3: 'Third diagnosis', 4: 'Fourth diagnosis', 5: 'Fifth diagnosis',
    6: 'Sixth diagnosis', 7: 'Seventh diagnosis', 8: 'Eighth diagnosis', 9: 'Ninth diagnosis', 10: 'Tenth diagnosis',
    11: 'Eleventh diagnosis', 12: 'Twelfth diagnosis',
  },
  'SV1 Professional Service': { 1: 'Procedure code (with its code set: HC for CPT/HCPCS)', 2: 'Charge amount of the line', 3: 'Unit of the quantity (UN units, MJ minutes)', 4: 'How many units', 7: 'Which diagnoses this line is for (pointers)', 11: 'EPSDT screening?', 20: 'Nursing home level of care' },
  'SV2 Institutional Service': { 1: 'Revenue code', 2: 'Procedure code (with its code set)', 3: 'Charge amount of the line', 4: 'Unit of the quantity (UN units, DA days)', 5: 'How many units', 6: 'Rate per unit', 9: 'Nursing home residential status', 10: 'Nursing home level of care' },
  'SV3 Dental Service': { 1: 'Dental procedure code (AD: ADA codes)', 2: 'Charge amount of the line', 4: 'Area of the mouth', 5: 'Prosthesis, crown or inlay: initial or replacement', 6: 'How many procedures', 7: 'Procedure description' },
  'TOO Tooth Information': { 1: 'Tooth numbering system (JP: universal)', 2: 'Tooth number', 3: 'Tooth surfaces' },
  'AAA UMO Level Validation': validation('payer level'),
  'AAA UMO Validation': validation('payer'),
  'AAA Requester Validation': validation('requester'),
  'AAA Subscriber Validation': validation('subscriber'),
  'AAA Subscriber Notification Validation': validation('subscriber'),
  'AAA Dependent Validation': validation('dependent'),
  'AAA Dependent Notification Validation': validation('dependent'),
  'AAA Event Validation': validation('patient event'),
  'AAA Event Provider Validation': validation('event provider'),
  'AAA Service Validation': validation('service line'),
  'AAA Service Provider Validation': validation('service provider'),
  'AAA Transport Location Validation': validation('transport location'),
  'MSG Message Text': { 1: 'Free-form message from the payer' },
};

/** Segments whose value element is named by the segment's guide name: DTP03 of "Event Date" is the event date. */
export const VALUE_NAMED_BY_SEGMENT: Readonly<Record<string, { readonly position: number; readonly qualifier: string; readonly format?: string }>> = {
  DTP: { position: 3, qualifier: 'Kind of date (qualifier)', format: 'Date format (D8 a date, RD8 a range)' },
  REF: { position: 2, qualifier: 'Kind of reference (qualifier)' },
};

/** HL segments are named by their level ("HL Subscriber Level"); every level's HL reads the same. */
export const LEVEL_HL_NAMES: ElementNames = LEVEL;

// Looked up with segment IDs from documents.
ownEntriesOnly(ELEMENT_NAMES_IN_LOOP);
ownEntriesOnly(VALUE_NAMED_BY_SEGMENT);
