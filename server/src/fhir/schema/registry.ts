// Everything compiled for one PAS version: profiles by canonical (compiled on first use, then cached), value sets,
// primitive lexical forms. One instance per version for the life of the process.

import type { PasVersion } from '../api';
import { loadPackageData } from '../packages/load';
import type { PackageData, RawStructureDefinition, RawTypeRef } from '../packages/data';
import { compileProfile } from './compile';
import type { CompiledProfile, CompiledValueSet, ElementNode } from './types';

export const FHIR_BASE = 'http://hl7.org/fhir/StructureDefinition/';

export function stripVersion(canonical: string): string {
  const bar = canonical.indexOf('|');
  return bar < 0 ? canonical : canonical.slice(0, bar);
}

export class FhirSchemas {
  private readonly sds = new Map<string, RawStructureDefinition>();
  private readonly compiled = new Map<string, CompiledProfile | undefined>();
  private readonly valueSets = new Map<string, CompiledValueSet>();
  private readonly regexes = new Map<string, RegExp | null>();
  private readonly primitives = new Map<string, boolean>();
  private readonly resourceTypes = new Map<string, boolean>();
  private readonly insides = new WeakMap<ElementNode, Map<RawTypeRef | undefined, ElementNode | null>>();
  readonly notOffline: ReadonlySet<string>;

  constructor(readonly version: PasVersion, readonly data: PackageData) {
    for (const sd of data.structureDefinitions) this.sds.set(sd.url, sd);
    for (const vs of data.valueSets) {
      const systems = new Map<string, Map<string, string> | null>();
      const x12 = new Map<string, string>();
      let enumerable = true;
      for (const inc of vs.include) {
        if (inc.x12) {
          x12.set(inc.system, inc.x12);
          if (!systems.has(inc.system)) systems.set(inc.system, null);
          enumerable = false;
        } else if (inc.codes) {
          const existing = systems.get(inc.system);
          if (existing === null) continue;
          const codes = existing ?? new Map<string, string>();
          for (const [code, display] of inc.codes) codes.set(code, display ?? '');
          systems.set(inc.system, codes);
        } else {
          systems.set(inc.system, null);
          enumerable = false;
        }
      }
      this.valueSets.set(vs.url, { url: vs.url, name: vs.title ?? vs.name ?? vs.url, systems, x12, enumerable });
    }
    this.notOffline = new Set(data.notOffline);
  }

  hasStructure(canonical: string): boolean {
    return this.sds.has(stripVersion(canonical));
  }

  structure(canonical: string): RawStructureDefinition | undefined {
    return this.sds.get(stripVersion(canonical));
  }

  profile(canonical: string): CompiledProfile | undefined {
    const url = stripVersion(canonical);
    if (this.compiled.has(url)) return this.compiled.get(url);
    const sd = this.sds.get(url);
    const compiled = sd ? compileProfile(sd, this.data.constraints) : undefined;
    this.compiled.set(url, compiled);
    return compiled;
  }

  /** The base definition of a type or resource by its code ("CodeableConcept", "Claim"). */
  base(typeCode: string): CompiledProfile | undefined {
    return this.profile(FHIR_BASE + typeCode);
  }

  valueSet(canonical: string): CompiledValueSet | undefined {
    return this.valueSets.get(stripVersion(canonical));
  }

  /** The lexical form of a primitive type (from its definition), or null when it has none. */
  primitiveRegex(typeCode: string): RegExp | null {
    let re = this.regexes.get(typeCode);
    if (re !== undefined) return re;
    re = null;
    const value = this.base(typeCode)?.root.childByName.get('value');
    const source = value?.types[0]?.regex;
    if (source) {
      try {
        re = new RegExp(`^(?:${source})$`);
      } catch {
        re = null;
      }
    }
    this.regexes.set(typeCode, re);
    return re;
  }

  isPrimitive(typeCode: string): boolean {
    let known = this.primitives.get(typeCode);
    if (known === undefined) {
      known = typeCode.startsWith('http://hl7.org/fhirpath/System.') || this.structure(FHIR_BASE + typeCode)?.kind === 'primitive-type';
      this.primitives.set(typeCode, known);
    }
    return known;
  }

  isResourceType(typeCode: string): boolean {
    let known = this.resourceTypes.get(typeCode);
    if (known === undefined) {
      known = this.structure(FHIR_BASE + typeCode)?.kind === 'resource';
      this.resourceTypes.set(typeCode, known);
    }
    return known;
  }

  /**
   * The node whose children describe the inside of a value of `node` with type `type`: the node itself when the
   * snapshot expands it, the referenced element for a contentReference, else the type's profile or base definition.
   */
  inside(node: ElementNode, type: RawTypeRef | undefined): ElementNode | undefined {
    let byType = this.insides.get(node);
    if (!byType) this.insides.set(node, (byType = new Map()));
    let found = byType.get(type);
    if (found === undefined) {
      found = this.findInside(node, type) ?? null;
      byType.set(type, found);
    }
    return found ?? undefined;
  }

  private findInside(node: ElementNode, type: RawTypeRef | undefined): ElementNode | undefined {
    // The snapshot's own children come first: snapshot generation merged the type's (or extension's) definition with
    // this profile's constraints on it (a fixed value on an extension slice's value[x], say).
    if (node.children.length > 0) return node;
    const ref = node.raw.contentReference;
    if (ref) {
      const hash = ref.indexOf('#');
      const target = node.profile.byId.get(ref.slice(hash + 1)) ?? this.base(ref.slice(hash + 1).split('.')[0] ?? '')?.byId.get(ref.slice(hash + 1));
      return target ? this.inside(target, target.types[0]) : undefined;
    }
    if (!type) return undefined;
    for (const p of type.profile ?? []) {
      const compiled = this.profile(p);
      if (compiled) return compiled.root;
    }
    return this.base(type.code)?.root;
  }
}

const byVersion = new Map<PasVersion, FhirSchemas | undefined>();

/** The compiled schemas of a PAS version, or undefined when its package data is not available. */
export function schemasFor(version: PasVersion): FhirSchemas | undefined {
  if (byVersion.has(version)) return byVersion.get(version);
  const data = loadPackageData(version);
  const schemas = data ? new FhirSchemas(version, data) : undefined;
  byVersion.set(version, schemas);
  return schemas;
}
