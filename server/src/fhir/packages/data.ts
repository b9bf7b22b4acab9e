// The shape of data/fhir/pas-<version>.json, written by scripts/build-fhir-data.mjs from the published packages:
// StructureDefinition snapshots pruned to what validation and hover read, and value sets compiled into includes.

export interface RawTypeRef {
  readonly code: string;
  readonly profile?: readonly string[];
  readonly targetProfile?: readonly string[];
  /** The primitive's lexical form, from the R4 type definitions (FHIR's own regex extension). */
  readonly regex?: string;
}

export interface RawDiscriminator {
  readonly type: 'value' | 'exists' | 'pattern' | 'type' | 'profile';
  readonly path: string;
}

export interface RawElement {
  readonly id: string;
  readonly path: string;
  readonly sliceName?: string;
  readonly min: number;
  readonly max: string;
  readonly contentReference?: string;
  readonly type?: readonly RawTypeRef[];
  readonly base?: { readonly path: string; readonly min: number; readonly max: string };
  readonly slicing?: { readonly discriminator: readonly RawDiscriminator[]; readonly rules: 'open' | 'closed' | 'openAtEnd'; readonly ordered: boolean };
  readonly fixed?: unknown;
  readonly fixedType?: string;
  readonly pattern?: unknown;
  readonly patternType?: string;
  readonly binding?: { readonly strength: 'required' | 'extensible' | 'preferred' | 'example'; readonly valueSet: string };
  /** Indexes into PackageData.constraints. */
  readonly constraint?: readonly number[];
  readonly mustSupport?: boolean;
  readonly isModifier?: boolean;
  readonly short?: string;
  readonly definition?: string;
}

export interface RawStructureDefinition {
  readonly url: string;
  readonly version?: string;
  readonly name?: string;
  readonly title?: string;
  readonly kind: 'primitive-type' | 'complex-type' | 'resource' | 'logical';
  readonly abstract: boolean;
  readonly type: string;
  readonly derivation?: 'specialization' | 'constraint';
  readonly baseDefinition?: string;
  readonly context?: readonly { readonly type: string; readonly expression: string }[];
  readonly elements: readonly RawElement[];
}

export interface RawConstraint {
  readonly key: string;
  readonly severity: 'error' | 'warning';
  readonly human: string;
  readonly expression: string;
}

/** One include of a value set: enumerated codes, any code of a system (codes absent), an X12 data element's codes,
 *  or a filter the build did not evaluate (any code of the system passes). */
export interface RawInclude {
  readonly system: string;
  readonly codes?: readonly (readonly [string, string?])[];
  readonly x12?: string;
  readonly filter?: true;
}

export interface RawValueSet {
  readonly url: string;
  readonly version?: string;
  readonly name?: string;
  readonly title?: string;
  readonly include: readonly RawInclude[];
}

export interface PackageData {
  readonly pasVersion: string;
  readonly packages: readonly { readonly name: string; readonly version: string }[];
  readonly constraints: readonly RawConstraint[];
  readonly structureDefinitions: readonly RawStructureDefinition[];
  readonly valueSets: readonly RawValueSet[];
  /** Canonicals the PAS profiles name that no package carried offline (other IGs). */
  readonly notOffline: readonly string[];
}
