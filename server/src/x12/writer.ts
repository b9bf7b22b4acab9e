// Writes X12 interchanges from segment arrays: fixed-width ISA, control numbers, and SE/GE/IEA counts computed.

import { ISA_WIDTHS } from './delimiters';

/** An element: a value, or components (a composite). */
export type ElementValue = string | readonly string[];
/** A segment: its ID followed by element values by position (index 1 = position 01). */
export type SegmentValues = readonly ElementValue[];

export interface WriteDelimiters {
  readonly element: string;
  readonly component: string;
  readonly repetition: string;
  readonly segment: string;
}

export const DEFAULT_DELIMITERS: WriteDelimiters = { element: '*', component: ':', repetition: '^', segment: '~' };

export interface InterchangeHeader {
  readonly senderQualifier?: string;
  readonly senderId: string;
  readonly receiverQualifier?: string;
  readonly receiverId: string;
  /** GS02/GS03; default to the ISA IDs without padding. */
  readonly groupSender?: string;
  readonly groupReceiver?: string;
  /** ISA13, digits; zero-padded to 9. */
  readonly controlNumber: string;
  /** GS06. */
  readonly groupControlNumber: string;
  readonly version: string;
  readonly usage?: 'P' | 'T';
  readonly date: Date;
}

export interface TransactionSet {
  /** ST02. */
  readonly controlNumber: string;
  /** Segments between ST and SE. */
  readonly body: readonly SegmentValues[];
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

export function ccyymmdd(d: Date): string {
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}`;
}

export function hhmm(d: Date): string {
  return `${two(d.getHours())}${two(d.getMinutes())}`;
}

/** One segment as text, trailing empty elements dropped, without its terminator. */
export function writeSegment(values: SegmentValues, d: WriteDelimiters = DEFAULT_DELIMITERS): string {
  const parts = values.map((v) => (typeof v === 'string' ? v : trimEnd(v).join(d.component)));
  let last = parts.length - 1;
  while (last > 0 && parts[last] === '') last--;
  return parts.slice(0, last + 1).join(d.element);
}

function trimEnd(values: readonly string[]): readonly string[] {
  let last = values.length - 1;
  while (last > 0 && values[last] === '') last--;
  return values.slice(0, last + 1);
}

export function isaSegment(h: InterchangeHeader, d: WriteDelimiters = DEFAULT_DELIMITERS): string {
  const d6 = ccyymmdd(h.date).slice(2);
  const fields = [
    '00', '', '00', '',
    h.senderQualifier ?? 'ZZ', h.senderId, h.receiverQualifier ?? 'ZZ', h.receiverId,
    d6, hhmm(h.date), d.repetition, '00501', h.controlNumber.padStart(9, '0').slice(-9), '0', h.usage ?? 'P', d.component,
  ];
  return 'ISA' + d.element + fields.map((f, i) => f.padEnd(ISA_WIDTHS[i], ' ').slice(0, ISA_WIDTHS[i])).join(d.element);
}

/**
 * A complete interchange with one functional group. `lineBreaks` puts one segment per line (the editor form);
 * without it the interchange is one line (the API form).
 */
export function writeInterchange(h: InterchangeHeader, sets: readonly TransactionSet[], options: { delimiters?: WriteDelimiters; lineBreaks?: boolean } = {}): string {
  const d = options.delimiters ?? DEFAULT_DELIMITERS;
  const isa13 = h.controlNumber.padStart(9, '0').slice(-9);
  const segments: string[] = [isaSegment(h, d)];
  segments.push(writeSegment(['GS', 'HI', h.groupSender ?? h.senderId.trim(), h.groupReceiver ?? h.receiverId.trim(), ccyymmdd(h.date), hhmm(h.date), h.groupControlNumber, 'X', h.version], d));
  for (const set of sets) {
    segments.push(writeSegment(['ST', '278', set.controlNumber, h.version], d));
    for (const seg of set.body) segments.push(writeSegment(seg, d));
    segments.push(writeSegment(['SE', String(set.body.length + 2), set.controlNumber], d));
  }
  segments.push(writeSegment(['GE', String(sets.length), h.groupControlNumber], d));
  segments.push(writeSegment(['IEA', '1', isa13], d));
  const sep = options.lineBreaks ? '\n' : '';
  return segments.map((s) => s + d.segment).join(sep) + sep;
}
