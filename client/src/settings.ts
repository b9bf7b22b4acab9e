// The extension's settings. Everything that decides where credentials go is application-scoped and read from the
// user's own settings only, so a workspace's .vscode/settings.json can never redirect a secret to another host.

import { workspace } from 'vscode';
import { customEnvironment, localEnvironment, OPTUM_PRODUCTION, OPTUM_SANDBOX, type Environment, type EnvironmentId } from './api/environments';
import { DEFAULT_HTTP, type HttpSettings } from './api/httpSettings';
import { LOCAL_PAS, selectPasEnvironment, parsePasEnvironments, type PasAuthMethod, type PasEnvironmentSettings, type RawPasSettings } from './pas/environments';

const SECTION = 'priorAuth';

/** A setting's value from user (global) settings or its default, never from a workspace or folder. */
function userValue<T>(key: string, fallback: T): T {
  const inspected = workspace.getConfiguration(SECTION).inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

export function environmentId(): EnvironmentId {
  const id = userValue<string>('environment', 'sandbox');
  return id === 'production' || id === 'local' || id === 'custom' ? id : 'sandbox';
}

export function currentEnvironment(): Environment {
  switch (environmentId()) {
    case 'production':
      return OPTUM_PRODUCTION;
    case 'local':
      return localEnvironment(userValue('local.url', 'http://127.0.0.1:8787'));
    case 'custom':
      return customEnvironment(userValue('custom.baseUrl', ''), userValue('custom.tokenUrl', ''));
    default:
      return OPTUM_SANDBOX;
  }
}

export function httpSettings(): HttpSettings {
  const seconds = (key: string, fallback: number) => Math.max(1, Number(userValue(key, fallback / 1000))) * 1000;
  return {
    connectTimeoutMs: seconds('http.connectTimeoutSeconds', DEFAULT_HTTP.connectTimeoutMs),
    requestTimeoutMs: seconds('http.requestTimeoutSeconds', DEFAULT_HTTP.requestTimeoutMs),
    maxRetries: Math.max(0, Math.min(5, Number(userValue('http.maxRetries', DEFAULT_HTTP.maxRetries)))),
    maxRetryWaitMs: DEFAULT_HTTP.maxRetryWaitMs,
  };
}

export function tenantId(): string | undefined {
  return userValue<string>('tenantId', '').trim() || undefined;
}

export function confirmProductionSends(): boolean {
  return userValue('production.confirmEachSend', true);
}

export function persistHistory(): boolean {
  return userValue('history.persist', false);
}

/** Changes the environment in the user's settings (never a workspace's). */
export async function setEnvironment(id: EnvironmentId, localUrl?: string): Promise<void> {
  const config = workspace.getConfiguration(SECTION);
  if (localUrl) await config.update('local.url', localUrl, true);
  await config.update('environment', id, true);
}

export function affectsConnection(event: { affectsConfiguration(section: string): boolean }): boolean {
  return ['environment', 'local.url', 'custom.baseUrl', 'custom.tokenUrl', 'tenantId', 'http'].some((k) => event.affectsConfiguration(`${SECTION}.${k}`));
}

/** The user's own values of the settings Start Local Sandbox changes (undefined: not set, the default applies). */
export interface LocalSettings {
  readonly environment?: string;
  readonly localUrl?: string;
}

export function localSettings(): LocalSettings {
  const config = workspace.getConfiguration(SECTION);
  return { environment: config.inspect<string>('environment')?.globalValue, localUrl: config.inspect<string>('local.url')?.globalValue };
}

/** Puts back what the user had before the local sandbox started: its URL, and the environment it replaced. */
export async function restoreLocalSettings(previous: LocalSettings): Promise<void> {
  const config = workspace.getConfiguration(SECTION);
  await config.update('local.url', previous.localUrl, true);
  await config.update('environment', previous.environment, true);
}

export function restoredMessage(previous: LocalSettings, environmentLabel: string): string {
  const url = previous.localUrl ?? 'its default';
  return previous.environment === 'local' || (previous.environment === undefined && environmentLabel === 'Local sandbox')
    ? `The local environment's URL is back to ${url}.`
    : `Prior Auth sends to the ${environmentLabel} again (the local URL is back to ${url}).`;
}

/** The PAS settings as the user set them (user settings only, like every setting that decides where credentials go). */
export function pasSettings(): RawPasSettings {
  return {
    environment: userValue<string>('pas.environment', LOCAL_PAS),
    environments: userValue<unknown[]>('pas.environments', []),
    localUrl: userValue('local.url', 'http://127.0.0.1:8787'),
    localAuthMethod: userValue<string>('pas.local.authMethod', 'none'),
  };
}

export function currentPasSettings(): PasEnvironmentSettings {
  return selectPasEnvironment(pasSettings());
}

export function allPasEnvironments(): readonly PasEnvironmentSettings[] {
  return parsePasEnvironments(pasSettings()).environments;
}

/** Words for each configured payer that is left out or refused (logged when the settings change). */
export function allPasProblems(): readonly string[] {
  return parsePasEnvironments(pasSettings()).problems;
}

export async function setPasEnvironment(name: string | undefined): Promise<void> {
  await workspace.getConfiguration(SECTION).update('pas.environment', name, true);
}

export async function setLocalPasAuthMethod(method: PasAuthMethod): Promise<void> {
  await workspace.getConfiguration(SECTION).update('pas.local.authMethod', method, true);
}

/** Adds a payer to priorAuth.pas.environments, or changes fields of the one with that name (user settings). */
export async function updatePasEnvironment(name: string, fields: Record<string, unknown>): Promise<void> {
  const config = workspace.getConfiguration(SECTION);
  const list = [...((config.inspect<unknown[]>('pas.environments')?.globalValue ?? []) as unknown[])];
  const index = list.findIndex((e) => !!e && typeof e === 'object' && (e as { name?: unknown }).name === name);
  if (index >= 0) list[index] = { ...(list[index] as object), ...fields };
  else list.push({ name, ...fields });
  await config.update('pas.environments', list, true);
}

export function affectsPasConnection(event: { affectsConfiguration(section: string): boolean }): boolean {
  return ['pas.environment', 'pas.environments', 'pas.local', 'local.url', 'http'].some((k) => event.affectsConfiguration(`${SECTION}.${k}`));
}

/** The user's own priorAuth.pas.environment before Start Local Sandbox set it to local (undefined: not set). */
export function pasEnvironmentUserValue(): string | undefined {
  return workspace.getConfiguration(SECTION).inspect<string>('pas.environment')?.globalValue;
}
