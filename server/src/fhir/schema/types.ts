// Compiled element schemas: each StructureDefinition snapshot becomes a tree of ElementNodes once (per version),
// and every validation and lookup walks that tree.

import type { RawConstraint, RawElement, RawStructureDefinition, RawTypeRef } from '../packages/data';

export interface ElementNode {
  readonly profile: CompiledProfile;
  readonly raw: RawElement;
  readonly id: string;
  readonly path: string;
  /** Last path segment, e.g. "value[x]" or "coding". */
  readonly name: string;
  /** Position among the parent's children (or among the sliced element's slices). */
  readonly index: number;
  readonly sliceName: string | undefined;
  readonly min: number;
  /** Infinity for "*". */
  readonly max: number;
  readonly types: readonly RawTypeRef[];
  /** The name ends in [x]: the JSON property is the name's stem plus a type name. */
  readonly isChoice: boolean;
  /** Direct child elements in snapshot order (slices of a child hang on that child, not here). */
  readonly children: ElementNode[];
  readonly childByName: Map<string, ElementNode>;
  /** Slices of this element when it is sliced (each with its own children). */
  readonly slices: ElementNode[];
  readonly constraints: readonly RawConstraint[];
}

export interface CompiledProfile {
  readonly url: string;
  readonly sd: RawStructureDefinition;
  readonly root: ElementNode;
  readonly byId: ReadonlyMap<string, ElementNode>;
}

/** A value set compiled for membership tests: per system, its codes (undefined: any code of the system). */
export interface CompiledValueSet {
  readonly url: string;
  readonly name: string;
  /** system → code → display ('' when none); null: any code of the system is accepted offline. */
  readonly systems: ReadonlyMap<string, ReadonlyMap<string, string> | null>;
  /** system → X12 data element number, for systems whose codes the 278 tables hold. */
  readonly x12: ReadonlyMap<string, string>;
  /** True when every system is enumerated (so completion can list the whole set). */
  readonly enumerable: boolean;
}
