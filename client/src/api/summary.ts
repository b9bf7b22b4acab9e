// Reads a 278 response for a person: the decision per patient event and service line (in words, with authorization
// numbers and certification dates) or the rejections (reason and next step). Uses only the scanner, so the VS Code
// client bundle stays small.

import { scan } from '../../../server/src/x12/scanner';
import { elementValue } from '../../../server/src/x12/segments';
import { FOLLOW_UP_WORDS, HCR_DECISION_WORDS, REJECT_REASON_NAMES } from '../../../server/src/guide/responseCodes';
import { ownEntriesOnly } from '../../../server/src/guide/ownEntries';

export interface Decision {
  readonly level: 'event' | 'service';
  readonly code: string;
  readonly words: string;
  readonly authorization?: string;
  readonly issued?: string;
  readonly effective?: string;
  readonly expires?: string;
  /** For a service line: its procedure (SV1-1/SV2-2/SV3-1). */
  readonly service?: string;
  /** The payer's free-form message in the loop (MSG01), if any. */
  readonly message?: string;
}

export interface Rejection {
  readonly where: string;
  readonly reason: string;
  readonly reasonWords: string;
  readonly followUp: string;
  readonly followUpWords: string;
}

/**
 * What the response says, for a badge: the review decision (HCR01 of the patient event), a rejection (any AAA), or,
 * for the answer to a notice of admission (an X216 response), that the notice was received. 'none' when the response
 * carries neither a decision nor a rejection.
 */
export type ResponseOutcome =
  | 'certified' | 'partly-certified' | 'modified' | 'denied' | 'pended' | 'cancelled' | 'contact-payer' | 'no-action'
  | 'notification-received' | 'rejected' | 'none';

const OUTCOME_BY_HCR: Readonly<Record<string, ResponseOutcome>> = ownEntriesOnly({
  A1: 'certified', A2: 'partly-certified', A3: 'denied', A4: 'pended', A6: 'modified', C: 'cancelled', CT: 'contact-payer', NA: 'no-action',
});

/** The outcome a review decision code (HCR01, or a PAS item's X12 code) stands for. */
export function outcomeOfDecision(code: string | undefined): ResponseOutcome {
  return (code && OUTCOME_BY_HCR[code]) || 'none';
}

export interface ResponseSummary {
  /** The guide the response answers (ST03 or GS08), e.g. 005010X216 for a notice of admission. */
  readonly guide?: string;
  readonly decisions: Decision[];
  readonly rejections: Rejection[];
  readonly outcome: ResponseOutcome;
  /**
   * True for the answer to a notice of admission (ST03/GS08 005010X216): its HCR acknowledges the notice (Optum's
   * acknowledgment carries HCR A1 and a receipt number), it does not certify anything.
   */
  readonly acknowledgesNotice: boolean;
  /** For an acknowledged notice: the payer's receipt number (REF*BB of the patient event, or HCR02 when present). */
  readonly receiptNumber?: string;
  /** One line a person reads at a glance, e.g. "Approved (certified in total) · A062583941". */
  readonly headline: string;
}

