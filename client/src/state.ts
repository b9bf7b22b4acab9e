// What the commands share: the current environment and its API client, credentials, history, responses, the log.

import { commands, window, workspace, type LogOutputChannel } from 'vscode';
import type { PriorAuthClient } from './api/client';
import { isApiError, type ApiError } from './api/errors';
import type { Environment } from './api/environments';
import { loadApi } from './apiChunk';
import { CredentialStore } from './credentials';
import { currentEnvironment, currentPasSettings, httpSettings, tenantId } from './settings';
import { pasSession, refreshPasStatus } from './pas/session';
import type { RequestHistory } from './views/history';
import type { DecisionView } from './views/decisionView';
import type { ResponseView } from './views/responseView';
import type { StatusBar } from './views/statusBar';

/** Buttons after which the send that failed is tried again, once the command reports success. */
const RESUMING_ACTIONS = new Set(['Sign In', 'Start Local Sandbox']);

/** Buttons offered with an error, by what went wrong. */
const ERROR_ACTIONS: Partial<Record<ApiError['kind'], string[]>> = {
  'no-credentials': ['Sign In'],
  auth: ['Sign In', 'Show Log'],
  connection: ['Start Local Sandbox', 'Select Environment', 'Show Log'],
  http: ['Show Log'],
  timeout: ['Show Log'],
  dns: ['Select Environment'],
  tls: ['Show Log'],
  'refused-url': ['Select Environment'],
};

/** A PAS error's buttons: the same causes, the PAS sign-in and environment. */
const PAS_ACTIONS: Record<string, string> = { 'Sign In': 'Sign In to PAS Payer', 'Select Environment': 'Select PAS Environment' };
const PAS_ACTION_COMMANDS: Record<string, string> = { 'Sign In to PAS Payer': 'priorAuth.pas.signIn', 'Select PAS Environment': 'priorAuth.pas.selectEnvironment' };

const ACTION_COMMANDS: Record<string, string> = {
  'Sign In': 'priorAuth.signIn',
  'Show Log': 'priorAuth.showLog',
  'Start Local Sandbox': 'priorAuth.startLocalSandbox',
  'Select Environment': 'priorAuth.selectEnvironment',
};

export class ExtensionState {
  private api: PriorAuthClient | undefined;
  private apiEnvironment = '';
  /** Environments whose stored credentials the API refused, until a token is issued or the user signs in again. */
  private readonly refused = new Set<string>();
  /** Environments whose stored credentials got a token in this session (until the user signs in again or out). */
  private readonly verified = new Set<string>();

  constructor(
    readonly log: LogOutputChannel,
    readonly credentials: CredentialStore,
    readonly history: RequestHistory,
    readonly responses: ResponseView,
    readonly statusBar: StatusBar,
    readonly decisions: DecisionView,
  ) {}

  environment(): Environment {
    return currentEnvironment();
  }

  /** The API client of the current environment; a new one (and a new token) when the environment changes. */
  client(): PriorAuthClient {
    const environment = this.environment();
    const signature = JSON.stringify([environment, tenantId(), httpSettings()]);
    if (!this.api || signature !== this.apiEnvironment) {
      void this.api?.close();
      this.apiEnvironment = signature;
      this.api = new (loadApi().PriorAuthClient)({
        environment,
        credentials: () => this.credentials.get(environment),
        http: httpSettings(),
        tenantId: tenantId(),
        log: { info: (m) => this.log.info(m), trace: (m) => this.log.trace(m) },
      });
    }
    return this.api;
  }

  /** Whether the status bar should say the API refused the credentials of `environment`. */
  private refusedKey(environment: Environment): string {
    return JSON.stringify([environment.id, environment.tokenUrl]);
  }

  /** New credentials (sign-in, sign-out) deserve a fresh verdict. */
  forgetRefusal(environment: Environment): void {
    this.refused.delete(this.refusedKey(environment));
    this.verified.delete(this.refusedKey(environment));
  }

  /** Drops the current client, its token and its connections (sign-out, settings change). */
  resetClient(): void {
    void this.api?.close();
    this.api = undefined;
    this.apiEnvironment = '';
  }

