// Which slice an instance value belongs to: discriminators (value, pattern, type, profile, exists) evaluated on plain
// JSON values against the slices' definitions. Paths are the small FHIRPath subset slicing uses: names, $this,
// extension('url'), value, ofType(T).

import type { RawDiscriminator } from '../packages/data';
import type { FhirSchemas } from './registry';
import { stripVersion } from './registry';
import type { ElementNode } from './types';

type Json = unknown;

export function capitalize(s: string): string {
  return s.length ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** Splits "extension('http://a.b/c').value.ofType(boolean)" into steps, keeping parenthesised arguments whole. */
export function pathSteps(path: string): string[] {
  const steps: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '.' && depth === 0) {
      steps.push(path.slice(start, i));
      start = i + 1;
    }
  }
  steps.push(path.slice(start));
  return steps.filter((s) => s !== '' && s !== '$this');
}

const CALL = /^(\w+)\('?([^')]*)'?\)$/;

interface Typed {
  readonly value: Json;
  readonly type?: string;
}

/** Instance values at a discriminator path (arrays flattened). */
function instanceValues(item: Json, steps: readonly string[], resourceTyped: boolean): Typed[] {
  let current: Typed[] = [{ value: item }];
  for (const step of steps) {
    const next: Typed[] = [];
    const call = CALL.exec(step);
    for (const { value, type } of current) {
      if (call?.[1] === 'ofType') {
        if (type === undefined || type.toLowerCase() === (call[2] ?? '').toLowerCase()) next.push({ value, type });
        continue;
      }
      if (!value || typeof value !== 'object') continue;
      const obj = value as Record<string, Json>;
      if (call) {
        const [, fn, arg] = call;
        if (fn === 'extension') {
          for (const e of asArray(obj.extension)) if (e && typeof e === 'object' && (e as Record<string, Json>).url === arg) next.push({ value: e });
        } else if (fn === 'ofType') {
          if (type === undefined || type.toLowerCase() === (arg ?? '').toLowerCase()) next.push({ value, type });
        } else if (fn === 'resolve') {
          return [];
        }
        continue;
      }
      if (step === 'value' || !(step in obj)) {
        // A choice element: valueBoolean, valueCodeableConcept, …
        let found = false;
        for (const key of Object.keys(obj)) {
          if (key.length > step.length && key.startsWith(step) && /[A-Z]/.test(key[step.length]!)) {
            for (const v of asArray(obj[key])) next.push({ value: v, type: key.slice(step.length) });
            found = true;
          }
        }
        if (found || step === 'value') continue;
      }
      for (const v of asArray(obj[step])) next.push({ value: v });
    }
    current = next;
  }
  if (resourceTyped) return current.map((t) => ({ value: t.value, type: t.type ?? resourceTypeOf(t.value) }));
  return current;
}

function resourceTypeOf(value: Json): string | undefined {
  return value && typeof value === 'object' && typeof (value as Record<string, Json>).resourceType === 'string'
    ? ((value as Record<string, Json>).resourceType as string)
    : undefined;
}

function asArray(v: Json): Json[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The element definitions a discriminator path reaches inside a slice. */
function definitionAt(schemas: FhirSchemas, slice: ElementNode, steps: readonly string[]): { node: ElementNode; extensionUrl?: string }[] {
  let current: { node: ElementNode; extensionUrl?: string }[] = [{ node: slice }];
  for (const step of steps) {
    const next: { node: ElementNode; extensionUrl?: string }[] = [];
    const call = CALL.exec(step);
    for (const { node } of current) {
      if (call && call[1] === 'ofType') {
        next.push({ node });
        continue;
      }
      const inside = schemas.inside(node, node.types[0]);
      if (!inside) continue;
      if (call && call[1] === 'extension') {
        const ext = inside.childByName.get('extension');
        for (const s of ext?.slices ?? []) if (extensionSliceUrl(schemas, s) === call[2]) next.push({ node: s });
        continue;
      }
      if (call) continue;
      const child = inside.childByName.get(step) ?? inside.childByName.get(step + '[x]');
      if (child) next.push({ node: child });
      else if (step === 'url' && node.types[0]?.code === 'Extension' && node.types[0].profile?.[0])
        next.push({ node, extensionUrl: stripVersion(node.types[0].profile[0]) });
    }
    current = next;
  }
  return current;
}

/** The url an extension slice stands for: its fixed url, else its type profile's canonical. */
export function extensionSliceUrl(schemas: FhirSchemas, slice: ElementNode): string | undefined {
  const fixed = slice.childByName.get('url')?.raw.fixed;
  if (typeof fixed === 'string') return fixed;
  const profile = slice.types[0]?.profile?.[0];
  if (profile) return stripVersion(profile);
  const inside = schemas.inside(slice, slice.types[0]);
  const url = inside?.childByName.get('url')?.raw.fixed;
  return typeof url === 'string' ? url : undefined;
}

/** True when `instance` has every property of `pattern` (arrays: each pattern item matched by some instance item). */
export function matchesPattern(instance: Json, pattern: Json): boolean {
  if (pattern === null || typeof pattern !== 'object') return instance === pattern;
  if (Array.isArray(pattern)) {
    const items = asArray(instance);
    return pattern.every((p) => items.some((i) => matchesPattern(i, p)));
  }
  if (!instance || typeof instance !== 'object' || Array.isArray(instance)) return false;
  const obj = instance as Record<string, Json>;
  for (const [k, v] of Object.entries(pattern as Record<string, Json>)) if (!matchesPattern(obj[k], v)) return false;
  return true;
}

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!deepEqual((a as Record<string, Json>)[k], (b as Record<string, Json>)[k])) return false;
  return true;
}

