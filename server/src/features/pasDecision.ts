// A PAS ClaimResponse in plain words for the hover: per item, the review decision (the 278's HCR01 action code, read
// with the same words as the X12 response hover), the authorization number, the dates; and the errors (AAA) of a
// rejected request. The reading itself is the shared pure reader (features/pasReading.ts); this file formats it as
// Markdown and finds the ClaimResponse under the cursor. X12 codes are named from the whole 278 code lists.

import type { Node } from 'jsonc-parser';
import { findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import { CODE_LISTS } from '../guide/codeLists';
import { readError, readItem, type CodeNames, type PasItemDecision } from './pasReading';

/** Items read for a whole-response hover; a response with more says how many were left out. */
const MAX_ITEMS = 20;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** X12 code names from the project's 278 code lists (any element, not only the response codes). */
const CODE_LIST_NAMES: CodeNames = (element, code) => {
  const codes = Object.prototype.hasOwnProperty.call(CODE_LISTS, element) ? CODE_LISTS[element].codes : undefined;
  return codes && Object.prototype.hasOwnProperty.call(codes, code) ? codes[code] : undefined;
};
const OPTIONS = { names: CODE_LIST_NAMES };

/** "A4 — pended: the payer needs more time or information" (the X12 response hover's words). */
export function decisionText(d: Pick<PasItemDecision, 'code' | 'words'>): string {
  if (!d.code) return 'no review action code';
  return `${d.code} — ${d.words}`;
}

export function itemLines(d: PasItemDecision): string {
  const parts = [`**Item ${d.sequence ?? '?'}:** ${d.code && d.words.startsWith('review action ') ? `${d.code} (not an X12 306 action code)` : decisionText(d)}`];
  if (d.authorization) parts.push(`authorization number ${d.authorization}`);
  if (d.administrationReference) parts.push(`payer reference ${d.administrationReference}`);
  if (d.issued) parts.push(`issued ${d.issued}`);
  if (d.start || d.end) parts.push(`authorized ${d.start ?? '…'} to ${d.end ?? '…'}`);
  if (d.reasons.length) parts.push(`reason ${d.reasons.join(', ')}`);
  return parts.join(' · ');
}

function errorLines(response: Json): string[] {
  return list(response.error).map((error) => {
    const e = readError(error, OPTIONS);
    const next = e.followUp ? ` · next step: ${e.followUp}${e.followUpWords && !e.followUpWords.startsWith('follow-up ') ? ` — ${e.followUpWords}` : ''}` : '';
    const reason = e.code === '?' ? 'no code' : e.words === `reason ${e.code}` ? e.code : `${e.code} — ${e.words}`;
    return `**Rejected:** ${reason}${next}`;
  });
}

/** The ClaimResponse in words; `itemIndex` narrows it to one item. */
export function responseReading(response: Json, itemIndex?: number): string {
  const items = list(response.item);
  const lines: string[] = [];
  if (itemIndex !== undefined) {
    const item = items[itemIndex];
    if (item) lines.push(itemLines(readItem(item, undefined, OPTIONS)));
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
  for (const item of items.slice(0, MAX_ITEMS)) lines.push(itemLines(readItem(item, undefined, OPTIONS)));
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
