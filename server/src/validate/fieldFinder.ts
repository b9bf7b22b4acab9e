// Finds the JSON field a problem in the converted X12 belongs to, for problems asked about in offset order, in time
// linear in fields plus problems: fields are sorted once, and only those that can still hold the next problem's start
// are kept (a nesting chain: the object, the array item, the leaf), instead of every field being scanned per problem.

import type { FieldSpan } from '../convert';

interface Entry {
  readonly field: FieldSpan;
  /** Position in the converter's list: of two fields of the same size, the earlier one wins. */
  readonly index: number;
  /** Where the field stops holding offsets; an empty field holds its own start. */
  readonly reach: number;
}

function size(e: Entry): number {
  return e.field.end - e.field.start;
}

function smaller(e: Entry, than: Entry | undefined): boolean {
  return !than || size(e) < size(than) || (size(e) === size(than) && e.index < than.index);
}

export class FieldFinder {
  private readonly sorted: Entry[];
  private next = 0;
  private active: Entry[] = [];
  private lastStart = -1;
  /** Entries looked at, for the complexity test. */
  work = 0;

  constructor(fields: readonly FieldSpan[]) {
    this.sorted = fields.map((field, index) => ({ field, index, reach: Math.max(field.end, field.start + 1) })).sort((a, b) => a.field.start - b.field.start || a.index - b.index);
  }

  /**
   * The innermost field whose X12 span holds [start, end); when none holds all of it (a CCYYMMDD-CCYYMMDD range built
   * from a begin and an end date), the innermost field that holds its start. Fastest when asked in order of `start`.
   */
  at(start: number, end: number): FieldSpan | undefined {
    if (start < this.lastStart) {
      this.next = 0;
      this.active = [];
    }
    this.lastStart = start;
    while (this.next < this.sorted.length && this.sorted[this.next].field.start <= start) this.active.push(this.sorted[this.next++]);
    // A field that ends before this start holds no later one either.
    this.active = this.active.filter((e) => e.reach >= start);
    this.work += this.active.length;
    let holding: Entry | undefined;
    let starting: Entry | undefined;
    for (const e of this.active) {
      if (end <= e.reach && smaller(e, holding)) holding = e;
      if (start < e.reach && smaller(e, starting)) starting = e;
    }
    const pick = holding && starting && size(starting) < size(holding) && size(holding) > end - start + 1 ? starting : holding ?? starting;
    return pick?.field;
  }
}
