// Loop instances of a document in flat arrays. A batch holds hundreds of thousands of loops; as objects they would
// keep the garbage collector busy while validating, so the matcher records them here and LoopNode objects are built
// per transaction only when a feature asks for them (see TransactionAnalysis.roots).

import type { GuideLevel, GuideLoop } from '../guide/types';

/** A loop instance: an HL level (when `level` is set) or a name loop inside one. */
export interface LoopNode {
  readonly def: GuideLoop;
  readonly level?: GuideLevel;
  /** Segment index of the loop's first segment. */
  readonly first: number;
  /** Segment index of the loop's last segment (child loops included). */
  readonly last: number;
  /** The enclosing node: for a name loop its level; for a level its parent level by HL02. */
  readonly parent?: LoopNode;
  /** A level's name loops in document order, then its child levels in document order; empty for name loops. */
  readonly children: readonly LoopNode[];
}

const FIRST = 0;
const LAST = 1;
const PARENT = 2;
const IS_LEVEL = 3;
const FIELDS = 4;

/**
 * Node i is data[4i … 4i+3]: first and last segment (relative to the transaction's ST, so a transaction that moves
 * keeps its entries), parent (node index relative to the transaction's first node, -1 for none) and whether it is a
 * level. Nodes of one transaction are contiguous, in document order.
 */
export class LoopPool {
  private data = new Int32Array(FIELDS * 1024);
  private readonly defs: GuideLoop[] = [];
  /** Nodes left behind by re-analysed transactions. */
  dead = 0;

  get size(): number {
    return this.defs.length;
  }

  add(def: GuideLoop, isLevel: boolean, first: number, parent: number): number {
    const index = this.defs.length;
    if ((index + 1) * FIELDS > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const at = index * FIELDS;
    this.data[at + FIRST] = first;
    this.data[at + LAST] = first;
    this.data[at + PARENT] = parent;
    this.data[at + IS_LEVEL] = isLevel ? 1 : 0;
    this.defs.push(def);
    return index;
  }

  def(i: number): GuideLoop {
    return this.defs[i];
  }
  first(i: number): number {
    return this.data[i * FIELDS + FIRST];
  }
  last(i: number): number {
    return this.data[i * FIELDS + LAST];
  }
  setLast(i: number, last: number): void {
    this.data[i * FIELDS + LAST] = last;
  }
  parent(i: number): number {
    return this.data[i * FIELDS + PARENT];
  }
  setParent(i: number, parent: number): void {
    this.data[i * FIELDS + PARENT] = parent;
  }
  isLevel(i: number): boolean {
    return this.data[i * FIELDS + IS_LEVEL] === 1;
  }
}

const NO_CHILDREN: readonly LoopNode[] = Object.freeze([]);

/**
 * Builds the LoopNode objects of nodes [from, to) of `pool` for a transaction whose ST is segment `st`, and returns
 * the levels without a parent level.
 */
export function buildNodes(pool: LoopPool, from: number, to: number, st: number): LoopNode[] {
  type Mutable = { -readonly [K in keyof LoopNode]: LoopNode[K] };
  const nodes: Mutable[] = [];
  for (let i = from; i < to; i++) {
    const def = pool.def(i);
    nodes.push({ def, level: pool.isLevel(i) ? (def as GuideLevel) : undefined, first: st + pool.first(i), last: st + pool.last(i), parent: undefined, children: NO_CHILDREN });
  }
  const roots: LoopNode[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const parent = pool.parent(from + i);
    if (parent >= 0) nodes[i].parent = nodes[parent];
    else if (nodes[i].level) roots.push(nodes[i]);
  }
  // One pass in document order: each level's name loops, then its child levels, each in document order.
  const childLevels: (LoopNode[] | undefined)[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const parent = pool.parent(from + i);
    if (parent < 0 || !nodes[parent].level) continue;
    if (nodes[i].level) (childLevels[parent] ??= []).push(nodes[i]);
    else if (nodes[parent].children === NO_CHILDREN) nodes[parent].children = [nodes[i]];
    else (nodes[parent].children as LoopNode[]).push(nodes[i]);
  }
  for (let i = 0; i < nodes.length; i++) {
    const levels = childLevels[i];
    if (!levels) continue;
    if (nodes[i].children === NO_CHILDREN) nodes[i].children = levels;
    else (nodes[i].children as LoopNode[]).push(...levels);
  }
  return roots;
}
