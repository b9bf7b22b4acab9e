// "Convert to X12" and "Convert to JSON" for a whole document, as plain data for the client to open beside it.

import { guessRequestKind, jsonToX12, x12ToJson, type ConversionIssue, type RequestKind } from '../convert';
import { kindFromFileName } from '../validate/jsonRequest';

export interface ConversionResult {
  /** The converted document, when there is one. */
  readonly text?: string;
  readonly language?: 'x12' | 'json';
  readonly kind?: RequestKind;
  /** Whether the converted transaction is a request or a response (X12 → JSON only). */
  readonly variant?: 'request' | 'response';
  readonly issues: readonly ConversionIssue[];
  /** Set when a JSON body's kind cannot be told from its name or shape: the client asks and calls again. */
  readonly needsKind?: boolean;
  /** Why nothing could be converted. */
  readonly error?: string;
}

export function convertToX12(text: string, uri: string, kind?: RequestKind): ConversionResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { issues: [], error: `The JSON does not parse (${error instanceof Error ? error.message : String(error)}); fix it first.` };
  }
  const fileKind = kindFromFileName(uri);
  const chosen = kind ?? (fileKind === 'any' ? guessRequestKind(value) : fileKind);
  if (!chosen) return { issues: [], needsKind: true };
  const result = jsonToX12(value, chosen, { lineBreaks: true });
  return { text: result.x12, language: 'x12', kind: chosen, variant: 'request', issues: result.issues };
}

export function convertToJson(text: string): ConversionResult {
  const result = x12ToJson(text);
  if (!result.json) return { issues: result.issues, error: result.issues[0]?.message ?? 'This is not an X12 278 the converter can read.' };
  return { text: JSON.stringify(result.json, null, 2) + '\n', language: 'json', kind: result.kind, variant: result.variant, issues: result.issues };
}
