// Every diagnostic code the project can emit, its default severity and what it checks.
// Codes are stable: tools (CLI JSON, SARIF, editors' ignore lists) may key on them.

import type { Severity } from './problem';

export interface CatalogEntry {
  /**
   * 'x12': a rule of the base X12 standard or the envelope, the same in every guide.
   * 'guide': a fact of the guide tables; its severity follows the confidence of the table entry it rests on
   * (an inferred entry makes a warning; see validate/reporter.ts).
   */
  readonly basis: 'x12' | 'guide';
  readonly severity: Severity;
  readonly summary: string;
}

export const CATALOG = {
  // Input and delimiters
  'not-x12': { basis: 'x12', severity: 'error', summary: 'The file is not an X12 interchange (no ISA segment).' },
  'leading-content': { basis: 'x12', severity: 'error', summary: 'Text before the ISA segment.' },
  'isa-layout': { basis: 'x12', severity: 'error', summary: 'ISA fields are not at their fixed widths (106-character ISA).' },
  'delimiters-clash': { basis: 'x12', severity: 'error', summary: 'Two ISA delimiters are the same character, or a delimiter is a letter or digit.' },
  'empty-segment': { basis: 'x12', severity: 'warning', summary: 'Two segment terminators with nothing between them.' },
  'missing-terminator': { basis: 'x12', severity: 'warning', summary: 'The last segment has no segment terminator.' },
  'too-many-problems': { basis: 'x12', severity: 'information', summary: 'The document has more problems than are shown.' },

  // Envelope
  'envelope-nesting': { basis: 'x12', severity: 'error', summary: 'Envelope segments are out of order (ISA > GS > ST … SE > GE > IEA).' },
  'missing-trailer': { basis: 'x12', severity: 'error', summary: 'An envelope is not closed (SE, GE or IEA missing).' },
  'se01-count': { basis: 'x12', severity: 'error', summary: 'SE01 does not equal the number of segments from ST to SE.' },
  'ge01-count': { basis: 'x12', severity: 'error', summary: 'GE01 does not equal the number of transaction sets in the group.' },
  'iea01-count': { basis: 'x12', severity: 'error', summary: 'IEA01 does not equal the number of functional groups.' },
  'se02-control': { basis: 'x12', severity: 'error', summary: 'SE02 does not match ST02.' },
  'ge02-control': { basis: 'x12', severity: 'error', summary: 'GE02 does not match GS06.' },
  'iea02-control': { basis: 'x12', severity: 'error', summary: 'IEA02 does not match ISA13.' },
  'st02-duplicate': { basis: 'x12', severity: 'error', summary: 'ST02 is used by another transaction set in the same group.' },
  'gs08-st03': { basis: 'x12', severity: 'error', summary: 'ST03 does not equal GS08.' },
  'unknown-guide': { basis: 'guide', severity: 'error', summary: 'The transaction names no 278 guide this tool knows (ST03/GS08, BHT02).' },
  'guide-mismatch': { basis: 'x12', severity: 'warning', summary: 'The content reads as another 278 guide than ST03/GS08 name (BHT02, decisions, levels, loops).' },

  // Structure
  'unknown-segment': { basis: 'x12', severity: 'error', summary: 'The segment ID is not an X12 segment used by a 278.' },
  'segment-not-allowed': { basis: 'guide', severity: 'error', summary: 'The segment is not allowed where it stands.' },
  'segment-order': { basis: 'guide', severity: 'error', summary: 'The segment is out of order within its loop.' },
  'segment-max-use': { basis: 'guide', severity: 'error', summary: 'The segment repeats more often than its loop allows.' },
  'loop-max-repeat': { basis: 'guide', severity: 'error', summary: 'A loop repeats more often than the guide allows.' },
  'required-segment': { basis: 'guide', severity: 'error', summary: 'A required segment is missing from its loop.' },
  'required-loop': { basis: 'guide', severity: 'error', summary: 'A required loop is missing.' },
  'qualifier-code': { basis: 'guide', severity: 'error', summary: 'The qualifier value is not one the guide allows at this place.' },

  // HL hierarchy
  'hl01-duplicate': { basis: 'x12', severity: 'error', summary: 'HL01 is used by an earlier HL.' },
  'hl02-parent': { basis: 'x12', severity: 'error', summary: 'HL02 does not point at an earlier HL.' },
  'hl-level': { basis: 'x12', severity: 'error', summary: 'HL03 is not a level this guide uses, or not a valid child of its parent.' },
  'hl04-children': { basis: 'guide', severity: 'error', summary: 'HL04 does not agree with whether child levels follow.' },
  'hl-required-level': { basis: 'guide', severity: 'error', summary: 'A required hierarchical level is missing.' },

  // Elements
  'too-many-elements': { basis: 'x12', severity: 'error', summary: 'The segment has more elements than its definition.' },
  'required-element': { basis: 'guide', severity: 'error', summary: 'A required element is empty or missing.' },
  'element-not-used': { basis: 'guide', severity: 'warning', summary: 'The guide does not use this element here.' },
  'element-length': { basis: 'x12', severity: 'error', summary: 'The element is shorter or longer than its definition allows.' },
  'element-type': { basis: 'x12', severity: 'error', summary: 'The element value does not match its data type (ID, AN, DT, TM, N0, R).' },
  'invalid-date': { basis: 'x12', severity: 'error', summary: 'The date is not a real calendar date, or not in the expected format.' },
  'invalid-time': { basis: 'x12', severity: 'error', summary: 'The time is not a valid HHMM[SS[DD]] time.' },
  'code-value': { basis: 'guide', severity: 'error', summary: 'The code is not one the guide allows for this element here.' },
  'base-code-value': { basis: 'x12', severity: 'error', summary: 'The code is in no base X12 5010 code list of its element, so no guide allows it anywhere.' },
  'too-many-repeats': { basis: 'x12', severity: 'error', summary: 'The element repeats more often than allowed.' },
  'too-many-components': { basis: 'x12', severity: 'error', summary: 'The composite has more components than its definition.' },
  'syntax-rule': { basis: 'x12', severity: 'error', summary: 'An X12 syntax note on the segment is broken (paired, required or conditional elements).' },
  'date-range': { basis: 'x12', severity: 'error', summary: 'A date range ends before it starts.' },
  // JSON requests
  'json-syntax': { basis: 'x12', severity: 'error', summary: 'The JSON request does not parse, or is not an object.' },
  'json-field': { basis: 'x12', severity: 'warning', summary: 'A JSON field is not one of Optum\'s, or has no place in the 278 it becomes.' },
  'json-too-deep': { basis: 'x12', severity: 'error', summary: 'The JSON request nests arrays and objects too deep to check.' },
  'json-request-kind': { basis: 'x12', severity: 'information', summary: 'The JSON body does not show which request kind it is.' },
  'dtp-format': { basis: 'x12', severity: 'error', summary: 'DTP03 does not match the format named in DTP02.' },
} as const satisfies Record<string, CatalogEntry>;

export type ProblemCode = keyof typeof CATALOG;
