// LSP wiring: capabilities, document sync, settings, and handlers that turn plain feature results into LSP messages.
// Every handler degrades gracefully when the client lacks a capability, and none can take the server down.

import { basename, dirname } from 'node:path';
import {
  CodeActionKind, createConnection, DocumentFormattingRequest, DocumentHighlightKind, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
  type ClientCapabilities, type CodeAction, type CodeActionParams, type Connection, type InitializeParams, type InitializeResult, type Position, type TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { capProblems } from '../validate/document';
import { applyInferredRules } from '../problems/inferredRules';
import { hoverAt } from '../features/hover';
import { documentSymbols, foldingRanges, selectionSpans } from '../features/structure';
import { definitionAt, highlightsAt } from '../features/navigation';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../features/tokens';
import { completionsAt } from '../features/completion';
import { applyEdits, formatEdits, type Layout, type TextEditData } from '../features/formatting';
import { quickFixesIn } from '../features/codeActions';
import { inlayHints } from '../features/inlayHints';
import { convertToJson, convertToX12 } from '../features/convertDocument';
import { fhirHoverAt } from '../features/fhirHover';
import { fhirCompletionsAt } from '../features/fhirCompletion';
import { fhirCoreLoadMs } from '../features/fhirCore';
import type { FhirAnalysis } from '../fhir/api';
import type { RequestKind } from '../convert';
import { ChangeTracker } from './changeTracker';
import { AnalysisCache, JsonDocumentCache, isJsonDocument } from './analysisCache';
import { toDiagnostic, toRange } from './convert';
import { cursorLine, encodeTokens, toCompletionItem, toDocumentSymbol, toFoldingRange, toSelectionRange, toSymbolInformation } from './shapes';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './settings';

export const COMMANDS = { compact: 'x12.compact', expand: 'x12.expand', toX12: 'x12.convertToX12', toJson: 'x12.convertToJson' } as const;

export const MEMORY_REQUEST = 'priorAuth/memoryUsage';
/** Which of the server's own files the process has loaded (dist/fhir.js only once a PAS document needed it). */
export const LOADED_BUNDLES_REQUEST = 'priorAuth/loadedBundles';

export interface LoadedBundles {
  /** Names of the files loaded from the server's own folder (dist/), from Node's module cache. */
  readonly bundles: string[];
  /** How long the FHIR core's code took to load, or null while it is not loaded. */
  readonly fhirCoreLoadMs: number | null;
}

/** Above this many edits, a layout change is sent as one whole-document replacement. */
const MAX_EDITS = 2000;

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const changes = new ChangeTracker();
  const documents = new TextDocuments(changes.documents);
  const cache = new AnalysisCache(changes);
  let settings: ServerSettings = DEFAULT_SETTINGS;
  const jsonCache = new JsonDocumentCache(() => settings.pasVersion, changes);
  const pending = new Set<string>();
  let flushScheduled = false;
  let client: ClientCapabilities = {};
  let initOptions: unknown;

  const guard = <A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R) => (...args: A): R => {
    try {
      return fn(...args);
    } catch (error) {
      connection.console.error(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fallback;
    }
  };

  /** A handler of an X12 feature: JSON request documents get the fallback (their editor's JSON support serves them). */
  const withDoc = <P extends { textDocument: { uri: string } }, R>(name: string, fallback: R, fn: (doc: TextDocument, params: P) => R) =>
    guard(name, fallback, (params: P): R => {
      const doc = documents.get(params.textDocument.uri);
      return doc && !isJsonDocument(doc) ? fn(doc, params) : fallback;
    });

  /** The FHIR analysis of a PAS document; undefined for X12, JSON requests and other FHIR resources. */
  const pasAnalysis = (doc: TextDocument): FhirAnalysis | undefined => {
    if (!isJsonDocument(doc)) return undefined;
    const analysis = jsonCache.get(doc);
    return analysis.kind === 'pas' ? analysis.fhir : undefined;
  };

  const publish = guard('validation', undefined, (uri: string) => {
    const doc = documents.get(uri);
    if (!doc) return;
    const problems = isJsonDocument(doc) ? jsonCache.get(doc).problems : cache.get(doc).problems;
    const shown = applyInferredRules(problems, settings.validation.inferredRules);
    const diagnostics = capProblems(shown, settings.maxProblems).map((p) => toDiagnostic(doc, p));
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

  const formattingByRegistration = () => client.textDocument?.formatting?.dynamicRegistration === true;

  const toEdits = (doc: TextDocument, edits: readonly TextEditData[]): TextEdit[] => {
    if (edits.length <= MAX_EDITS) return edits.map((e) => ({ range: toRange(doc, e.start, e.end), newText: e.newText }));
    const text = doc.getText();
    return [{ range: toRange(doc, 0, text.length), newText: applyEdits(text, edits) }];
  };

  const refreshSettings = async () => {
    const next = await readSettings(connection, client, initOptions);
    const hintsChanged = next.inlayHints.enabled !== settings.inlayHints.enabled || next.inlayHints.show !== settings.inlayHints.show;
    const capChanged = next.maxProblems !== settings.maxProblems || next.validation.inferredRules !== settings.validation.inferredRules;
    const pasChanged = next.pasVersion !== settings.pasVersion;
    settings = next;
    if (pasChanged) jsonCache.clear();
    if (hintsChanged && client.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh();
    if (capChanged || pasChanged) documents.all().forEach((d) => schedule(d.uri));
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    client = params.capabilities;
    initOptions = params.initializationOptions;
    const text = client.textDocument;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        definitionProvider: true,
        documentHighlightProvider: true,
        completionProvider: { triggerCharacters: ['*', '|', ':', '>', '\n'] },
        // A client that registers dynamically gets formatting for X12 only (onInitialized): JSON keeps its own formatter.
        documentFormattingProvider: !formattingByRegistration(),
        codeActionProvider: text?.codeAction?.codeActionLiteralSupport ? { codeActionKinds: [CodeActionKind.QuickFix] } : true,
        inlayHintProvider: true,
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        ...(text?.semanticTokens
          ? { semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true, range: true } }
          : {}),
      },
      serverInfo: { name: 'x12-278-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    void refreshSettings();
    if (formattingByRegistration()) void connection.client.register(DocumentFormattingRequest.type, { documentSelector: [{ language: 'x12' }] });
  });
  connection.onDidChangeConfiguration(() => {
    void refreshSettings();
  });

  documents.onDidChangeContent((change) => schedule(change.document.uri));
  documents.onDidClose((event) => {
    pending.delete(event.document.uri);
    cache.delete(event.document.uri);
    changes.forget(event.document.uri);
    jsonCache.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onHover(
    guard('hover', null, (params: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const offset = doc.offsetAt(params.position);
      const pas = pasAnalysis(doc);
      const result = pas ? fhirHoverAt(pas, offset) : isJsonDocument(doc) ? undefined : hoverAt(cache.get(doc), offset);
      return result ? { contents: { kind: 'markdown', value: result.markdown }, range: toRange(doc, result.start, result.end) } : null;
    }),
  );

  connection.onDocumentSymbol(
    withDoc('documentSymbol', [], (doc) => {
      const symbols = documentSymbols(cache.get(doc));
      return client.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport
        ? symbols.map((s) => toDocumentSymbol(doc, s))
        : toSymbolInformation(doc, symbols);
    }),
  );

  connection.onFoldingRanges(withDoc('foldingRange', [], (doc) => foldingRanges(cache.get(doc)).map((s) => toFoldingRange(doc, s)).filter((r) => r.endLine > r.startLine)));

  // VS Code wants one answer per position, also for documents without X12 structure (JSON requests).
  connection.onSelectionRanges(
    guard('selectionRange', [], (params: { textDocument: { uri: string }; positions: Position[] }) => {
      const doc = documents.get(params.textDocument.uri);
      const analysis = doc && !isJsonDocument(doc) ? cache.get(doc) : undefined;
      return params.positions.map((p) => toSelectionRange(doc, analysis && doc ? selectionSpans(analysis, doc.offsetAt(p)) : [], p));
    }),
  );

  connection.onDefinition(
    withDoc('definition', null, (doc, params) => {
      const span = definitionAt(cache.get(doc), doc.offsetAt(params.position));
      return span ? { uri: doc.uri, range: toRange(doc, span.start, span.end) } : null;
    }),
  );

  connection.onDocumentHighlight(
    withDoc('documentHighlight', [], (doc, params) =>
      highlightsAt(cache.get(doc), doc.offsetAt(params.position)).map((s) => ({ range: toRange(doc, s.start, s.end), kind: DocumentHighlightKind.Read })),
    ),
  );

  connection.languages.semanticTokens.on(withDoc('semanticTokens', { data: [] }, (doc) => ({ data: encodeTokens(doc, semanticTokens(cache.get(doc))) })));
  connection.languages.semanticTokens.onRange(
    withDoc('semanticTokensRange', { data: [] }, (doc, params) => ({
      data: encodeTokens(doc, semanticTokens(cache.get(doc), doc.offsetAt(params.range.start), doc.offsetAt(params.range.end))),
    })),
  );

  connection.onCompletion(
    guard('completion', [], (params: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const snippets = client.textDocument?.completion?.completionItem?.snippetSupport ?? false;
      const labelDetails = client.textDocument?.completion?.completionItem?.labelDetailsSupport ?? false;
      const line = cursorLine(doc, params.position);
      const pas = pasAnalysis(doc);
      const entries = pas ? fhirCompletionsAt(pas, line.cursor) : isJsonDocument(doc) ? [] : completionsAt(cache.get(doc), line.cursor);
      return entries.map((c) => toCompletionItem(doc, c, snippets, line, labelDetails));
    }),
  );

  connection.onDocumentFormatting(withDoc('formatting', [], (doc) => toEdits(doc, formatEdits(cache.get(doc), 'expanded'))));

  connection.onCodeAction(
    guard('codeAction', [], (params: CodeActionParams): CodeAction[] => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      // JSON documents get the fixes their problems carry (a request field name in the wrong case, PAS fixes if any).
      const analysis = isJsonDocument(doc) ? jsonCache.get(doc) : cache.get(doc);
      const mode = settings.validation.inferredRules;
      // Fixes follow the diagnostics as shown: none for a hidden problem, the shown severity otherwise.
      const fixes = quickFixesIn(analysis, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end))
        .filter(({ problem }) => mode !== 'off' || !problem.inferred)
        .map((f) => (f.problem.inferred ? { ...f, problem: applyInferredRules([f.problem], mode)[0] } : f));
      const literal = !!client.textDocument?.codeAction?.codeActionLiteralSupport;
      if (!literal) return [];
      return fixes.map(({ problem, fix }): CodeAction => ({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(doc, problem)],
        isPreferred: true,
        edit: { changes: { [doc.uri]: [{ range: toRange(doc, fix.start, fix.end), newText: fix.newText }] } },
      }));
    }),
  );

  connection.languages.inlayHint.on(
    withDoc('inlayHint', [], (doc, params) => {
      if (!settings.inlayHints.enabled) return [];
      const hints = inlayHints(cache.get(doc), doc.offsetAt(params.range.start), doc.offsetAt(params.range.end), settings.inlayHints.show);
      return hints.map((h) => ({ position: doc.positionAt(h.offset), label: h.label, paddingLeft: true }));
    }),
  );

  connection.onExecuteCommand(
    guard('executeCommand', undefined, async (params: { command: string; arguments?: unknown[] }) => {
      const uri = typeof params.arguments?.[0] === 'string' ? params.arguments[0] : undefined;
      const doc = uri ? documents.get(uri) : undefined;
      if (params.command === COMMANDS.toX12 || params.command === COMMANDS.toJson) {
        // The text may come with the call, for files outside the server's document selector.
        const text = typeof params.arguments?.[2] === 'string' ? params.arguments[2] : doc?.getText();
        if (text === undefined || !uri) return { issues: [], error: 'Nothing to convert: the document is not open.' };
        const kind = (params.arguments?.[1] ?? undefined) as RequestKind | undefined;
        return params.command === COMMANDS.toX12 ? convertToX12(text, uri, kind) : convertToJson(text);
      }
      const layout: Layout | undefined = params.command === COMMANDS.compact ? 'compact' : params.command === COMMANDS.expand ? 'expanded' : undefined;
      if (!layout || !doc) return { applied: false };
      const edits = toEdits(doc, formatEdits(cache.get(doc), layout));
      if (edits.length === 0) return { applied: true };
      return connection.workspace.applyEdit({ label: layout === 'compact' ? 'Compact X12' : 'One segment per line', edit: { changes: { [doc.uri]: edits } } });
    }),
  );

  // A diagnostic aid (used by `npm run bench`): the server process's own memory.
  // With --expose-gc (the benchmark), garbage is collected first, so the figure is what the server keeps alive.
  connection.onRequest(MEMORY_REQUEST, () => {
    const before = process.memoryUsage();
    const collect = (globalThis as { gc?: () => void }).gc;
    if (!collect) return { ...before, collected: false };
    collect();
    return { ...process.memoryUsage(), heapUsedBeforeCollection: before.heapUsed, collected: true };
  });

  // A diagnostic aid (tests, `npm run bench`): Node's own module cache says what was loaded, not a flag of ours.
  connection.onRequest(LOADED_BUNDLES_REQUEST, (): LoadedBundles => ({
    bundles: Object.keys(require.cache).filter((file) => dirname(file) === __dirname).map((file) => basename(file)).sort(),
    fhirCoreLoadMs: fhirCoreLoadMs() ?? null,
  }));

  documents.listen(connection);
  connection.listen();
}
