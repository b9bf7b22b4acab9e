// The X12 278 adapter of the decision model: a response's HCR decisions (patient event and service lines) and AAA
// rejections, read by the response summary (api/summary.ts), become a DecisionModel. No VS Code import.

import { summarizeResponse, type Decision, type ResponseSummary } from '../api/summary';
import { dateSpan, outcomeOfReviewAction, type DecisionLine, type DecisionModel, type Exchange, type Outcome, type RawBody } from './model';

/** The answer to a notice of admission acknowledges it (its HCR certifies nothing): "notification received". */
function outcomeOf(summary: ResponseSummary, code: string): Outcome {
  if (summary.acknowledgesNotice) return 'notification';
  return outcomeOfReviewAction(code);
}

function line(summary: ResponseSummary, d: Decision): DecisionLine {
  const outcome = outcomeOf(summary, d.code);
  return {
    label: d.level === 'event' ? 'Patient event' : d.service || 'Service line',
    outcome,
    words: outcome === 'notification' ? 'notification received' : d.words,
    code: d.code,
    authorization: d.authorization,
    issued: dateSpan(d.issued),
    effective: dateSpan(d.effective),
    expires: dateSpan(d.expires),
    message: d.message,
  };
}

/** The model of an X12 278 response summary. */
export function decisionFromSummary(summary: ResponseSummary, exchange: Exchange, bodies: readonly RawBody[]): DecisionModel {
  const lines = summary.decisions.map((d) => line(summary, d));
  const event = lines.find((_, i) => summary.decisions[i].level === 'event');
  const serviceLines = lines.filter((_, i) => summary.decisions[i].level === 'service');
  const main = event ?? serviceLines[0];
  const dated = [event, ...serviceLines].find((l) => l && (l.issued || l.effective || l.expires));
  const outcome: Outcome = summary.rejections.length > 0 ? 'rejected' : summary.acknowledgesNotice ? 'notification' : main?.outcome ?? 'unknown';
  return {
    outcome,
    headline: summary.headline,
    authorization: main?.authorization ?? serviceLines.find((l) => l.authorization)?.authorization ?? summary.receiptNumber,
    certification: { issued: dated?.issued, effective: dated?.effective, expires: dated?.expires },
    event,
    serviceLines,
    rejections: summary.rejections.map((r) => ({ ...r })),
    exchange,
    bodies,
  };
}

/** The model of an X12 278 response interchange. */
export function decisionFromX12(x12: string, exchange: Exchange, bodies: readonly RawBody[]): DecisionModel {
  return decisionFromSummary(summarizeResponse(x12), exchange, bodies);
}
