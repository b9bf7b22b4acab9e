// "Prior Auth: Start Local Sandbox": runs the sandbox inside the extension host and points the extension at it.

import * as path from 'node:path';
import { window } from 'vscode';
import type { Sandbox, SandboxOptions } from '../../../sandbox/src/server';
import { LOCAL_PORT } from '../api/environments';
import { setEnvironment } from '../settings';
import type { ExtensionState } from '../state';

type SandboxModule = { startSandbox(options: SandboxOptions): Promise<Sandbox> };

let running: Sandbox | undefined;

/** The sandbox bundle is loaded on first use, so activating the extension does not pay for it. */
function loadSandbox(): SandboxModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'sandbox.js')) as SandboxModule;
}

export async function startLocalSandbox(state: ExtensionState): Promise<void> {
  if (!running) {
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
}

export async function stopLocalSandbox(state: ExtensionState): Promise<void> {
  if (!running) {
    void window.showInformationMessage('No local sandbox is running in this window.');
    return;
  }
  await running.close();
  state.log.info(`Local sandbox at ${running.url} stopped`);
  running = undefined;
  void window.showInformationMessage('Local sandbox stopped.');
}

export async function disposeLocalSandbox(): Promise<void> {
  await running?.close();
  running = undefined;
}
