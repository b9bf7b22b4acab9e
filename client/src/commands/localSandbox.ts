// "Prior Auth: Start Local Sandbox": runs the sandbox inside the extension host and points the extension at it.

import * as path from 'node:path';
import { window } from 'vscode';
import type { Sandbox, SandboxOptions } from '../../../sandbox/src/server';
import { LOCAL_PORT } from '../api/environments';
import { localSettings, restoreLocalSettings, restoredMessage, setEnvironment, type LocalSettings } from '../settings';
import type { ExtensionState } from '../state';

type SandboxModule = { startSandbox(options: SandboxOptions): Promise<Sandbox> };

let running: Sandbox | undefined;
/** The user's settings before Start Local Sandbox changed them; Stop puts them back. */
let previous: LocalSettings | undefined;

/** The sandbox bundle is loaded on first use, so activating the extension does not pay for it. */
function loadSandbox(): SandboxModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'sandbox.js')) as SandboxModule;
}

/** Returns true once the sandbox listens and Prior Auth sends there (a send waiting for it then resumes). */
export async function startLocalSandbox(state: ExtensionState): Promise<boolean> {
  if (!running) {
    previous = localSettings();
    try {
      running = await loadSandbox().startSandbox({ port: LOCAL_PORT });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      // Another sandbox (e.g. npm run sandbox) may hold the usual port; take a free one.
      running = await loadSandbox().startSandbox({ port: 0 });
    }
    state.log.info(`Local sandbox listening on ${running.url}`);
  }
  await setEnvironment('local', running.url);
  state.resetClient();
  state.refreshStatus();
  void window.showInformationMessage(`Local sandbox running at ${running.url}; Prior Auth now sends there (no sign-in needed).`);
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
    state.resetClient();
    state.refreshStatus();
    after = ` ${restoredMessage(restored, state.environment().label)}`;
    state.log.info(`Settings restored:${after}`);
  }
  void window.showInformationMessage(`Local sandbox stopped.${after}`);
}

export async function disposeLocalSandbox(): Promise<void> {
  await running?.close();
  running = undefined;
}
