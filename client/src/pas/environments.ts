// PAS environments from the user's settings: the built-in local PAS payer (the local sandbox's /fhir) and the payers
// the user names in priorAuth.pas.environments. Pure: no vscode import (settings.ts reads the values, tests call this).
// A URL that would carry credentials over plain http off loopback makes the environment refused, not silently fixed.

import { refuseUrl } from '../api/environments';
import type { PasEnvironment, PasWrapping } from '../api/pasClient';
import { DEFAULT_PAS_SCOPE } from '../api/smart';

export type PasAuthMethod = 'smart-backend' | 'client-secret' | 'none';
export const PAS_AUTH_METHODS: readonly PasAuthMethod[] = ['smart-backend', 'client-secret', 'none'];

/** The name of the built-in environment: the local sandbox's PAS payer. */
export const LOCAL_PAS = 'local';
/** The local payer's client: its client secret is the sandbox's well-known one; SMART keys are registered under it. */
export const LOCAL_PAS_CLIENT_ID = 'local-client';

export interface PasEnvironmentSettings extends PasEnvironment {
  /** `local`, or the name the user gave the payer. */
  readonly name: string;
  readonly local: boolean;
  readonly authMethod: PasAuthMethod;
  /** Set by hand; when undefined the token endpoint comes from [base]/.well-known/smart-configuration. */
  readonly tokenUrl?: string;
  readonly clientId?: string;
  readonly scope: string;
  readonly wrapping: PasWrapping;
  /** How a client secret travels: HTTP Basic (default) or client_id/client_secret in the form. */
  readonly secretStyle: 'basic' | 'post';
  /** Why nothing may be sent here (an http URL off loopback, an unknown name, no base URL); undefined when fine. */
  readonly refusal?: string;
}

/** What the user's settings hold, before checking. */
export interface RawPasSettings {
  readonly environment?: unknown;
  readonly environments?: unknown;
  readonly localUrl?: unknown;
  readonly localAuthMethod?: unknown;
}

