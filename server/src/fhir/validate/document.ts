// Validation of one PAS document: JSON syntax, then the walk of the top-level resource against its profile, then
// the PAS bundle rules.

import type { Node } from 'jsonc-parser';
import { printParseErrorCode } from 'jsonc-parser';
import type { PasDocumentInfo } from '../api';
import type { Problem } from '../../problems/problem';
import type { FhirSchemas } from '../schema/registry';
import type { CompiledProfile } from '../schema/types';
import { FhirReporter } from './reporter';

export interface DocumentInput {
  readonly text: string;
  readonly root: Node | undefined;
  readonly parseErrors: readonly { error: number; offset: number; length: number }[];
  readonly value: unknown;
  readonly pas: PasDocumentInfo;
  readonly schemas: FhirSchemas | undefined;
  readonly profile: CompiledProfile | undefined;
  readonly maxProblems?: number;
}

export function validateDocument(input: DocumentInput): Problem[] {
  const reporter = new FhirReporter(input.maxProblems);
  for (const e of input.parseErrors) {
    reporter.report('fhir-json-syntax', e.offset, e.offset + Math.max(1, e.length), `JSON syntax: ${describeParseError(e.error)}.`);
  }
  if (!input.root || input.root.type !== 'object') {
    if (input.parseErrors.length === 0) reporter.report('fhir-not-resource', 0, Math.min(1, input.text.length), 'Expected a JSON object with a resourceType.');
    return reporter.finish();
  }
  if (!input.schemas) {
    reporter.report('fhir-profile-unavailable', 0, 1, `The PAS ${input.pas.version} package data is not available offline (data/fhir), so the document is not validated.`);
    return reporter.finish();
  }
  if (!input.profile) {
    reporter.report('fhir-profile-unavailable', 0, 1, `The profile ${input.pas.profile} is not available offline; the document is not checked against it.`);
    return reporter.finish();
  }
  return reporter.finish();
}

function describeParseError(code: number): string {
  const name = printParseErrorCode(code);
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
