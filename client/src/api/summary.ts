// Reads a 278 response for a person: the decision per patient event and service line (in words, with authorization
// numbers and certification dates) or the rejections (reason and next step). Uses only the scanner, so the VS Code
// client bundle stays small.

import { scan } from '../../../server/src/x12/scanner';
import { elementValue } from '../../../server/src/x12/segments';
import { FOLLOW_UP_WORDS, HCR_DECISION_WORDS, REJECT_REASON_NAMES } from '../../../server/src/guide/responseCodes';

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

export interface ResponseSummary {
  /** The guide the response answers (ST03 or GS08), e.g. 005010X216 for a notice of admission. */
  readonly guide?: string;
  readonly decisions: Decision[];
  readonly rejections: Rejection[];
  /** One line a person reads at a glance, e.g. "Approved (certified in total) · A062583941". */
  readonly headline: string;
}

const LEVEL_NAMES: Record<string, string> = { '20': 'UMO', '21': 'requester', '22': 'subscriber', '23': 'dependent', EV: 'patient event', SS: 'service line' };

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function summarizeResponse(x12: string): ResponseSummary {
  const { table: t } = scan(x12);
  const decisions: Decision[] = [];
  const rejections: Rejection[] = [];
  let level = '';
  let inNameLoop = false;
  let guide = '';
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
    if (id === 'GS' && !guide) guide = v(8);
    else if (id === 'ST' && v(3)) guide = v(3);
    if (id === 'HL') {
      flush();
      level = v(3);
      inNameLoop = false;
    } else if (id === 'NM1') {
      inNameLoop = true;
    } else if (id === 'HCR' && (level === 'EV' || level === 'SS')) {
      current = { level: level === 'EV' ? 'event' : 'service', code: v(1), authorization: v(2) || undefined, dates: {} };
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
  return { guide, decisions, rejections, headline: headline(decisions, rejections, guide) };
}

/** A notice of admission (X216) is acknowledged, not certified: the payer's "certified" there means "received". */
export function isNoticeAcknowledgement(guide: string | undefined, code: string): boolean {
  return guide === NOTICE_GUIDE && (code === 'A1' || code === 'NA');
}

const NOTICE_GUIDE = '005010X216';

function headline(decisions: readonly Decision[], rejections: readonly Rejection[], guide: string): string {
  if (rejections.length > 0) {
    const r = rejections[0];
    return `Rejected (${r.where}): ${r.reason} ${r.reasonWords}; ${r.followUpWords}`;
  }
  const event = decisions.find((d) => d.level === 'event') ?? decisions[0];
  if (!event) return 'No decision or rejection in the response';
  if (isNoticeAcknowledgement(guide, event.code)) return `Notification received${event.authorization ? ` · ${event.authorization}` : ''}`;
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
