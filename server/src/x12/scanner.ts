// Splits X12 text into segments and elements in one linear pass, recording offsets only.
// Values are sliced from the text on demand, so a 25 MB batch costs a few flat integer arrays, not millions of strings.

import type { Problem } from '../problems/problem';
import { CATALOG } from '../problems/catalog';
import { detectDelimiters, isWhitespace, type Delimiters } from './delimiters';

/**
 * Segments of a document as parallel arrays. Segment i spans [segStart[i], segEnd[i]) without its terminator.
 * Its elements are elemStart[segElem[i]] … elemStart[segElem[i + 1] - 1]; element 0 is the segment ID, element p is
 * position p (NM101 is p = 1). segElem has segmentCount + 1 entries.
 */
export interface SegmentTable {
  readonly text: string;
  readonly delimiters: Delimiters | undefined;
  readonly segmentCount: number;
  readonly segStart: Int32Array;
  readonly segEnd: Int32Array;
  readonly segElem: Int32Array;
  readonly elemStart: Int32Array;
  /** Segment IDs, interned (equal IDs are the same string). */
  readonly ids: readonly string[];
}

export interface ScanResult {
  readonly table: SegmentTable;
  readonly problems: Problem[];
}

class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  done(): Int32Array {
    return this.data.length - this.length > 1024 ? this.data.slice(0, this.length) : this.data.subarray(0, this.length);
  }
}

const EMPTY = new Int32Array(0);
const ID_CACHE = new Map<string, string>();

function intern(id: string): string {
  const known = ID_CACHE.get(id);
  if (known !== undefined) return known;
  if (ID_CACHE.size < 4096) ID_CACHE.set(id, id);
  return id;
}

export function emptyTable(text: string, delimiters?: Delimiters): SegmentTable {
  return { text, delimiters, segmentCount: 0, segStart: EMPTY, segEnd: EMPTY, segElem: new Int32Array(1), elemStart: EMPTY, ids: [] };
}

/** Scans a whole document. Never throws; always linear in the text length. */
export function scan(text: string): ScanResult {
  const found = detectDelimiters(text);
  const problems = found.problems;
  if (!found.delimiters) return { table: emptyTable(text), problems };
  const table = scanSegments(text, found.delimiters, found.isaStart, text.length, problems);
  return { table, problems };
}

/**
 * Scans [from, to) of `text` into a segment table. Whitespace between segments is skipped; when the terminator is a
 * line feed, a carriage return before it is not part of the data.
 */
export function scanSegments(text: string, delimiters: Delimiters, from: number, to: number, problems: Problem[]): SegmentTable {
  const es = delimiters.element;
  const ts = delimiters.segment;
  const trimCr = ts === 0x0a;
  const estimate = (to - from) >> 4;
  const segStart = new IntList(estimate);
  const segEnd = new IntList(estimate);
  const segElem = new IntList(estimate + 1);
  const elemStart = new IntList(estimate * 5);
  const ids: string[] = [];

  let i = from;
  while (i < to) {
    let c = text.charCodeAt(i);
    if (c !== ts && isWhitespace(c)) {
      i++;
      continue;
    }
    if (c === ts) {
      problems.push({ code: 'empty-segment', severity: CATALOG['empty-segment'].severity, start: i, end: i + 1, message: 'Empty segment: two segment terminators with nothing between them.' });
      i++;
      continue;
    }
    const start = i;
    segStart.push(start);
    segElem.push(elemStart.length);
    elemStart.push(start);
    let idEnd = -1;
    while (i < to) {
      c = text.charCodeAt(i);
      if (c === es) {
        if (idEnd < 0) idEnd = i;
        elemStart.push(i + 1);
      } else if (c === ts) {
        break;
      }
      i++;
    }
    let end = i;
    if (trimCr && end > start && text.charCodeAt(end - 1) === 0x0d) end--;
    if (idEnd < 0) idEnd = end;
    segEnd.push(end);
    ids.push(intern(text.slice(start, idEnd)));
    if (i >= to) {
      if (i === text.length) {
        problems.push({ code: 'missing-terminator', severity: CATALOG['missing-terminator'].severity, start: end, end, message: `The last segment has no segment terminator; end it with "${String.fromCharCode(ts)}".` });
      }
      break;
    }
    i++; // past the terminator
  }
  segElem.push(elemStart.length);
  return {
    text,
    delimiters,
    segmentCount: ids.length,
    segStart: segStart.done(),
    segEnd: segEnd.done(),
    segElem: segElem.done(),
    elemStart: elemStart.done(),
    ids,
  };
}