  refreshStatus(): void {
    const environment = this.environment();
    void this.credentials.get(environment).then((found) => {
      const signedIn = !!found;
      const expires = this.api && this.apiEnvironment.includes(JSON.stringify(environment)) ? this.api.tokenExpiresAt() : undefined;
      const key = this.refusedKey(environment);
      if (expires !== undefined) {
        // a token was issued: the credentials work
        this.refused.delete(key);
        this.verified.add(key);
      }
      this.statusBar.update({ environment, signedIn, verified: this.verified.has(key), refused: signedIn && this.refused.has(key), tokenExpiresAt: expires });
    });
    void commands.executeCommand('setContext', 'priorAuth.environment', environment.id);
  }

  /** Signing in and sending need a trusted workspace; language features do not. */
  requireTrust(what: string): boolean {
    if (workspace.isTrusted) return true;
    void window.showWarningMessage(`Prior Auth does not ${what} in an untrusted workspace. Trust this workspace to use the payer API.`, 'Manage Workspace Trust').then((choice) => {
      if (choice) void commands.executeCommand('workbench.trust.manage');
    });
    return false;
  }

  /**
   * An error in words with what to do next, and buttons that do it. With `resume`, a button that fixes the cause
   * (Sign In, Start Local Sandbox) is followed by `resume` once its command reports success (returns true).
   */
  showError(error: unknown, resume?: () => Promise<void>): void {
    if (isApiError(error) && error.api === 'pas') return this.showPasError(error, resume);
    if (isApiError(error)) {
      this.log.warn(`${error.message}${error.details.length ? ' ' + error.details.join(' | ') : ''}`);
      if (error.kind === 'auth') {
        this.refused.add(this.refusedKey(this.environment()));
        this.refreshStatus();
      }
      if (error.kind === 'cancelled') {
        void window.showInformationMessage(error.message);
        return;
      }
      const details = error.details.length ? ` The API said: ${error.details.slice(0, 3).join(' · ')}` : '';
      const actions = ERROR_ACTIONS[error.kind] ?? [];
      void window.showErrorMessage(`${error.message}${details} ${error.nextStep}`, ...actions).then(async (choice) => {
        if (!choice || !ACTION_COMMANDS[choice]) return;
        const succeeded = await commands.executeCommand(ACTION_COMMANDS[choice]);
        if (resume && succeeded === true && RESUMING_ACTIONS.has(choice)) {
          this.log.info(`${choice} done: sending the request that needed it again`);
          await resume().catch((e) => this.showError(e));
        }
      });
      return;
    }
    this.showUnexpected(error);
  }

  /** A PAS server's error: its buttons sign in to the PAS payer and pick the PAS environment. */
  private showPasError(error: ApiError, resume?: () => Promise<void>): void {
    this.log.warn(`${error.message}${error.details.length ? ' ' + error.details.join(' | ') : ''}`);
    if (error.kind === 'auth') {
      pasSession(this).markRefused(currentPasSettings());
      refreshPasStatus(this);
    }
    if (error.kind === 'cancelled') {
      void window.showInformationMessage(error.message);
      return;
    }
    const details = error.details.length ? ` The server said: ${error.details.slice(0, 3).join(' · ')}` : '';
    const actions = (ERROR_ACTIONS[error.kind] ?? []).map((a) => PAS_ACTIONS[a] ?? a);
    void window.showErrorMessage(`${error.message}${details} ${error.nextStep}`, ...actions).then(async (choice) => {
      const command = choice && (ACTION_COMMANDS[choice] ?? PAS_ACTION_COMMANDS[choice]);
      if (!command) return;
      const succeeded = await commands.executeCommand(command);
      if (resume && succeeded === true && (RESUMING_ACTIONS.has(choice) || choice === PAS_ACTIONS['Sign In'])) {
        this.log.info(`${choice} done: sending the request that needed it again`);
        await resume().catch((e) => this.showError(e));
      }
    });
  }

  private showUnexpected(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.log.error(message);
    void window.showErrorMessage(`Prior Auth: ${message}`, 'Show Log').then((choice) => {
      if (choice) this.log.show();
    });
  }
}