function discriminatorMatches(schemas: FhirSchemas, slice: ElementNode, d: RawDiscriminator, item: Json): boolean {
  const steps = pathSteps(d.path);
  const defs = definitionAt(schemas, slice, steps);
  if (d.type === 'type' || d.type === 'profile') {
    const instances = instanceValues(item, steps, true);
    const allowed = new Set<string>();
    for (const { node } of defs) for (const t of node.types) allowed.add(t.code.toLowerCase());
    if (allowed.size === 0) return false;
    if (!instances.some((i) => i.type !== undefined && allowed.has(i.type.toLowerCase()))) return false;
    if (d.type === 'profile') {
      const profiles = defs.flatMap(({ node }) => node.types.flatMap((t) => (t.profile ?? []).map(stripVersion)));
      const claimed = instances.flatMap((i) => asArray((i.value as { meta?: { profile?: Json } } | undefined)?.meta?.profile)).map((p) => stripVersion(String(p)));
      return profiles.length === 0 || profiles.some((p) => claimed.includes(p));
    }
    return true;
  }
  const instances = instanceValues(item, steps, false);
  if (d.type === 'exists') {
    const mustExist = defs.some(({ node }) => node.min > 0);
    return mustExist === instances.length > 0;
  }
  // value / pattern: the slice fixes a value (or pattern) at the path; some instance value must equal (contain) it.
  let expected: Json = undefined;
  let isPattern = d.type === 'pattern';
  for (const def of defs) {
    if (def.extensionUrl !== undefined) expected = def.extensionUrl;
    else if (def.node.raw.fixed !== undefined) expected = def.node.raw.fixed;
    else if (def.node.raw.pattern !== undefined) (expected = def.node.raw.pattern), (isPattern = true);
    if (expected !== undefined) break;
  }
  if (expected === undefined) return false;
  return instances.some((i) => (isPattern ? matchesPattern(i.value, expected) : deepEqual(i.value, expected)));
}

interface SliceIndex {
  /** Slicing on one `value` discriminator at a simple path: slices by the string they fix there. */
  readonly byValue?: ReadonlyMap<string, ElementNode>;
  readonly steps?: readonly string[];
}

const indexes = new WeakMap<ElementNode, SliceIndex>();

/** Builds the fast path for the common case (extensions by url, entries by a fixed code): one value discriminator
 *  on a plain property path, every slice fixing a distinct string there. */
function sliceIndex(schemas: FhirSchemas, element: ElementNode): SliceIndex {
  let index = indexes.get(element);
  if (index) return index;
  index = {};
  const ds = element.raw.slicing?.discriminator ?? [];
  const d = ds[0];
  if (ds.length === 1 && d && d.type === 'value' && /^[a-zA-Z]+(\.[a-zA-Z]+)*$/.test(d.path)) {
    const steps = pathSteps(d.path);
    const byValue = new Map<string, ElementNode>();
    let ok = true;
    for (const slice of element.slices) {
      const defs = definitionAt(schemas, slice, steps);
      const def = defs[0];
      const expected = def?.extensionUrl ?? def?.node.raw.fixed;
      if (defs.length !== 1 || typeof expected !== 'string' || byValue.has(expected)) {
        ok = false;
        break;
      }
      byValue.set(expected, slice);
    }
    if (ok) index = { byValue, steps };
  }
  indexes.set(element, index);
  return index;
}

/** The slice of `element` that `item` (a plain JSON value) belongs to, or undefined. */
export function sliceFor(schemas: FhirSchemas, element: ElementNode, item: Json): ElementNode | undefined {
  const discriminators = element.raw.slicing?.discriminator;
  if (!discriminators?.length) return undefined;
  const index = sliceIndex(schemas, element);
  if (index.byValue) {
    let v: Json = item;
    for (const step of index.steps!) {
      if (Array.isArray(v)) break;
      v = v && typeof v === 'object' ? (v as Record<string, Json>)[step] : undefined;
    }
    if (!Array.isArray(v)) return typeof v === 'string' ? index.byValue.get(v) : undefined;
  }
  for (const slice of element.slices) {
    let all = true;
    for (const d of discriminators) {
      if (!discriminatorMatches(schemas, slice, d, item)) {
        all = false;
        break;
      }
    }
    if (all) return slice;
  }
  return undefined;
}
