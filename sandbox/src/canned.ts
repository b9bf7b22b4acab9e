// The local sandbox's canned answers, as data. Optum's sandbox chooses a canned response by magic values: the receiver
// (ISA08, or payerId/umClearingHouseId in JSON) for inquiries and submissions, and the member ID for the INQDEMO payer.
// Values marked "ours" are the local sandbox's own choice where Optum's pages do not say (documented in the README).

export type Decision = 'A1' | 'A2' | 'A3' | 'A4' | 'A6' | 'C' | 'CT' | 'NA';

/** Where a rejection is reported; the response stops at that level. */
export type RejectLevel = '2000A' | '2010C' | '2000E';

export interface Outcome {
  readonly summary: string;
  /** The review decision (HCR01) with its authorization number (HCR02), when the request was processed. */
  readonly decision?: { readonly code: Decision; readonly authorization?: string };
  /** An AAA rejection instead of a decision. */
  readonly reject?: { readonly level: RejectLevel; readonly reason: string; readonly followUp: string };
  /** The patient is the dependent: the response carries a 2000D dependent level. */
  readonly dependentPatient?: boolean;
  /** Free text for MSG. */
  readonly message: string;
  readonly source: 'Optum' | 'ours';
}

/**
 * Cuts a table off from Object's prototype: tables here are looked up with request values, and a member ID named
 * "constructor" or "__proto__" must be an unknown value, not Object's member (the same as guide/ownEntries.ts; this
 * file stays free of imports).
 */
function ownEntriesOnly<T extends object>(table: T): T {
  Object.setPrototypeOf(table, null);
  return table;
}

const UNAVAILABLE: Outcome = {
  summary: 'Unable to respond at current time (payer unavailable)',
  reject: { level: '2000A', reason: '42', followUp: 'P' },
  message: 'UNABLE TO RESPOND AT CURRENT TIME',
  source: 'Optum',
};

/** Inquiry answers chosen by the receiver ID (ISA08 / payerId + umClearingHouseId). */
export const INQUIRY_BY_RECEIVER: Readonly<Record<string, Outcome>> = ownEntriesOnly({
  '000000000000001': { summary: 'Certified in total; the subscriber is the patient', decision: { code: 'A1', authorization: 'A012345671' }, message: 'APPROVED', source: 'Optum' },
  '000000000000002': { summary: 'Certified in total; the dependent is the patient', decision: { code: 'A1', authorization: 'A012345672' }, dependentPatient: true, message: 'APPROVED', source: 'Optum' },
  '000000000000003': { summary: 'Authorization number not found', reject: { level: '2000E', reason: 'AA', followUp: 'N' }, message: 'AUTHORIZATION NUMBER NOT FOUND', source: 'Optum' },
  '000000000000004': UNAVAILABLE,
});

/** The payer whose answers are chosen by member ID. */
export const INQDEMO = 'INQDEMO';

/** INQDEMO answers chosen by the subscriber's member ID. */
export const INQDEMO_BY_MEMBER: Readonly<Record<string, Outcome>> = ownEntriesOnly({
  TST1: { summary: 'Approved (certified in total)', decision: { code: 'A1', authorization: 'A062583941' }, message: 'APPROVED', source: 'Optum' },
  TST2: { summary: 'Approved (certified in total)', decision: { code: 'A1', authorization: 'A062951774' }, message: 'APPROVED', source: 'Optum' },
  TST3: { summary: 'Denied (not certified)', decision: { code: 'A3', authorization: 'A060795810' }, message: 'DENIED', source: 'Optum' },
  TST4: { summary: 'Pended', decision: { code: 'A4', authorization: 'A064331704' }, message: 'PENDING REVIEW', source: 'Optum' },
  TST5: { summary: 'Partly approved (certified in part)', decision: { code: 'A2', authorization: 'A065100005' }, message: 'PARTIALLY APPROVED', source: 'ours' },
  TST6: { summary: 'Approved with changes (modified)', decision: { code: 'A6', authorization: 'A065100006' }, message: 'APPROVED WITH MODIFICATIONS', source: 'ours' },
  TST7: { summary: 'Cancelled', decision: { code: 'C', authorization: 'A065100007' }, message: 'CANCELLED', source: 'ours' },
  TST8: { summary: 'Contact the payer', decision: { code: 'CT' }, message: 'CONTACT PAYER FOR DETAILS', source: 'ours' },
  TST9: { summary: 'Rejected: invalid or missing member ID', reject: { level: '2010C', reason: '72', followUp: 'C' }, message: 'INVALID MEMBER ID', source: 'ours' },
  TST10: { summary: 'Rejected: subscriber not found', reject: { level: '2010C', reason: '75', followUp: 'C' }, message: 'SUBSCRIBER NOT FOUND', source: 'ours' },
  TST11: { summary: 'No action required', decision: { code: 'NA' }, message: 'NO AUTHORIZATION REQUIRED', source: 'ours' },
});