export interface ParsedPasEnvironments {
  /** The local payer first, then the configured payers in their order (duplicates and nameless entries left out). */
  readonly environments: readonly PasEnvironmentSettings[];
  /** Words for each entry that was left out or is refused. */
  readonly problems: readonly string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const withoutSlash = (url: string) => url.replace(/\/+$/, '');

function authMethodOf(v: unknown, fallback: PasAuthMethod): PasAuthMethod {
  return PAS_AUTH_METHODS.includes(v as PasAuthMethod) ? (v as PasAuthMethod) : fallback;
}

export function localPasEnvironment(localUrl: unknown = 'http://127.0.0.1:8787', authMethod: unknown = 'none'): PasEnvironmentSettings {
  const origin = withoutSlash(text(localUrl) || 'http://127.0.0.1:8787');
  const baseUrl = `${origin}/fhir`;
  const refused = refuseUrl(baseUrl);
  return {
    name: LOCAL_PAS,
    local: true,
    label: 'local PAS payer',
    baseUrl,
    production: false,
    authMethod: authMethodOf(authMethod, 'none'),
    clientId: LOCAL_PAS_CLIENT_ID,
    scope: DEFAULT_PAS_SCOPE,
    wrapping: 'bundle',
    secretStyle: 'basic',
    refusal: refused ? `The local PAS payer's URL is refused (priorAuth.local.url): ${refused}` : undefined,
  };
}

/** One configured payer, or the reason it is left out. */
function payerEnvironment(entry: unknown, index: number): PasEnvironmentSettings | string {
  if (!isObject(entry)) return `priorAuth.pas.environments[${index}] is not an object; it is left out.`;
  const name = text(entry.name);
  if (!name) return `priorAuth.pas.environments[${index}] has no "name"; it is left out.`;
  if (name === LOCAL_PAS) return `priorAuth.pas.environments[${index}] is named "local", the built-in local PAS payer's name; give it another name.`;
  const baseUrl = withoutSlash(text(entry.baseUrl));
  const tokenUrl = text(entry.tokenUrl) || undefined;
  const authMethod = authMethodOf(entry.authMethod, 'smart-backend');
  let refusal: string | undefined;
  if (!baseUrl) refusal = `The PAS environment "${name}" has no baseUrl (the payer's FHIR base, e.g. https://payer.example/fhir).`;
  else refusal = refuseUrl(baseUrl) ?? (tokenUrl && authMethod !== 'none' ? refuseUrl(tokenUrl) : undefined);
  if (refusal && baseUrl) refusal = `The PAS environment "${name}" is refused: ${refusal}`;
  if (entry.authMethod !== undefined && !PAS_AUTH_METHODS.includes(entry.authMethod as PasAuthMethod)) {
    refusal ??= `The PAS environment "${name}" has authMethod "${String(entry.authMethod)}"; use smart-backend, client-secret or none.`;
  }
  return {
    name,
    local: false,
    label: `PAS payer "${name}"`,
    baseUrl,
    production: entry.production === true,
    authMethod,
    tokenUrl,
    clientId: text(entry.clientId) || undefined,
    scope: text(entry.scope) || DEFAULT_PAS_SCOPE,
    wrapping: entry.wrapping === 'parameters' ? 'parameters' : 'bundle',
    secretStyle: entry.secretStyle === 'post' ? 'post' : 'basic',
    refusal,
  };
}

/** Every PAS environment the settings describe, the local payer first. */
export function parsePasEnvironments(raw: RawPasSettings): ParsedPasEnvironments {
  const environments: PasEnvironmentSettings[] = [localPasEnvironment(raw.localUrl, raw.localAuthMethod)];
  const problems: string[] = [];
  const list = Array.isArray(raw.environments) ? raw.environments : [];
  if (raw.environments !== undefined && !Array.isArray(raw.environments)) problems.push('priorAuth.pas.environments must be a list of payers; it is ignored.');
  list.forEach((entry, index) => {
    const env = payerEnvironment(entry, index);
    if (typeof env === 'string') return void problems.push(env);
    if (environments.some((e) => e.name === env.name)) return void problems.push(`priorAuth.pas.environments has "${env.name}" twice; the first one is used.`);
    if (env.refusal) problems.push(env.refusal);
    environments.push(env);
  });
  return { environments, problems };
}

/** The selected environment; an unknown name gives a refused one (nothing is sent anywhere else by surprise). */
export function selectPasEnvironment(raw: RawPasSettings): PasEnvironmentSettings {
  const { environments } = parsePasEnvironments(raw);
  const name = text(raw.environment) || LOCAL_PAS;
  const found = environments.find((e) => e.name === name);
  if (found) return found;
  return {
    ...environments[0],
    name,
    local: false,
    label: `PAS payer "${name}"`,
    baseUrl: '',
    authMethod: 'none',
    clientId: undefined,
    refusal: `priorAuth.pas.environment is "${name}", but priorAuth.pas.environments has no payer of that name.`,
  };
}

/**
 * Where an environment's credentials are kept in SecretStorage. A payer's key holds its base URL, token URL, client
 * ID and auth method, so a secret never follows a changed URL to another host; the local payer's key is fixed, since
 * its port changes when the sandbox takes a free one.
 */
export function pasCredentialKey(env: PasEnvironmentSettings): string {
  if (env.local) return `priorAuth.pas.credentials.local.${env.authMethod}`;
  return `priorAuth.pas.credentials.${JSON.stringify([env.authMethod, env.baseUrl, env.tokenUrl ?? '', env.clientId ?? ''])}`;
}

/** One line for the status bar's tooltip and pickers: where requests go and how they sign in. */
export function describePasEnvironment(env: PasEnvironmentSettings): string {
  const auth = env.authMethod === 'smart-backend' ? 'SMART Backend Services' : env.authMethod === 'client-secret' ? 'client secret' : 'no token';
  return `${env.baseUrl || '(no base URL)'} · ${auth}${env.clientId && env.authMethod !== 'none' ? ` as ${env.clientId}` : ''}${env.production ? ' · PRODUCTION' : ''}`;
}
