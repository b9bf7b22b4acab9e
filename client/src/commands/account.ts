// Sign in and out, choose the environment, check the API's health.

import { ProgressLocation, window } from 'vscode';
import type { EnvironmentId } from '../api/environments';
import { KeyringUnavailable } from '../credentials';
import { setEnvironment } from '../settings';
import type { ExtensionState } from '../state';

/** Returns true once a token was issued for the new credentials (a send waiting for the sign-in then resumes). */
export async function signIn(state: ExtensionState): Promise<boolean> {
  if (!state.requireTrust('sign in')) return false;
  const environment = state.environment();
  const clientId = await window.showInputBox({
    title: `Sign in to the ${environment.label} (1/2)`,
    prompt: 'Client ID issued by Optum for this environment',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the client ID'),
  });
  if (!clientId) return false;
  const clientSecret = await window.showInputBox({
    title: `Sign in to the ${environment.label} (2/2)`,
    prompt: 'Client secret (stored in the OS keyring through VS Code, never in settings or files)',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v ? undefined : 'Enter the client secret'),
  });
  if (!clientSecret) return false;
  const credentials = { clientId: clientId.trim(), clientSecret };
  try {
    await state.credentials.store(environment, credentials);
  } catch (error) {
    if (!(error instanceof KeyringUnavailable)) throw error;
    const choice = await window.showWarningMessage(
      'VS Code cannot reach an OS keyring on this machine, so the secret cannot be stored safely. Sign in for this session only? The secret stays in memory and is forgotten when VS Code closes.',
      { modal: true },
      'Sign In for This Session',
    );
    if (choice !== 'Sign In for This Session') return false;
    state.credentials.storeForSession(environment, credentials);
  }
  state.resetClient();
  state.forgetRefusal(environment);
  state.log.info(`Credentials for the ${environment.label} saved (client ID ${credentials.clientId}); asking for a token`);
  // Fetch a token now, so wrong credentials show up at sign-in rather than at the first send. Only a token makes it
  // "signed in"; until then the status bar says the credentials are saved but not verified.
  let signedIn = false;
  try {
    await window.withProgress({ location: ProgressLocation.Notification, title: `Signing in to the ${environment.label}…` }, () => state.client().accessToken());
    signedIn = true;
    state.log.info(`Signed in to the ${environment.label} as ${credentials.clientId}`);
    void window.showInformationMessage(`Signed in to the ${environment.label} as ${credentials.clientId}.`);
  } catch (error) {
    state.log.info(`No token for the ${environment.label}: the credentials are saved but not verified`);
    state.showError(error);
  }
  state.refreshStatus();
  return signedIn;
}

export async function signOut(state: ExtensionState): Promise<void> {
  const environment = state.environment();
  await state.credentials.forget(environment);
  state.resetClient();
  state.forgetRefusal(environment);
  state.log.info(`Signed out of the ${environment.label}`);
  void window.showInformationMessage(`Signed out of the ${environment.label}; its credentials and token are forgotten.`);
  state.refreshStatus();
}

export async function selectEnvironment(state: ExtensionState): Promise<void> {
  const current = state.environment().id;
  const items: { label: string; description: string; id: EnvironmentId }[] = [
    { label: 'Optum sandbox', description: 'sandbox-apigw.optum.com · canned answers', id: 'sandbox' },
    { label: 'Optum production', description: 'apigw.optum.com · real payers, real patients', id: 'production' },
    { label: 'Local sandbox', description: '127.0.0.1 · offline, no credentials needed', id: 'local' },
    { label: 'Custom', description: 'priorAuth.custom.baseUrl and priorAuth.custom.tokenUrl', id: 'custom' },
  ];
  const pick = await window.showQuickPick(
    items.map((i) => ({ ...i, label: i.id === current ? `$(check) ${i.label}` : i.label })),
    { placeHolder: 'Where should Prior Auth send requests?' },
  );
  if (!pick) return;
  await setEnvironment(pick.id);
  state.resetClient();
  state.refreshStatus();
  if (!(await state.credentials.isSignedIn(state.environment())) && pick.id !== 'local') {
    const choice = await window.showInformationMessage(`Now using the ${state.environment().label}. Sign in to send requests.`, 'Sign In');
    if (choice) await signIn(state);
  }
}

export async function healthCheck(state: ExtensionState): Promise<void> {
  if (!state.requireTrust('call the API')) return;
  const environment = state.environment();
  try {
    const result = await window.withProgress({ location: ProgressLocation.Notification, title: `Checking the ${environment.label}…`, cancellable: true }, (_p, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return state.client().healthcheck(controller.signal);
    });
    void window.showInformationMessage(`The ${environment.label} is up: HTTP ${result.status} in ${result.elapsedMs} ms.`);
  } catch (error) {
    state.showError(error);
  }
  state.refreshStatus();
}
