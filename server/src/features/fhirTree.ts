// The JSON tree of a PAS document for the features that need offsets of other properties (a coding's system, the
// CodeableConcept above a code, the ClaimResponse around an item): parsed once per analysis, so several hovers on
// one version of a large bundle parse it once; the analysis owns it, so it goes with the analysis.

import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { ElementInfo, FhirAnalysis } from '../fhir/api';
import { fhirCore } from './fhirCore';

const trees = new WeakMap<FhirAnalysis, Node | undefined>();

export function jsonTree(analysis: FhirAnalysis): Node | undefined {
  if (trees.has(analysis)) return trees.get(analysis);
  const root = parseTree(analysis.text);
  trees.set(analysis, root);
  return root;
}

/**
 * The element definition of the value at `path`, asked of the core at its property name (the core locates names and
 * values, not the braces of an object); undefined for array items and the root.
 */
export function elementAtPath(analysis: FhirAnalysis, root: Node, path: readonly (string | number)[]): ElementInfo | undefined {
  const node = findNodeAtLocation(root, path as (string | number)[]);
  const key = node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  return key ? fhirCore().locateFhir(analysis, key.offset + 1)?.element : undefined;
}
