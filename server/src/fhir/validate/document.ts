// Validation of one PAS document: JSON syntax, then the walk of the top-level resource against its profile, then
// the PAS bundle rules.

import type { Node } from 'jsonc-parser';
import { printParseErrorCode } from 'jsonc-parser';
import type { PasDocumentInfo } from '../api';
import type { Problem } from '../../problems/problem';
import type { FhirSchemas } from '../schema/registry';
import type { CompiledProfile } from '../schema/types';
import { checkPasBundle } from './bundle';
import { FhirReporter } from './reporter';
import { FhirWalker } from './walk';
import type { WalkMemo } from './memo';

export interface DocumentInput {
  readonly text: string;
  readonly root: Node | undefined;
  readonly parseErrors: readonly { error: number; offset: number; length: number }[];
  readonly value: unknown;
  readonly pas: PasDocumentInfo;
  readonly schemas: FhirSchemas | undefined;
  readonly profile: CompiledProfile | undefined;
  readonly maxProblems?: number;
  /** Records the walk's units (and replays the previous analysis's unchanged ones). */
  readonly memo?: WalkMemo;
}

export function validateDocument(input: DocumentInput): Problem[] {
  const reporter = new FhirReporter(input.maxProblems);
  for (const e of input.parseErrors) {
    // An error at the very end (a missing closing brace) gets an empty range there, never one past the text.
    const start = Math.min(e.offset, input.text.length);
    reporter.report('fhir-json-syntax', start, Math.min(input.text.length, start + Math.max(1, e.length)), `JSON syntax: ${describeParseError(e.error)}.`);
  }
  if (!input.root || input.root.type !== 'object' || !input.pas.resourceType) {
    if (input.parseErrors.length === 0 || input.root?.type === 'object')
      reporter.report('fhir-not-resource', input.root?.offset ?? 0, (input.root?.offset ?? 0) + Math.min(1, input.text.length), 'A PAS file holds one FHIR resource: a JSON object with a "resourceType" (a Bundle, a Claim, …).');
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
  const value = input.value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const walker = new FhirWalker(input.schemas, reporter, input.text, input.memo);
    const rootRange = { offset: input.root.offset, length: 1 };
    walker.resource(input.root, value as Record<string, unknown>, [input.profile], rootRange);
    checkPasBundle(input, reporter);
  }
  return reporter.finish();
}

function describeParseError(code: number): string {
  const name = printParseErrorCode(code);
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
