// Reads a PAS answer for a person: a response Bundle (or a bare ClaimResponse, or the Parameters $inquire answers with)
// becomes the decision per item — the 278's HCR01 review action in words, the authorization number, the dates, the
// reasons — and the request's errors (AAA reason and follow-up); an OperationOutcome becomes its issues in words.
// Pure and small (no vscode, no FHIR validator): the client bundle, the CLI and the local payer's tests share it.
// `toResponseSummary` adapts a decision to the X12 side's ResponseSummary so one decision view shows both.

import { FOLLOW_UP_WORDS, HCR_DECISION_WORDS, REJECT_REASON_NAMES } from '../../../server/src/guide/responseCodes';
import { outcomeOfDecision, type Decision, type Rejection, type ResponseSummary } from './summary';

const PAS_EXT = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-';
const X12 = 'https://codesystem.x12.org/005010/';

type Json = Record<string, unknown>;

export interface PasItemDecision {
  readonly sequence?: number;
  /** reviewActionCode (HCR01, X12 element 306): A1, A2, A3, A4, A6, C, CT, NA. */
  readonly code?: string;
  readonly words: string;
  /** The reviewAction's `number` (HCR02), else the item's authorizationNumber extension. */
  readonly authorization?: string;
  /** The payer's reference for a pended item (administrationReferenceNumber). */
  readonly administrationReference?: string;
  readonly issued?: string;
  readonly start?: string;
  readonly end?: string;
  /** reviewAction reasonCode codings (HCR03), as "code — display" where a display is given. */
  readonly reasons: readonly string[];
  /** The item's product or service, from the authorized detail or the Claim carried in the bundle. */
  readonly service?: string;
  /** What was authorized when it differs from the request (itemAuthorizedDetail), in words. */
  readonly authorizedDetail?: string;
}

export interface PasError {
  /** AAA03 (X12 element 901). */
  readonly code: string;
  readonly words: string;
  /** AAA04 (X12 element 889). */
  readonly followUp?: string;
  readonly followUpWords?: string;
  /** errorElement / errorPath extensions: where the payer found the problem. */
  readonly where?: string;
}

export interface PasDecision {
  readonly claimResponseId?: string;
  readonly identifiers: readonly { readonly system?: string; readonly value: string }[];
  /** complete, error, partial (2.2.1) or queued (2.0.1 pended). */
  readonly outcome?: string;
  readonly disposition?: string;
  readonly preAuthRef?: string;
  readonly items: readonly PasItemDecision[];
  readonly errors: readonly PasError[];
  /** Some item is pended (A4) or the outcome is queued: a final decision comes later (through a subscription). */
  readonly pended: boolean;
  readonly headline: string;
}

export interface OutcomeIssue {
  readonly severity: string;
  readonly code: string;
  readonly text: string;
  readonly where?: string;
}

export type PasReading =
  | { readonly kind: 'decision'; readonly decisions: readonly PasDecision[]; readonly headline: string }
  | { readonly kind: 'operation-outcome'; readonly issues: readonly OutcomeIssue[]; readonly headline: string }
  | { readonly kind: 'not-pas'; readonly headline: string };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const codings = (concept: unknown): Json[] => (isObject(concept) ? list(concept.coding) : []);

