// Server settings: from the client's `priorAuth` configuration when it offers workspace/configuration, otherwise from
// initializationOptions (other editors), otherwise defaults.

import type { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import type { InlayHintMode } from '../features/inlayHints';
import { isInferredRules, type InferredRules } from '../problems/inferredRules';
import type { PasVersion } from '../fhir/api';

export interface ServerSettings {
  readonly maxProblems: number;
  readonly inlayHints: { readonly enabled: boolean; readonly show: InlayHintMode };
  /** How rules resting on inferred facts are shown (`priorAuth.validation.inferredRules`). */
  readonly validation: { readonly inferredRules: InferredRules };
  /** `priorAuth.pas.version`: the PAS version of documents whose profile canonicals carry none. */
  readonly pasVersion: PasVersion;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  maxProblems: 500,
  inlayHints: { enabled: false, show: 'codes' },
  validation: { inferredRules: 'warning' },
  pasVersion: '2.0.1',
};

interface RawSettings {
  maxProblems?: unknown;
  inlayHints?: { enabled?: unknown; show?: unknown };
  validation?: { inferredRules?: unknown };
  pas?: { version?: unknown };
}

export function normalize(raw: RawSettings | undefined | null): ServerSettings {
  const max = typeof raw?.maxProblems === 'number' && raw.maxProblems >= 1 ? Math.floor(raw.maxProblems) : DEFAULT_SETTINGS.maxProblems;
  const hints = raw?.inlayHints ?? {};
  return {
    maxProblems: max,
    inlayHints: {
      enabled: typeof hints.enabled === 'boolean' ? hints.enabled : DEFAULT_SETTINGS.inlayHints.enabled,
      show: hints.show === 'names' || hints.show === 'codes' ? hints.show : DEFAULT_SETTINGS.inlayHints.show,
    },
    validation: {
      inferredRules: isInferredRules(raw?.validation?.inferredRules) ? raw.validation.inferredRules : DEFAULT_SETTINGS.validation.inferredRules,
    },
    pasVersion: raw?.pas?.version === '2.0.1' || raw?.pas?.version === '2.2.1' ? raw.pas.version : DEFAULT_SETTINGS.pasVersion,
  };
}

export async function readSettings(connection: Connection, client: ClientCapabilities, initializationOptions: unknown): Promise<ServerSettings> {
  if (client.workspace?.configuration) {
    try {
      const [raw] = await connection.workspace.getConfiguration([{ section: 'priorAuth' }]);
      if (raw && typeof raw === 'object') return normalize(raw as RawSettings);
    } catch {
      // A client that advertises configuration but fails to answer gets the defaults.
    }
  }
  const fromInit = (initializationOptions as { priorAuth?: RawSettings } | undefined)?.priorAuth ?? (initializationOptions as RawSettings | undefined);
  return normalize(fromInit);
}
