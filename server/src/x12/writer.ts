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

/** Characters that can separate: printable ASCII punctuation, in the order they are tried after the usual set. */
const SEPARATOR_POOL = ['~', '*', ':', '^', '|', '>', '!', '`', '{', '}', '\\', '@', '#', '$', '%', '&', '+', '=', ';', '?', '<', '[', ']', '"', "'", '_', ',', '/', '(', ')', '.', '-'];

function charsOf(values: Iterable<ElementValue>, into: Set<string>): void {
  for (const v of values) {
    if (typeof v === 'string') for (const c of v) into.add(c);
    else for (const component of v) for (const c of component) into.add(c);
  }
}

function isUsable(d: WriteDelimiters, used: ReadonlySet<string>): boolean {
  const all = [d.element, d.component, d.repetition, d.segment];
  return new Set(all).size === 4 && all.every((c) => c.length === 1 && SEPARATOR_POOL.includes(c) && !used.has(c));
}

/**
 * Delimiters that occur in none of the values: the first usable set of `preferred`, else one built from unused
 * punctuation (each role keeps its usual character when it can), else undefined (X12 has no escape: nothing can be
 * written without breaking a value).
 */
export function chooseDelimiters(values: Iterable<ElementValue>, preferred: readonly WriteDelimiters[] = [DEFAULT_DELIMITERS]): WriteDelimiters | undefined {
  const used = new Set<string>();
  charsOf(values, used);
  for (const d of preferred) if (isUsable(d, used)) return d;
  const free = SEPARATOR_POOL.filter((c) => !used.has(c));
  const take = (usual: string): string | undefined => {
    const at = free.includes(usual) ? free.indexOf(usual) : 0;
    return free.splice(at, 1)[0];
  };
  const segment = take('~');
  const element = take('*');
  const component = take(':');
  const repetition = take('^');
  return segment && element && component && repetition ? { element, component, repetition, segment } : undefined;
}

export interface WrittenInterchange {
  readonly text: string;
  readonly delimiters: WriteDelimiters;
  /** False when no delimiters avoid every value: `text` then splits some value and must not be used. */
  readonly wellFormed: boolean;
}

function headerValues(h: InterchangeHeader): string[] {
  return [h.senderQualifier ?? 'ZZ', h.senderId, h.receiverQualifier ?? 'ZZ', h.receiverId, h.groupSender ?? '', h.groupReceiver ?? '', h.controlNumber, h.groupControlNumber, h.version];
}

/**
 * A complete interchange with one functional group, with delimiters that occur in no value (the given ones, or the
 * usual `* : ^ ~`, when they can). `lineBreaks` puts one segment per line (the editor form); without it the
 * interchange is one line (the API form).
 */
export function composeInterchange(
  h: InterchangeHeader,
  sets: readonly TransactionSet[],
  options: { delimiters?: WriteDelimiters; preferred?: readonly WriteDelimiters[]; lineBreaks?: boolean } = {},
): WrittenInterchange {
  const values: ElementValue[] = headerValues(h);
  for (const set of sets) {
    values.push(set.controlNumber);
    for (const seg of set.body) values.push(...seg);
  }
  const preferred = [...(options.delimiters ? [options.delimiters] : []), ...(options.preferred ?? []), DEFAULT_DELIMITERS];
  const chosen = chooseDelimiters(values, preferred);
  const d = chosen ?? preferred[0];
  return { text: writeWith(h, sets, d, options.lineBreaks), delimiters: d, wellFormed: chosen !== undefined };
}

/** composeInterchange's text, for values the caller wrote itself (use composeInterchange for values from outside). */
export function writeInterchange(h: InterchangeHeader, sets: readonly TransactionSet[], options: { delimiters?: WriteDelimiters; lineBreaks?: boolean } = {}): string {
  return composeInterchange(h, sets, options).text;
}

function writeWith(h: InterchangeHeader, sets: readonly TransactionSet[], d: WriteDelimiters, lineBreaks: boolean | undefined): string {
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
  const sep = lineBreaks ? '\n' : '';
  return segments.map((s) => s + d.segment).join(sep) + sep;
}
