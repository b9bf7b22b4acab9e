// The X12 278 language client, bundled as its own chunk (dist/languageClient.js) and loaded when the first X12 or JSON
// request document opens, so commands that only talk to the API do not pay for it.

import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const JSON_REQUEST_PATTERN = '**/*.{278,inquiry,submission,noa}.json';

export async function startLanguageClient(context: ExtensionContext): Promise<{ stop(): Promise<void> }> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'x12' }, { language: 'json', pattern: JSON_REQUEST_PATTERN }],
    synchronize: { configurationSection: 'priorAuth' },
  };
  const client = new LanguageClient('x12-278', 'X12 278', serverOptions, clientOptions);
  await client.start();
  return client;
}
