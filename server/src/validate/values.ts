// Checks of single X12 values by data type. Each returns undefined when the value is fine, or a short reason.

function digitsOnly(s: string, from = 0, to = s.length): boolean {
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

/** CCYYMMDD (or YYMMDD when `short`). */
export function checkDate(value: string, short = false): string | undefined {
  const width = short ? 6 : 8;
  if (value.length !== width || !digitsOnly(value)) return `expected ${short ? 'YYMMDD' : 'CCYYMMDD'} (${width} digits)`;
  const year = short ? 2000 + twoDigits(value, 0) : twoDigits(value, 0) * 100 + twoDigits(value, 2);
  const month = twoDigits(value, width - 4);
  const day = twoDigits(value, width - 2);
  if (month < 1 || month > 12) return `month ${String(month).padStart(2, '0')} does not exist`;
  if (day < 1 || day > daysIn(year, month)) return `day ${String(day).padStart(2, '0')} does not exist in ${year}-${String(month).padStart(2, '0')}`;
  return undefined;
}

/** CCYYMMDD-CCYYMMDD with start not after end. `which` tells the caller which side failed. */
export function checkDateRange(value: string): { reason: string; kind: 'format' | 'order' } | undefined {
  const dash = value.indexOf('-');
  if (dash !== 8 || value.length !== 17) return { reason: 'expected CCYYMMDD-CCYYMMDD', kind: 'format' };
  const from = value.slice(0, 8);
  const to = value.slice(9);
  const bad = checkDate(from) ?? checkDate(to);
  if (bad) return { reason: bad, kind: 'format' };
  if (from > to) return { reason: `the range ends (${to}) before it starts (${from})`, kind: 'order' };
  return undefined;
}

/** HHMM, HHMMSS, HHMMSSD or HHMMSSDD. */
export function checkTime(value: string): string | undefined {
  const n = value.length;
  if ((n !== 4 && n !== 6 && n !== 7 && n !== 8) || !digitsOnly(value)) return 'expected HHMM, HHMMSS, HHMMSSD or HHMMSSDD';
  if (twoDigits(value, 0) > 23) return `hour ${value.slice(0, 2)} does not exist`;
  if (twoDigits(value, 2) > 59) return `minute ${value.slice(2, 4)} does not exist`;
  if (n >= 6 && twoDigits(value, 4) > 59) return `second ${value.slice(4, 6)} does not exist`;
  return undefined;
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
  return digitsOnly(value, from) ? undefined : 'expected digits only';
}

/** R: optional minus, digits with at most one decimal point. */
export function checkDecimal(value: string): string | undefined {
  const from = value.charCodeAt(0) === 0x2d ? 1 : 0;
  const dot = value.indexOf('.', from);
  if (dot < 0) return digitsOnly(value, from) ? undefined : 'expected a decimal number';
  if (value.indexOf('.', dot + 1) >= 0) return 'expected a decimal number with one decimal point at most';
  const intOk = dot === from || digitsOnly(value, from, dot);
  const fracOk = dot === value.length - 1 || digitsOnly(value, dot + 1);
  return intOk && fracOk && value.length - from > 1 ? undefined : 'expected a decimal number';
}
