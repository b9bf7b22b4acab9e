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
  /** Per segment: bit 1 set when it contains the repetition separator (most never do, so rules can skip looking). */
  readonly segFlags: Uint8Array;
  /** Segment IDs, interned (equal IDs are the same string). */
  readonly ids: readonly string[];
  /** Per segment: a small number standing for its ID (see segmentType), for array lookups instead of map lookups. */
  readonly types: Uint16Array;
}

/**
 * Segment ID ↔ small number, shared by the whole process; IDs beyond the table's capacity share type 0, and so do
 * IDs longer than any X12 segment ID: a "segment" without element separators counts whole as its ID, and keeping
 * such IDs would let every edit inside a megabyte-long one keep another copy for the life of the process.
 */
const TYPE_OF = new Map<string, number>();
const ID_OF: string[] = [''];
const MAX_TYPES = 4096;
/** X12 segment IDs have two or three characters; a little room for typos. */
export const MAX_TYPED_ID_LENGTH = 8;

/** The number standing for a segment ID (0 for IDs past capacity or too long, which never match a guide). */
export function segmentType(id: string): number {
  let type = TYPE_OF.get(id);
  if (type === undefined) {
    if (ID_OF.length >= MAX_TYPES || id.length > MAX_TYPED_ID_LENGTH) return 0;
    type = ID_OF.length;
    ID_OF.push(id);
    TYPE_OF.set(id, type);
  }
  return type;
}

export const HAS_REPETITION = 1;

export interface ScanResult {
  readonly table: SegmentTable;
  readonly problems: Problem[];
}

class ByteList {
  data: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Uint8Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint8Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  done(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}

/** The first `length` entries: a view when the spare room is under a quarter, else a copy that lets the rest go. */
function trimmed(data: Int32Array, length: number): Int32Array {
  return data.length - length > (length >> 2) + 1024 ? data.slice(0, length) : data.subarray(0, length);
}

function grow(data: Int32Array, atLeast: number): Int32Array {
  // Growth doubles, so a document's elements are copied a logarithmic number of times.
  const bigger = new Int32Array(Math.max(atLeast, data.length * 2));
  bigger.set(data);
  return bigger;
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
    return trimmed(this.data, this.length);
  }
}

const EMPTY = new Int32Array(0);
/**
 * Types of segment IDs of two or three ASCII characters, indexed by their character codes (7 bits each), so most
 * segments cost one array load: no slice, no map lookup. 0 = not seen yet. Allocated on the first scan.
 */
let shortTypes: Uint16Array | undefined;

/** The type of the segment ID at [start, end) of `text`; `ID_OF[type]` is the ID itself (type 0: see `slowId`). */
function typeAt(text: string, start: number, end: number): number {
  const length = end - start;
  if (length >= 2 && length <= 3) {
    const a = text.charCodeAt(start);
    const b = text.charCodeAt(start + 1);
    const c = length === 3 ? text.charCodeAt(start + 2) : 0;
    // A third character NUL would read like a two-character ID; such text takes the slow path.
    if (a < 128 && b < 128 && c < 128 && (length === 2 || c !== 0)) {
      const key = (a << 14) | (b << 7) | c;
      const table = (shortTypes ??= new Uint16Array(1 << 21));
      const known = table[key];
      if (known !== 0) return known;
      const type = segmentType(text.slice(start, end));
      table[key] = type;
      return type;
    }
  }
  return length > MAX_TYPED_ID_LENGTH ? 0 : segmentType(text.slice(start, end));
}

export function emptyTable(text: string, delimiters?: Delimiters): SegmentTable {
  return { text, delimiters, segmentCount: 0, segStart: EMPTY, segEnd: EMPTY, segElem: new Int32Array(1), elemStart: EMPTY, segFlags: new Uint8Array(0), ids: [], types: new Uint16Array(0) };
}

/** Character classes for the scanning loop: 0 = data, so the common case is one table load and one comparison. */
const DATA = 0;
const ELEMENT = 1;
const TERMINATOR = 2;
const REPETITION = 3;

function classTable(d: Delimiters): Uint8Array {
  const table = new Uint8Array(65536);
  if (d.repetition >= 0) table[d.repetition] = REPETITION;
  table[d.element] = ELEMENT;
  table[d.segment] = TERMINATOR;
  return table;
}

const tables = new Map<string, Uint8Array>();

function classesFor(d: Delimiters): Uint8Array {
  const key = `${d.element},${d.segment},${d.repetition}`;
  let table = tables.get(key);
  if (!table) {
    table = classTable(d);
    if (tables.size < 16) tables.set(key, table);
  }
  return table;
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
  const ts = delimiters.segment;
  const classes = classesFor(delimiters);
  const trimCr = ts === 0x0a;
  const estimate = (to - from) >> 4;
  const segStart = new IntList(estimate);
  const segEnd = new IntList(estimate);
  const segElem = new IntList(estimate + 1);
  let elems: Int32Array = new Int32Array(Math.max(64, estimate * 6));
  let elemCount = 0;
  const flags = new ByteList(estimate);
  let count = 0;
  let types = new Uint16Array(Math.max(16, estimate));
  // IDs past the type table's capacity (type 0), by segment index; almost always empty.
  let slowIds: Map<number, string> | undefined;

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
    segElem.push(elemCount);
    if (elemCount === elems.length) elems = grow(elems, elemCount + 4096);
    elems[elemCount++] = start;
    let idEnd = -1;
    let flag = 0;
    while (i < to) {
      const kind = classes[text.charCodeAt(i)];
      if (kind !== DATA) {
        if (kind === ELEMENT) {
          if (idEnd < 0) idEnd = i;
          if (elemCount === elems.length) elems = grow(elems, elemCount + 4096);
          elems[elemCount++] = i + 1;
        } else if (kind === TERMINATOR) {
          break;
        } else {
          flag = HAS_REPETITION;
        }
      }
      i++;
    }
    let end = i;
    if (trimCr && end > start && text.charCodeAt(end - 1) === 0x0d) end--;
    if (idEnd < 0) idEnd = end;
    segEnd.push(end);
    flags.push(flag);
    const type = typeAt(text, start, idEnd);
    // Type 0 stands for every ID past the type table's capacity, so those IDs are sliced one by one.
    if (type === 0) (slowIds ??= new Map()).set(count, text.slice(start, idEnd));
    if (count === types.length) {
      const bigger = new Uint16Array(types.length * 2);
      bigger.set(types);
      types = bigger;
    }
    types[count++] = type;
    if (i >= to) {
      if (i === text.length) {
        problems.push({ code: 'missing-terminator', severity: CATALOG['missing-terminator'].severity, start: end, end, message: `The last segment has no segment terminator; end it with "${String.fromCharCode(ts)}".` });
      }
      break;
    }
    i++; // past the terminator
  }
  segElem.push(elemCount);
  // The ID list is built once its length is known: one exact array instead of one grown segment by segment.
  const ids = new Array<string>(count);
  for (let s = 0; s < count; s++) ids[s] = types[s] !== 0 ? ID_OF[types[s]] : slowIds!.get(s)!;
  return {
    text,
    delimiters,
    segmentCount: count,
    segStart: segStart.done(),
    segEnd: segEnd.done(),
    segElem: segElem.done(),
    elemStart: trimmed(elems, elemCount),
    segFlags: flags.done(),
    ids,
    types: types.subarray(0, count),
  };
}