/** Any other member ID at INQDEMO: rejected, as Optum's sandbox rejects invented values. */
export const INQDEMO_UNKNOWN_MEMBER: Outcome = {
  summary: 'Rejected: member not in the sandbox (use TST1 … TST11)',
  reject: { level: '2010C', reason: '75', followUp: 'C' },
  message: 'MEMBER NOT FOUND IN SANDBOX; USE TST1 TO TST11',
  source: 'ours',
};

/** Submission answers chosen by the clearinghouse ID (ISA08 / senderId + umClearingHouseId). */
export const SUBMISSION_BY_CLEARINGHOUSE: Readonly<Record<string, Outcome>> = ownEntriesOnly({
  '278_217_01_A1': { summary: 'Certified in total', decision: { code: 'A1', authorization: 'A217000001' }, message: 'CERTIFIED IN TOTAL', source: 'Optum' },
  '278_217_02_A2': { summary: 'Certified in part', decision: { code: 'A2', authorization: 'A217000002' }, message: 'CERTIFIED IN PART', source: 'Optum' },
  '278_217_03_A3': { summary: 'Not certified', decision: { code: 'A3', authorization: 'A217000003' }, message: 'NOT CERTIFIED', source: 'Optum' },
  '278_217_04_A4': { summary: 'Pended', decision: { code: 'A4', authorization: 'A217000004' }, message: 'PENDED', source: 'Optum' },
  '278_217_05_A6': { summary: 'Modified', decision: { code: 'A6', authorization: 'A217000005' }, message: 'CERTIFIED WITH MODIFICATIONS', source: 'Optum' },
  '278_217_06_C': { summary: 'Cancelled', decision: { code: 'C', authorization: 'A217000006' }, message: 'CANCELLED', source: 'Optum' },
  AAA_217_07_73: { summary: 'Rejected: invalid or missing subscriber name', reject: { level: '2010C', reason: '73', followUp: 'C' }, message: 'INVALID OR MISSING SUBSCRIBER NAME', source: 'Optum' },
});

/** Optum's pages disagree on 278_217_05: one version says _A6, another _A5; both mean "modified". */
export const SUBMISSION_ALIASES: Readonly<Record<string, string>> = ownEntriesOnly({ '278_217_05_A5': '278_217_05_A6' });

/**
 * Notice of admission answers chosen by member ID (Optum's example uses NOA-01-SUCCESS). A notice is acknowledged,
 * not decided: the answer carries the receipt number (here `authorization`) without an HCR.
 */
export const NOA_BY_MEMBER: Readonly<Record<string, Outcome>> = ownEntriesOnly({
  'NOA-01-SUCCESS': { summary: 'Notification received', decision: { code: 'A1', authorization: 'N216000001' }, message: 'NOTIFICATION RECEIVED', source: 'Optum' },
});

export const NOA_UNKNOWN_MEMBER: Outcome = {
  summary: 'Rejected: member not in the sandbox (use NOA-01-SUCCESS)',
  reject: { level: '2010C', reason: '75', followUp: 'C' },
  message: 'MEMBER NOT FOUND IN SANDBOX; USE NOA-01-SUCCESS',
  source: 'ours',
};

export type Endpoint = 'inquiry' | 'submission' | 'noa';

/** What Optum's sandbox answers for an unknown receiver or clearinghouse. */
export const UNKNOWN_RECEIVER = UNAVAILABLE;

/**
 * The canned outcome for a request. `receiver` is ISA08 (trimmed) or umClearingHouseId; `payer` the 2010A payer ID or
 * payerId; `member` the subscriber's member ID.
 */
export function chooseOutcome(endpoint: Endpoint, receiver: string, payer: string, member: string): Outcome {
  if (endpoint === 'inquiry') {
    // The receiver decides first; INQDEMO (as receiver or payer) then answers by member.
    const byReceiver = INQUIRY_BY_RECEIVER[receiver];
    if (byReceiver) return byReceiver;
    if (receiver === INQDEMO || payer === INQDEMO) return INQDEMO_BY_MEMBER[member] ?? INQDEMO_UNKNOWN_MEMBER;
    return UNKNOWN_RECEIVER;
  }
  if (endpoint === 'submission') {
    const key = SUBMISSION_ALIASES[receiver] ?? receiver;
    const exact = SUBMISSION_BY_CLEARINGHOUSE[key];
    if (exact) return exact;
    // Optum's own examples drop the suffix ("278_217_01"); treat a bare prefix like the documented value.
    const prefixed = Object.keys(SUBMISSION_BY_CLEARINGHOUSE).find((k) => k.startsWith(receiver + '_') && /^278_217_0\d$/.test(receiver));
    return prefixed ? SUBMISSION_BY_CLEARINGHOUSE[prefixed] : UNKNOWN_RECEIVER;
  }
  return NOA_BY_MEMBER[member] ?? NOA_UNKNOWN_MEMBER;
}
