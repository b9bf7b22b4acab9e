// The decision a payer gave, in a form that does not depend on the wire format: what the decision view renders.
// Adapters build it from an X12 278 response (decision/x12.ts) and from a Da Vinci PAS answer (decision/pas.ts); the
// view (decision/html.ts, views/decisionView.ts) knows only this model. No VS Code import: unit-tested in plain Node.

import { ownEntriesOnly } from '../../../server/src/guide/ownEntries';

/** The badge: one outcome for the whole answer. */
export type Outcome =
  | 'certified' // approved in total
  | 'partly' // approved in part
  | 'modified' // approved with changes
  | 'denied'
  | 'pended' // the payer needs time or information
  | 'cancelled'
  | 'contact' // contact the payer
  | 'not-required' // no action (no authorization) required
  | 'notification' // a notice of admission was received
  | 'rejected' // the request was rejected (AAA): it was not reviewed
  | 'error' // the API answered with an error, or nothing readable
  | 'unknown'; // an answer without a decision or rejection

/** Review action codes (X12 HCR01, element 306; PAS reviewActionCode carries the same codes) → the badge's outcome. */
const REVIEW_ACTION_OUTCOMES: Readonly<Record<string, Outcome>> = ownEntriesOnly({
  A1: 'certified',
  A2: 'partly',
  A3: 'denied',
  A4: 'pended',
  A6: 'modified',
  C: 'cancelled',
  CT: 'contact',
  NA: 'not-required',
});

export function outcomeOfReviewAction(code: string | undefined): Outcome {
  return (code !== undefined && REVIEW_ACTION_OUTCOMES[code]) || 'unknown';
}

/** The badge's words and its colour family (the view maps the tone to theme colours). */
export const OUTCOME_BADGES: Readonly<Record<Outcome, { label: string; tone: 'good' | 'partial' | 'bad' | 'waiting' | 'neutral' }>> = {
  certified: { label: 'Certified', tone: 'good' },
  partly: { label: 'Partly certified', tone: 'partial' },
  modified: { label: 'Modified', tone: 'partial' },
  denied: { label: 'Denied', tone: 'bad' },
  pended: { label: 'Pended', tone: 'waiting' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  contact: { label: 'Contact the payer', tone: 'waiting' },
  'not-required': { label: 'No authorization required', tone: 'good' },
  notification: { label: 'Notification received', tone: 'good' },
  rejected: { label: 'Rejected', tone: 'bad' },
  error: { label: 'Error', tone: 'bad' },
  unknown: { label: 'No decision', tone: 'neutral' },
};

/** Calendar dates as ISO text (YYYY-MM-DD); a range keeps both ends. */
export interface DateSpan {
  readonly from: string;
  readonly to?: string;
}

/** The decision for the whole patient event or for one service line. */
export interface DecisionLine {
  /** "Patient event", or the service line's procedure, e.g. "HC 70488". */
  readonly label: string;
  readonly outcome: Outcome;
  /** The decision in words, e.g. "approved (certified in total)". */
  readonly words: string;
  /** The payer's own code for it (HCR01 in X12, a ClaimResponse's reviewAction code in PAS). */
  readonly code?: string;
  readonly authorization?: string;
  readonly issued?: DateSpan;
  readonly effective?: DateSpan;
  readonly expires?: DateSpan;
  readonly message?: string;
}

/** The request was rejected before review: why, and what to do. */
export interface DecisionRejection {
  /** Where the payer found the problem, e.g. "subscriber name". */
  readonly where: string;
  readonly reason: string;
  readonly reasonWords: string;
  readonly followUp: string;
  readonly followUpWords: string;
}

/** How the answer came: filled in by the client, whatever the format. */
export interface Exchange {
  /** Which kind of request, e.g. "Inquiry". */
  readonly endpoint: string;
  /** Where it went, e.g. "Local sandbox". */
  readonly environment: string;
  readonly production: boolean;
  readonly httpStatus?: number;
  readonly elapsedMs?: number;
  /** When the answer arrived (epoch ms). */
  readonly at: number;
  readonly traceId?: string;
  readonly transactionId?: string;
  /** The request document's name. */
  readonly request: string;
}

/** A body kept with the answer, shown below the decision and openable as a read-only document. */
export interface RawBody {
  readonly kind: 'response-x12' | 'response-json' | 'sent';
  readonly title: string;
  readonly language: 'x12' | 'json';
  readonly text: string;
}

export interface DecisionModel {
  readonly outcome: Outcome;
  /** One line a person reads at a glance, e.g. "Approved (certified in total) · A062583941". */
  readonly headline: string;
  /** The authorization (review) number of the whole answer, if any. */
  readonly authorization?: string;
  /** The certification dates of the patient event (or of the first line that has them). */
  readonly certification: { readonly issued?: DateSpan; readonly effective?: DateSpan; readonly expires?: DateSpan };
  readonly event?: DecisionLine;
  readonly serviceLines: readonly DecisionLine[];
  readonly rejections: readonly DecisionRejection[];
  /** For an error outcome: what went wrong and what to do, in words; and the API's own messages. */
  readonly error?: { readonly message: string; readonly nextStep?: string; readonly details: readonly string[] };
  readonly exchange: Exchange;
  readonly bodies: readonly RawBody[];
  /** Further facts of the answer shown beside the authorization, e.g. a PAS ClaimResponse's disposition. */
  readonly facts?: readonly { readonly label: string; readonly value: string }[];
  /** A pended decision being followed: the final one is awaited, or cannot come by itself (say why, offer a check). */
  readonly follow?: FollowState;
}

/** What happens after a pended answer: waiting on a subscription, or waiting is not possible / over. */
export interface FollowState {
  readonly state: 'waiting' | 'arrived' | 'unreachable' | 'stopped' | 'timed-out' | 'failed';
  /** In words, e.g. "Waiting for the payer's final decision (subscription 12, notifications to 127.0.0.1)…". */
  readonly message: string;
  /** Whether the view offers "Check again" (ask the payer now). */
  readonly canCheck: boolean;
}

/** The model of a failed call (the API answered with an error, or the network failed). */
export function errorDecision(exchange: Exchange, error: { message: string; nextStep?: string; details?: readonly string[] }, bodies: readonly RawBody[] = []): DecisionModel {
  return {
    outcome: 'error',
    headline: error.message,
    certification: {},
    serviceLines: [],
    rejections: [],
    error: { message: error.message, nextStep: error.nextStep, details: error.details ?? [] },
    exchange,
    bodies,
  };
}

/** CCYYMMDD → YYYY-MM-DD; anything else is kept as written (the view shows what the payer sent). */
export function isoDate(value: string): string {
  return /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` : value;
}

/** An X12 date or range (D8 CCYYMMDD, RD8 CCYYMMDD-CCYYMMDD) as a span. */
export function dateSpan(value: string | undefined): DateSpan | undefined {
  if (!value) return undefined;
  const [from, to] = value.split('-');
  return to ? { from: isoDate(from), to: isoDate(to) } : { from: isoDate(from) };
}

export function spanText(span: DateSpan | undefined): string {
  if (!span) return '';
  return span.to && span.to !== span.from ? `${span.from} – ${span.to}` : span.from;
}
