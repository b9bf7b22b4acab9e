// What is checked locally before a request goes out, as plain functions (no VS Code import, unit-tested): a response
// document is never sent, an endpoint that does not match the file's guide is questioned, and the "Send anyway?"
// question defaults to a safe answer and offers "Fix and Send" only when every error has a quick fix.

import { scan } from '../../server/src/x12/scanner';
import { elementValue } from '../../server/src/x12/segments';
import { ENDPOINT_LABELS, type Endpoint } from './api/route';

/** BHT02 (transaction set purpose) of a response: 11 response, 49 (the sandbox's and some payers' "reply"). */
const RESPONSE_PURPOSES = new Set(['11', '49']);

/**
 * Why an X12 document is a 278 response rather than a request, or undefined for a request. A response goes nowhere:
 * the API answers requests only (HTTP 400).
 */
export function x12ResponseReason(text: string): string | undefined {
  const { table } = scan(text);
  for (let s = 0; s < table.segmentCount; s++) {
    const id = table.ids[s];
    if (id === 'BHT') {
      const purpose = elementValue(table, s, 2);
      if (RESPONSE_PURPOSES.has(purpose)) return `BHT02 is ${purpose} (a response)`;
    } else if (id === 'HCR') return `it has a decision (HCR, line ${s + 1})`;
    else if (id === 'AAA') return `it has a rejection (AAA, line ${s + 1})`;
  }
  return undefined;
}

/** Why a JSON body is an API answer rather than a request, or undefined for a request body. */
export function jsonResponseReason(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.authorizationId === 'string') return 'it has an authorizationId (an API answer)';
  for (const part of ['inquiry', 'submission', 'noa']) {
    const p = b[part] as Record<string, unknown> | undefined;
    if (p && typeof p === 'object' && ('x12' in p || 'json' in p)) return `it wraps a "${part}" answer`;
  }
  const event = b.patientEventDetail as Record<string, unknown> | undefined;
  if (event && typeof event === 'object' && typeof event.certificationActionCode === 'string') return 'its patientEventDetail has a certificationActionCode (a decision)';
  const subscriber = b.subscriber as Record<string, unknown> | undefined;
  if (subscriber && typeof subscriber === 'object' && Array.isArray(subscriber.subscriberRequestValidation)) return 'its subscriber has a subscriberRequestValidation (a rejection)';
  return undefined;
}

export function responseBlockedMessage(reason: string): string {
  return `This file is a 278 response (${reason}), not a request: there is nothing to send. Send the request it answers instead.`;
}

const GUIDES: Record<Endpoint, string> = { inquiry: '005010X215', submission: '005010X217', noa: '005010X216' };

/** The question when the chosen endpoint is not the one the file is written for; undefined when they agree. */
export function endpointMismatch(chosen: Endpoint, detected: Endpoint | undefined, form: 'x12' | 'json'): { message: string; detail: string; useDetected: string; sendAnyway: string } | undefined {
  if (!detected || detected === chosen) return undefined;
  const what = form === 'x12' ? `an ${GUIDES[detected]} ${ENDPOINT_LABELS[detected].toLowerCase()} (ST03)` : `shaped as ${article(ENDPOINT_LABELS[detected].toLowerCase())}`;
  return {
    message: `This file is ${what}, not ${article(ENDPOINT_LABELS[chosen].toLowerCase())}.`,
    detail: `The ${ENDPOINT_LABELS[chosen]} endpoint expects ${GUIDES[chosen]}; the API is likely to reject the file there.`,
    useDetected: `Send as ${ENDPOINT_LABELS[detected]}`,
    sendAnyway: `Send to ${ENDPOINT_LABELS[chosen]} Anyway`,
  };
}

function article(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/**
 * The buttons of the "Send anyway?" question, in order: VS Code's modal dialog makes the first one the default (what
 * Enter does), so it is the safe one; "Send Anyway" comes last. "Fix and Send" only when every error has a fix.
 */
export function sendAnywayButtons(allFixable: boolean): string[] {
  return ['Show Problems', ...(allFixable ? ['Fix and Send'] : []), 'Send Anyway'];
}

export function sendAnywayQuestion(errorCount: number, allFixable: boolean): string {
  const errors = `${errorCount} error${errorCount === 1 ? '' : 's'}`;
  return allFixable
    ? `${errors} in this file, each with a quick fix: the payer is likely to reject it as it is. Fix and send, or send anyway?`
    : `${errors} in this file: the payer is likely to reject it. Send anyway?`;
}

/** A quick fix offered for one problem, as the language server's code actions describe it. */
export interface FixCandidate {
  readonly title: string;
  readonly isPreferred?: boolean;
  /** The problems (by message) the action says it fixes. */
  readonly fixes: readonly string[];
  readonly hasEdit: boolean;
}

/**
 * One fix per error (the preferred one, else the first that names the error and edits), or undefined when some error
 * has none: then "Fix and Send" is not offered.
 */
export function chooseFixes<T extends FixCandidate>(errors: readonly { message: string }[], candidates: readonly (readonly T[])[]): T[] | undefined {
  const chosen: T[] = [];
  for (let i = 0; i < errors.length; i++) {
    const usable = (candidates[i] ?? []).filter((c) => c.hasEdit && c.fixes.includes(errors[i].message));
    const pick = usable.find((c) => c.isPreferred) ?? usable[0];
    if (!pick) return undefined;
    chosen.push(pick);
  }
  return chosen;
}

/**
 * The next step after the API refused a request (HTTP 400/422), pointing at what is really there: the file's own
 * problems when it has some, else the API's messages.
 */
export function refusedRequestNextStep(problems: { errors: number; warnings: number }, hasApiMessages: boolean): string {
  if (problems.errors > 0) return `The Problems view lists ${problems.errors} error${problems.errors === 1 ? '' : 's'} in this file; fix ${problems.errors === 1 ? 'it' : 'them'} and send again.`;
  if (problems.warnings > 0) return `The file has no errors, but the Problems view lists ${problems.warnings} warning${problems.warnings === 1 ? '' : 's'} worth a look; ${hasApiMessages ? 'the API\'s messages above say what it wants' : 'the Prior Auth log has the API\'s answer'}.`;
  return hasApiMessages ? 'The file has no problems Prior Auth knows of: the API\'s messages above say what it wants.' : 'The file has no problems Prior Auth knows of; the Prior Auth log has the API\'s answer.';
}
