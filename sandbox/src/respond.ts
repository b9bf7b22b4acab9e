// Builds the 278 response the sandbox returns: envelope reversed, control numbers echoed, the request's parties and
// event carried over, then the canned decision (HCR with authorization number and certification dates) or an AAA
// rejection, where the response stops at the rejecting level.

import { ccyymmdd, composeInterchange, DEFAULT_DELIMITERS, hhmm, type SegmentValues, type WrittenInterchange } from '../../server/src/x12/writer';
import { PAYER_ENTITIES } from './requestFacts';
import type { Outcome } from './canned';
import type { RequestFacts, Values } from './requestFacts';

export interface ResponseOptions {
  readonly now: Date;
  /** Separate segments with line breaks (the editor form) instead of one line (Optum's form). */
  readonly lineBreaks?: boolean;
}

const CERTIFIED = new Set(['A1', 'A2', 'A6']);

function addDays(d: Date, days: number): Date {
  const copy = new Date(d.getTime());
  copy.setDate(copy.getDate() + days);
  return copy;
}

/** The request's NM1, or a stand-in, with NM101 forced into the response's allowed list. */
function party(values: Values | undefined, entities: readonly string[], fallback: Values): SegmentValues {
  if (!values) return fallback;
  const copy = [...values];
  if (!entities.includes(String(copy[1]))) copy[1] = entities[0];
  return copy.slice(0, 10);
}

function reviewSegment(um: Values | undefined): SegmentValues {
  // UM01 and UM02 are required in a response's 2000E; UM05 onward are not used there.
  const copy: Values = um ? [...um].slice(0, 5) : ['UM', 'HS', 'I'];
  if (!copy[2]) copy[2] = 'I';
  return copy;
}

function serviceDecision(outcome: Outcome, index: number): string {
  const code = outcome.decision!.code;
  // A2 (certified in part) is not a service-level code: the first line is certified, the rest are not.
  if (code === 'A2') return index === 0 ? 'A1' : 'A3';
  return code;
}

/**
 * The response interchange. Its delimiters are Optum's usual `* : ^ ~` unless a copied value holds one of them; then
 * the request's own (which its values cannot hold), else others. `wellFormed` is false when nothing fits.
 */
