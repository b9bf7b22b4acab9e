// The extension's settings. Everything that decides where credentials go is application-scoped and read from the
// user's own settings only, so a workspace's .vscode/settings.json can never redirect a secret to another host.

import { workspace } from 'vscode';
import { customEnvironment, localEnvironment, OPTUM_PRODUCTION, OPTUM_SANDBOX, type Environment, type EnvironmentId } from './api/environments';
import { DEFAULT_HTTP, type HttpSettings } from './api/httpSettings';

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
