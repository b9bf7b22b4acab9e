// PAS credentials per environment in VS Code's SecretStorage (the OS keyring): the SMART private key (as a private JWK
// or PEM) or the client secret. Client IDs, URLs and the auth method are settings; only what signs or proves the
// client is a secret. Where the OS has no keyring the user may keep them for this session only, in memory.
// No vscode value import: unit tests hand it their own SecretStorage.

import type { SecretStorage } from 'vscode';
import type { AssertionAlgorithm, PasAuth } from '../api/smart';
import { rememberSecret } from '../api/redact';
import { KeyringUnavailable } from '../credentials';
import { DEFAULT_CLIENT_SECRET } from '../../../sandbox/src/defaults';
import { pasCredentialKey, type PasEnvironmentSettings } from './environments';

export type PasSecret =
  | { readonly kind: 'smart'; readonly privateKey: string; readonly keyId: string; readonly alg: AssertionAlgorithm }
  | { readonly kind: 'secret'; readonly clientSecret: string };

function readSecret(stored: string | undefined): PasSecret | undefined {
  if (!stored) return undefined;
  try {
    const parsed = JSON.parse(stored) as Partial<Record<string, unknown>>;
    if (parsed.kind === 'smart' && typeof parsed.privateKey === 'string' && typeof parsed.keyId === 'string' && (parsed.alg === 'RS384' || parsed.alg === 'ES384')) {
      return { kind: 'smart', privateKey: parsed.privateKey, keyId: parsed.keyId, alg: parsed.alg };
    }
    if (parsed.kind === 'secret' && typeof parsed.clientSecret === 'string' && parsed.clientSecret) return { kind: 'secret', clientSecret: parsed.clientSecret };
  } catch {
    // unreadable: as if nothing were stored
  }
  return undefined;
}

/** The secret's text, so that scrubbing removes it from every message and log line from now on. */
function remember(secret: PasSecret): void {
  if (secret.kind === 'secret') rememberSecret(secret.clientSecret);
  else rememberSecret(secret.privateKey);
}

export class PasCredentialStore {
  private readonly session = new Map<string, PasSecret>();

  constructor(private readonly secrets: SecretStorage) {}

  /** What is stored for the environment's auth method (a secret of another kind counts as nothing). */
  async get(env: PasEnvironmentSettings): Promise<PasSecret | undefined> {
    const key = pasCredentialKey(env);
    let found = this.session.get(key);
    if (!found) {
      try {
        found = readSecret(await this.secrets.get(key));
      } catch {
        // an unreadable keyring behaves like an empty one; signing in says why it cannot store
      }
    }
    const wanted = env.authMethod === 'smart-backend' ? 'smart' : env.authMethod === 'client-secret' ? 'secret' : undefined;
    if (!found || found.kind !== wanted) return undefined;
    remember(found);
    return found;
  }

  /** Stores in the keyring; throws KeyringUnavailable when the OS offers none. */
  async store(env: PasEnvironmentSettings, secret: PasSecret): Promise<void> {
    const key = pasCredentialKey(env);
    remember(secret);
    try {
      await this.secrets.store(key, JSON.stringify(secret));
      this.session.delete(key);
    } catch (error) {
      throw new KeyringUnavailable(error instanceof Error ? error.message : String(error));
    }
  }

  storeForSession(env: PasEnvironmentSettings, secret: PasSecret): void {
    remember(secret);
    this.session.set(pasCredentialKey(env), secret);
  }

  /** Forgets the environment's key and secret, whichever auth method stored them. */
  async forget(env: PasEnvironmentSettings): Promise<void> {
    for (const authMethod of ['smart-backend', 'client-secret'] as const) {
      const key = pasCredentialKey({ ...env, authMethod });
      this.session.delete(key);
      try {
        await this.secrets.delete(key);
      } catch {
        // nothing stored, or no keyring: nothing to forget there
      }
    }
  }
}

/**
 * How the environment authenticates with what is stored: undefined when credentials are missing (no client ID in the
 * settings, nothing in the keyring). The local payer's client secret is the sandbox's well-known one.
 */
export function pasAuthFor(env: PasEnvironmentSettings, secret: PasSecret | undefined): PasAuth | undefined {
  if (env.authMethod === 'none') return { kind: 'none' };
  const clientId = env.clientId;
  if (!clientId) return undefined;
  const common = { clientId, tokenUrl: env.tokenUrl, scope: env.scope };
  if (env.authMethod === 'client-secret') {
    const clientSecret = secret?.kind === 'secret' ? secret.clientSecret : env.local ? DEFAULT_CLIENT_SECRET : undefined;
    return clientSecret ? { kind: 'secret', clientSecret, style: env.secretStyle, ...common } : undefined;
  }
  return secret?.kind === 'smart' ? { kind: 'smart', privateKey: secret.privateKey, keyId: secret.keyId, ...common } : undefined;
}
