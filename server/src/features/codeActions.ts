// Quick fixes: every problem that carries a fix whose intent is clear (counts, control numbers, ISA padding, dates; in
// JSON requests, a field name written in the wrong case).

import type { Problem, ProblemFix } from '../problems/problem';

export interface QuickFix {
  readonly problem: Problem;
  readonly fix: ProblemFix;
}

/** Fixes for problems that overlap [start, end]. */
export function quickFixesIn(a: { readonly problems: readonly Problem[] }, start: number, end: number): QuickFix[] {
  const out: QuickFix[] = [];
  for (const p of a.problems) {
    if (!p.fix) continue;
    if (p.end < start || p.start > end) continue;
    out.push({ problem: p, fix: p.fix });
  }
  return out;
}
