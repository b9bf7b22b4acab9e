// The codes a developer reads in a 278 response, in a module small enough for the VS Code client bundle:
// reject reasons (AAA03, element 901) with their short names, and decision and follow-up words in plain language.

import { ownEntriesOnly } from './ownEntries';

/** AAA03 reject reason codes a 278 can carry, with short names. */
export const REJECT_REASON_NAMES: Readonly<Record<string, string>> = {
  '04': 'Authorized Quantity Exceeded',
  '15': 'Required Application Data Missing',
  '33': 'Input Errors',
  '35': 'Out of Network',
  '41': 'Authorization/Access Restrictions',
  '42': 'Unable to Respond at Current Time',
  '43': 'Invalid/Missing Provider Identification',
  '44': 'Invalid/Missing Provider Name',
  '45': 'Invalid/Missing Provider Specialty',
  '46': 'Invalid/Missing Provider Phone Number',
  '47': 'Invalid/Missing Provider State',
  '49': 'Provider Is Not Primary Care Physician',
  '51': 'Provider Not on File',
  '52': 'Service Dates Not Within Provider Plan Enrollment',
  '56': 'Inappropriate Date',
  '57': 'Invalid/Missing Date(s) of Service',
  '58': 'Invalid/Missing Date of Birth',
  '60': 'Date of Birth Follows Date(s) of Service',
  '61': 'Date of Death Precedes Date(s) of Service',
  '62': 'Date of Service Not Within Allowable Inquiry Period',
  '64': 'Invalid/Missing Patient ID',
  '65': 'Invalid/Missing Patient Name',
  '66': 'Invalid/Missing Patient Gender Code',
  '67': 'Patient Not Found',
  '68': 'Duplicate Patient ID Number',
  '71': 'Patient Birth Date Does Not Match Payer Records',
  '72': 'Invalid/Missing Subscriber/Insured ID',
  '73': 'Invalid/Missing Subscriber/Insured Name',
  '74': 'Invalid/Missing Subscriber/Insured Gender Code',
  '75': 'Subscriber/Insured Not Found',
  '76': 'Duplicate Subscriber/Insured ID Number',
  '77': 'Subscriber Found, Patient Not Found',
  '78': 'Subscriber/Insured Not in Group/Plan Identified',
  '79': 'Invalid Participant Identification',
  '80': 'No Response Received - Transaction Terminated',
  '95': 'Patient Not Eligible',
  '97': 'Invalid/Missing Provider Address',
      AA: 'Authorization Number Not Found',
      AF: 'Invalid/Missing Diagnosis Code(s)',
      AG: 'Invalid/Missing Procedure Code(s)',
      AH: 'Invalid/Missing Onset of Current Condition or Illness Date',
      AI: 'Invalid/Missing Accident Date',
      AJ: 'Invalid/Missing Last Menstrual Period Date',
      AK: 'Invalid/Missing Expected Date of Birth',
      AM: 'Invalid/Missing Admission Date',
      AN: 'Invalid/Missing Discharge Date',
      IP: 'Inappropriate Provider Role',
      T4: 'Payer Name or Identifier Missing',
      T5: 'Certification Information Missing',
};

/** HCR01 decisions in plain words, for someone reading a response. */
export const HCR_DECISION_WORDS: Readonly<Record<string, string>> = {
  A1: 'approved (certified in total)',
  A2: 'partly approved (certified in part)',
  A3: 'denied (not certified)',
  A4: 'pended: the payer needs more time or information',
  A6: 'approved with changes (modified)',
  C: 'cancelled',
  CT: 'contact the payer',
  NA: 'no action required',
};

/** AAA04 follow-up actions in plain words. */
export const FOLLOW_UP_WORDS: Readonly<Record<string, string>> = {
  C: 'correct and resubmit',
  N: 'do not resubmit',
  P: 'resubmit the original',
  R: 'resubmission allowed',
  S: 'do not resubmit; the payer asked a third party',
  Y: 'do not resubmit; the payer will respond again',
};

ownEntriesOnly(REJECT_REASON_NAMES);
ownEntriesOnly(HCR_DECISION_WORDS);
ownEntriesOnly(FOLLOW_UP_WORDS);
