// The Da Vinci PAS adapter of the decision model, beside the X12 one: what a PAS server answered (a response Bundle,
// an inquiry's Parameters, an OperationOutcome, read by the shared reader) becomes the DecisionModel the one decision
// view renders — the badge, one row per Claim item with its review action in words, the authorization or
// pre-authorization reference, the dates, the AAA errors of a rejected request. No VS Code import.

import type { PasDecision, PasItemDecision, PasReading } from '../api/pasDecision';
import { outcomeOfReviewAction, type DecisionLine, type DecisionModel, type DecisionRejection, type Exchange, type Outcome, type RawBody } from './model';

const APPROVING = new Set<Outcome>(['certified', 'partly', 'modified']);


/** FHIR dates and dateTimes as the calendar date the view shows. */
function day(value: string | undefined): string | undefined {
  return value ? value.slice(0, 10) : undefined;
}

function itemLine(item: PasItemDecision, prefix: string): DecisionLine {
  const label = `${prefix}Item ${item.sequence ?? '?'}${item.service ? ` · ${item.service}` : ''}`;
  const notes = [
    item.authorizedDetail && `authorized ${item.authorizedDetail}`,
    item.reasons.length ? `reason ${item.reasons.join(', ')}` : undefined,
    // A pended item's Authorization cell holds the payer's reference: say what it is.
    !item.authorization && item.administrationReference ? "the payer's reference for the pended review" : undefined,
  ].filter(Boolean);
  return {
    label,
    outcome: outcomeOfReviewAction(item.code),
    words: item.words,
    code: item.code,
    authorization: item.authorization ?? item.administrationReference,
    issued: item.issued ? { from: day(item.issued)! } : undefined,
    effective: item.start ? { from: day(item.start)! } : undefined,
    expires: item.end ? { from: day(item.end)! } : undefined,
    message: notes.length ? notes.join(' · ') : undefined,
  };
}

/**
 * One badge for the answer: a rejection if the payer listed errors; pended while any item is (the final decision is
 * still to come); one outcome when the items agree; "partly" when some were approved and others not.
 */
function overallOutcome(decisions: readonly PasDecision[], lines: readonly DecisionLine[]): Outcome {
  if (decisions.some((d) => d.errors.length > 0)) return 'rejected';
  if (decisions.some((d) => d.pended)) return 'pended';
  const outcomes = [...new Set(lines.map((l) => l.outcome))];
  if (outcomes.length === 0) return 'unknown';
  if (outcomes.length === 1) return outcomes[0];
  return outcomes.some((o) => APPROVING.has(o)) ? 'partly' : outcomes[0];
}

function rejection(error: PasDecision['errors'][number]): DecisionRejection {
  return { where: error.where ?? 'request', reason: error.code, reasonWords: error.words, followUp: error.followUp ?? '', followUpWords: error.followUpWords ?? 'no follow-up action given' };
}

/** The model of a PAS answer that holds decisions (a response Bundle, an inquiry's answer). */
function decisionsModel(decisions: readonly PasDecision[], headline: string, exchange: Exchange, bodies: readonly RawBody[]): DecisionModel {
  const several = decisions.length > 1;
  const lines = decisions.flatMap((d, i) => d.items.map((item) => itemLine(item, several ? `Response ${i + 1} · ` : '')));
  const main = decisions[0];
  const dated = lines.find((l) => l.issued || l.effective || l.expires);
  const facts = decisions.flatMap((d, i) => {
    const tag = several ? ` (response ${i + 1})` : '';
    return [
      d.disposition ? { label: `Disposition${tag}`, value: d.disposition } : undefined,
      d.preAuthRef && d.preAuthRef !== lines[0]?.authorization ? { label: `Pre-authorization reference${tag}`, value: d.preAuthRef } : undefined,
      d.outcome ? { label: `FHIR outcome${tag}`, value: d.outcome } : undefined,
      d.claimResponseId ? { label: `ClaimResponse${tag}`, value: d.claimResponseId } : undefined,
    ].filter((f): f is { label: string; value: string } => !!f);
  });
  return {
    outcome: overallOutcome(decisions, lines),
    headline: decisions.length === 0 ? headline : several ? `${decisions.length} responses: ${decisions.map((d) => d.headline).join(' | ')}` : main.headline,
    authorization: main?.preAuthRef ?? lines.find((l) => l.authorization)?.authorization,
    certification: { issued: dated?.issued, effective: dated?.effective, expires: dated?.expires },
    serviceLines: lines,
    rejections: decisions.flatMap((d) => d.errors.map(rejection)),
    exchange,
    bodies,
    facts,
  };
}

/**
 * The model of what a PAS server answered. An OperationOutcome (the request refused before review: HTTP 4xx/5xx, or a
 * 200 that holds one) is an error with its issues; an answer that is not a PAS response says so.
 */
export function decisionFromPas(reading: PasReading, exchange: Exchange, bodies: readonly RawBody[]): DecisionModel {
  if (reading.kind === 'decision') return decisionsModel(reading.decisions, reading.headline, exchange, bodies);
  const base = { certification: {}, serviceLines: [], rejections: [], exchange, bodies };
  if (reading.kind === 'operation-outcome') {
    const status = exchange.httpStatus !== undefined ? ` (HTTP ${exchange.httpStatus})` : '';
    const refused = exchange.httpStatus === 422 ? 'The payer refused the request under a business rule' : 'The payer refused the request';
    return {
      ...base,
      outcome: 'error',
      headline: reading.headline,
      error: {
        message: `${refused}${status}: ${reading.headline.replace(/^(Error|Fatal): /, '')}`,
        nextStep: exchange.httpStatus === 422 ? 'The request is well-formed but the payer will not take it as it is: see its words below.' : 'Fix what the issues name and send again; the Problems view shows what Prior Auth finds in the file.',
        details: reading.issues.map((i) => `${i.severity} ${i.code}: ${i.text}${i.where ? ` (at ${i.where})` : ''}`),
      },
    };
  }
  return { ...base, outcome: 'unknown', headline: reading.headline };
}

/** True when the model shows a pended answer whose final decision may still come. */
export function isPended(model: DecisionModel): boolean {
  return model.outcome === 'pended';
}
