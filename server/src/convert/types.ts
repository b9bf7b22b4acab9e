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
}

export interface X12ToJsonResult {
  readonly json: Record<string, unknown> | undefined;
  readonly kind?: RequestKind;
  readonly variant?: Variant;
  readonly issues: ConversionIssue[];
}
