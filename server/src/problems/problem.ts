// A problem found in a document, in document offsets. Every layer below the LSP speaks in these.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Problem {
  /** Stable code from catalog.ts, e.g. "se01-count". */
  readonly code: string;
  readonly severity: Severity;
  /** Start offset (UTF-16 code units) in the document text. */
  readonly start: number;
  /** End offset, exclusive. */
  readonly end: number;
  /** What is wrong and what is expected, in one or two sentences. */
  readonly message: string;
  /** Machine-readable detail for quick fixes (e.g. the expected value). */
  readonly fix?: ProblemFix;
  /**
   * Set when the rule rests on an inferred fact (samples only), or on a guide the content only reads as: a warning by
   * default, which the user's `inferredRules` choice may raise back to the catalog severity or hide (inferredRules.ts).
   */
  readonly inferred?: true;
  /**
   * For a required element or segment that is absent (and a loop's empty qualifier): which one, so a caller that wrote
   * the X12 itself (the JSON request path) can name its own field instead.
   */
  readonly missing?: MissingPart;
}

/** An absent part of a segment: `element` (and `component`) when the segment is there, else the whole segment. */
export interface MissingPart {
  readonly segment: string;
  /** The qualifier codes that would identify the segment (DTP01 AAH), for a missing segment. */
  readonly qualifiers?: readonly string[];
  readonly element?: number;
  readonly component?: number;
}

/** A replacement that would correct the problem, when the intent is clear. */
export interface ProblemFix {
  readonly title: string;
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}
