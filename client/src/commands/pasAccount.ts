// The PAS payer's account: Sign In (a SMART private key imported from a file or pasted, or a client secret; tested by
// fetching a token), Sign Out, Generate Key Pair (the public JWKS opens for the payer; the local payer can register it
// at once) and Select PAS Environment (with Add a PAS Payer). Titles and labels are stable: the e2e suite drives them.

import { commands, env as vscodeEnv, ProgressLocation, window, workspace } from 'vscode';
import { ApiError, asPasError } from '../api/errors';
import { refuseUrl } from '../api/environments';
import type { AssertionAlgorithm } from '../api/smart';
import { KeyringUnavailable } from '../credentials';
import { describePasEnvironment, LOCAL_PAS_CLIENT_ID, type PasAuthMethod, type PasEnvironmentSettings } from '../pas/environments';
import type { PasSecret } from '../pas/credentials';
import { importPrivateKey, newKeyPair, type PublicJwks } from '../pas/keys';
import { registerWithLocalPayer } from '../pas/localPayer';
import { pasClientForSend, pasSession, refreshPasStatus } from '../pas/session';
import { allPasEnvironments, currentPasSettings, setLocalPasAuthMethod, setPasEnvironment, updatePasEnvironment } from '../settings';
import type { ExtensionState } from '../state';

export const PAS_SIGN_IN_TITLE = 'Sign in to the PAS payer';
const METHOD_WORDS: Record<PasAuthMethod, string> = { 'smart-backend': 'SMART Backend Services', 'client-secret': 'client secret', none: 'no token' };

/** A refused environment (http off loopback, unknown name) stops here with its reason and a way out. */
function refused(state: ExtensionState, env: PasEnvironmentSettings): boolean {
  if (!env.refusal) return false;
  state.showError(asPasError(new ApiError('refused-url', env.refusal, 'Pick another PAS environment or correct it in your user settings.')));
  return true;
}

/** Keeps a secret in the keyring, or for this session only where the OS has none (after asking). */
async function keep(state: ExtensionState, env: PasEnvironmentSettings, secret: PasSecret): Promise<boolean> {
  const store = pasSession(state).store;
  try {
    await store.store(env, secret);
  } catch (error) {
    if (!(error instanceof KeyringUnavailable)) throw error;
    const choice = await window.showWarningMessage(
      `VS Code cannot reach an OS keyring on this machine, so the ${secret.kind === 'smart' ? 'private key' : 'client secret'} cannot be stored safely. Keep it for this session only? It stays in memory and is forgotten when VS Code closes.`,
      { modal: true },
      'Keep for This Session',
    );
    if (choice !== 'Keep for This Session') return false;
    store.storeForSession(env, secret);
  }
  pasSession(state).credentialsChanged(env);
  return true;
}

/** Fetches a token with what is stored: only then is the environment "signed in". */
async function verify(state: ExtensionState, env: PasEnvironmentSettings): Promise<boolean> {
  const session = pasSession(state);
  try {
    const client = await pasClientForSend(state, { interactive: false });
    if (!client) return false;
    await window.withProgress({ location: ProgressLocation.Notification, title: `Signing in to the ${env.label}…` }, () => client.tokens.accessToken());
    session.markVerified(env);
    const minutes = client.tokens.tokenExpiresAt();
    state.log.info(`Signed in to the ${env.label} as ${env.clientId} (${METHOD_WORDS[env.authMethod]})`);
    void window.showInformationMessage(`Signed in to the ${env.label} as ${env.clientId} (${METHOD_WORDS[env.authMethod]}${minutes ? `; token for ${Math.max(1, Math.round((minutes - Date.now()) / 60_000))} min` : ''}).`);
    return true;
  } catch (error) {
    state.log.info(`No token from the ${env.label}: the credentials are stored but not verified`);
    state.showError(asPasError(error));
    return false;
  } finally {
    refreshPasStatus(state);
  }
}

async function askClientId(state: ExtensionState, env: PasEnvironmentSettings): Promise<PasEnvironmentSettings | undefined> {
  const clientId = await window.showInputBox({
    title: `${PAS_SIGN_IN_TITLE}: client ID`,
    prompt: `The client ID the ${env.label} issued (saved in your user settings; it is not a secret)`,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the client ID'),
  });
  if (!clientId) return undefined;
  await updatePasEnvironment(env.name, { clientId: clientId.trim() });
  state.log.info(`Client ID of the ${env.label} set to ${clientId.trim()}`);
  return currentPasSettings();
}

