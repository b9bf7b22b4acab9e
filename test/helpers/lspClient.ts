// A real LSP client for tests: spawns `node dist/server.js --stdio` and speaks JSON-RPC to it.

import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { ClientCapabilities, Diagnostic, InitializeResult, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol';

export const SERVER_BUNDLE = resolve(__dirname, '../../../dist/server.js');

export interface DiagnosticsWaiter {
  readonly uri: string;
  readonly accept: (p: PublishDiagnosticsParams) => boolean;
  readonly resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspTestClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  readonly stderr: string[] = [];
  /** Messages the server logged as errors (a handler that threw logs one). */
  readonly errorLogs: string[] = [];
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: DiagnosticsWaiter[] = [];
  private versions = new Map<string, number>();
  initializeResult?: InitializeResult;
  /** What the client answers for the `priorAuth` configuration section. */
  settings: unknown = null;
  readonly appliedEdits: Record<string, TextEdit[]>[] = [];
  private readonly configurationWaiters: (() => void)[] = [];

  /** `nodeOptions` go to the server's Node (the benchmark passes --expose-gc to measure the live heap). */
  constructor(nodeOptions: readonly string[] = []) {
    this.process = spawn(process.execPath, [...nodeOptions, SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i];
        if (w.uri === p.uri && w.accept(p)) {
          this.waiters.splice(i, 1);
          w.resolve(p);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      const answer = params.items.map((item) => (item.section === 'priorAuth' ? this.settings : null));
      const waiters = this.configurationWaiters.splice(0);
      queueMicrotask(() => waiters.forEach((w) => w()));
      return answer;
    });
    this.connection.onRequest('workspace/applyEdit', (params: { edit: { changes?: Record<string, TextEdit[]> } }) => {
      this.appliedEdits.push(params.edit.changes ?? {});
      return { applied: true };
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) this.errorLogs.push(p.message);
    });
    this.connection.listen();
  }

  static async start(capabilities: ClientCapabilities = FULL_CAPABILITIES, initializationOptions?: unknown, nodeOptions: readonly string[] = []): Promise<LspTestClient> {
    const client = new LspTestClient(nodeOptions);
    client.initializeResult = await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities,
      initializationOptions,
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, text: string, languageId = 'x12'): Promise<void> {
    this.versions.set(uri, 1);
    this.latest.delete(uri);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, changes: unknown[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the first diagnostics for `uri` (at the current version, when the server reports versions). */
  diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean): Promise<Diagnostic[]> {
    const version = this.versions.get(uri);
    const test = accept ?? ((p: PublishDiagnosticsParams) => p.version === undefined || p.version === version);
    const known = this.latest.get(uri);
    if (known && test(known)) return Promise.resolve(known.diagnostics);
    return new Promise((resolvePromise) => {
      this.waiters.push({ uri, accept: test, resolve: (p) => resolvePromise(p.diagnostics) });
    });
  }

  /** Sends new settings and resolves once the server has read them back through workspace/configuration. */
  async updateSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    const read = new Promise<void>((resolvePromise) => this.configurationWaiters.push(resolvePromise));
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await read;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  get exited(): boolean {
    return this.process.exitCode !== null || this.process.signalCode !== null;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolvePromise) => this.process.once('exit', () => resolvePromise()));
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    await exited;
    this.connection.dispose();
  }
}

export const FULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: { lineFoldingOnly: false },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
    semanticTokens: {
      requests: { full: true, range: true },
      tokenTypes: [],
      tokenModifiers: [],
      formats: ['relative'],
    },
    inlayHint: {},
  },
  workspace: { configuration: true, workspaceFolders: false },
};
