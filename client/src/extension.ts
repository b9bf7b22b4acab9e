// Extension entry: starts the X12 278 language server (the same bundle as `node dist/server.js --stdio`) over IPC
// and registers the commands that act on the open document.

import * as path from 'node:path';
import { commands, window, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Server commands (executeCommandProvider) that take the document URI as their only argument. */
const SERVER_COMMANDS = { compact: 'x12.compact', expand: 'x12.expand' } as const;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'x12' }],
    synchronize: { configurationSection: 'priorAuth' },
  };
  client = new LanguageClient('x12-278', 'X12 278', serverOptions, clientOptions);
  context.subscriptions.push(
    client,
    commands.registerCommand('priorAuth.compactX12', () => runOnActiveX12(SERVER_COMMANDS.compact)),
    commands.registerCommand('priorAuth.expandX12', () => runOnActiveX12(SERVER_COMMANDS.expand)),
  );
  await client.start();
}

async function runOnActiveX12(command: string): Promise<void> {
  const editor = window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'x12') {
    void window.showInformationMessage('Open an X12 file first; this command changes the layout of the active X12 editor.');
    return;
  }
  await commands.executeCommand(command, editor.document.uri.toString());
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
