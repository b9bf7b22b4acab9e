// The analysis of one PAS document: parsed once (jsonc-parser tree with offsets, plus the plain value), detected,
// validated. Features get the tree and schemas through `internals`, never by re-parsing.

import type { Node } from 'jsonc-parser';
import type { FhirAnalysis, FhirOptions, PasDocumentInfo } from './api';
import type { Problem } from '../problems/problem';
import { detectPasInTree, parseJson } from './detect';
import { schemasFor, type FhirSchemas } from './schema/registry';
import { resourceProfiles } from './schema/navigate';
import type { CompiledProfile } from './schema/types';
import { validateDocument } from './validate/document';

export interface AnalysisInternals {
  readonly root: Node | undefined;
  readonly value: unknown;
  readonly schemas: FhirSchemas | undefined;
  readonly profile: CompiledProfile | undefined;
}

const internalsOf = new WeakMap<FhirAnalysis, AnalysisInternals>();

export function internals(analysis: FhirAnalysis): AnalysisInternals | undefined {
  return internalsOf.get(analysis);
}

export function analyzeFhirDocument(text: string, options: FhirOptions): FhirAnalysis {
  let pas: PasDocumentInfo | undefined;
  let problems: readonly Problem[] = [];
  let root: Node | undefined;
  let value: unknown;
  let schemas: FhirSchemas | undefined;
  let profile: CompiledProfile | undefined;
  try {
    const parsed = parseJson(text);
    root = parsed.root;
    pas = detectPasInTree(root, options);
    if (pas) {
      schemas = schemasFor(pas.version);
      value = safeValue(text, root);
      if (schemas) profile = schemas.profile(pas.profile) ?? resourceProfiles(schemas, value, [])[0];
      problems = validateDocument({ text, root, parseErrors: parsed.errors, value, pas, schemas, profile, maxProblems: options.maxProblems });
    }
  } catch {
    // The validator is total; this only guards against a defect turning into a crashed server.
    problems = [];
  }
  const analysis: FhirAnalysis = { text, pas, problems };
  internalsOf.set(analysis, { root, value, schemas, profile });
  return analysis;
}

function safeValue(text: string, root: Node | undefined): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return root ? nodeValue(root) : undefined;
  }
}

/** The plain value of a (possibly partial) tree: what a half-typed document still says. */
export function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of node.children ?? []) {
        const [key, val] = p.children ?? [];
        if (key && val) out[String(key.value)] = nodeValue(val);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}
