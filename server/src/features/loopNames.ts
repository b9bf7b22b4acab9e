// Names of elements where they stand (the member ID in 2010C NM109) and what Optum's sandbox does with its canned
// values, for hovers. Both read tables: server/src/guide/elementNames.ts and the local sandbox's canned.ts (pure data,
// the same table the sandbox answers from and the client offers before a send, so the three never disagree).

import { ELEMENT_NAMES_IN_LOOP, LEVEL_HL_NAMES, VALUE_NAMED_BY_SEGMENT } from '../guide/elementNames';
import {
  INQDEMO, INQDEMO_BY_MEMBER, INQUIRY_BY_RECEIVER, NOA_BY_MEMBER, SUBMISSION_ALIASES, SUBMISSION_BY_CLEARINGHOUSE, type Outcome,
} from '../../../sandbox/src/canned';

/** The name of element `pos` of segment `id` in the loop where the guide matched it as `guideName`. */
export function elementNameInLoop(id: string, guideName: string | undefined, pos: number): string | undefined {
  if (!guideName) return undefined;
  if (id === 'HL') return LEVEL_HL_NAMES[pos];
  const byValue = VALUE_NAMED_BY_SEGMENT[id];
  if (byValue) {
    if (pos === byValue.position) return guideName;
    if (pos === 1) return byValue.qualifier;
    if (pos === 2 && byValue.format) return byValue.format;
    return undefined;
  }
  return ELEMENT_NAMES_IN_LOOP[`${id} ${guideName}`]?.[pos];
}

function outcomeWords(o: Outcome): string {
  const auth = o.decision?.authorization ? `, authorization ${o.decision.authorization}` : '';
  const code = o.decision ? ` — HCR01 ${o.decision.code}${auth}` : o.reject ? ` — AAA03 ${o.reject.reason}` : '';
  const ours = o.source === 'ours' ? ' The local sandbox\'s own answer; Optum\'s pages do not list it.' : '';
  return `${o.summary}${code}.${ours}`;
}

/** Where the sandbox reads a receiver: ISA08, GS03, the payer's NM109 (UMO or information receiver). */
function isReceiverSlot(id: string, guideName: string | undefined, pos: number): boolean {
  return (id === 'ISA' && pos === 8) || (id === 'GS' && pos === 3) || (id === 'NM1' && pos === 9 && (guideName === 'UMO Name' || guideName === 'Information Receiver Name'));
}

/** What Optum's sandbox answers for a canned value in this place, in Markdown; undefined for other values. */
export function sandboxMeaning(id: string, guideName: string | undefined, pos: number, rawValue: string): string | undefined {
  const value = rawValue.trim();
  if (!value) return undefined;
  if (id === 'NM1' && pos === 9 && guideName === 'Subscriber Name') {
    const inqdemo = INQDEMO_BY_MEMBER[value];
    if (inqdemo) return `**Optum sandbox:** sent to payer ${INQDEMO}, member ${value} is answered: ${outcomeWords(inqdemo)}`;
    const noa = NOA_BY_MEMBER[value];
    if (noa) return `**Optum sandbox:** a notice of admission for member ${value} is answered: ${outcomeWords(noa)}`;
    return undefined;
  }
  if (!isReceiverSlot(id, guideName, pos)) return undefined;
  if (value === INQDEMO) return `**Optum sandbox:** ${INQDEMO} answers inquiries by the subscriber's member ID: TST1 to TST11 (hover the member ID for its answer).`;
  const inquiry = INQUIRY_BY_RECEIVER[value];
  if (inquiry) return `**Optum sandbox:** an inquiry to receiver ${value} is answered: ${outcomeWords(inquiry)}`;
  const submission = SUBMISSION_BY_CLEARINGHOUSE[SUBMISSION_ALIASES[value] ?? value];
  if (submission) return `**Optum sandbox:** a submission to clearinghouse ${value} is answered: ${outcomeWords(submission)}`;
  return undefined;
}