/** The private key's text from a file (open dialog) or pasted; undefined when the user cancels. */
async function askPrivateKey(env: PasEnvironmentSettings): Promise<string | 'generate' | undefined> {
  const pick = await window.showQuickPick(
    [
      { label: 'Import a Private Key File…', description: 'PEM or JWK (.pem, .key, .json)', id: 'file' as const },
      { label: 'Paste a Private Key', description: 'PEM or a private JWK', id: 'paste' as const },
      { label: 'Generate a New Key Pair', description: 'ES384 or RS384; the public JWKS opens for the payer', id: 'generate' as const },
    ],
    { title: `${PAS_SIGN_IN_TITLE}: private key`, placeHolder: `The private key that signs the client assertion for the ${env.label}`, ignoreFocusOut: true },
  );
  if (!pick) return undefined;
  if (pick.id === 'generate') return 'generate';
  if (pick.id === 'paste') {
    return window.showInputBox({
      title: `${PAS_SIGN_IN_TITLE}: paste the private key`,
      prompt: 'PEM ("-----BEGIN PRIVATE KEY-----…") or a private JWK; kept in the OS keyring, never in settings or files',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Paste the private key'),
    });
  }
  const files = await window.showOpenDialog({ title: `${PAS_SIGN_IN_TITLE}: private key file`, canSelectMany: false, openLabel: 'Import Key', filters: { 'Private keys': ['pem', 'key', 'json', 'jwk'], 'All files': ['*'] } });
  if (!files?.[0]) return undefined;
  const bytes = await workspace.fs.readFile(files[0]);
  if (bytes.byteLength > 64 * 1024) throw asPasError(new ApiError('no-credentials', `${files[0].fsPath} is ${bytes.byteLength} bytes: too large for a private key.`, 'Pick the private key file (PEM or JWK).'));
  return new TextDecoder().decode(bytes);
}

/** For the local payer: how to sign in (it accepts requests without a token too). Updates the setting. */
async function pickLocalMethod(env: PasEnvironmentSettings): Promise<{ method: PasAuthMethod; generate?: boolean } | undefined> {
  const items = [
    { label: 'Generate a Key and Register It', description: 'SMART Backend Services, ES384', method: 'smart-backend' as const, generate: true },
    { label: 'Use a Private Key', description: 'SMART Backend Services: import or paste a key', method: 'smart-backend' as const },
    { label: 'Use the Client Secret', description: `${LOCAL_PAS_CLIENT_ID} and the sandbox's well-known secret`, method: 'client-secret' as const },
    { label: 'No Token', description: 'the local payer accepts requests without one', method: 'none' as const },
  ];
  return window.showQuickPick(
    items,
    { title: `${PAS_SIGN_IN_TITLE}: local PAS payer`, placeHolder: `Now: ${METHOD_WORDS[env.authMethod]}. How should Prior Auth sign in to the local PAS payer?`, ignoreFocusOut: true },
  );
}

/** "Prior Auth: Sign In to PAS Payer"; true once a token was issued (a send waiting for the sign-in then resumes). */
export async function signInToPas(state: ExtensionState): Promise<boolean> {
  if (!state.requireTrust('sign in')) return false;
  let env = currentPasSettings();
  if (refused(state, env)) return false;
  let generate = false;
  if (env.local) {
    const pick = await pickLocalMethod(env);
    if (!pick) return false;
    if (pick.method !== env.authMethod) await setLocalPasAuthMethod(pick.method);
    env = currentPasSettings();
    generate = !!pick.generate;
  }
  if (env.authMethod === 'none') {
    pasSession(state).credentialsChanged(env);
    refreshPasStatus(state);
    void window.showInformationMessage(`The ${env.label} takes requests without a token: nothing to sign in to.${env.local ? '' : ' (Its authMethod is "none" in priorAuth.pas.environments.)'}`);
    return true;
  }
  if (!env.clientId) {
    const withId = await askClientId(state, env);
    if (!withId) return false;
    env = withId;
  }
  if (env.authMethod === 'client-secret') {
    if (!env.local) {
      const clientSecret = await window.showInputBox({
        title: `${PAS_SIGN_IN_TITLE}: client secret`,
        prompt: `Client secret of ${env.clientId} at the ${env.label} (kept in the OS keyring, never in settings or files)`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v ? undefined : 'Enter the client secret'),
      });
      if (!clientSecret) return false;
      if (!(await keep(state, env, { kind: 'secret', clientSecret }))) return false;
    } else {
      pasSession(state).credentialsChanged(env);
    }
    return verify(state, env);
  }
  const key = generate ? 'generate' : await askPrivateKey(env);
  if (key === undefined) return false;
  if (key === 'generate') return generatePasKeyPair(state, generate ? { alg: 'ES384', register: true } : {});
  let imported;
  try {
    imported = importPrivateKey(key);
  } catch (error) {
    state.showError(asPasError(error));
    return false;
  }
  if (!(await keep(state, env, imported.secret))) return false;
  state.log.info(`Private key for the ${env.label} stored (${imported.secret.alg}, kid ${imported.secret.keyId}); asking for a token`);
  return verify(state, env);
}

