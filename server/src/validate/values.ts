// Checks of single X12 values by data type. Each returns undefined when the value is fine, or a short reason.
// Values are read in place, as [from, to) of the document's text, so a clean value costs no string; a string is
// checked as the range [0, length) of itself.

function digitsOnly(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function twoDigits(s: string, at: number): number {
  return (s.charCodeAt(at) - 0x30) * 10 + (s.charCodeAt(at + 1) - 0x30);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** CCYYMMDD (or YYMMDD when `short`) at [from, to) of `s`. */
export function checkDateAt(s: string, from: number, to: number, short = false): string | undefined {
  const width = short ? 6 : 8;
  if (to - from !== width || !digitsOnly(s, from, to)) return `expected ${short ? 'YYMMDD' : 'CCYYMMDD'} (${width} digits)`;
  const year = short ? 2000 + twoDigits(s, from) : twoDigits(s, from) * 100 + twoDigits(s, from + 2);
  const month = twoDigits(s, to - 4);
  const day = twoDigits(s, to - 2);
  if (month < 1 || month > 12) return `month ${String(month).padStart(2, '0')} does not exist`;
  if (day < 1 || day > daysIn(year, month)) return `day ${String(day).padStart(2, '0')} does not exist in ${year}-${String(month).padStart(2, '0')}`;
  return undefined;
}

export function checkDate(value: string, short = false): string | undefined {
  return checkDateAt(value, 0, value.length, short);
}

/** CCYYMMDD-CCYYMMDD at [from, to) of `s`, with start not after end; `kind` tells which way it failed. */
export function checkDateRangeAt(s: string, from: number, to: number): { reason: string; kind: 'format' | 'order' } | undefined {
  if (to - from !== 17 || s.indexOf('-', from) !== from + 8) return { reason: 'expected CCYYMMDD-CCYYMMDD', kind: 'format' };
  const bad = checkDateAt(s, from, from + 8) ?? checkDateAt(s, from + 9, to);
  if (bad) return { reason: bad, kind: 'format' };
  // Both halves are eight digits, so comparing character by character compares the dates.
  for (let i = 0; i < 8; i++) {
    const a = s.charCodeAt(from + i);
    const b = s.charCodeAt(from + 9 + i);
    if (a < b) return undefined;
    if (a > b) return { reason: `the range ends (${s.slice(from + 9, to)}) before it starts (${s.slice(from, from + 8)})`, kind: 'order' };
  }
  return undefined;
}

export function checkDateRange(value: string): { reason: string; kind: 'format' | 'order' } | undefined {
  return checkDateRangeAt(value, 0, value.length);
}

/** HHMM, HHMMSS, HHMMSSD or HHMMSSDD at [from, to) of `s`. */
export function checkTimeAt(s: string, from: number, to: number): string | undefined {
  const n = to - from;
  if ((n !== 4 && n !== 6 && n !== 7 && n !== 8) || !digitsOnly(s, from, to)) return 'expected HHMM, HHMMSS, HHMMSSD or HHMMSSDD';
  if (twoDigits(s, from) > 23) return `hour ${s.slice(from, from + 2)} does not exist`;
  if (twoDigits(s, from + 2) > 59) return `minute ${s.slice(from + 2, from + 4)} does not exist`;
  if (n >= 6 && twoDigits(s, from + 4) > 59) return `second ${s.slice(from + 4, from + 6)} does not exist`;
  return undefined;
}

export function checkTime(value: string): string | undefined {
  return checkTimeAt(value, 0, value.length);
}

/** Length of a numeric value as X12 counts it: sign and decimal point do not count. */
export function numericLength(value: string): number {
  let n = value.length;
  if (value.charCodeAt(0) === 0x2d) n--;
  if (value.includes('.')) n--;
  return n;
}

/** N0/Nn: optional minus, digits only. */
export function checkInteger(value: string): string | undefined {
  const from = value.charCodeAt(0) === 0x2d ? 1 : 0;
  return digitsOnly(value, from, value.length) ? undefined : 'expected digits only';
}

/** R: optional minus, digits with at most one decimal point. */
export function checkDecimal(value: string): string | undefined {
  const from = value.charCodeAt(0) === 0x2d ? 1 : 0;
  const dot = value.indexOf('.', from);
  if (dot < 0) return digitsOnly(value, from, value.length) ? undefined : 'expected a decimal number';
  if (value.indexOf('.', dot + 1) >= 0) return 'expected a decimal number with one decimal point at most';
  const intOk = dot === from || digitsOnly(value, from, dot);
  const fracOk = dot === value.length - 1 || digitsOnly(value, dot + 1, value.length);
  return intOk && fracOk && value.length - from > 1 ? undefined : 'expected a decimal number';
}
