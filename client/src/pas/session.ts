// The PAS connection the extension shares: the current PAS environment from settings, its credentials from
// SecretStorage, one PasClient (and so one token) per environment and credentials, and what is known about them
// (a token was issued, or the payer refused them). The Send command for PAS documents gets its client here.

import { commands } from 'vscode';
import { ApiError, asPasError } from '../api/errors';
import type { PasClient, PasEnvironment, PasWrapping } from '../api/pasClient';
import { scrubSecrets } from '../api/redact';
import type { PasAuth } from '../api/smart';
import { loadApi } from '../apiChunk';
import { currentPasSettings, httpSettings } from '../settings';
import type { ExtensionState } from '../state';
import { pasAuthFor, PasCredentialStore } from './credentials';
import { pasCredentialKey, type PasEnvironmentSettings } from './environments';
import { publicJwksOf } from './keys';
import { registerWithLocalPayer } from './localPayer';

/** The PAS environment requests go to now (user settings only): base URL, label, production flag, wrapping, auth. */
export function currentPasEnvironment(): PasEnvironment & { wrapping: PasWrapping } & PasEnvironmentSettings {
  return currentPasSettings();
}

/** What the status bar shows about the current PAS environment's sign-in. */
export interface PasSignInStatus {
  readonly environment: PasEnvironmentSettings;
  /** Credentials are stored (or none are needed). */
  readonly signedIn: boolean;
  /** A token was issued for them in this session. */
  readonly verified: boolean;
  /** The payer refused them (until a token is issued or the user signs in again). */
  readonly refused: boolean;
  readonly tokenExpiresAt?: number;
}

export class PasSession {
  readonly store: PasCredentialStore;
  private client: PasClient | undefined;
  private signature = '';
  private clientEnvironment = '';
  /** Bumped when credentials change, so a client built with the old ones is never reused. */
  private generation = 0;
  private readonly verified = new Set<string>();
  private readonly refused = new Set<string>();

  constructor(private readonly state: ExtensionState) {
    this.store = new PasCredentialStore(state.credentials.secrets);
  }

  /** The environment's auth with what is stored; undefined when credentials are missing. */
  async auth(env: PasEnvironmentSettings): Promise<PasAuth | undefined> {
    const secret = env.authMethod === 'none' ? undefined : await this.store.get(env);
    return pasAuthFor(env, secret);
  }

  /** One client per environment, settings and credentials; a new one (and a new token) when any of them changes. */
  async clientFor(env: PasEnvironmentSettings, auth: PasAuth): Promise<PasClient> {
    const signature = JSON.stringify([env, httpSettings(), this.generation]);
    if (this.client && signature === this.signature) return this.client;
    void this.client?.close();
    this.client = undefined;
    const log = this.state.log;
    if (env.local && auth.kind === 'smart') await this.registerLocally(env, auth);
    this.client = new (loadApi().PasClient)({
      environment: { label: env.label, baseUrl: env.baseUrl, production: env.production },
      auth,
      wrapping: env.wrapping,
      http: httpSettings(),
      log: { info: (m) => log.info(scrubSecrets(m)), trace: (m) => log.trace(scrubSecrets(m)) },
    });
    this.signature = signature;
    this.clientEnvironment = JSON.stringify(env);
    this.watchTokens(this.client, env);
    return this.client;
  }

  /**
   * Whoever uses the client (Sign In, the PAS Send, a subscription wait), the first token it gets makes the status bar
   * say "signed in" at once: the token source has no event, so its accessToken is wrapped.
   */
  private watchTokens(client: PasClient, env: PasEnvironmentSettings): void {
    const tokens = client.tokens;
    const accessToken = tokens.accessToken.bind(tokens);
    tokens.accessToken = async (signal?: AbortSignal) => {
      const had = tokens.tokenExpiresAt() !== undefined;
      const token = await accessToken(signal);
      if (!had && token !== undefined && this.client === client) {
        this.markVerified(env);
        refreshPasStatus(this.state);
      }
      return token;
    };
  }

