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
}

/** A replacement that would correct the problem, when the intent is clear. */
export interface ProblemFix {
  readonly title: string;
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}
