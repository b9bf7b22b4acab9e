// Invariants (constraint[].expression) through fhirpath.js with the R4 model: each (base path, expression) compiled
// once and cached for the process; an expression the engine cannot compile or evaluate is skipped, never a problem.

import * as fhirpath from 'fhirpath';
import * as r4Exports from 'fhirpath/fhir-context/r4';

type Compiled = (resource: unknown, env?: Record<string, unknown>) => unknown[];

// trace() in published invariants (bdl-7) would print to stdout, which is the LSP channel.
const ignoreTrace = (): void => undefined;
const cache = new Map<string, Map<string, Compiled | null>>();
// A bundle (esbuild) resolves the package's "import" build, whose named exports leave out the parts of the model
// computed at load (availableTypes, without which every compile fails); its default export is the whole model, as is
// the CommonJS build tsc's output requires. So the default export when there is one.
const r4 = ((r4Exports as { default?: unknown }).default ?? r4Exports) as typeof r4Exports;
const model = r4 as unknown as fhirpath.Model;

function compiled(base: string, expression: string): Compiled | null {
  let byExpression = cache.get(base);
  if (!byExpression) cache.set(base, (byExpression = new Map()));
  const hit = byExpression.get(expression);
  if (hit !== undefined) return hit;
  let fn: Compiled | null = null;
  try {
    fn = fhirpath.compile({ base, expression }, model, { async: false, traceFn: ignoreTrace }) as unknown as Compiled;
  } catch {
    fn = null;
  }
  byExpression.set(expression, fn);
  return fn;
}

// fhirpath.js costs about half a millisecond per evaluation on a rich element (it wraps every child it walks), so:
// invariants with an exact direct equivalent are checked without it (ref-1 here, ele-1 and ext-1 in the walk), and
// an invariant that only reads extensions by url — "extension.where(url = 'U' and …).exists() implies
// extension.where(url = 'V').exists()", as PAS profiles write them — is evaluated on just the extensions it names.
const EXTENSION_TEST = String.raw`extension\.where\(url\s*=\s*'[^']*'(?:\s+and\s+(?:[^()]|\(\))*?)?\)\.(?:exists|empty|count)\(\)`;
const EXTENSION_ONLY = new RegExp(String.raw`^(?:\s*(?:${EXTENSION_TEST}|implies|and|xor|or|not\(\)|\.not\(\)|[()]|=|!=|>=?|<=?|\d+|true|false))+\s*$`);
const CONDITION_OR = /where\([^()]*\b(?:or|xor|implies)\b/;
const urlsByExpression = new Map<string, readonly string[] | null>();

/** The extension urls an extension-only invariant reads, or null when the invariant reads anything else. */
function extensionUrls(expression: string): readonly string[] | null {
  let urls = urlsByExpression.get(expression);
  if (urls === undefined) {
    urls = EXTENSION_ONLY.test(expression) && !CONDITION_OR.test(expression) ? [...expression.matchAll(/url\s*=\s*'([^']*)'/g)].map((m) => m[1]!) : null;
    urlsByExpression.set(expression, urls);
  }
  return urls;
}

function onlyExtensions(value: unknown, urls: readonly string[]): unknown {
  const list = (value as { extension?: unknown }).extension;
  const kept = Array.isArray(list) ? list.filter((e) => e && typeof e === 'object' && urls.includes((e as { url?: unknown }).url as string)) : [];
  return kept.length ? { extension: kept } : {};
}

/** ref-1: a local reference ("#id") names a resource contained in the root resource. */
function localReferenceResolves(value: unknown, rootResource: unknown): boolean {
  const ref = (value as { reference?: unknown }).reference;
  if (typeof ref !== 'string' || !ref.startsWith('#')) return true;
  const contained = (rootResource as { contained?: unknown } | undefined)?.contained;
  if (!Array.isArray(contained)) return false;
  const id = ref.slice(1);
  return contained.some((c) => c && typeof c === 'object' && (c as { id?: unknown }).id === id);
}

/** True or false as the invariant evaluates; undefined when it cannot be evaluated (or gives no boolean). */
export function evaluateInvariant(key: string, base: string, expression: string, value: unknown, resource: unknown, rootResource: unknown): boolean | undefined {
  if (key === 'ref-1') return localReferenceResolves(value, rootResource);
  const urls = extensionUrls(expression);
  if (urls) value = onlyExtensions(value, urls);
  const fn = compiled(base, expression);
  if (!fn) return undefined;
  try {
    const result = fn(value, { resource, rootResource });
    if (!Array.isArray(result) || result.length === 0) return undefined;
    return result.length === 1 && result[0] === false ? false : result[0] === true ? true : undefined;
  } catch {
    return undefined;
  }
}

const parents = (r4 as unknown as { type2Parent: Record<string, string> }).type2Parent;

/** A resource type FHIR R4 defines (from the fhirpath R4 model). */
export function isR4ResourceType(name: string): boolean {
  let t: string | undefined = name;
  for (let i = 0; i < 5 && t; i++) {
    const parent: string | undefined = Object.prototype.hasOwnProperty.call(parents, t) ? parents[t] : undefined;
    if (parent === 'Resource') return name !== 'DomainResource';
    t = parent;
  }
  return false;
}