  /**
   * The local payer keeps registered keys in memory, so a sandbox started after the key was made has forgotten it:
   * the stored key's public JWKS is registered again before the first token (public keys only, loopback only).
   */
  private async registerLocally(env: PasEnvironmentSettings, auth: PasAuth & { kind: 'smart' }): Promise<void> {
    try {
      await registerWithLocalPayer(env.baseUrl, auth.clientId, publicJwksOf(auth.privateKey, auth.keyId));
      this.state.log.info(`Registered the stored public key with the local PAS payer (client ${auth.clientId})`);
    } catch (error) {
      // The token request that follows says what is wrong (usually: the sandbox is not running).
      this.state.log.info(`Could not register the stored key with the local PAS payer: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The current client if it serves this environment (for the token's remaining minutes). */
  private clientOf(env: PasEnvironmentSettings): PasClient | undefined {
    return this.client && this.clientEnvironment === JSON.stringify(env) ? this.client : undefined;
  }

  /** New or forgotten credentials: drop the client and its token, and what was known about the old ones. */
  credentialsChanged(env: PasEnvironmentSettings): void {
    this.generation++;
    this.resetClient();
    this.verified.delete(pasCredentialKey(env));
    this.refused.delete(pasCredentialKey(env));
  }

  resetClient(): void {
    void this.client?.close();
    this.client = undefined;
    this.signature = '';
  }

  markVerified(env: PasEnvironmentSettings): void {
    this.refused.delete(pasCredentialKey(env));
    this.verified.add(pasCredentialKey(env));
  }

  markRefused(env: PasEnvironmentSettings): void {
    this.verified.delete(pasCredentialKey(env));
    this.refused.add(pasCredentialKey(env));
  }

  async status(env: PasEnvironmentSettings): Promise<PasSignInStatus> {
    const key = pasCredentialKey(env);
    const expires = this.clientOf(env)?.tokens.tokenExpiresAt();
    if (expires !== undefined) this.markVerified(env);
    const signedIn = env.authMethod === 'none' || !!(await this.auth(env));
    return { environment: env, signedIn, verified: this.verified.has(key), refused: signedIn && this.refused.has(key), tokenExpiresAt: expires };
  }
}

const sessions = new WeakMap<ExtensionState, PasSession>();

export function pasSession(state: ExtensionState): PasSession {
  let session = sessions.get(state);
  if (!session) {
    session = new PasSession(state);
    sessions.set(state, session);
  }
  return session;
}

/** Puts the current PAS environment and its sign-in state in the status bar (shown while a PAS document is active). */
export function refreshPasStatus(state: ExtensionState): void {
  const env = currentPasSettings();
  void pasSession(state)
    .status(env)
    .then((status) => state.statusBar.updatePas(status));
}

/**
 * A PasClient for the current PAS environment with its credentials from SecretStorage. With `interactive`, missing
 * credentials start "Sign In to PAS Payer"; undefined when the user cancels it. Throws an ApiError (marked as a PAS
 * error, so its buttons lead to the PAS sign-in) for a refused environment, or for missing credentials when not
 * interactive. The token is fetched by the first call, not here.
 */
export async function pasClientForSend(state: ExtensionState, options: { interactive?: boolean } = {}): Promise<PasClient | undefined> {
  const session = pasSession(state);
  let env = currentPasSettings();
  if (env.refusal) throw asPasError(new ApiError('refused-url', env.refusal, 'Pick another PAS environment (Prior Auth: Select PAS Environment) or correct it in your user settings.'));
  let auth = await session.auth(env);
  if (!auth) {
    const what = !env.clientId ? 'no client ID (priorAuth.pas.environments)' : env.authMethod === 'smart-backend' ? 'no private key stored' : 'no client secret stored';
    if (!options.interactive) throw asPasError(new ApiError('no-credentials', `The ${env.label} needs credentials: ${what}.`, 'Run Prior Auth: Sign In to PAS Payer.'));
    const signedIn = await commands.executeCommand<boolean>('priorAuth.pas.signIn');
    if (signedIn !== true) return undefined;
    env = currentPasSettings();
    if (env.refusal) return undefined;
    auth = await session.auth(env);
    if (!auth) return undefined;
  }
  return session.clientFor(env, auth);
}
