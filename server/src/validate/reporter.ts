// Collects problems. The severity of a guide rule follows the confidence of the fact it rests on
// (docs/architecture.md, "confidence per fact"): confirmed facts keep the catalog's severity, an inferred fact makes
// at most a warning and says so in the message, and so does a confirmed fact of a guide the transaction only reads as
// (the content fits another guide than ST03 names), unless the fact holds in every 278 guide. Base X12 rules (dates,
// lengths, types, envelope, base code lists) keep their severity whatever the guide.

import type { MissingPart, Problem, ProblemFix } from '../problems/problem';
import { CATALOG, type ProblemCode } from '../problems/catalog';
import type { Confidence } from '../guide/types';

export const WIDE_NOTE = ' (This holds in every 278 guide.)';
export const INFERRED_NOTE = ' (Inferred: this rule rests on samples, not on a confirmed guide map.)';

export class Reporter {
  readonly problems: Problem[] = [];
  /**
   * Set while a transaction is checked against a guide other than the one ST03 names (see guide-mismatch): the words
   * for it, e.g. "the prior authorization response (X217) the content reads as".
   */
  otherGuide: string | undefined;

  add(code: ProblemCode, start: number, end: number, message: string, confidence: Confidence = 'C', fix?: ProblemFix, missing?: MissingPart): void {
    // A value already reported as an error for being the wrong guide or level (unknown-guide, hl-level) is not reported
    // again as a base code: one cause, one problem. Those are added just before the segment's base check, so a short
    // look back is enough. After a warning the base code is still reported: it is the confirmed fact.
    if (code === 'base-code-value' && this.reportedAt(start, end)) return;
    const entry = CATALOG[code];
    let severity: Problem['severity'] = entry.severity;
    let inferred = false;
    if (entry.basis === 'guide' && confidence === 'W') message += WIDE_NOTE;
    else if (entry.basis === 'guide') {
      if (confidence === 'I') {
        inferred = true;
        message += INFERRED_NOTE;
      } else if (this.otherGuide !== undefined) {
        inferred = true;
        message += ` (Checked against ${this.otherGuide}, not the guide ST03 names.)`;
      }
      if (inferred && severity === 'error') severity = 'warning';
    }
    let problem: Problem = inferred ? { code, severity, start, end, message, inferred: true } : { code, severity, start, end, message };
    if (fix) problem = { ...problem, fix };
    if (missing) problem = { ...problem, missing };
    this.problems.push(problem);
  }

  private reportedAt(start: number, end: number): boolean {
    for (let i = this.problems.length - 1; i >= 0 && i >= this.problems.length - 4; i--) {
      const p = this.problems[i];
      if (p.start === start && p.end === end && p.severity === 'error') return true;
    }
    return false;
  }
}

/** The weaker of two confidences: inferred below confirmed below 278-wide. */
export function weakest(a: Confidence, b: Confidence): Confidence {
  return a === 'I' || b === 'I' ? 'I' : a === 'C' || b === 'C' ? 'C' : 'W';
}
