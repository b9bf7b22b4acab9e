// The public shapes of the JSON ⇄ X12 converter.

export type RequestKind = 'inquiry' | 'submission' | 'noa';
export type Variant = 'request' | 'response';

export interface ConversionIssue {
  /** A JSON path such as "subscriber.dateOfBirth" or "patientEventDetail.serviceLevel[1].professionalService",
   * or, for X12 input, "x12:2010C/INS" (a segment) and "x12:2010C/NM106" (an element). */
  readonly path: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  /** For an unknown JSON name that differs from a field only in case: that field's name (the quick fix renames). */
  readonly rename?: string;
}

/**
 * Where a JSON field's value landed in the produced X12 text (offsets into `x12`). Leaves cover their value; objects
 * and array items that produced segments (e.g. "subscriber", "patientEventDetail.serviceLevel[0]") cover those
 * segments, so a problem anywhere in them can be shown on the object when no leaf covers it.
 */
export interface FieldSpan {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

/**
 * A place in the produced X12 that stayed empty because the JSON lacks the field(s) that fill it, so a problem the 278
 * rules find there (a required element or segment) can be told in the JSON's words.
 */
export interface FieldVacancy {
  /** The JSON paths that would fill it: one field, or the choices of an ID or a name. */
  readonly paths: readonly string[];
  /** The segment's ID. */
  readonly segment: string;
  /** The code that tells a segment that was not written from its same-ID siblings (DTP01, REF01). */
  readonly qualifier?: string;
  /** The elements (and components) the fields fill, the value's own first; absent when the segment was not written. */
  readonly positions?: readonly { readonly element: number; readonly component?: number }[];
  /** The span in `x12` of the segment asked about: the one with the empty place, or the first of the loop that lacks a segment. */
  readonly start: number;
  readonly end: number;
}

export interface JsonToX12Options {
  /** ISA09/ISA10, GS04/GS05 and BHT04/BHT05. Default: now. */
  readonly date?: Date;
  /** ISA13 and GS06, 1–9 digits. Default: derived from the content, so the same JSON and date give the same X12. */
  readonly controlNumber?: string;
  /** One segment per line (the editor form); default one line (the API form). */
  readonly lineBreaks?: boolean;
}

export interface JsonToX12Result {
  readonly x12: string;
  readonly issues: ConversionIssue[];
  readonly fields: FieldSpan[];
  /** Where the fields the body lacks would have gone, for the segment holding an offset of `x12` (found on demand). */
  readonly vacanciesAt: (offset: number) => FieldVacancy[];
  /**
   * Objects whose loop lacks the code that identifies it (an entityIdentifierCode): one issue says so, and the 278
   * rules' findings in their segments are consequences of it.
   */
  readonly unidentified: string[];
}

export interface X12ToJsonResult {
  readonly json: Record<string, unknown> | undefined;
  readonly kind?: RequestKind;
  readonly variant?: Variant;
  readonly issues: ConversionIssue[];
}
