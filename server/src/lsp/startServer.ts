// LSP wiring: capabilities, document sync, and the handlers that turn plain feature results into LSP messages.

import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { capProblems } from '../validate/document';
import { AnalysisCache } from './analysisCache';
import { toDiagnostic } from './convert';

export const DEFAULT_MAX_PROBLEMS = 500;

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  const pending = new Set<string>();
  let flushScheduled = false;

  const guard = <A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R) => (...args: A): R => {
    try {
      return fn(...args);
    } catch (error) {
      connection.console.error(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fallback;
    }
  };

  const publish = guard('validation', undefined, (uri: string) => {
    const doc = documents.get(uri);
    if (!doc) return;
    const analysis = cache.get(doc);
    const diagnostics = capProblems(analysis.problems, DEFAULT_MAX_PROBLEMS).map((p) => toDiagnostic(doc, p));
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  });

  const flush = () => {
    flushScheduled = false;
    const uris = [...pending];
    pending.clear();
    for (const uri of uris) publish(uri);
  };

  const schedule = (uri: string) => {
    pending.add(uri);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  };

  connection.onInitialize((): InitializeResult => ({
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    },
    serverInfo: { name: 'x12-278-language-server', version: '0.1.0' },
  }));

  documents.onDidChangeContent((change) => schedule(change.document.uri));
  documents.onDidClose((event) => {
    pending.delete(event.document.uri);
    cache.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}
