// Collects problems. A guide rule resting on an inferred fact is reported as a warning, never an error;
// base X12 rules (dates, lengths, types, envelope) keep their severity whatever the guide's confidence.

import type { Problem, ProblemFix } from '../problems/problem';
import { CATALOG, type ProblemCode } from '../problems/catalog';
import type { Confidence } from '../guide/types';

export class Reporter {
  readonly problems: Problem[] = [];

  add(code: ProblemCode, start: number, end: number, message: string, confidence: Confidence = 'C', fix?: ProblemFix): void {
    const entry = CATALOG[code];
    let severity: Problem['severity'] = entry.severity;
    if (confidence === 'I' && entry.basis === 'guide' && severity === 'error') severity = 'warning';
    this.problems.push(fix ? { code, severity, start, end, message, fix } : { code, severity, start, end, message });
  }
}
