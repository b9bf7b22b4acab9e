// The local PAS payer's decisions, as data: chosen by the patient's member identifier (a Patient.identifier value of
// the Claim's patient, or the Coverage's subscriberId), like the X12 sandbox's member IDs. Any other member ID is
// certified, so the packages' own example bundles come back approved. The README carries this table.

export type ReviewAction = 'A1' | 'A2' | 'A3' | 'A4' | 'A6' | 'C' | 'CT' | 'NA';

export interface PasRule {
  readonly summary: string;
  /** The review action every item gets (HCR01), unless the request is rejected. */
  readonly action?: ReviewAction;
  /** Words for the decision, in ClaimResponse.disposition (X12's reason code list 886 is not public: no codes made up). */
  readonly disposition?: string;
  /** Pended: how the final decision comes. */
  readonly release?: { readonly how: 'delay' | 'request'; readonly final: ReviewAction; readonly disposition: string };
  /** A2/A6: the quantity authorized, as a fraction of the requested one (at least 1). */
  readonly authorizedShare?: number;
  /** Rejected with ClaimResponse.error: AAA03 reason (element 901) and AAA04 follow-up (element 889). */
  readonly reject?: { readonly reason: string; readonly followUp: string; readonly path: string };
  /** Refused with an OperationOutcome and this HTTP status. */
  readonly operationOutcome?: { readonly status: number; readonly code: string; readonly text: string };
}

export const DEFAULT_RULE: PasRule = { summary: 'Certified in total', action: 'A1', disposition: 'Certified in total by the local PAS payer.' };

export const PAS_RULES: Readonly<Record<string, PasRule>> = {
  'PAS-A1': DEFAULT_RULE,
  'PAS-A2': { summary: 'Certified in part (half the requested quantity)', action: 'A2', authorizedShare: 0.5, disposition: 'Certified in part: a smaller quantity than requested.' },
  'PAS-A3': { summary: 'Not certified (denied), reason in words', action: 'A3', disposition: 'Not certified: the documentation does not support medical necessity (local rule).' },
  'PAS-A6': { summary: 'Modified (certified with a changed quantity)', action: 'A6', authorizedShare: 0.5, disposition: 'Certified with modifications: see the authorized detail.' },
  'PAS-CT': { summary: 'Contact the payer', action: 'CT', disposition: 'Contact the payer for details.' },
  'PAS-NA': { summary: 'No action required', action: 'NA', disposition: 'No prior authorization is required for these services.' },
  'PAS-PEND': { summary: 'Pended (A4), then certified (A1) after the release delay', action: 'A4', disposition: 'Pended for clinical review.', release: { how: 'delay', final: 'A1', disposition: 'Certified in total after clinical review.' } },
  'PAS-PEND-DENY': { summary: 'Pended (A4), then denied (A3) after the release delay', action: 'A4', disposition: 'Pended for clinical review.', release: { how: 'delay', final: 'A3', disposition: 'Not certified after clinical review (local rule).' } },
  'PAS-HOLD': { summary: 'Pended (A4) until released by POST [base]/ClaimResponse/ID/$release, then certified (A1)', action: 'A4', disposition: 'Pended until a reviewer releases it.', release: { how: 'request', final: 'A1', disposition: 'Certified in total on release.' } },
  'PAS-REJECT': { summary: 'Rejected: subscriber not found (ClaimResponse.error 75, follow-up C)', reject: { reason: '75', followUp: 'C', path: 'Bundle.entry.resource.ofType(Coverage).subscriberId' } },
  'PAS-OO': { summary: 'Refused: HTTP 422 OperationOutcome (business rule)', operationOutcome: { status: 422, code: 'business-rule', text: 'The payer cannot accept this request: the member has no active coverage with this payer (local rule).' } },
};

/** The rule for the member IDs a request carries: the first one in the table wins, else certified. */
export function chooseRule(memberIds: readonly string[]): { rule: PasRule; memberId?: string } {
  for (const id of memberIds) {
    const rule = PAS_RULES[id.toUpperCase()];
    if (rule) return { rule, memberId: id };
  }
  return { rule: DEFAULT_RULE };
}

/** Default wait before a delay-released pended decision becomes final. */
export const DEFAULT_RELEASE_DELAY_MS = 3000;