export function buildResponse(facts: RequestFacts, outcome: Outcome, options: ResponseOptions): WrittenInterchange {
  const now = options.now;
  const inquiry = facts.version === '005010X215';
  // A notice is acknowledged, not reviewed: no decision (HCR) and no certification dates; the receipt number goes in
  // REF*BB and MSG says it was received (the X216 acknowledgment carries no review outcome).
  const notice = facts.version === '005010X216';
  const body: SegmentValues[] = [];
  const reject = outcome.reject;
  const rejectAt = reject?.level;
  const aaa = reject ? ['AAA', 'N', '', reject.reason, reject.followUp] : [];
  const services = !reject && facts.services.length > 0 ? facts.services : [];

  body.push(inquiry
    ? ['BHT', '0007', '49', facts.submitterTransactionId || '0', ccyymmdd(now), hhmm(now), 'RD']
    : ['BHT', '0007', '11', facts.submitterTransactionId || '0', ccyymmdd(now), hhmm(now), '18']);

  let hl = 1;
  body.push(['HL', String(hl), '', '20', rejectAt === '2000A' ? '0' : '1']);
  if (rejectAt === '2000A') body.push(aaa);
  const umo = [...party(facts.umo, PAYER_ENTITIES, ['NM1', 'X3', '2', 'SANDBOX PAYER', '', '', '', '', 'PI', facts.payerId || 'SANDBOX'])];
  if (!['24', '34', '46', 'PI', 'XV'].includes(String(umo[8]))) umo[8] = 'PI';
  body.push(umo);
  if (rejectAt === '2000A') return write(facts, body, options);

  body.push(['HL', String(++hl), '1', '21', '1']);
  body.push(party(facts.requester, ['1P', 'FA'], ['NM1', '1P', '2', 'REQUESTING PROVIDER', '', '', '', '', 'XX', '1234567893']));

  const subscriberHl = ++hl;
  body.push(['HL', String(subscriberHl), '2', '22', rejectAt === '2010C' ? '0' : '1']);
  body.push(party(facts.subscriber, ['IL'], ['NM1', 'IL', '1', 'MEMBER', 'SANDBOX', '', '', '', 'MI', facts.memberId || 'UNKNOWN']));
  if (rejectAt === '2010C') {
    body.push(aaa);
    return write(facts, body, options);
  }
  if (facts.subscriberDemographics) body.push(facts.subscriberDemographics.slice(0, 4));

  let eventParent = subscriberHl;
  if (outcome.dependentPatient || facts.dependent) {
    eventParent = ++hl;
    body.push(['HL', String(eventParent), String(subscriberHl), '23', '1']);
    body.push(party(facts.dependent, ['QC'], ['NM1', 'QC', '1', 'MEMBER', 'DEPENDENT']).slice(0, 8));
    body.push(facts.dependentDemographics?.slice(0, 4) ?? ['DMG', 'D8', '20100101']);
  }

  const eventHl = ++hl;
  body.push(['HL', String(eventHl), String(eventParent), 'EV', services.length > 0 ? '1' : '0']);
  for (const trn of facts.eventTraces.slice(0, 2)) body.push(['TRN', '2', ...trn.slice(2, 5).map(String)]);
  if (rejectAt === '2000E') {
    body.push(aaa);
    body.push(reviewSegment(facts.eventReview));
    body.push(['MSG', outcome.message]);
    return write(facts, body, options);
  }
  body.push(reviewSegment(facts.eventReview));
  const decision = outcome.decision!;
  if (!notice) body.push(['HCR', decision.code, decision.authorization ?? '']);
  if (decision.authorization) body.push(['REF', 'BB', decision.authorization]);
  for (const dtp of facts.eventDates) if (dtp[1] === 'AAH' || dtp[1] === '435') body.push(dtp);
  if (CERTIFIED.has(decision.code) && !notice) {
    body.push(['DTP', '102', 'D8', ccyymmdd(now)]);
    body.push(['DTP', '036', 'D8', ccyymmdd(addDays(now, 180))]);
    body.push(['DTP', '007', 'RD8', `${ccyymmdd(now)}-${ccyymmdd(addDays(now, 180))}`]);
  }
  body.push(['MSG', outcome.message]);
  for (const provider of facts.providers) body.push(provider.slice(0, 10));

  services.forEach((service, i) => {
    body.push(['HL', String(++hl), String(eventHl), 'SS', '0']);
    if (service.um) body.push(service.um.slice(0, 5));
    const code = serviceDecision(outcome, i);
    if (!notice) body.push(['HCR', code, decision.authorization ?? '']);
    if (service.date) body.push(service.date);
    if (CERTIFIED.has(code) && !notice) body.push(['DTP', '102', 'D8', ccyymmdd(now)]);
    if (service.line) body.push(serviceLine(service.line));
  });
  return write(facts, body, options);
}

/** Service lines keep the procedure, amount, unit and quantity; diagnosis pointers (request only) are dropped. */
function serviceLine(line: Values): SegmentValues {
  if (line[0] === 'SV1') return line.slice(0, 5);
  if (line[0] === 'SV2') return line.slice(0, 7);
  return line.slice(0, 7);
}

/** A control number echoed from the request, or a stand-in when the request's is not a number. */
function digits(value: string, fallback: string): string {
  return /^\d{1,9}$/.test(value) ? value : fallback;
}

function write(facts: RequestFacts, body: SegmentValues[], options: ResponseOptions): WrittenInterchange {
  return composeInterchange(
    {
      senderQualifier: facts.receiverQualifier,
      senderId: facts.receiverId || 'SANDBOX',
      receiverQualifier: facts.senderQualifier,
      receiverId: facts.senderId || 'SUBMITTER',
      groupSender: facts.groupReceiver || facts.receiverId || 'SANDBOX',
      groupReceiver: facts.groupSender || facts.senderId || 'SUBMITTER',
      controlNumber: digits(facts.interchangeControlNumber, '1'),
      groupControlNumber: digits(facts.groupControlNumber, '1'),
      version: facts.version,
      usage: 'T',
      date: options.now,
    },
    [{ controlNumber: /^[A-Za-z0-9]{4,9}$/.test(facts.transactionControlNumber) ? facts.transactionControlNumber : '0001', body }],
    { lineBreaks: options.lineBreaks, preferred: facts.delimiters ? [DEFAULT_DELIMITERS, facts.delimiters] : [] },
  );
}