export async function signOutOfPas(state: ExtensionState): Promise<void> {
  const env = currentPasSettings();
  const session = pasSession(state);
  const stored = env.authMethod === 'none' ? undefined : await session.store.get(env);
  if (stored?.kind === 'smart' && !env.local) {
    const choice = await window.showWarningMessage(
      `Sign out of the ${env.label}? This deletes its private key (kid ${stored.keyId}) from the keyring; unless you kept a copy, the payer must register a new public key.`,
      { modal: true },
      'Sign Out',
    );
    if (choice !== 'Sign Out') return;
  }
  await session.store.forget(env);
  session.credentialsChanged(env);
  state.log.info(`Signed out of the ${env.label}`);
  const what = stored?.kind === 'smart' ? 'private key' : stored?.kind === 'secret' ? 'client secret' : 'token';
  void window.showInformationMessage(`Signed out of the ${env.label}; its ${what}${what === 'token' ? ' is' : ' and token are'} forgotten.`);
  refreshPasStatus(state);
}

/** Opens the public JWKS as an untitled JSON document beside the active editor. */
async function showJwks(jwks: PublicJwks): Promise<void> {
  const doc = await workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(jwks, null, 2)}\n` });
  await window.showTextDocument(doc, { preview: false });
}

/**
 * "Prior Auth: Generate PAS Key Pair": the private key goes to the keyring for the current PAS environment, the public
 * JWKS opens for the payer. Returns true once the key is stored (and, for the local payer when registered, verified).
 */
export async function generatePasKeyPair(state: ExtensionState, options: { alg?: AssertionAlgorithm; register?: boolean } = {}): Promise<boolean> {
  if (!state.requireTrust('generate a key')) return false;
  let env = currentPasSettings();
  if (refused(state, env)) return false;
  let alg = options.alg;
  if (!alg) {
    const pick = await window.showQuickPick(
      [
        { label: 'ES384', description: 'EC P-384 (recommended)', alg: 'ES384' as const },
        { label: 'RS384', description: 'RSA 2048, for payers that only take RSA', alg: 'RS384' as const },
      ],
      { title: 'Generate PAS Key Pair', placeHolder: `Signing algorithm of the new key for the ${env.label}` },
    );
    if (!pick) return false;
    alg = pick.alg;
  }
  if (env.authMethod !== 'smart-backend') {
    if (env.local) {
      await setLocalPasAuthMethod('smart-backend');
    } else {
      const choice = await window.showWarningMessage(`The ${env.label} signs in with ${METHOD_WORDS[env.authMethod]}. Switch it to SMART Backend Services with the new key?`, { modal: true }, 'Switch to SMART');
      if (choice !== 'Switch to SMART') return false;
      await updatePasEnvironment(env.name, { authMethod: 'smart-backend' });
    }
    env = currentPasSettings();
  }
  const existing = await pasSession(state).store.get(env);
  if (existing && !env.local) {
    const choice = await window.showWarningMessage(`The ${env.label} already has a key (kid ${existing.kind === 'smart' ? existing.keyId : '?'}). Replace it? The payer must then register the new public key.`, { modal: true }, 'Replace Key');
    if (choice !== 'Replace Key') return false;
  }
  const pair = newKeyPair(alg);
  if (!(await keep(state, env, pair.secret))) return false;
  state.log.info(`Generated an ${pair.secret.alg} key pair for the ${env.label} (kid ${pair.secret.keyId}); the private key is in the keyring, the public JWKS is open`);
  await showJwks(pair.publicJwks);
  refreshPasStatus(state);
  const copy = async () => {
    await vscodeEnv.clipboard.writeText(JSON.stringify(pair.publicJwks, null, 2));
    void window.showInformationMessage('The public JWKS is on the clipboard.');
  };
  if (env.local) {
    // Signing in with "Generate a Key and Register It" asked already.
    const choice = options.register
      ? 'Register with Local Payer'
      : await window.showInformationMessage(
          `New ${pair.secret.alg} key (kid ${pair.secret.keyId}) for the local PAS payer; its public JWKS is open. Register it with the local payer?`,
          'Register with Local Payer',
          'Copy JWKS',
        );
    if (choice === 'Copy JWKS') await copy();
    if (choice !== 'Register with Local Payer') return true;
    try {
      const clientId = await registerWithLocalPayer(env.baseUrl, env.clientId ?? LOCAL_PAS_CLIENT_ID, pair.publicJwks);
      state.log.info(`Registered the public key with the local PAS payer as client ${clientId}`);
    } catch (error) {
      state.showError(asPasError(error));
      return false;
    }
    return verify(state, env);
  }
  const choice = await window.showInformationMessage(
    `New ${pair.secret.alg} key (kid ${pair.secret.keyId}) for the ${env.label}; its public JWKS is open. Register it with the payer (their portal or onboarding), then sign in with the client ID they give you.`,
    'Copy JWKS',
    'Sign In to PAS Payer',
  );
  if (choice === 'Copy JWKS') await copy();
  if (choice === 'Sign In to PAS Payer') {
    if (!env.clientId && !(await askClientId(state, env))) return true;
    return verify(state, currentPasSettings());
  }
  return true;
}

/** "Prior Auth: Select PAS Environment": the local payer, the configured payers, and adding one. */
export async function selectPasEnvironment(state: ExtensionState): Promise<void> {
  const current = currentPasSettings();
  const envs = allPasEnvironments();
  type Item = { label: string; description?: string; detail?: string; name?: string; action?: 'add' | 'edit' };
  const items: Item[] = [
    ...envs.map((e) => ({
      label: `${e.name === current.name ? '$(check) ' : ''}${e.local ? 'Local PAS payer' : e.name}`,
      description: describePasEnvironment(e),
      detail: e.refusal,
      name: e.name,
    })),
    { label: 'Add a PAS Payer…', description: 'name, FHIR base URL, how it signs in', action: 'add' },
    { label: 'Edit PAS Environments in settings.json', description: 'priorAuth.pas.environments', action: 'edit' },
  ];
  const pick = await window.showQuickPick(items, { title: 'Select PAS Environment', placeHolder: 'Where should Prior Auth send PAS (FHIR) requests?' });
  if (!pick) return;
  if (pick.action === 'edit') {
    await commands.executeCommand('workbench.action.openSettingsJson');
    return;
  }
  const name = pick.action === 'add' ? await addPasPayer() : pick.name;
  if (!name) return;
  await setPasEnvironment(name);
  pasSession(state).resetClient();
  const env = currentPasSettings();
  refreshPasStatus(state);
  state.log.info(`PAS environment: ${env.label} (${describePasEnvironment(env)})`);
  if (env.refusal) {
    refused(state, env);
    return;
  }
  const status = await pasSession(state).status(env);
  if (!status.signedIn) {
    const choice = await window.showInformationMessage(`PAS requests now go to the ${env.label}. Sign in to send them.`, 'Sign In to PAS Payer');
    if (choice) await signInToPas(state);
  }
}

/** Asks for a new payer's name, FHIR base, auth method and whether it is production; returns its name. */
async function addPasPayer(): Promise<string | undefined> {
  const taken = new Set(allPasEnvironments().map((e) => e.name));
  const name = (
    await window.showInputBox({
      title: 'Add a PAS payer (1/4): name',
      prompt: 'A name for this payer environment, e.g. "Acme test"',
      ignoreFocusOut: true,
      validateInput: (v) => (!v.trim() ? 'Enter a name' : taken.has(v.trim()) ? `"${v.trim()}" is taken` : undefined),
    })
  )?.trim();
  if (!name) return undefined;
  const baseUrl = (
    await window.showInputBox({
      title: 'Add a PAS payer (2/4): FHIR base URL',
      prompt: 'The payer\'s FHIR base, e.g. https://payer.example/fhir (Claim/$submit is added to it)',
      ignoreFocusOut: true,
      validateInput: (v) => (!v.trim() ? 'Enter the FHIR base URL' : refuseUrl(v.trim())),
    })
  )?.trim();
  if (!baseUrl) return undefined;
  const auth = await window.showQuickPick(
    [
      { label: 'SMART Backend Services', description: 'private_key_jwt, RS384 or ES384 (what PAS payers use)', method: 'smart-backend' as const },
      { label: 'Client Secret', description: 'client_credentials with a secret', method: 'client-secret' as const },
      { label: 'No Token', description: 'an open test server', method: 'none' as const },
    ],
    { title: 'Add a PAS payer (3/4): how it signs in', ignoreFocusOut: true },
  );
  if (!auth) return undefined;
  const kind = await window.showQuickPick(
    [
      { label: 'Test', description: 'a sandbox or test server: no real patients', production: false },
      { label: 'Production', description: 'real patients: every send asks first', production: true },
    ],
    { title: 'Add a PAS payer (4/4): test or production', ignoreFocusOut: true },
  );
  if (!kind) return undefined;
  await updatePasEnvironment(name, { baseUrl: baseUrl.replace(/\/+$/, ''), authMethod: auth.method, production: kind.production });
  return name;
}
