// Offset → JSON path → the element definition governing it, and the properties allowed in the object at the cursor.

import type { Node } from 'jsonc-parser';
import { findNodeAtOffset } from 'jsonc-parser';
import type { ElementInfo, FhirAnalysis, FhirLocation } from './api';
import { internals } from './analysis';
import type { FhirSchemas } from './schema/registry';
import { elementInfo, resolveProperty } from './schema/resolve';
import { insideValue, isObject, itemNode, valueType } from './schema/navigate';
import type { ElementNode } from './schema/types';

type Segment = string | number;

function pathOf(node: Node): Segment[] {
  const path: Segment[] = [];
  let child = node;
  let parent = node.parent;
  while (parent) {
    if (parent.type === 'property') {
      const key = parent.children?.[0];
      if (key && child !== key) path.unshift(String(key.value));
      else if (key && child === key) path.unshift(String(key.value));
      child = parent;
      parent = parent.parent;
      continue;
    }
    if (parent.type === 'array') path.unshift(parent.children?.indexOf(child) ?? 0);
    child = parent;
    parent = parent.parent;
  }
  return path;
}

interface Resolved {
  /** The definition of the value at the path (undefined when the path leaves the profile). */
  readonly element: ElementNode | undefined;
  /** The node whose children describe the inside of that value. */
  readonly inside: ElementNode | undefined;
}

/** Walks the compiled profile along a JSON path, choosing slices and resource profiles as validation does. */
export function resolvePath(schemas: FhirSchemas, rootInside: ElementNode, rootValue: unknown, path: readonly Segment[]): Resolved {
  let container: ElementNode | undefined = rootInside;
  let element: ElementNode | undefined = rootInside;
  let value: unknown = rootValue;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (!container || typeof seg !== 'string') return { element: undefined, inside: undefined };
    const match = resolveProperty(container, seg);
    if (!match || match.badChoiceType) return { element: undefined, inside: undefined };
    let node = match.node;
    let v = isObject(value) ? value[seg] : undefined;
    const next = path[i + 1];
    if (typeof next === 'number') {
      v = Array.isArray(v) ? v[next] : undefined;
      i++;
    }
    if (Array.isArray(v)) {
      element = node;
      container = undefined;
      continue;
    }
    node = itemNode(schemas, node, seg, match.type, v);
    element = node;
    value = v;
    if (match.primitiveExtension) container = schemas.base('Element')?.root;
    else container = insideValue(schemas, node, valueType(node, match), v);
  }
  return { element, inside: container };
}

export function locateFhir(analysis: FhirAnalysis, offset: number): FhirLocation | undefined {
  try {
    const inner = internals(analysis);
    if (!inner?.root || !inner.schemas || !inner.profile) return undefined;
    const node = findNodeAtOffset(inner.root, offset, true);
    if (!node) return undefined;
    const onKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
    const onObject = node.type === 'object';
    const path = onObject ? pathOf(node) : pathOf(node);
    const resolved = resolvePath(inner.schemas, inner.profile.root, inner.value, onObject ? path : path);
    let element = resolved.element;
    if (onObject) element = undefined;
    const target = onKey ? node : node;
    return {
      jsonPath: path,
      onPropertyName: onKey || onObject,
      element: element ? elementInfo(inner.schemas, element) : undefined,
      start: target.offset,
      end: target.offset + target.length,
    };
  } catch {
    return undefined;
  }
}

/** The object that holds the cursor: the object itself, or the object of the property the cursor is in. */
function enclosingObject(node: Node): Node | undefined {
  let n: Node | undefined = node;
  if (n.type !== 'object' && n.parent?.type === 'property') n = n.parent.parent;
  while (n && n.type !== 'object') n = n.parent;
  return n;
}

export function childElementsAt(analysis: FhirAnalysis, offset: number): readonly ElementInfo[] {
  try {
    const inner = internals(analysis);
    if (!inner?.root || !inner.schemas || !inner.profile) return [];
    const node = findNodeAtOffset(inner.root, offset, false) ?? inner.root;
    const object = enclosingObject(node);
    if (!object) return [];
    const { inside } = resolvePath(inner.schemas, inner.profile.root, inner.value, pathOf(object));
    if (!inside) return [];
    const schemas = inner.schemas;
    return inside.children.filter((c) => c.max > 0).map((c) => elementInfo(schemas, c));
  } catch {
    return [];
  }
}
