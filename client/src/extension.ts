// Extension entry: wires the commands, views and status bar, and starts the X12 278 language server (the same bundle
// as `node dist/server.js --stdio`) over IPC when the first X12, JSON request or PAS document opens.

import * as path from 'node:path';
import { commands, env, languages, window, workspace, type ExtensionContext, type TextDocument } from 'vscode';
import { CredentialStore } from './credentials';
import { ExtensionState } from './state';
import { affectsConnection, affectsPasConnection, persistHistory } from './settings';
import { RequestHistory } from './views/history';
import { RESPONSE_SCHEME, ResponseView } from './views/responseView';
import { StatusBar } from './views/statusBar';
import { DecisionView } from './views/decisionView';
import { SendLens } from './views/sendLens';
import { sendDocument } from './commands/send';
import { healthCheck, selectEnvironment, signIn, signOut } from './commands/account';
import { disposeLocalSandbox, startLocalSandbox, stopLocalSandbox } from './commands/localSandbox';
import { showHistory } from './commands/history';
import { convert, treatAsRequest } from './commands/convert';
import { jsonResponseReason, x12ResponseReason } from './sendChecks';
import { openExample, visibleRequestUri } from './commands/walkthrough';
import { isPasJson, isServedJson, JSON_REQUEST_NAME } from './servedDocuments';
import { generatePasKeyPair, selectPasEnvironment, signInToPas, signOutOfPas } from './commands/pasAccount';
import { pasSession, refreshPasStatus } from './pas/session';
import { allPasProblems } from './settings';

type LanguageClientModule = { startLanguageClient(context: ExtensionContext): Promise<{ stop(): Promise<void> }>; JSON_REQUEST_PATTERN: string };

const ENVIRONMENT_SEND_COMMANDS = ['priorAuth.sendToSandbox', 'priorAuth.sendToProduction', 'priorAuth.sendToLocal', 'priorAuth.sendToCustom'];
let languageClient: Promise<{ stop(): Promise<void> }> | undefined;

function wantsLanguageServer(doc: TextDocument): boolean {
  return doc.languageId === 'x12' || (doc.languageId === 'json' && isServedJson(doc.uri.path, doc.getText()));
}

function ensureLanguageClient(context: ExtensionContext): Promise<unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  languageClient ??= (require(path.join(__dirname, 'languageClient.js')) as LanguageClientModule).startLanguageClient(context);
  return languageClient;
}

/** Whether a document is a 278 response (its Send button and menu item are hidden; sending it is refused). */
function isResponseDocument(doc: TextDocument | undefined): boolean {
  if (!doc || doc.uri.scheme === RESPONSE_SCHEME) return false;
  if (doc.languageId === 'x12') return !!x12ResponseReason(doc.getText());
  if (doc.languageId !== 'json' || !JSON_REQUEST_NAME.test(doc.uri.path)) return false;
  try {
    return !!jsonResponseReason(JSON.parse(doc.getText()));
  } catch {
    return false;
  }
}

