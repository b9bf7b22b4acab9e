// The JSON tree of a PAS document for the features that need offsets of other properties (a coding's system, the
// CodeableConcept above a code, the ClaimResponse around an item): parsed once per analysis, so several hovers on
// one version of a large bundle parse it once; the analysis owns it, so it goes with the analysis.

import { parseTree, type Node } from 'jsonc-parser';
import type { FhirAnalysis } from '../fhir/api';

const trees = new WeakMap<FhirAnalysis, Node | undefined>();

export function jsonTree(analysis: FhirAnalysis): Node | undefined {
  if (trees.has(analysis)) return trees.get(analysis);
  const root = parseTree(analysis.text);
  trees.set(analysis, root);
  return root;
}
