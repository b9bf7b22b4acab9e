// Every diagnostic code the FHIR (Da Vinci PAS) core can emit, its default severity and what it checks. Codes are
// stable, like the X12 ones in catalog.ts; every code has a failing fixture in test/fixtures/fhir/diagnostics.
// basis: 'json' the JSON form of FHIR, 'fhir' a rule of FHIR R4 or of the StructureDefinition in force, 'pas' a
// Da Vinci PAS rule the profiles state in words (bundle contents), 'x12' the project's own 278 code tables.

import type { Severity } from './problem';

export interface FhirCatalogEntry {
  readonly basis: 'json' | 'fhir' | 'pas' | 'x12';
  readonly severity: Severity;
  readonly summary: string;
}

export const FHIR_CATALOG = {
  'fhir-json-syntax': { basis: 'json', severity: 'error', summary: 'The document is not valid JSON.' },
  'fhir-not-resource': { basis: 'json', severity: 'error', summary: 'The document is not a JSON object with a resourceType.' },
  'fhir-resource-type': { basis: 'fhir', severity: 'error', summary: 'The resourceType is unknown, or not the one the profile or the element expects.' },
  'fhir-profile-unavailable': { basis: 'fhir', severity: 'information', summary: 'A profile or extension definition is not available offline, so that part is not checked against it.' },
  'fhir-unknown-element': { basis: 'fhir', severity: 'error', summary: 'The property is not an element of the resource or data type here.' },
  'fhir-cardinality': { basis: 'fhir', severity: 'error', summary: 'An element (or slice) occurs fewer or more times than its definition allows.' },
  'fhir-array-shape': { basis: 'json', severity: 'error', summary: 'A repeating element is not a JSON array, or a single element is one.' },
  'fhir-empty': { basis: 'json', severity: 'error', summary: 'An empty string, object or array, or null: FHIR JSON leaves absent elements out.' },
  'fhir-type': { basis: 'fhir', severity: 'error', summary: 'The value is not of the element\'s type (JSON kind, lexical form, or a choice type the element does not allow).' },
  'fhir-fixed-value': { basis: 'fhir', severity: 'error', summary: 'The value differs from the value the profile fixes.' },
  'fhir-pattern-value': { basis: 'fhir', severity: 'error', summary: 'The value does not contain the pattern the profile requires.' },
  'fhir-slice-unmatched': { basis: 'fhir', severity: 'error', summary: 'An item of a closed slicing matches none of its slices.' },
  'fhir-code-not-in-value-set': { basis: 'fhir', severity: 'error', summary: 'The code is not in the value set the element is bound to (required binding).' },
  'fhir-x12-code': { basis: 'x12', severity: 'warning', summary: 'The X12 code is not one the 278 tables list for that data element.' },
  'fhir-invariant': { basis: 'fhir', severity: 'error', summary: 'An invariant (constraint) of the element\'s definition is not met.' },
  // Warning-level invariants are guidelines (dom-6: "a resource should have narrative"); as warnings they would sit on
  // every hand-written PAS resource, so they are information.
  'fhir-invariant-guideline': { basis: 'fhir', severity: 'information', summary: 'A guideline (warning-level invariant, e.g. dom-6 narrative) of the element\'s definition is not met.' },
  'fhir-bundle-first-entry': { basis: 'pas', severity: 'error', summary: 'The first entry of a PAS bundle is not the resource the bundle is about (Claim, or ClaimResponse).' },
  'fhir-bundle-reference': { basis: 'pas', severity: 'error', summary: 'A reference in a PAS bundle does not resolve to an entry of the bundle.' },
  'fhir-bundle-fullurl': { basis: 'pas', severity: 'error', summary: 'An entry\'s fullUrl does not agree with its resource\'s type and id.' },
  'fhir-too-many-problems': { basis: 'json', severity: 'information', summary: 'The document has more problems than are shown.' },
} as const satisfies Record<string, FhirCatalogEntry>;

export type FhirProblemCode = keyof typeof FHIR_CATALOG;
