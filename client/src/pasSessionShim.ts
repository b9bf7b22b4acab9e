// TEMPORARY stand-in for client/src/pas/session.ts (PAS environments and sign-in, built on another branch): the same
// two names, for the local PAS payer with no auth. Delete this file and import from './pas/session' once that lands.

import * as path from 'node:path';
import { workspace } from 'vscode';
import type { PasClient, PasEnvironment } from './api/pasClient';
import { httpSettings } from './settings';
import type { ExtensionState } from './state';

export function currentPasEnvironment(): PasEnvironment {
  const inspected = workspace.getConfiguration('priorAuth').inspect<string>('local.url');
  const origin = (inspected?.globalValue ?? inspected?.defaultValue ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
  return { label: 'local PAS payer', baseUrl: `${origin}/fhir`, production: false };
}

let cached: { key: string; client: PasClient } | undefined;

export async function pasClientForSend(state: ExtensionState, _options: { interactive: boolean }): Promise<PasClient | undefined> {
  const environment = currentPasEnvironment();
  const key = JSON.stringify([environment, httpSettings()]);
  if (cached?.key !== key) {
    void cached?.client.close();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PasClient: Client } = require(path.join(__dirname, 'api.js')) as typeof import('./api/client');
    cached = { key, client: new Client({ environment, auth: { kind: 'none' }, http: httpSettings(), log: { info: (m) => state.log.info(m), trace: (m) => state.log.trace(m) } }) };
  }
  return cached.client;
}
