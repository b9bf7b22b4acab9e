// Values are checked in place, as ranges of the document's text, and codes as numeric keys: the in-place checks must
// agree with independent references wherever the range sits in the text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkDate, checkDateAt, checkDateRange, checkDateRangeAt, checkTime, checkTimeAt } from '../../server/src/validate/values';
import { hasKey, shortCodeSet, shortKey } from '../../server/src/validate/codeKeys';

/** A CCYYMMDD string is a real date when the calendar gives back the same year, month and day. */
function isRealDate(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const [y, m, d] = [Number(value.slice(0, 4)), Number(value.slice(4, 6)), Number(value.slice(6, 8))];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return m >= 1 && m <= 12 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const context = fc.string({ maxLength: 12 });

test('a CCYYMMDD date is accepted exactly when the calendar has it', () => {
  fc.assert(fc.property(fc.oneof(digits(8), fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''))), (value) => {
    assert.equal(checkDate(value) === undefined, isRealDate(value), value);
  }), { seed: 1701, numRuns: 100 });
  assert.equal(checkDate('20240229'), undefined);
  assert.match(checkDate('20230229')!, /day 29 does not exist/);
  assert.match(checkDate('20241301')!, /month 13/);
  assert.match(checkDate('2024-1-01')!, /8 digits/);
});

test('dates, ranges and times give the same answer in place, wherever they sit in the text', () => {
  const value = fc.oneof(digits(8), digits(6), digits(4), digits(17), fc.tuple(digits(8), digits(8)).map(([a, b]) => `${a}-${b}`), fc.string({ maxLength: 18 }));
  fc.assert(fc.property(context, value, context, (before, v, after) => {
    const text = before + v + after;
    const from = before.length;
    const to = from + v.length;
    assert.deepEqual(checkDateAt(text, from, to), checkDate(v));
    assert.deepEqual(checkDateAt(text, from, to, true), checkDate(v, true));
    assert.deepEqual(checkDateRangeAt(text, from, to), checkDateRange(v));
    assert.deepEqual(checkTimeAt(text, from, to), checkTime(v));
  }), { seed: 1702, numRuns: 100 });
});

test('a date range needs two real dates, a dash between them and a start not after its end', () => {
  fc.assert(fc.property(digits(8), digits(8), (a, b) => {
    const result = checkDateRange(`${a}-${b}`);
    if (!isRealDate(a) || !isRealDate(b)) assert.equal(result?.kind, 'format');
    else if (a > b) assert.equal(result?.kind, 'order');
    else assert.equal(result, undefined);
  }), { seed: 1703, numRuns: 100 });
  assert.equal(checkDateRange('2024-01-01-2024')?.kind, 'format');
  assert.equal(checkDateRange('20240101 20240102')?.kind, 'format');
  assert.match(checkDateRange('20240102-20240101')!.reason, /ends \(20240101\) before it starts \(20240102\)/);
});

test('a time is HHMM, HHMMSS, HHMMSSD or HHMMSSDD with real hours, minutes and seconds', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (h, m, sec) => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const real = h <= 23 && m <= 59;
    assert.equal(checkTime(pad(h) + pad(m)) === undefined, real);
    assert.equal(checkTime(pad(h) + pad(m) + pad(sec)) === undefined, real && sec <= 59);
  }), { seed: 1704, numRuns: 100 });
  assert.match(checkTime('12')!, /expected HHMM/);
});

test('short codes map to distinct keys, and key lists answer like sets', () => {
  const code = fc.string({ minLength: 1, maxLength: 3 }).filter((c) => [...c].every((ch) => ch.charCodeAt(0) < 128));
  fc.assert(fc.property(code, code, (a, b) => {
    assert.equal(shortKey(a, 0, a.length) === shortKey(b, 0, b.length), a === b);
  }), { seed: 1705, numRuns: 100 });
  assert.equal(shortKey('ABCD', 0, 4), -1, 'longer than three characters');
  assert.equal(shortKey('', 0, 0), -1, 'empty');
  assert.equal(shortKey('é', 0, 1), -1, 'not ASCII');
  fc.assert(fc.property(fc.uniqueArray(code, { maxLength: 40 }), code, (codes, probe) => {
    const keys = shortCodeSet(codes)!;
    assert.equal(hasKey(keys, shortKey(probe, 0, probe.length)), codes.includes(probe));
    for (const c of codes) assert.ok(hasKey(keys, shortKey(c, 0, c.length)), c);
  }), { seed: 1706, numRuns: 100 });
  assert.equal(shortCodeSet(['AB', 'ABCD']), null, 'a long code means values are compared as text');
});
