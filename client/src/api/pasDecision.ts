// A PAS answer for a person, on the client side: the reader itself is the one pure reader in
// server/src/features/pasReading.ts (shared with the hover and the CLI); `toResponseSummary` adapts a decision to the X12
// side's ResponseSummary. The decision view's adapter is decision/pas.ts.

import { outcomeOfDecision, type Decision, type Rejection, type ResponseSummary } from './summary';
import type { PasDecision } from '../../../server/src/features/pasReading';

export {
  decisionWords, readClaimResponse, readPasResponse,
  type OutcomeIssue, type PasDecision, type PasError, type PasItemDecision, type PasReading,
} from '../../../server/src/features/pasReading';

/** The decision as the X12 side's ResponseSummary (items as service-level decisions, errors as rejections). */
export function toResponseSummary(decision: PasDecision): ResponseSummary {
  const decisions: Decision[] = decision.items.map((item) => ({
    level: 'service',
    code: item.code ?? '?',
    words: item.words,
    authorization: item.authorization ?? item.administrationReference,
    issued: item.issued,
    effective: item.start,
    expires: item.end,
    service: item.service ?? (item.sequence !== undefined ? `item ${item.sequence}` : undefined),
  }));
  const rejections: Rejection[] = decision.errors.map((e) => ({
    where: e.where ?? 'the request',
    reason: e.code,
    reasonWords: e.words,
    followUp: e.followUp ?? '',
    followUpWords: e.followUpWords ?? '',
  }));
  const outcome = rejections.length > 0 ? 'rejected' : outcomeOfDecision(decisions[0]?.code);
  return { decisions, rejections, outcome, acknowledgesNotice: false, headline: decision.headline };
}
