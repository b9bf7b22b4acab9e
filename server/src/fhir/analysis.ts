// The analysis of one PAS document: parsed once (jsonc-parser tree with offsets, plus the plain value), detected,
// validated. Features get the tree and schemas through `internals`, never by re-parsing.
//
// After an edit, `reanalyzeFhirDocument` builds the new tree from the previous one (reparse.ts) and replays what the
// previous walk found in the array items whose text did not change (validate/memo.ts): the Bundle entries and, inside
// them, the Claim's items and every other array item. The top of the walk, the changed items and the bundle rules run
// again. The result is the one a whole analysis of the same text gives (tested on random edits).

import type { Node } from 'jsonc-parser';
import type { FhirAnalysis, FhirOptions, FhirTextChange, PasDocumentInfo } from './api';
import type { Problem } from '../problems/problem';
import { detectPasInTree, parseJson } from './detect';
import { patchValue, reparse } from './reparse';
import { schemasFor, type FhirSchemas } from './schema/registry';
import { resourceProfiles } from './schema/navigate';
import type { CompiledProfile } from './schema/types';
import { validateDocument } from './validate/document';
import { WalkMemo } from './validate/memo';

type ParseError = { error: number; offset: number; length: number };

export interface AnalysisInternals {
  readonly root: Node | undefined;
  readonly value: unknown;
  readonly schemas: FhirSchemas | undefined;
  readonly profile: CompiledProfile | undefined;
  readonly parseErrors: readonly ParseError[];
  readonly maxProblems: number | undefined;
  /** The value is JSON.parse's (not read from a tree with syntax errors): an edit may patch it. */
  readonly valueIsStrict: boolean;
  /** What the walk recorded (array items, the entries' references), for the next analysis of an edited text. */
  readonly memo: WalkMemo | undefined;
}

const internalsOf = new WeakMap<FhirAnalysis, AnalysisInternals>();

export function internals(analysis: FhirAnalysis): AnalysisInternals | undefined {
  return internalsOf.get(analysis);
}

export function analyzeFhirDocument(text: string, options: FhirOptions): FhirAnalysis {
  return analyze(text, options, undefined);
}

/**
 * The analysis of `text`, an edit of `previous.text`: the same result as `analyzeFhirDocument(text, options)`, at
 * the cost of what changed. `change` says where the texts differ (else they are compared). The previous analysis's
 * tree is taken over: features asked about `previous` afterwards answer nothing (its problems stay as they were).
 */
export function reanalyzeFhirDocument(previous: FhirAnalysis, text: string, options: FhirOptions, change?: FhirTextChange): FhirAnalysis {
  const before = internalsOf.get(previous);
  if (!before?.root || !previous.pas) return analyze(text, options, undefined);
  return analyze(text, options, { previous, before, change: change ?? textChange(previous.text, text) });
}

interface Prior {
  readonly previous: FhirAnalysis;
  readonly before: AnalysisInternals;
  readonly change: FhirTextChange;
}

function analyze(text: string, options: FhirOptions, prior: Prior | undefined): FhirAnalysis {
  let pas: PasDocumentInfo | undefined;
  let problems: readonly Problem[] = [];
  let root: Node | undefined;
  let parseErrors: readonly ParseError[] = [];
  let value: unknown;
  let schemas: FhirSchemas | undefined;
  let profile: CompiledProfile | undefined;
  let memo: WalkMemo | undefined;
  let valueIsStrict = false;
  try {
    let parsed: { root: Node | undefined; errors: ParseError[] } | undefined;
    if (prior && prior.before.parseErrors.length === 0 && prior.before.valueIsStrict && prior.before.root) {
      const reparsed = reparse(prior.before.root, text, prior.change);
      if (reparsed) {
        // The previous tree's nodes, and its plain value, now belong to this analysis.
        internalsOf.set(prior.previous, { ...prior.before, root: undefined, value: undefined, memo: undefined });
        parsed = { root: reparsed.root, errors: [] };
        const { offset, length } = reparsed.replaced;
        const part = strictValue(text.slice(offset, offset + length));
        const patched = part.ok ? patchValue(prior.before.value, reparsed.replaced, part.value) : part;
        const whole = patched.ok ? patched : strictValue(text);
        if (whole.ok) {
          value = whole.value;
          valueIsStrict = true;
        }
      }
    }
    parsed ??= parseJson(text);
    root = parsed.root;
    parseErrors = parsed.errors;
    pas = detectPasInTree(root, options);
    if (pas) {
      schemas = schemasFor(pas.version);
      if (!valueIsStrict) {
        const strict = strictValue(text);
        valueIsStrict = strict.ok;
        value = strict.ok ? strict.value : root ? nodeValue(root) : undefined;
      }
      if (schemas) profile = schemas.profile(pas.profile) ?? resourceProfiles(schemas, value, [])[0];
      const reuse =
        prior &&
        samePas(prior.previous.pas, pas) &&
        prior.before.schemas === schemas &&
        prior.before.maxProblems === options.maxProblems &&
        (prior.before.parseErrors.length === 0) === (parseErrors.length === 0);
      memo = new WalkMemo(reuse ? prior.before.memo : undefined, prior?.change);
      problems = validateDocument({ text, root, parseErrors, value, pas, schemas, profile, maxProblems: options.maxProblems, memo });
    } else {
      // Not a PAS document: no value is kept (nor patched by the next edit).
      value = undefined;
      valueIsStrict = false;
    }
  } catch {
    // The validator is total; this only guards against a defect turning into a crashed server.
    problems = [];
    memo = undefined;
  }
  const analysis: FhirAnalysis = { text, pas, problems };
  internalsOf.set(analysis, { root, value, schemas, profile, parseErrors, maxProblems: options.maxProblems, valueIsStrict, memo });
  return analysis;
}

function samePas(a: PasDocumentInfo | undefined, b: PasDocumentInfo): boolean {
  return !!a && a.version === b.version && a.profile === b.profile && a.resourceType === b.resourceType && a.role === b.role && a.versionFromDocument === b.versionFromDocument;
}

/** Where two texts differ: the common start and end left out. */
function textChange(before: string, after: string): FhirTextChange {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < max - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

function strictValue(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
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
