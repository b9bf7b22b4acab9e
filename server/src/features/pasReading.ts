// The one reader of a PAS answer, for the hover, the client's decision view, the CLI and the local payer's tests: a
// response Bundle (or a bare ClaimResponse, or the Parameters $inquire answers with) becomes the decision per item —
// the 278's HCR01 review action in words, the authorization number, the dates, the reasons — and the request's errors
// (AAA reason and follow-up); an OperationOutcome becomes its issues in words. Pure: plain JSON values in, plain data
// out, never throws. It imports only the small response-code tables, so the VS Code client bundle can carry it and
// the server and CLI bundles need not load the FHIR core (server/src/fhir, a bundle of its own) to read an answer; a
// caller with the whole 278 code lists (the hover) passes `names` to name more codes.

import { FOLLOW_UP_WORDS, HCR_DECISION_WORDS, REJECT_REASON_NAMES } from '../guide/responseCodes';

const PAS_EXT = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-';
export const X12_CODE_SYSTEM = 'https://codesystem.x12.org/005010/';

type Json = Record<string, unknown>;

/** Names an X12 code of a data element (e.g. "901", "75"), when the caller's tables know it. */
export type CodeNames = (dataElement: string, code: string) => string | undefined;

/** The names the client bundle carries: AAA03 reject reasons (element 901). */
export const RESPONSE_CODE_NAMES: CodeNames = (element, code) =>
  element === '901' && Object.prototype.hasOwnProperty.call(REJECT_REASON_NAMES, code) ? REJECT_REASON_NAMES[code] : undefined;

export interface ReadOptions {
  /** Names for X12 codes in codings; default RESPONSE_CODE_NAMES. */
  readonly names?: CodeNames;
}

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
  /** reviewAction reasonCode codings (HCR03), as "code — name" where a name is known, and the concept's text. */
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
  /** ClaimResponse.created (when the payer made this answer). */
  readonly created?: string;
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

