// Completion in a PAS document: the property names the profile allows in the object at the cursor (choice types
// spelt out, slices folded into their property), and the codes of an enumerable binding with their meanings.

import { findNodeAtLocation, getLocation, type Node } from 'jsonc-parser';
import type { ElementInfo, FhirAnalysis } from '../fhir/api';
import type { CompletionEntry } from './completion';
import { fhirCore } from './fhirCore';
import { elementAtPath, jsonTree } from './fhirTree';
import { bindingMeaning, x12Where } from './fhirHover';

const PRIMITIVE_JSON: Record<string, 'string' | 'number' | 'boolean'> = {
  boolean: 'boolean', integer: 'number', decimal: 'number', positiveInt: 'number', unsignedInt: 'number', integer64: 'string',
};
/** How far up from a `code` value a binding is looked for (code → coding[i] → coding → CodeableConcept). */
const BINDING_DEPTH = 4;
const MAX_CODES = 400;

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The JSON property names an element stands for: `value[x]` with types string and Period → valueString, valuePeriod. */
export function propertyNames(e: ElementInfo): { name: string; type?: string }[] {
  const name = lastSegment(e.path);
  if (!name.endsWith('[x]')) return [{ name, type: e.types.length === 1 ? e.types[0] : undefined }];
  const stem = name.slice(0, -3);
  return e.types.map((t) => {
    const bare = t.replace(/\(.*$/, '');
    return { name: stem + upperFirst(bare), type: t };
  });
}

function valueSkeleton(type: string | undefined, repeats: boolean): string {
  const bare = type?.replace(/\(.*$/, '');
  const kind = bare ? PRIMITIVE_JSON[bare] : undefined;
  const isPrimitive = !!bare && (kind !== undefined || /^[a-z]/.test(bare));
  const one = !isPrimitive ? '{$1}' : kind === 'number' || kind === 'boolean' ? '$1' : '"$1"';
  return repeats ? `[${one}]` : one;
}

function elementDoc(e: ElementInfo): string {
  const lines: string[] = [];
  if (e.short) lines.push(e.short);
  if (e.definition && e.definition !== e.short) lines.push(e.definition);
  if (e.binding) lines.push(`Binding (${e.binding.strength}): ${e.binding.valueSet}`);
  if (e.x12) lines.push(`278: ${x12Where(e.x12)}`);
  return lines.join('\n\n');
}

function propertyItems(analysis: FhirAnalysis, root: Node | undefined, offset: number, objectPath: (string | number)[], replaceStart: number, replaceEnd: number): CompletionEntry[] {
  // Renaming a key that already has its value: replace the name only.
  const keyOnly = /^\s*:/.test(analysis.text.slice(replaceEnd, replaceEnd + 200));
  const present = new Set<string>();
  const object = root ? findNodeAtLocation(root, objectPath) : undefined;
  for (const property of object?.type === 'object' ? object.children ?? [] : []) {
    const key = property.children?.[0];
    // The key being typed is not "present".
    if (key && typeof key.value === 'string' && !(key.offset <= offset && offset <= key.offset + key.length)) present.add(key.value);
  }
  const seen = new Map<string, CompletionEntry>();
  for (const e of fhirCore().childElementsAt(analysis, offset)) {
    if (e.max === '0') continue;
    for (const { name, type } of propertyNames(e)) {
      if (seen.has(name) || present.has(name)) continue;
      const repeats = e.max !== '1';
      seen.set(name, {
        label: name,
        kind: 'property',
        detail: [`${e.min}..${e.max}`, type ?? e.types.join(' | '), e.mustSupport ? 'must support' : ''].filter(Boolean).join(' · '),
        documentation: elementDoc(e) || undefined,
        insertText: keyOnly ? `"${name}"` : `"${name}": `,
        filterText: `"${name}"`,
        insertSnippet: keyOnly ? `"${name}"` : `"${name}": ${valueSkeleton(type, repeats)}`,
        replaceStart,
        replaceEnd,
        // Required first, then must-support, then the rest, each in profile order.
        sortText: `${e.min > 0 ? 0 : e.mustSupport ? 1 : 2}${String(seen.size).padStart(4, '0')}`,
      });
    }
  }
  return [...seen.values()];
}

function bindingOf(analysis: FhirAnalysis, root: Node, path: (string | number)[], offset: number): ElementInfo | undefined {
  const here = fhirCore().locateFhir(analysis, offset)?.element;
  if (here?.binding?.codes?.length) return here;
  const name = path[path.length - 1];
  const sibling = fhirCore().childElementsAt(analysis, offset).find((e) => typeof name === 'string' && propertyNames(e).some((p) => p.name === name));
  if (sibling?.binding?.codes?.length) return sibling;
  for (let up = 1; up <= BINDING_DEPTH && up <= path.length; up++) {
    const owner = elementAtPath(analysis, root, path.slice(0, path.length - up));
    if (owner?.binding?.codes?.length) return owner;
  }
  return undefined;
}

function codeItems(analysis: FhirAnalysis, root: Node, path: (string | number)[], offset: number, replaceStart: number, replaceEnd: number): CompletionEntry[] {
  const element = bindingOf(analysis, root, path, offset);
  const codes = element?.binding?.codes ?? [];
  return codes.slice(0, MAX_CODES).map((c, i) => ({
    label: c.code,
    kind: 'code',
    detail: bindingMeaning(element, c.code, c.system) ?? c.display ?? '',
    documentation: c.system ? `${c.system}\n\nBinding (${element!.binding!.strength}): ${element!.binding!.valueSet}` : undefined,
    insertText: JSON.stringify(c.code),
    filterText: JSON.stringify(c.code),
    replaceStart,
    replaceEnd,
    sortText: String(i).padStart(4, '0'),
  }));
}

export function fhirCompletionsAt(analysis: FhirAnalysis, offset: number): CompletionEntry[] {
  if (!analysis.pas) return [];
  const text = analysis.text;
  const where = getLocation(text, offset);
  const previous = where.previousNode;
  const onToken = previous && previous.offset <= offset && offset <= previous.offset + previous.length;
  const replaceStart = onToken ? previous.offset : offset;
  const replaceEnd = onToken ? previous.offset + previous.length : offset;
  const root = jsonTree(analysis);
  if (where.isAtPropertyKey) {
    const objectPath = where.path.slice(0, -1);
    return propertyItems(analysis, root, offset, objectPath, replaceStart, replaceEnd);
  }
  if (!root || where.path.length === 0) return [];
  // A value position: codes, when the element (or the CodeableConcept above a coding's code) has an enumerable binding.
  if (previous && onToken && previous.type !== 'string') return [];
  return codeItems(analysis, root, where.path, offset, replaceStart, replaceEnd);
}
