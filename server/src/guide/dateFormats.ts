// Where a date's format is named by a sibling qualifier (1250 Date Time Period Format Qualifier).

import { ownEntriesOnly } from './ownEntries';

export interface DateFormatPair {
  readonly segment: string;
  /** Position of the format qualifier (D8, RD8). */
  readonly qualifierPosition: number;
  /** Position of the date value it describes. */
  readonly valuePosition: number;
}

/** Segment-level pairs. HI composites carry the same pair as components 3 and 4 (see COMPOSITE_DATE_PAIRS). */
export const DATE_FORMAT_PAIRS: readonly DateFormatPair[] = [
  { segment: 'DTP', qualifierPosition: 2, valuePosition: 3 },
  { segment: 'DMG', qualifierPosition: 1, valuePosition: 2 },
  { segment: 'CR6', qualifierPosition: 3, valuePosition: 4 },
  { segment: 'CR6', qualifierPosition: 15, valuePosition: 16 },
];

/** Composite component pairs (1-based component indexes), keyed by composite number. */
export const COMPOSITE_DATE_PAIRS: Readonly<Record<string, { qualifier: number; value: number }>> = {
  C022: { qualifier: 3, value: 4 },
};

/** Formats this tool checks; others (e.g. DT, TM) are accepted as written. */
export const DATE_FORMATS: Readonly<Record<string, string>> = {
  D8: 'CCYYMMDD',
  RD8: 'CCYYMMDD-CCYYMMDD',
};

ownEntriesOnly(DATE_FORMATS);
