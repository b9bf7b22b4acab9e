// A PAS ClaimResponse in plain words: per item, the review decision (the 278's HCR01 action code, read with the same
// words as the X12 response hover), the authorization number, the dates; and the errors (AAA) of a rejected request.

import type { Node } from 'jsonc-parser';
import { findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import { CODE_LISTS, FOLLOW_UP_WORDS, HCR_DECISION_WORDS } from '../guide/codeLists';

const PAS_EXTENSION = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-';
const X12_SYSTEM = 'https://codesystem.x12.org/005010/';
/** Items read for a whole-response hover; a response with more says how many were left out. */
const MAX_ITEMS = 20;

export interface ItemDecision {
  readonly sequence?: number;
  /** reviewActionCode: the 278 HCR01 action code (element 306). */
  readonly code?: string;
  readonly number?: string;
  readonly reasons: readonly string[];
  readonly issued?: string;
  readonly period?: { readonly start?: string; readonly end?: string };
  readonly administrationReference?: string;
  readonly authorizationNumber?: string;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** Extensions named by their PAS name (`reviewAction`) or, inside a complex extension, by their slice name (`number`). */
function extensions(owner: Json, name: string): Json[] {
  return list(owner.extension).filter((e) => e.url === PAS_EXTENSION + name || e.url === name);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function codings(concept: unknown): Json[] {
  return isObject(concept) ? list(concept.coding) : [];
}

/** `code — display` of a coding, naming X12 codes from the project's own 278 code lists. */
export function codingWords(coding: Json): string {
  const code = str(coding.code) ?? '?';
  const system = str(coding.system);
  const element = system?.startsWith(X12_SYSTEM) ? system.slice(X12_SYSTEM.length) : undefined;
  const name = (element ? CODE_LISTS[element]?.codes[code] : undefined) ?? str(coding.display);
  return name ? `${code} — ${name}` : code;
}

export function readItem(item: Json): ItemDecision {
  let code: string | undefined;
  let number: string | undefined;
  const reasons: string[] = [];
  for (const adjudication of list(item.adjudication)) {
    for (const action of extensions(adjudication, 'reviewAction')) {
      for (const part of list(action.extension)) {
        if (part.url === PAS_EXTENSION + 'reviewActionCode' || part.url === 'code') code ??= str(codings(part.valueCodeableConcept)[0]?.code);
        else if (part.url === 'number') number ??= str(part.valueString);
        else if (part.url === 'reasonCode') reasons.push(...codings(part.valueCodeableConcept).map(codingWords));
      }
    }
  }
  const period = extensions(item, 'itemPreAuthPeriod')[0]?.valuePeriod;
  return {
    sequence: typeof item.itemSequence === 'number' ? item.itemSequence : undefined,
    code,
    number,
    reasons,
    issued: str(extensions(item, 'itemPreAuthIssueDate')[0]?.valueDate),
    period: isObject(period) ? { start: str(period.start), end: str(period.end) } : undefined,
    administrationReference: str(extensions(item, 'administrationReferenceNumber')[0]?.valueString),
    authorizationNumber: str(extensions(item, 'authorizationNumber')[0]?.valueString),
  };
}

/** "A4 — pended: the payer needs more time or information" (the X12 response hover's words). */
export function decisionText(code: string | undefined): string {
  if (!code) return 'no review action code';
  const words = HCR_DECISION_WORDS[code];
  return words ? `${code} — ${words}` : `${code} (not an X12 306 action code)`;
}

export function itemLines(d: ItemDecision): string {
  const parts = [`**Item ${d.sequence ?? '?'}:** ${decisionText(d.code)}`];
  const auth = d.number ?? d.authorizationNumber;
  if (auth) parts.push(`authorization number ${auth}`);
  if (d.administrationReference) parts.push(`payer reference ${d.administrationReference}`);
  if (d.issued) parts.push(`issued ${d.issued}`);
  if (d.period && (d.period.start || d.period.end)) parts.push(`authorized ${d.period.start ?? '…'} to ${d.period.end ?? '…'}`);
  if (d.reasons.length) parts.push(`reason ${d.reasons.join(', ')}`);
  return parts.join(' · ');
}

function errorLines(response: Json): string[] {
  return list(response.error).map((error) => {
    const reason = codings(error.code).map(codingWords).join(', ') || 'no code';
    const follow = extensions(error, 'errorFollowupAction')[0];
    const followCode = follow ? str(codings(follow.valueCodeableConcept)[0]?.code) : undefined;
    const next = followCode ? ` · next step: ${followCode}${FOLLOW_UP_WORDS[followCode] ? ` — ${FOLLOW_UP_WORDS[followCode]}` : ''}` : '';
    return `**Rejected:** ${reason}${next}`;
  });
}

/** The ClaimResponse in words; `itemIndex` narrows it to one item. */
export function responseReading(response: Json, itemIndex?: number): string {
  const items = list(response.item);
  const lines: string[] = [];
  if (itemIndex !== undefined) {
    const item = items[itemIndex];
    if (item) lines.push(itemLines(readItem(item)));
    return lines.join('\n\n');
  }
  const outcome = str(response.outcome);
  const head = [`**Outcome:** ${outcome ?? 'not given'}`];
  const preAuth = str(response.preAuthRef);
  if (preAuth) head.push(`pre-authorization reference ${preAuth}`);
  const disposition = str(response.disposition);
  if (disposition) head.push(disposition);
  lines.push(head.join(' · '));
  lines.push(...errorLines(response));
  for (const item of items.slice(0, MAX_ITEMS)) lines.push(itemLines(readItem(item)));
  if (items.length > MAX_ITEMS) lines.push(`… and ${items.length - MAX_ITEMS} more items.`);
  return lines.join('\n\n');
}

/**
 * The ClaimResponse that holds `jsonPath` (the document itself or a Bundle entry's resource), and the index of the
 * item the path is in, if it is in one.
 */
export function claimResponseAt(root: Node, jsonPath: readonly (string | number)[]): { response: Json; itemIndex?: number; topLevel: boolean } | undefined {
  for (let n = jsonPath.length; n >= 0; n--) {
    const prefix = jsonPath.slice(0, n);
    const last = prefix[prefix.length - 1];
    if (n > 0 && last !== 'resource') continue;
    const node = findNodeAtLocation(root, prefix as (string | number)[]);
    if (!node || node.type !== 'object') continue;
    const resourceType = findNodeAtLocation(node, ['resourceType']);
    if (resourceType?.value !== 'ClaimResponse') return undefined;
    const response = getNodeValue(node) as Json;
    const itemIndex = jsonPath[n] === 'item' && typeof jsonPath[n + 1] === 'number' ? (jsonPath[n + 1] as number) : undefined;
    return { response, itemIndex, topLevel: jsonPath.length - n <= 1 };
  }
  return undefined;
}
