// Client IDs and secrets per environment, in VS Code's SecretStorage (the OS keyring). Where the OS has no keyring,
// the user may sign in for this session only; those credentials live in memory and are gone when VS Code closes.

import type { SecretStorage } from 'vscode';
import type { Credentials } from './api/client';
import type { Environment } from './api/environments';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../sandbox/src/defaults';

export class KeyringUnavailable extends Error {}

function key(env: Environment): string {
  // Custom environments are keyed by their token URL, so credentials never follow a changed URL to another host.
  return env.id === 'custom' ? `priorAuth.credentials.custom.${env.tokenUrl}` : `priorAuth.credentials.${env.id}`;
}

export class CredentialStore {
  private readonly session = new Map<string, Credentials>();

  constructor(readonly secrets: SecretStorage) {}

  async get(env: Environment): Promise<Credentials | undefined> {
    const k = key(env);
    const inMemory = this.session.get(k);
    if (inMemory) return inMemory;
    try {
      const stored = await this.secrets.get(k);
      if (stored) {
        const parsed = JSON.parse(stored) as Credentials;
        if (parsed.clientId && parsed.clientSecret) return parsed;
      }
    } catch {
      // An unreadable keyring behaves like an empty one; signing in will say why it cannot store.
    }
    // The local sandbox signs in by itself with its well-known credentials.
    return env.id === 'local' ? { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET } : undefined;
  }

  /** Stores in the keyring; throws KeyringUnavailable when the OS offers none. */
  async store(env: Environment, credentials: Credentials): Promise<void> {
    try {
      await this.secrets.store(key(env), JSON.stringify(credentials));
      this.session.delete(key(env));
    } catch (error) {
      throw new KeyringUnavailable(error instanceof Error ? error.message : String(error));
    }
  }

  storeForSession(env: Environment, credentials: Credentials): void {
    this.session.set(key(env), credentials);
  }

  async isSignedIn(env: Environment): Promise<boolean> {
    if (this.session.has(key(env))) return true;
    try {
      return !!(await this.secrets.get(key(env)));
    } catch {
      return false;
    }
  }

  async forget(env: Environment): Promise<void> {
    this.session.delete(key(env));
    try {
      await this.secrets.delete(key(env));
    } catch {
      // nothing stored, or no keyring: nothing to forget there
    }
  }
}