function extensions(owner: Json, name: string): Json[] {
  return list(owner.extension).filter((e) => e.url === PAS_EXT + name || e.url === name);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function decisionWords(code: string | undefined): string {
  if (!code) return 'no review action given';
  return HCR_DECISION_WORDS[code] ?? `review action ${code} (not an X12 306 code)`;
}

function codingText(coding: Json): string {
  const code = str(coding.code) ?? '?';
  const display = str(coding.display);
  return display ? `${code} — ${display}` : code;
}

function serviceOf(coding: Json | undefined): string | undefined {
  if (!coding) return undefined;
  const code = str(coding.code);
  if (!code) return undefined;
  const display = str(coding.display);
  return display ? `${code} (${display})` : code;
}

function readItem(item: Json, claimItems: Map<number, Json>): PasItemDecision {
  let code: string | undefined;
  let number: string | undefined;
  const reasons: string[] = [];
  for (const adjudication of list(item.adjudication)) {
    for (const action of extensions(adjudication, 'reviewAction')) {
      for (const part of list(action.extension)) {
        if (part.url === PAS_EXT + 'reviewActionCode' || part.url === 'code') code ??= str(codings(part.valueCodeableConcept)[0]?.code);
        else if (part.url === 'number') number ??= str(part.valueString);
        else if (part.url === 'reasonCode') reasons.push(...codings(part.valueCodeableConcept).map(codingText), ...(isObject(part.valueCodeableConcept) && str(part.valueCodeableConcept.text) ? [str(part.valueCodeableConcept.text)!] : []));
      }
    }
  }
  const sequence = typeof item.itemSequence === 'number' ? item.itemSequence : undefined;
  const period = extensions(item, 'itemPreAuthPeriod')[0]?.valuePeriod;
  const detail = extensions(item, 'itemAuthorizedDetail')[0];
  let authorizedDetail: string | undefined;
  let detailService: string | undefined;
  if (detail) {
    const parts: string[] = [];
    for (const part of list(detail.extension)) {
      if (part.url === 'productOrServiceCode') detailService = serviceOf(codings(part.valueCodeableConcept)[0]);
      if (part.url === 'quantity' && isObject(part.valueQuantity) && typeof part.valueQuantity.value === 'number') parts.push(`quantity ${part.valueQuantity.value}${str(part.valueQuantity.unit) ? ' ' + part.valueQuantity.unit : ''}`);
      if (part.url === 'unitPrice' && isObject(part.valueMoney) && typeof part.valueMoney.value === 'number') parts.push(`unit price ${part.valueMoney.value} ${str(part.valueMoney.currency) ?? ''}`.trim());
    }
    if (parts.length) authorizedDetail = parts.join(', ');
  }
  const claimItem = sequence !== undefined ? claimItems.get(sequence) : undefined;
  return {
    sequence,
    code,
    words: decisionWords(code),
    authorization: number ?? str(extensions(item, 'authorizationNumber')[0]?.valueString),
    administrationReference: str(extensions(item, 'administrationReferenceNumber')[0]?.valueString),
    issued: str(extensions(item, 'itemPreAuthIssueDate')[0]?.valueDate),
    start: isObject(period) ? str(period.start) : undefined,
    end: isObject(period) ? str(period.end) : undefined,
    reasons,
    service: detailService ?? (claimItem ? serviceOf(codings(claimItem.productOrService)[0]) : undefined),
    authorizedDetail,
  };
}

function readError(error: Json): PasError {
  const coding = codings(error.code)[0];
  const code = str(coding?.code) ?? '?';
  const follow = extensions(error, 'errorFollowupAction')[0];
  const followUp = follow ? str(codings(follow.valueCodeableConcept)[0]?.code) : undefined;
  const element = extensions(error, 'errorElement')[0];
  const elementText = element ? str(list(element.extension).find((p) => p.url === 'error')?.valueString) : undefined;
  const where = [elementText, str(extensions(error, 'errorPath')[0]?.valueString), typeof error.itemSequence === 'number' ? `item ${error.itemSequence}` : undefined].filter(Boolean).join(', ');
  const system = str(coding?.system);
  const named = system === X12 + '901' ? REJECT_REASON_NAMES[code] : undefined;
  return {
    code,
    words: named ?? str(coding?.display) ?? `reason ${code}`,
    followUp,
    followUpWords: followUp ? FOLLOW_UP_WORDS[followUp] ?? `follow-up ${followUp}` : undefined,
    where: where || undefined,
  };
}

/** A ClaimResponse in words; `claim` (the request's Claim, when the bundle carries it) names each item's service. */
export function readClaimResponse(response: Json, claim?: Json): PasDecision {
  const claimItems = new Map<number, Json>();
  for (const item of list(claim?.item)) if (typeof item.sequence === 'number') claimItems.set(item.sequence, item);
  const items = list(response.item).map((item) => readItem(item, claimItems));
  const errors = list(response.error).map(readError);
  const outcome = str(response.outcome);
  const pended = outcome === 'queued' || items.some((i) => i.code === 'A4');
  return {
    claimResponseId: str(response.id),
    identifiers: list(response.identifier).flatMap((i) => (str(i.value) ? [{ system: str(i.system), value: str(i.value)! }] : [])),
    outcome,
    disposition: str(response.disposition),
    preAuthRef: str(response.preAuthRef),
    items,
    errors,
    pended,
    headline: headlineOf(items, errors, outcome),
  };
}

function headlineOf(items: readonly PasItemDecision[], errors: readonly PasError[], outcome: string | undefined): string {
  if (errors.length) {
    const e = errors[0];
    return `Rejected: ${e.words} (${e.code})${e.followUpWords ? ` · ${e.followUpWords}` : ''}${errors.length > 1 ? ` · ${errors.length - 1} more error${errors.length > 2 ? 's' : ''}` : ''}`;
  }
  if (!items.length) return outcome === 'queued' ? 'Pended (queued): no item decisions yet' : `No item decisions (outcome ${outcome ?? 'not given'})`;
  const codes = [...new Set(items.map((i) => i.code ?? '?'))];
  const first = items[0];
  const ref = first.authorization ?? first.administrationReference;
  if (codes.length === 1) return `${capital(first.words)}${ref ? ` · ${ref}` : ''}${items.length > 1 ? ` · ${items.length} items` : ''}`;
  return `Mixed decisions: ${items.map((i) => `item ${i.sequence ?? '?'} ${i.code ?? '?'}`).join(', ')}`;
}

function firstOfType(bundle: Json, type: string): Json | undefined {
  return list(bundle.entry).map((e) => e.resource).find((r): r is Json => isObject(r) && r.resourceType === type);
}

function readBundle(bundle: Json): PasDecision | undefined {
  const response = firstOfType(bundle, 'ClaimResponse');
  return response ? readClaimResponse(response, firstOfType(bundle, 'Claim')) : undefined;
}

function readOutcome(outcome: Json): OutcomeIssue[] {
  return list(outcome.issue).map((issue) => {
    const details = isObject(issue.details) ? issue.details : {};
    const text = str(issue.diagnostics) ?? str(details.text) ?? codings(details).map(codingText).join(', ') ?? '';
    const where = [...(Array.isArray(issue.expression) ? issue.expression : []), ...(Array.isArray(issue.location) ? issue.location : [])].filter((x): x is string => typeof x === 'string');
    return { severity: str(issue.severity) ?? 'error', code: str(issue.code) ?? 'unknown', text: text || '(no details)', where: where.length ? where.join(', ') : undefined };
  });
}

/**
 * What a PAS server answered, in words: a response or inquiry-response Bundle, a bare ClaimResponse, a Parameters
 * holding response Bundles ($inquire in 2.2.1), or an OperationOutcome. Never throws.
 */
export function readPasResponse(body: unknown): PasReading {
  if (!isObject(body)) return { kind: 'not-pas', headline: 'The answer is not a FHIR resource.' };
  const type = body.resourceType;
  if (type === 'OperationOutcome') {
    const issues = readOutcome(body);
    const worst = issues.find((i) => i.severity === 'fatal' || i.severity === 'error') ?? issues[0];
    return { kind: 'operation-outcome', issues, headline: worst ? `${capital(worst.severity)}: ${worst.text}` : 'OperationOutcome without issues' };
  }
  let decisions: PasDecision[] = [];
  if (type === 'ClaimResponse') decisions = [readClaimResponse(body)];
  else if (type === 'Bundle') {
    const one = readBundle(body);
    decisions = one ? [one] : [];
  } else if (type === 'Parameters') {
    const outcome = list(body.parameter).map((p) => p.resource).find((r): r is Json => isObject(r) && r.resourceType === 'OperationOutcome');
    if (outcome) return readPasResponse(outcome);
    decisions = list(body.parameter).flatMap((p) => {
      const r = p.resource;
      if (!isObject(r)) return [];
      const d = r.resourceType === 'Bundle' ? readBundle(r) : r.resourceType === 'ClaimResponse' ? readClaimResponse(r) : undefined;
      return d ? [d] : [];
    });
    if (!decisions.length) return { kind: 'decision', decisions, headline: 'No matching prior authorization was found.' };
  } else {
    return { kind: 'not-pas', headline: `The answer is a ${typeof type === 'string' ? type : 'JSON value'}, not a PAS response.` };
  }
  if (!decisions.length) return { kind: 'not-pas', headline: 'The answer holds no ClaimResponse.' };
  return { kind: 'decision', decisions, headline: decisions.length === 1 ? decisions[0].headline : `${decisions.length} responses: ${decisions.map((d) => d.headline).join(' | ')}` };
}

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
