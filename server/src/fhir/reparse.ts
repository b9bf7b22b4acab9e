// The JSON tree of an edited text from the previous text's tree: only the innermost object or array that holds the
// change is parsed again; the nodes after it move by the change's difference in length. Building the whole tree
// costs more than the validation of a large bundle, so an edit must not pay it.
//
// Only for texts without syntax errors: the previous tree had none, and the object or array parsed again is exactly
// one JSON value without errors, between the same brackets as before. Then the new text's tree is this one (a JSON
// value ends where its brackets close, and everything outside it is the same text as before); otherwise undefined,
// and the caller parses the whole text. The previous tree is taken over: its nodes are moved and reused.

import type { Node } from 'jsonc-parser';
import type { FhirTextChange } from './api';
import { parseJson } from './detect';

function isContainer(node: Node | undefined): node is Node {
  return node?.type === 'object' || node?.type === 'array';
}

/** True when the change lies strictly between the node's brackets (both brackets unchanged). */
function holds(node: Node, change: FhirTextChange): boolean {
  return node.offset < change.start && change.oldEnd <= node.offset + node.length - 1;
}

/** The value nodes directly inside a container (an object's property values, an array's items), in text order. */
function valueAt(container: Node, index: number): Node | undefined {
  const child = container.children?.[index];
  return container.type === 'object' ? child?.children?.[1] : child;
}

/** The innermost object or array holding the change, found by binary search among each container's children. */
function innermostContainer(root: Node, change: FhirTextChange): Node | undefined {
  if (!isContainer(root) || !holds(root, change)) return undefined;
  let node = root;
  for (;;) {
    const children = node.children ?? [];
    let lo = 0;
    let hi = children.length - 1;
    let next: Node | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const child = children[mid]!;
      if (child.offset + child.length <= change.start) lo = mid + 1;
      else if (child.offset > change.start) hi = mid - 1;
      else {
        next = valueAt(node, mid);
        break;
      }
    }
    if (!isContainer(next) || !holds(next, change)) return node;
    node = next;
  }
}

function shift(node: Node, delta: number): void {
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()! as { offset: number; colonOffset?: number; children?: Node[] };
    n.offset += delta;
    if (n.colonOffset !== undefined) n.colonOffset += delta;
    if (n.children) for (const c of n.children) stack.push(c);
  }
}

/**
 * The new text's tree and the node parsed again, or undefined when the whole text must be parsed. `previousRoot` had
 * no syntax errors.
 */
export function reparse(previousRoot: Node, text: string, change: FhirTextChange): { root: Node; replaced: Node } | undefined {
  const container = innermostContainer(previousRoot, change);
  if (!container) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const start = container.offset;
  const slice = text.slice(start, start + container.length + delta);
  const parsed = parseJson(slice);
  const fresh = parsed.root;
  if (parsed.errors.length > 0 || !fresh || fresh.type !== container.type || fresh.offset !== 0 || fresh.length !== slice.length) return undefined;
  shift(fresh, start);
  const parent = container.parent;
  (fresh as { parent?: Node }).parent = parent;
  if (!parent) return { root: fresh, replaced: fresh };
  const siblings = parent.children!;
  siblings[siblings.indexOf(container)] = fresh;
  // Up the chain: each ancestor grows by the change, and whatever follows it in its parent moves.
  let child: Node = fresh;
  let up: Node | undefined = parent;
  while (up) {
    (up as { length: number }).length += delta;
    if (delta !== 0) {
      const list = up.children ?? [];
      for (let i = list.indexOf(child) + 1; i < list.length; i++) shift(list[i]!, delta);
    }
    child = up;
    up = up.parent;
  }
  return { root: child, replaced: fresh };
}

/**
 * The previous plain value (JSON.parse of the previous text) made the new text's: the value at the replaced node's
 * path becomes `replacement`. False, with `root` untouched, when the path cannot say which value it is (a key that
 * occurs twice in its object, where JSON.parse keeps the last; "__proto__", which assignment would not set).
 */
export function patchValue(root: unknown, replaced: Node, replacement: unknown): { ok: true; value: unknown } | { ok: false } {
  const path: (string | number)[] = [];
  let node = replaced;
  while (node.parent) {
    const parent: Node = node.parent;
    if (parent.type === 'property') {
      const key = String(parent.children![0]!.value);
      const object = parent.parent!;
      let count = 0;
      for (const p of object.children ?? []) if (p.children?.[0]?.value === key) count++;
      if (count !== 1 || key === '__proto__') return { ok: false };
      path.unshift(key);
      node = object;
    } else {
      path.unshift(parent.children!.indexOf(node));
      node = parent;
    }
  }
  if (path.length === 0) return { ok: true, value: replacement };
  let holder: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    holder = holder && typeof holder === 'object' ? (holder as Record<string | number, unknown>)[path[i]!] : undefined;
  }
  const last = path[path.length - 1]!;
  if (!holder || typeof holder !== 'object' || Array.isArray(holder) !== (typeof last === 'number')) return { ok: false };
  (holder as Record<string | number, unknown>)[last] = replacement;
  return { ok: true, value: root };
}
