// Compiles one pruned StructureDefinition snapshot into an ElementNode tree (ids → parent by the last '.' segment;
// "a:b" ids are slices of "a"). Pure and total: odd ids hang on the nearest known ancestor.

import type { RawConstraint, RawStructureDefinition } from '../packages/data';
import type { CompiledProfile, ElementNode } from './types';

function lastSegment(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? path : path.slice(dot + 1);
}

/** Splits an element id into its parent id and its own segment, without being fooled by dots inside slice names. */
function parentId(id: string): string | undefined {
  let depth = 0;
  for (let i = id.length - 1; i >= 0; i--) {
    const c = id.charCodeAt(i);
    if (c === 0x5d /* ] */) depth++;
    else if (c === 0x5b /* [ */) depth--;
    else if (c === 0x2e /* . */ && depth === 0) {
      // A dot inside a slice name ("extension:a.b") is rare; the element path tells how deep we are.
      return id.slice(0, i);
    }
  }
  return undefined;
}

export function compileProfile(sd: RawStructureDefinition, constraints: readonly RawConstraint[]): CompiledProfile | undefined {
  if (!sd.elements.length) return undefined;
  const byId = new Map<string, ElementNode>();
  const profile = { url: sd.url, sd, byId } as { url: string; sd: RawStructureDefinition; root: ElementNode; byId: Map<string, ElementNode> };
  let root: ElementNode | undefined;
  for (const raw of sd.elements) {
    const types = raw.type ?? [];
    const name = lastSegment(raw.path);
    const node = {
      profile,
      raw,
      id: raw.id,
      path: raw.path,
      name,
      index: 0,
      sliceName: raw.sliceName,
      min: raw.min,
      max: raw.max === '*' ? Infinity : Number(raw.max) || 0,
      types,
      isChoice: name.endsWith('[x]'),
      children: [],
      childByName: new Map(),
      slices: [],
      constraints: (raw.constraint ?? []).map((i) => constraints[i]).filter((c): c is RawConstraint => !!c),
    } as { -readonly [K in keyof ElementNode]: ElementNode[K] };
    byId.set(raw.id, node);
    if (!root) {
      root = node;
      continue;
    }
    const ownSegment = raw.id.slice((parentId(raw.id) ?? '').length + 1);
    const colon = ownSegment.indexOf(':');
    if (colon >= 0) {
      // A slice (or a re-slice "a:b/c", kept as a slice of "a"): hangs on the unsliced element with the same parent.
      const baseId = (parentId(raw.id) ? parentId(raw.id) + '.' : '') + ownSegment.slice(0, colon);
      const base = byId.get(baseId);
      if (base) {
        node.index = base.slices.length;
        base.slices.push(node);
        continue;
      }
    }
    let parent = byId.get(parentId(raw.id) ?? '');
    if (!parent) parent = byId.get(parentId(raw.path) ?? '') ?? root;
    node.index = parent.children.length;
    parent.children.push(node);
    if (!parent.childByName.has(name)) parent.childByName.set(name, node);
  }
  if (!root) return undefined;
  profile.root = root;
  return profile;
}
