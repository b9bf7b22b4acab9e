// Which core reads a JSON document: a Da Vinci PAS resource goes to the FHIR core, an Optum request body to the 278
// JSON request path, any other FHIR resource to neither. The language server and `prior-auth lint` route alike.

import type { Problem } from '../problems/problem';
import type { FhirAnalysis, FhirTextChange, PasVersion } from '../fhir/api';
import { fhirCore } from './fhirCore';
import { analyzeJsonRequest, kindFromFileName, type JsonRequestAnalysis } from '../validate/jsonRequest';

export type JsonDocumentAnalysis =
  | { readonly kind: 'pas'; readonly fhir: FhirAnalysis; readonly problems: readonly Problem[] }
  | { readonly kind: 'request'; readonly request: JsonRequestAnalysis; readonly problems: readonly Problem[] }
  /** A FHIR resource that is not a PAS one (a CapabilityStatement, a StructureDefinition…): nothing to check. */
  | { readonly kind: 'other-fhir'; readonly problems: readonly Problem[] };

export interface JsonDocumentOptions {
  /** The document's URI or path: its name can say what it is. */
  readonly uri?: string;
  /** `priorAuth.pas.version`, for PAS documents whose canonicals carry no version. */
  readonly pasVersion?: PasVersion;
  /** The analysis of the same document before an edit: a PAS document is then re-validated where it changed. */
  readonly previous?: JsonDocumentAnalysis;
  /** Where the edit fell, when known (else the texts are compared). */
  readonly change?: FhirTextChange;
}

/** The name of an Optum request body (`*.inquiry.json`, `*.submission.json`, `*.noa.json`, `*.278.json`). */
export const JSON_REQUEST_NAME = /\.(278|inquiry|submission|noa)\.json$/i;
/** The name of a PAS document, whatever its content says. */
export const PAS_NAME = /\.pas\.json$/i;
/** Every PAS canonical starts so; a document that never mentions it cannot name a PAS profile. */
export const PAS_CANONICAL_BASE = 'hl7.org/fhir/us/davinci-pas/';

function pathOf(uri: string | undefined): string {
  return (uri ?? '').replace(/[?#].*$/s, '');
}

/** Routes one JSON document to its core; never throws on any text. */
export function analyzeJsonDocument(text: string, options: JsonDocumentOptions = {}): JsonDocumentAnalysis {
  const path = pathOf(options.uri);
  if (JSON_REQUEST_NAME.test(path)) return asRequest(text, path);
  if (PAS_NAME.test(path) || text.includes(PAS_CANONICAL_BASE)) {
    const core = fhirCore();
    const fhirOptions = { uri: options.uri, defaultVersion: options.pasVersion };
    const fhir =
      options.previous?.kind === 'pas' ? core.reanalyzeFhirDocument(options.previous.fhir, text, fhirOptions, options.change) : core.analyzeFhirDocument(text, fhirOptions);
    if (fhir.pas || PAS_NAME.test(path)) return { kind: 'pas', fhir, problems: fhir.problems };
  }
  // Optum's bodies never carry a resourceType; a FHIR resource that is not PAS is not a request either.
  if (/"resourceType"\s*:/.test(text)) return { kind: 'other-fhir', problems: [] };
  return asRequest(text, path);
}

function asRequest(text: string, path: string): JsonDocumentAnalysis {
  const request = analyzeJsonRequest(text, kindFromFileName(path));
  return { kind: 'request', request, problems: request.problems };
}
