// The contract between the FHIR (Da Vinci PAS) core and the layers above it: features, LSP wiring, CLI.
// The core (server/src/fhir/**) implements these; features and LSP code import only from this file.
// Same floors as the X12 core: no VS Code or LSP imports, never throws, value plus problems, offsets in UTF-16 units.

import type { Problem } from '../problems/problem';

export type PasVersion = '2.0.1' | '2.2.1';

/** What a JSON document is, as far as PAS is concerned. */
export interface PasDocumentInfo {
  /** PAS version in force: from the canonical's `|version`, else from the setting. */
  readonly version: PasVersion;
  /** True when the version came from the document itself (a versioned canonical), not from the setting. */
  readonly versionFromDocument: boolean;
  /** Canonical URL (without version) of the profile the top-level resource is validated against. */
  readonly profile: string;
  /** Top-level resourceType, e.g. "Bundle". */
  readonly resourceType: string;
  /** Request, inquiry, response, inquiry response, or another PAS resource. */
  readonly role: 'request' | 'inquiry' | 'response' | 'inquiry-response' | 'other';
}

/** One element definition of a compiled profile, as features show it. */
export interface ElementInfo {
  /** Element id in the snapshot, e.g. "Claim.item.extension:requestedService". */
  readonly id: string;
  /** Path without slice names, e.g. "Claim.item.extension". */
  readonly path: string;
  readonly short?: string;
  readonly definition?: string;
  readonly min: number;
  /** "*" or a number as a string, as in the snapshot. */
  readonly max: string;
  /** Type codes, e.g. ["CodeableConcept"], ["Reference(Patient)"]; choice types list each. */
  readonly types: readonly string[];
  readonly mustSupport: boolean;
  readonly binding?: {
    readonly strength: 'required' | 'extensible' | 'preferred' | 'example';
    readonly valueSet: string;
    /** The value set's codes when it can be enumerated offline. */
    readonly codes?: readonly { readonly system?: string; readonly code: string; readonly display?: string }[];
  };
  /** Canonical URL of the profile (or extension definition) this element comes from. */
  readonly profile: string;
  /** Where the 278 carries the same data, when the package says so (from X12 value-set URLs or the definition). */
  readonly x12?: { readonly loop?: string; readonly segment?: string; readonly element?: string; readonly dataElement?: string };
}

export interface FhirAnalysis {
  readonly text: string;
  /** Undefined when the document is not a PAS document (then problems is empty). */
  readonly pas: PasDocumentInfo | undefined;
  readonly problems: readonly Problem[];
}

export interface FhirOptions {
  /** The document's URI or path (a `*.pas.json` name makes it a PAS document). */
  readonly uri?: string;
  /** `priorAuth.pas.version`: used when the document's canonicals carry no version. */
  readonly defaultVersion?: PasVersion;
  /** Most problems reported (`priorAuth.maxProblems`); one more says how many were left out. Default 500. */
  readonly maxProblems?: number;
}

/**
 * Where an edited text differs from the text of the previous analysis: `[start, oldEnd)` of the old text became
 * `[start, newEnd)` of the new one. It may be wider than the real change, never narrower.
 */
export interface FhirTextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** Where an offset falls in a PAS document: the JSON path and the element definition that governs it. */
export interface FhirLocation {
  /** JSON path segments from the root, e.g. ["entry", 0, "resource", "item", 1, "productOrService"]. */
  readonly jsonPath: readonly (string | number)[];
  /** True when the offset is on a property name (or where a new property name would go). */
  readonly onPropertyName: boolean;
  /** The element definition of the value at the path, when known. */
  readonly element: ElementInfo | undefined;
  /** Offsets of the property name or value under the cursor. */
  readonly start: number;
  readonly end: number;
}
