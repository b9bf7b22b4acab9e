// "Prior Auth: Start Local Sandbox": runs the sandbox inside the extension host and points the extension at it.

import * as path from 'node:path';
import { window } from 'vscode';
import type { Sandbox, SandboxOptions } from '../../../sandbox/src/server';
import { LOCAL_PORT } from '../api/environments';
import { localSettings, pasEnvironmentUserValue, restoreLocalSettings, restoredMessage, setEnvironment, setPasEnvironment, type LocalSettings } from '../settings';
import { LOCAL_PAS } from '../pas/environments';
import { pasSession, refreshPasStatus } from '../pas/session';
import type { ExtensionState } from '../state';

type SandboxModule = { startSandbox(options: SandboxOptions): Promise<Sandbox> };

let running: Sandbox | undefined;
/** The user's settings before Start Local Sandbox changed them; Stop puts them back. */
let previous: (LocalSettings & { pasEnvironment?: string }) | undefined;

/** The sandbox bundle is loaded on first use, so activating the extension does not pay for it. */
function loadSandbox(): SandboxModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'sandbox.js')) as SandboxModule;
}

/** Returns true once the sandbox listens and Prior Auth sends there (a send waiting for it then resumes). */
export async function startLocalSandbox(state: ExtensionState): Promise<boolean> {
  if (!running) {
    previous = { ...localSettings(), pasEnvironment: pasEnvironmentUserValue() };
    try {
      running = await loadSandbox().startSandbox({ port: LOCAL_PORT });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      // Another sandbox (e.g. npm run sandbox) may hold the usual port; take a free one.
      running = await loadSandbox().startSandbox({ port: 0 });
    }
    state.log.info(`Local sandbox listening on ${running.url}`);
    state.log.info(`Local PAS payer (FHIR base) at ${running.pasBaseUrl}`);
  }
  await setEnvironment('local', running.url);
  await setPasEnvironment(LOCAL_PAS);
  state.resetClient();
  pasSession(state).resetClient();
  state.refreshStatus();
  refreshPasStatus(state);
  void window.showInformationMessage(`Local sandbox running at ${running.url}, its PAS payer at ${running.pasBaseUrl}; Prior Auth now sends X12 and PAS requests there (no sign-in needed).`);
  return true;
}

export async function stopLocalSandbox(state: ExtensionState): Promise<void> {
  if (!running) {
    void window.showInformationMessage('No local sandbox is running in this window.');
    return;
  }
  await running.close();
  state.log.info(`Local sandbox at ${running.url} stopped`);
  running = undefined;
  const restored = previous;
  previous = undefined;
  let after = '';
  if (restored) {
    await restoreLocalSettings(restored);
    await setPasEnvironment(restored.pasEnvironment);
    state.resetClient();
    pasSession(state).resetClient();
    state.refreshStatus();
    refreshPasStatus(state);
    after = ` ${restoredMessage(restored, state.environment().label)}`;
    if (restored.pasEnvironment !== undefined && restored.pasEnvironment !== LOCAL_PAS) after += ` PAS requests go to "${restored.pasEnvironment}" again.`;
    state.log.info(`Settings restored:${after}`);
  }
  void window.showInformationMessage(`Local sandbox stopped.${after}`);
}

export async function disposeLocalSandbox(): Promise<void> {
  await running?.close();
  running = undefined;
}
