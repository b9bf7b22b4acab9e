// Collects FHIR problems: catalog severity unless told otherwise, one problem per (code, range, message), capped.

import type { Problem, Severity } from '../../problems/problem';
import { FHIR_CATALOG, type FhirProblemCode } from '../../problems/fhirCatalog';

export const DEFAULT_MAX_PROBLEMS = 500;

export class FhirReporter {
  readonly problems: Problem[] = [];
  private readonly seen = new Set<string>();
  private dropped = 0;

  constructor(private readonly max = DEFAULT_MAX_PROBLEMS) {}

  /** `dedupe`: what makes two reports the same problem (default: the message); a resource checked against two
   *  profiles reports a shared defect once. */
  report(code: FhirProblemCode, start: number, end: number, message: string, severity?: Severity, dedupe?: string): void {
    const key = `${code}\u0000${start}\u0000${end}\u0000${dedupe ?? message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.problems.length >= this.max) {
      this.dropped++;
      return;
    }
    this.problems.push({ code, severity: severity ?? FHIR_CATALOG[code].severity, start, end, message });
  }

  /** Errors reported so far (to compare candidate profiles). */
  get errorCount(): number {
    let n = 0;
    for (const p of this.problems) if (p.severity === 'error') n++;
    return n;
  }

  finish(): Problem[] {
    const sorted = this.problems.sort((a, b) => a.start - b.start || a.end - b.end);
    if (this.dropped > 0)
      sorted.push({ code: 'fhir-too-many-problems', severity: 'information', start: 0, end: 0, message: `${this.dropped} more problems are not shown.` });
    return sorted;
  }
}
