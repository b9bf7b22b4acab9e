// Optum's sandbox only answers its canned values: a receiver/clearinghouse ID and, for INQDEMO, a member ID. Before a
// send to it, check the file and offer the canned values; choosing one rewrites just those fields.

import { modify, applyEdits as applyJsonEdits } from 'jsonc-parser';
import { scan } from '../../server/src/x12/scanner';
import { elementEnd, elementStart, elementValue } from '../../server/src/x12/segments';
import { INQDEMO, INQDEMO_BY_MEMBER, INQUIRY_BY_RECEIVER, SUBMISSION_ALIASES, SUBMISSION_BY_CLEARINGHOUSE } from '../../sandbox/src/canned';
import type { Endpoint } from './api/route';

export interface CannedChoice {
  readonly label: string;
  readonly description: string;
  readonly receiver: string;
  readonly member?: string;
}

export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export function cannedChoices(endpoint: Endpoint): CannedChoice[] {
  if (endpoint === 'inquiry') {
    return [
      ...Object.entries(INQDEMO_BY_MEMBER).map(([member, o]) => ({ label: `INQDEMO · ${member}`, description: o.summary, receiver: INQDEMO, member })),
      ...Object.entries(INQUIRY_BY_RECEIVER).map(([receiver, o]) => ({ label: receiver, description: o.summary, receiver })),
    ];
  }
  if (endpoint === 'submission') {
    return Object.entries(SUBMISSION_BY_CLEARINGHOUSE).map(([receiver, o]) => ({ label: receiver, description: o.summary, receiver }));
  }
  return [];
}

interface Fields {
  readonly receiver: string;
  readonly member: string;
}

function x12Fields(text: string): Fields {
  const { table } = scan(text);
  let receiver = '';
  let member = '';
  for (let s = 0; s < table.segmentCount; s++) {
    const id = table.ids[s];
    if (id === 'ISA') receiver = elementValue(table, s, 8).trim();
    if (id === 'NM1' && elementValue(table, s, 1) === 'IL' && !member) member = elementValue(table, s, 9).trim();
  }
  return { receiver, member };
}

function jsonFields(value: unknown, endpoint: Endpoint): Fields {
  const body = (value && typeof value === 'object' ? value : {}) as Record<string, any>;
  const receiver = String(body.umClearingHouseId ?? (endpoint === 'inquiry' ? body.payerId : body.senderId) ?? '');
  return { receiver, member: String(body.subscriber?.memberId ?? '') };
}

/** Why the file will not get a canned answer from Optum's sandbox, or undefined when it will. */
export function sandboxProblem(text: string, form: 'x12' | 'json', endpoint: Endpoint, parsed?: unknown): string | undefined {
  if (endpoint === 'noa') return undefined;
  const { receiver, member } = form === 'x12' ? x12Fields(text) : jsonFields(parsed, endpoint);
  const where = form === 'x12' ? 'ISA08' : 'umClearingHouseId';
  if (endpoint === 'inquiry') {
    if (receiver === INQDEMO) return INQDEMO_BY_MEMBER[member] ? undefined : `member ID "${member || '(none)'}" is not one of the sandbox members TST1 … TST11`;
    return INQUIRY_BY_RECEIVER[receiver] ? undefined : `${where} "${receiver || '(none)'}" is not one of the sandbox receivers (INQDEMO or 000000000000001 … 004)`;
  }
  const known = SUBMISSION_BY_CLEARINGHOUSE[SUBMISSION_ALIASES[receiver] ?? receiver];
  return known ? undefined : `${where} "${receiver || '(none)'}" is not one of the sandbox clearinghouse IDs (278_217_01_A1 … AAA_217_07_73)`;
}

/** Edits that put a canned choice into an X12 file: ISA08 (padded to 15), GS03 and, for INQDEMO, the member ID. */
export function x12ChoiceEdits(text: string, choice: CannedChoice): OffsetEdit[] {
  const { table } = scan(text);
  const edits: OffsetEdit[] = [];
  const replace = (s: number, pos: number, value: string) => {
    const start = elementStart(table, s, pos);
    if (start >= 0) edits.push({ start, end: elementEnd(table, s, pos), newText: value });
  };
  let memberDone = false;
  for (let s = 0; s < table.segmentCount; s++) {
    const id = table.ids[s];
    if (id === 'ISA') replace(s, 8, choice.receiver.padEnd(15, ' ').slice(0, 15));
    else if (id === 'GS') replace(s, 3, choice.receiver);
    else if (id === 'NM1' && choice.member && !memberDone && elementValue(table, s, 1) === 'IL') {
      replace(s, 9, choice.member);
      memberDone = true;
    }
  }
  return edits;
}

/** The JSON text with a canned choice written into its routing fields, formatting kept. */
export function jsonWithChoice(text: string, endpoint: Endpoint, choice: CannedChoice): string {
  const options = { formattingOptions: { insertSpaces: true, tabSize: 2 } };
  let out = text;
  const set = (path: (string | number)[], value: string) => {
    out = applyJsonEdits(out, modify(out, path, value, options));
  };
  set(['umClearingHouseId'], choice.receiver);
  set([endpoint === 'inquiry' ? 'payerId' : 'senderId'], choice.receiver);
  if (choice.member) set(['subscriber', 'memberId'], choice.member);
  return out;
}
