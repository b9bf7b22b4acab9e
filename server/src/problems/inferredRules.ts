// The user's choice for rules that rest on inferred facts (samples only) or on a guide the content only reads as:
// `priorAuth.validation.inferredRules` in the editor, `--inferred` on the command line.

import type { Problem } from './problem';
import { CATALOG, type ProblemCode } from './catalog';

/** 'warning' (the default): as reported; 'error': the severity the rule has when its fact is confirmed; 'off': hidden. */
export type InferredRules = 'warning' | 'error' | 'off';

export const INFERRED_RULES: readonly InferredRules[] = ['warning', 'error', 'off'];

export function isInferredRules(value: unknown): value is InferredRules {
  return value === 'warning' || value === 'error' || value === 'off';
}

/** The problems as the user's choice shows them; the same array when nothing changes. */
export function applyInferredRules<T extends Problem>(problems: readonly T[], mode: InferredRules): readonly T[] {
  if (mode === 'warning' || !problems.some((p) => p.inferred)) return problems;
  if (mode === 'off') return problems.filter((p) => !p.inferred);
  return problems.map((p) => (p.inferred ? { ...p, severity: CATALOG[p.code as ProblemCode]?.severity ?? p.severity } : p));
}
