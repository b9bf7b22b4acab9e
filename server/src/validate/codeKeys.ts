// Short codes (qualifiers, code values) as numbers, so an element can be matched against a code list in place:
// no string is sliced and no hash is computed for the few codes a position usually allows.

import type { SegmentTable } from '../x12/scanner';

/**
 * A code of up to three ASCII characters as a number, so a value can be looked up without slicing a string;
 * -1 for anything longer or non-ASCII.
 */
export function shortKey(text: string, start: number, end: number): number {
  const n = end - start;
  if (n < 1 || n > 3) return -1;
  let key = n;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return -1;
    key = (key << 7) | c;
  }
  return key;
}

/** The short key of element `pos` of segment `seg`; -1 when it is absent, empty or not a short code. */
export function elementKey(t: SegmentTable, seg: number, pos: number): number {
  const idx = t.segElem[seg] + pos;
  const next = t.segElem[seg + 1];
  if (idx >= next) return -1;
  const end = idx + 1 < next ? t.elemStart[idx + 1] - 1 : t.segEnd[seg];
  return shortKey(t.text, t.elemStart[idx], end);
}

const shortSets = new WeakMap<readonly string[], Int32Array | null>();

/** The codes as sorted numeric keys, when every one of them is short enough; null otherwise. */
export function shortCodeSet(codes: readonly string[]): Int32Array | null {
  let set = shortSets.get(codes);
  if (set === undefined) {
    const keys = codes.map((c) => shortKey(c, 0, c.length));
    set = keys.every((k) => k >= 0) ? Int32Array.from(new Set(keys)).sort() : null;
    shortSets.set(codes, set);
  }
  return set;
}

/** Whether sorted `keys` hold `key`: a scan for the usual handful of codes, a binary search for long lists. */
export function hasKey(keys: Int32Array, key: number): boolean {
  if (keys.length <= 16) {
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return true;
    return false;
  }
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] === key) return true;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