/** Extensions named by their PAS name (`reviewAction`) or, inside a complex extension, by their slice name (`number`). */
function extensions(owner: Json, name: string): Json[] {
  return list(owner.extension).filter((e) => e.url === PAS_EXT + name || e.url === name);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "approved (certified in total)" for A1: the X12 response hover's words for an HCR01 code. */
export function decisionWords(code: string | undefined): string {
  if (!code) return 'no review action given';
  return Object.prototype.hasOwnProperty.call(HCR_DECISION_WORDS, code) ? HCR_DECISION_WORDS[code] : `review action ${code} (not an X12 306 code)`;
}

/** Words for an AAA04 follow-up action code. */
export function followUpWords(code: string): string {
  return Object.prototype.hasOwnProperty.call(FOLLOW_UP_WORDS, code) ? FOLLOW_UP_WORDS[code] : `follow-up ${code}`;
}

/** `code — name` of a coding: the X12 name from `names` for an X12 code system, else the coding's display. */
export function codingWords(coding: Json, names: CodeNames = RESPONSE_CODE_NAMES): string {
  const code = str(coding.code) ?? '?';
  const system = str(coding.system);
  const element = system?.startsWith(X12_CODE_SYSTEM) ? system.slice(X12_CODE_SYSTEM.length) : undefined;
  const name = (element ? names(element, code) : undefined) ?? str(coding.display);
  return name ? `${code} — ${name}` : code;
}

function serviceOf(coding: Json | undefined): string | undefined {
  if (!coding) return undefined;
  const code = str(coding.code);
  if (!code) return undefined;
  const display = str(coding.display);
  return display ? `${code} (${display})` : code;
}

/** One ClaimResponse item in words; `claimItems` (the request's items by sequence) name its service. */
export function readItem(item: Json, claimItems: ReadonlyMap<number, Json> = new Map(), options: ReadOptions = {}): PasItemDecision {
  let code: string | undefined;
  let number: string | undefined;
  const reasons: string[] = [];
  for (const adjudication of list(item.adjudication)) {
    for (const action of extensions(adjudication, 'reviewAction')) {
      for (const part of list(action.extension)) {
        if (part.url === PAS_EXT + 'reviewActionCode' || part.url === 'code') code ??= str(codings(part.valueCodeableConcept)[0]?.code);
        else if (part.url === 'number') number ??= str(part.valueString);
        else if (part.url === 'reasonCode') {
          reasons.push(...codings(part.valueCodeableConcept).map((c) => codingWords(c, options.names)));
          const text = isObject(part.valueCodeableConcept) ? str(part.valueCodeableConcept.text) : undefined;
          if (text) reasons.push(text);
        }
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

/** One ClaimResponse.error (the 278's AAA) in words. */
export function readError(error: Json, options: ReadOptions = {}): PasError {
  const names = options.names ?? RESPONSE_CODE_NAMES;
  const coding = codings(error.code)[0];
  const code = str(coding?.code) ?? '?';
  const follow = extensions(error, 'errorFollowupAction')[0];
  const followUp = follow ? str(codings(follow.valueCodeableConcept)[0]?.code) : undefined;
  const element = extensions(error, 'errorElement')[0];
  const elementText = element ? str(list(element.extension).find((p) => p.url === 'error')?.valueString) : undefined;
  const where = [elementText, str(extensions(error, 'errorPath')[0]?.valueString), typeof error.itemSequence === 'number' ? `item ${error.itemSequence}` : undefined].filter(Boolean).join(', ');
  const system = str(coding?.system);
  const named = system?.startsWith(X12_CODE_SYSTEM) ? names(system.slice(X12_CODE_SYSTEM.length), code) : undefined;
  return {
    code,
    words: named ?? str(coding?.display) ?? `reason ${code}`,
    followUp,
    followUpWords: followUp ? followUpWords(followUp) : undefined,
    where: where || undefined,
  };
}

/** A ClaimResponse in words; `claim` (the request's Claim, when the bundle carries it) names each item's service. */
export function readClaimResponse(response: Json, claim?: Json, options: ReadOptions = {}): PasDecision {
  const claimItems = new Map<number, Json>();
  for (const item of list(claim?.item)) if (typeof item.sequence === 'number') claimItems.set(item.sequence, item);
  const items = list(response.item).map((item) => readItem(item, claimItems, options));
  const errors = list(response.error).map((e) => readError(e, options));
  const outcome = str(response.outcome);
  const pended = outcome === 'queued' || items.some((i) => i.code === 'A4');
  return {
    claimResponseId: str(response.id),
    identifiers: list(response.identifier).flatMap((i) => (str(i.value) ? [{ system: str(i.system), value: str(i.value)! }] : [])),
    outcome,
    disposition: str(response.disposition),
    preAuthRef: str(response.preAuthRef),
    created: str(response.created),
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

function readBundle(bundle: Json, options: ReadOptions): PasDecision | undefined {
  const response = firstOfType(bundle, 'ClaimResponse');
  return response ? readClaimResponse(response, firstOfType(bundle, 'Claim'), options) : undefined;
}

function readOutcome(outcome: Json): OutcomeIssue[] {
  return list(outcome.issue).map((issue) => {
    const details = isObject(issue.details) ? issue.details : {};
    const text = str(issue.diagnostics) ?? str(details.text) ?? codings(details).map((c) => codingWords(c)).join(', ');
    const where = [...(Array.isArray(issue.expression) ? issue.expression : []), ...(Array.isArray(issue.location) ? issue.location : [])].filter((x): x is string => typeof x === 'string');
    return { severity: str(issue.severity) ?? 'error', code: str(issue.code) ?? 'unknown', text: text || '(no details)', where: where.length ? where.join(', ') : undefined };
  });
}

/**
 * What a PAS server answered, in words: a response or inquiry-response Bundle, a bare ClaimResponse, a Parameters
 * holding response Bundles ($inquire in 2.2.1), or an OperationOutcome. Never throws.
 */
export function readPasResponse(body: unknown, options: ReadOptions = {}): PasReading {
  if (!isObject(body)) return { kind: 'not-pas', headline: 'The answer is not a FHIR resource.' };
  const type = body.resourceType;
  if (type === 'OperationOutcome') {
    const issues = readOutcome(body);
    const worst = issues.find((i) => i.severity === 'fatal' || i.severity === 'error') ?? issues[0];
    return { kind: 'operation-outcome', issues, headline: worst ? `${capital(worst.severity)}: ${worst.text}` : 'OperationOutcome without issues' };
  }
  let decisions: PasDecision[] = [];
  if (type === 'ClaimResponse') decisions = [readClaimResponse(body, undefined, options)];
  else if (type === 'Bundle') {
    const one = readBundle(body, options);
    decisions = one ? [one] : [];
  } else if (type === 'Parameters') {
    const outcome = list(body.parameter).map((p) => p.resource).find((r): r is Json => isObject(r) && r.resourceType === 'OperationOutcome');
    if (outcome) return readPasResponse(outcome, options);
    decisions = list(body.parameter).flatMap((p) => {
      const r = p.resource;
      if (!isObject(r)) return [];
      const d = r.resourceType === 'Bundle' ? readBundle(r, options) : r.resourceType === 'ClaimResponse' ? readClaimResponse(r, undefined, options) : undefined;
      return d ? [d] : [];
    });
    if (!decisions.length) return { kind: 'decision', decisions, headline: 'No matching prior authorization was found.' };
  } else {
    return { kind: 'not-pas', headline: `The answer is a ${typeof type === 'string' ? type : 'JSON value'}, not a PAS response.` };
  }
  if (!decisions.length) return { kind: 'not-pas', headline: 'The answer holds no ClaimResponse.' };
  return { kind: 'decision', decisions, headline: decisions.length === 1 ? decisions[0].headline : `${decisions.length} responses: ${decisions.map((d) => d.headline).join(' | ')}` };
}
