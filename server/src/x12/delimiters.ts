// Finds an interchange's delimiters from its ISA segment, including ISAs whose padding was collapsed.

import type { Problem } from '../problems/problem';
import { CATALOG } from '../problems/catalog';

export interface Delimiters {
  /** Character codes. `repetition` is -1 when ISA11 is not a separator (e.g. a 4010 "U"). */
  readonly element: number;
  readonly component: number;
  readonly repetition: number;
  readonly segment: number;
}

export interface DelimiterResult {
  readonly delimiters?: Delimiters;
  /** Offset of the "ISA" that starts the interchange. */
  readonly isaStart: number;
  /** True when the ISA is laid out at its fixed widths. */
  readonly fixedWidth: boolean;
  readonly problems: Problem[];
}

/** Widths of ISA01…ISA16. With "ISA", 16 separators and the terminator they make 106 characters. */
export const ISA_WIDTHS: readonly number[] = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];
export const ISA_LENGTH = 106;

const NOT_FOUND: Omit<DelimiterResult, 'problems'> = { isaStart: -1, fixedWidth: false };

export function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;
}

function isAlphanumeric(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function problem(code: keyof typeof CATALOG, start: number, end: number, message: string): Problem {
  return { code, severity: CATALOG[code].severity, start, end, message };
}

/** Offset of the first character that is not a BOM or whitespace. */
export function skipLeadingWhitespace(text: string, from = 0): number {
  let i = from;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

function findIsa(text: string, from: number): number {
  let at = text.indexOf('ISA', from);
  while (at >= 0) {
    const next = text.charCodeAt(at + 3);
    const before = at === 0 ? NaN : text.charCodeAt(at - 1);
    if (!Number.isNaN(next) && !isAlphanumeric(next) && !isWhitespace(next) && !isAlphanumeric(before)) return at;
    at = text.indexOf('ISA', at + 3);
  }
  return -1;
}

/** Offsets of the 16 separators inside a fixed-width ISA, relative to the "ISA". */
function fixedSeparatorOffsets(): number[] {
  const offsets: number[] = [3];
  let at = 3;
  for (let i = 0; i < 15; i++) {
    at += ISA_WIDTHS[i] + 1;
    offsets.push(at);
  }
  return offsets;
}
const FIXED_SEPARATORS = fixedSeparatorOffsets();

function describe(c: number): string {
  if (c === 0x0a) return 'line feed';
  if (c === 0x0d) return 'carriage return';
  if (c === 0x20) return 'space';
  return `"${String.fromCharCode(c)}"`;
}

/** Text fields padded with spaces on the right; the control number with zeros on the left. */
const PAD_RIGHT = new Set([1, 3, 5, 7]);
const PAD_ZERO = 12;

/**
 * The ISA rebuilt at fixed widths (without its terminator), or undefined when a field is too long or a field whose
 * padding would be a guess (codes, date, time, version) has the wrong width.
 */
function padIsa(text: string, separators: readonly number[]): string | undefined {
  const sep = text.charAt(separators[0]);
  const fields: string[] = [];
  for (let i = 0; i < 16; i++) {
    const value = i < 15 ? text.slice(separators[i] + 1, separators[i + 1]) : text.charAt(separators[15] + 1);
    const width = ISA_WIDTHS[i];
    if (value.length === width) fields.push(value);
    else if (value.length > width) return undefined;
    else if (PAD_RIGHT.has(i)) fields.push(value.padEnd(width, ' '));
    else if (i === PAD_ZERO && /^\d+$/.test(value)) fields.push(value.padStart(width, '0'));
    else return undefined;
  }
  return 'ISA' + sep + fields.join(sep);
}

export function detectDelimiters(text: string): DelimiterResult {
  const problems: Problem[] = [];
  const begin = skipLeadingWhitespace(text);
  if (begin >= text.length) {
    problems.push(problem('not-x12', 0, 0, 'This is not an X12 interchange: the file is empty.'));
    return { ...NOT_FOUND, problems };
  }
  let isa = text.startsWith('ISA', begin) ? begin : findIsa(text, begin);
  if (isa < 0) {
    const lineEnd = /[\r\n]/.exec(text.slice(begin, begin + 4096));
    const end = lineEnd ? begin + lineEnd.index : Math.min(text.length, begin + 4096);
    problems.push(problem('not-x12', begin, Math.max(end, begin + 1), 'This is not an X12 interchange: no ISA segment found. A 278 file starts with "ISA".'));
    return { ...NOT_FOUND, problems };
  }
  if (isa > begin) {
    problems.push(problem('leading-content', begin, isa, 'Text before the ISA segment is not part of the interchange; the file should start with "ISA".'));
  }

  const element = text.charCodeAt(isa + 3);
  const fixedWidth = isa + ISA_LENGTH <= text.length && FIXED_SEPARATORS.every((o) => text.charCodeAt(isa + o) === element);
  let component: number;
  let segment: number;
  let repetitionAt: number;
  if (fixedWidth) {
    component = text.charCodeAt(isa + 104);
    segment = text.charCodeAt(isa + 105);
    repetitionAt = isa + 82;
  } else {
    // Collapsed padding: count separators instead of trusting widths.
    const separators: number[] = [isa + 3];
    const elementChar = String.fromCharCode(element);
    while (separators.length < 16) {
      const next = text.indexOf(elementChar, separators[separators.length - 1] + 1);
      if (next < 0) break;
      separators.push(next);
    }
    const last = separators[separators.length - 1];
    if (separators.length < 16 || last + 2 >= text.length) {
      problems.push(problem('not-x12', isa, Math.min(text.length, isa + ISA_LENGTH), 'This is not a complete X12 interchange: the ISA segment needs 16 elements followed by a segment terminator.'));
      return { ...NOT_FOUND, isaStart: isa, problems };
    }
    component = text.charCodeAt(last + 1);
    segment = text.charCodeAt(last + 2);
    repetitionAt = separators[10] + 1;
    const wrong: string[] = [];
    for (let i = 0; i < 15; i++) {
      const width = separators[i + 1] - separators[i] - 1;
      if (width !== ISA_WIDTHS[i]) wrong.push(`ISA${String(i + 1).padStart(2, '0')} has ${width}, expected ${ISA_WIDTHS[i]}`);
    }
    const isaEnd = last + 3;
    const padded = padIsa(text, separators);
    const layout = problem(
      'isa-layout',
      isa,
      isaEnd,
      `The ISA segment must be exactly ${ISA_LENGTH} characters with each field padded to its fixed width; this one is ${isaEnd - isa}` +
        (wrong.length ? ` (${wrong.join('; ')}).` : '.') +
        ' Delimiters were found by counting separators.',
    );
    problems.push(padded ? { ...layout, fix: { title: 'Pad the ISA fields to their fixed widths', start: isa, end: last + 2, newText: padded } } : layout);
  }

  let repetition = text.charCodeAt(repetitionAt);
  if (isAlphanumeric(repetition) || isWhitespace(repetition)) repetition = -1;

  const named: [string, number][] = [
    ['element separator', element],
    ['component separator (ISA16)', component],
    ['segment terminator', segment],
  ];
  if (repetition >= 0) named.push(['repetition separator (ISA11)', repetition]);
  for (let i = 0; i < named.length; i++) {
    const [name, c] = named[i];
    if (isAlphanumeric(c) || (c === 0x20 && name !== 'segment terminator')) {
      problems.push(problem('delimiters-clash', isa, isa + 3, `The ${name} is ${describe(c)}; delimiters must not be letters, digits or spaces.`));
      return { ...NOT_FOUND, isaStart: isa, problems };
    }
    for (let j = 0; j < i; j++) {
      if (named[j][1] === c) {
        problems.push(problem('delimiters-clash', isa, isa + 3, `The ${named[j][0]} and the ${name} are both ${describe(c)}; each delimiter must be a different character.`));
        return { ...NOT_FOUND, isaStart: isa, problems };
      }
    }
  }
  return { delimiters: { element, component, repetition, segment }, isaStart: isa, fixedWidth, problems };
}