export async function activate(context: ExtensionContext): Promise<void> {
  const log = window.createOutputChannel('Prior Auth', { log: true });
  const responses = new ResponseView();
  const statusBar = new StatusBar();
  const history = new RequestHistory(context.globalState, persistHistory);
  const decisions = new DecisionView();
  const state = new ExtensionState(log, new CredentialStore(context.secrets), history, responses, statusBar, decisions);
  const sendLens = new SendLens(() => state.environment());

  const guarded = (name: string, fn: (...args: any[]) => unknown) =>
    commands.registerCommand(name, async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (error) {
        state.showError(error);
        return undefined;
      }
    });

  const runOnActiveX12 = async (command: string) => {
    const editor = window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'x12') {
      void window.showInformationMessage('Open an X12 file first; this command changes the layout of the active X12 editor.');
      return;
    }
    await ensureLanguageClient(context);
    await commands.executeCommand(command, editor.document.uri.toString());
  };

  context.subscriptions.push(
    log,
    responses,
    decisions,
    statusBar,
    workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, responses),
    languages.registerCodeLensProvider({ scheme: RESPONSE_SCHEME }, responses),
    languages.registerCodeLensProvider([{ language: 'x12', scheme: 'file' }, { language: 'x12', scheme: 'untitled' }, { language: 'json', pattern: '**/*.{278,inquiry,submission,noa}.json' }], sendLens),
    guarded('priorAuth.send', (uri) => sendDocument(state, 'auto', uri ?? visibleRequestUri())),
    // The same command under titles that name the environment, for the editor's title bar and context menu.
    ...ENVIRONMENT_SEND_COMMANDS.map((name) => guarded(name, (uri) => sendDocument(state, 'auto', uri ?? visibleRequestUri()))),
    guarded('priorAuth.openExample', () => openExample(context.extensionUri)),
    guarded('priorAuth.sendInquiry', (uri) => sendDocument(state, 'inquiry', uri)),
    guarded('priorAuth.sendSubmission', (uri) => sendDocument(state, 'submission', uri)),
    guarded('priorAuth.sendNotice', (uri) => sendDocument(state, 'noa', uri)),
    guarded('priorAuth.signIn', () => signIn(state)),
    guarded('priorAuth.signOut', () => signOut(state)),
    guarded('priorAuth.selectEnvironment', () => selectEnvironment(state)),
    guarded('priorAuth.healthCheck', () => healthCheck(state)),
    guarded('priorAuth.pas.signIn', () => signInToPas(state)),
    guarded('priorAuth.pas.signOut', () => signOutOfPas(state)),
    guarded('priorAuth.pas.generateKeyPair', () => generatePasKeyPair(state)),
    guarded('priorAuth.pas.selectEnvironment', () => selectPasEnvironment(state)),
    guarded('priorAuth.startLocalSandbox', () => startLocalSandbox(state)),
    guarded('priorAuth.stopLocalSandbox', () => stopLocalSandbox(state)),
    guarded('priorAuth.showHistory', () => showHistory(state)),
    guarded('priorAuth.showLog', () => log.show()),
    guarded('priorAuth.copyText', (text: string) => env.clipboard.writeText(String(text))),
    guarded('priorAuth.convertToX12', () => convert(state, 'x12', () => ensureLanguageClient(context))),
    guarded('priorAuth.convertToJson', () => convert(state, 'json', () => ensureLanguageClient(context))),
    guarded('priorAuth.treatAsRequest', () => treatAsRequest(context.extensionUri)),
    guarded('priorAuth.compactX12', () => runOnActiveX12('x12.compact')),
    guarded('priorAuth.expandX12', () => runOnActiveX12('x12.expand')),
    workspace.onDidChangeConfiguration((event) => {
      if (affectsConnection(event)) {
        state.resetClient();
        state.refreshStatus();
        sendLens.refresh();
      }
      if (affectsPasConnection(event)) {
        pasSession(state).resetClient();
        refreshPasStatus(state);
        for (const problem of allPasProblems()) log.warn(problem);
      }
    }),
    workspace.onDidOpenTextDocument((doc) => {
      if (wantsLanguageServer(doc)) void ensureLanguageClient(context);
    }),
    // A JSON document can become a PAS one by an edit (a snippet in a new file); the client then loads and sends it.
    workspace.onDidChangeTextDocument((event) => {
      if (!languageClient && wantsLanguageServer(event.document)) void ensureLanguageClient(context);
    }),
    { dispose: () => void disposeLocalSandbox() },
  );

  let responseKeyTimer: NodeJS.Timeout | undefined;
  const updateResponseKey = () => {
    clearTimeout(responseKeyTimer);
    responseKeyTimer = setTimeout(() => {
      const doc = window.activeTextEditor?.document;
      void commands.executeCommand('setContext', 'priorAuth.activeIsResponse', isResponseDocument(doc));
      statusBar.showPas(!!doc && doc.languageId === 'json' && doc.uri.scheme !== RESPONSE_SCHEME && isPasJson(doc.uri.path, doc.getText()));
    }, 150);
  };
  context.subscriptions.push(
    window.onDidChangeActiveTextEditor(updateResponseKey),
    workspace.onDidChangeTextDocument((e) => {
      if (e.document === window.activeTextEditor?.document) updateResponseKey();
    }),
    { dispose: () => clearTimeout(responseKeyTimer) },
  );
  updateResponseKey();

  state.refreshStatus();
  refreshPasStatus(state);
  if (workspace.textDocuments.some(wantsLanguageServer)) await ensureLanguageClient(context);
}

export async function deactivate(): Promise<void> {
  await disposeLocalSandbox();
  const client = await languageClient;
  await client?.stop();
  languageClient = undefined;
}
