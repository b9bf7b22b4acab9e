// Invariants (constraint[].expression) through fhirpath.js with the R4 model: each (base path, expression) compiled
// once and cached for the process; an expression the engine cannot compile or evaluate is skipped, never a problem.

import * as fhirpath from 'fhirpath';
import * as r4 from 'fhirpath/fhir-context/r4';

type Compiled = (resource: unknown, env?: Record<string, unknown>) => unknown[];

// trace() in published invariants (bdl-7) would print to stdout, which is the LSP channel.
const ignoreTrace = (): void => undefined;
const cache = new Map<string, Compiled | null>();
const model = r4 as unknown as fhirpath.Model;

function compiled(base: string, expression: string): Compiled | null {
  const key = base + '\u0000' + expression;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let fn: Compiled | null = null;
  try {
    fn = fhirpath.compile({ base, expression }, model, { async: false, traceFn: ignoreTrace }) as unknown as Compiled;
  } catch {
    fn = null;
  }
  cache.set(key, fn);
  return fn;
}

/** True or false as the invariant evaluates; undefined when it cannot be evaluated (or gives no boolean). */
export function evaluateInvariant(base: string, expression: string, value: unknown, resource: unknown, rootResource: unknown): boolean | undefined {
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