const LEVEL_NAMES: Record<string, string> = ownEntriesOnly({ '20': 'UMO', '21': 'requester', '22': 'subscriber', '23': 'dependent', EV: 'patient event', SS: 'service line' });

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function summarizeResponse(x12: string): ResponseSummary {
  const { table: t } = scan(x12);
  const decisions: Decision[] = [];
  const rejections: Rejection[] = [];
  let version = '';
  let eventReference: string | undefined;
  let level = '';
  let inNameLoop = false;
  let current: { level: 'event' | 'service'; code: string; authorization?: string; dates: Record<string, string>; service?: string; message?: string } | undefined;
  const flush = () => {
    if (!current) return;
    decisions.push({
      level: current.level,
      code: current.code,
      words: HCR_DECISION_WORDS[current.code] ?? `decision ${current.code}`,
      authorization: current.authorization,
      issued: current.dates['102'],
      effective: current.dates['007'],
      expires: current.dates['036'],
      service: current.service,
      message: current.message,
    });
    current = undefined;
  };
  for (let s = 0; s < t.segmentCount; s++) {
    const id = t.ids[s];
    const v = (pos: number) => elementValue(t, s, pos);
    if (id === 'GS' && !version) version = v(8);
    else if (id === 'ST') version = v(3) || version;
    else if (id === 'HL') {
      flush();
      level = v(3);
      inNameLoop = false;
    } else if (id === 'NM1') {
      inNameLoop = true;
    } else if (id === 'HCR' && (level === 'EV' || level === 'SS')) {
      current = { level: level === 'EV' ? 'event' : 'service', code: v(1), authorization: v(2) || undefined, dates: {} };
    } else if (id === 'REF' && level === 'EV' && !inNameLoop && v(1) === 'BB') {
      eventReference ??= v(2) || undefined;
    } else if (id === 'DTP' && current && !inNameLoop) {
      current.dates[v(1)] = v(3);
    } else if (id === 'MSG' && current && !inNameLoop) {
      current.message = v(1) || undefined;
    } else if ((id === 'SV1' || id === 'SV3' || id === 'SV2') && current) {
      const element = id === 'SV2' ? v(2) || v(1) : v(1);
      current.service = element.replace(/[:>]/g, ' ').trim();
    } else if (id === 'AAA' && v(1) === 'N') {
      const where = `${LEVEL_NAMES[level] ?? 'response'}${inNameLoop ? ' name' : ''}`;
      rejections.push({
        where,
        reason: v(3),
        reasonWords: REJECT_REASON_NAMES[v(3)] ?? `reject reason ${v(3)}`,
        followUp: v(4),
        followUpWords: FOLLOW_UP_WORDS[v(4)] ?? `follow-up ${v(4)}`,
      });
    }
  }
  flush();
  const acknowledgesNotice = version === '005010X216';
  if (acknowledgesNotice) for (const [i, d] of decisions.entries()) decisions[i] = { ...d, words: NOTICE_RECEIVED };
  const event = decisions.find((d) => d.level === 'event') ?? decisions[0];
  if (acknowledgesNotice) {
    // An acknowledgment without AAA says the notice was received, with or without an HCR (Optum's example has one).
    const receiptNumber = event?.authorization ?? eventReference;
    const outcome: ResponseOutcome = rejections.length > 0 ? 'rejected' : 'notification-received';
    const line = rejections.length > 0 ? headline(event, rejections) : `Notification received${receiptNumber ? ` · ${receiptNumber}` : ''}`;
    return { guide: version, decisions, rejections, outcome, acknowledgesNotice, receiptNumber, headline: line };
  }
  const outcome: ResponseOutcome = rejections.length > 0 ? 'rejected' : outcomeOfDecision(event?.code);
  return { guide: version, decisions, rejections, outcome, acknowledgesNotice, headline: headline(event, rejections) };
}

const NOTICE_RECEIVED = 'notification received';

function headline(event: Decision | undefined, rejections: readonly Rejection[]): string {
  if (rejections.length > 0) {
    const r = rejections[0];
    return `Rejected (${r.where}): ${r.reason} ${r.reasonWords}; ${r.followUpWords}`;
  }
  if (!event) return 'No decision or rejection in the response';
  return `${capital(event.words)}${event.authorization ? ` · ${event.authorization}` : ''}`;
}

/** The summary as lines of text, for logs, the CLI and the response view. */
export function summaryLines(summary: ResponseSummary): string[] {
  const lines = [summary.headline];
  for (const d of summary.decisions) {
    const dates = [d.issued && `issued ${d.issued}`, d.effective && `effective ${d.effective}`, d.expires && `expires ${d.expires}`].filter(Boolean).join(', ');
    lines.push(`${d.level === 'event' ? 'Patient event' : `Service ${d.service ?? ''}`.trim()}: ${d.code} ${d.words}${d.authorization ? `, auth ${d.authorization}` : ''}${dates ? ` (${dates})` : ''}`);
  }
  for (const r of summary.rejections) lines.push(`Rejected at ${r.where}: ${r.reason} ${r.reasonWords}; next step: ${r.followUp} ${r.followUpWords}`);
  return lines;
}
