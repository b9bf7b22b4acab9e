// Fuzzing the real language server over LSP: mutated documents (X12 and JSON requests) are opened, edited through
// incremental changes (inverted ranges and whole-text replacements included) and asked for every feature. Each case
// checks that the server stays up and logs no handler failure, that every response is well-formed (lspShapes.ts),
// and that after the edits the diagnostics, outline and semantic tokens equal those of the same text opened fresh.
// `npm test` runs a bounded number of cases with a fixed seed (test/lsp/fuzz.test.ts); `npm run fuzz` runs many more
// (test/fuzz/run.ts) and reports figures.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction, CompletionItem, Diagnostic, DocumentHighlight, DocumentSymbol, FoldingRange, Hover, InlayHint, Location,
  Position, Range, SelectionRange, SemanticTokens, SemanticTokensLegend, TextEdit,
} from 'vscode-languageserver-protocol';
import { LspTestClient } from './lspClient';
import { EXAMPLES, FIXTURES, listFiles } from './fixtures';
import { generateBatch } from '../bench/generate';
import {
  Lines, completionProblems, diagnosticsProblems, documentSymbolProblems, editProblems, foldingProblems, highlightProblems,
  hoverProblems, inlayHintProblems, locationProblems, rangeProblems, selectionRangeProblems, semanticTokenProblems,
} from './lspShapes';

export interface Source {
  readonly name: string;
  readonly languageId: string;
  readonly text: string;
}

/** One line per X12 file: the form Optum's API wants, where segments meet without a line break between them. */
function oneLine(text: string): string {
  return text.replace(/~\r?\n/g, '~');
}

/** Seed documents: the examples, valid and failing fixtures, generated batches, their one-line forms, JSON bodies. */
export function loadSources(): Source[] {
  const x12 = [
    ...listFiles(EXAMPLES, '.x12'),
    ...listFiles(join(FIXTURES, 'valid'), '.x12'),
    ...listFiles(join(FIXTURES, 'diagnostics'), '.x12'),
    ...listFiles(join(FIXTURES, 'optum-examples'), '.x12'),
  ].map((path) => ({ name: path.slice(path.lastIndexOf('/') + 1), languageId: 'x12', text: readFileSync(path, 'utf8') }));
  const batches = [2, 6].map((n) => ({ name: `batch-${n}.x12`, languageId: 'x12', text: generateBatch(n) }));
  const oneLiners = [...x12.slice(0, 12), ...batches].map((s) => ({ ...s, name: s.name.replace(/\.x12$/, '.one-line.x12'), text: oneLine(s.text) }));
  const json = [...listFiles(EXAMPLES, '.json'), ...listFiles(join(FIXTURES, 'json'), '.json')].map((path) => ({
    name: path.slice(path.lastIndexOf('/') + 1),
    languageId: 'json',
    text: readFileSync(path, 'utf8'),
  }));
  const edge = [
    { name: 'empty.x12', languageId: 'x12', text: '' },
    { name: 'isa.x12', languageId: 'x12', text: 'ISA' },
  ];
  return [...x12, ...batches, ...oneLiners, ...json, ...edge];
}

/** Text to insert: delimiters, whole segments, envelope IDs, odd characters, names of Object's own members, long runs. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('*', '~', '~\n', ':', '^', '|', '>', '\n', '\r', '\r\n', ' ', '', 'X', '7', '0', '-', '"', '{', '}', '[', ']', ',') },
  { weight: 3, arbitrary: fc.constantFrom('ST*278*0001*005010X217~', 'SE*4*0001~', 'GS*HI*A*B*20260101*1200*1*X*005010X217~', 'GE*1*1~', 'IEA*1*000000001~', 'HL*9*8*SS*0~', 'HL*1**20*1~', 'NM1*IL*1*DOE*JOE****MI*TST2~', 'DTP*472*RD8*20260101-20251231~', 'UM*HS*I*1~', 'SV1*HC>99213*100*UN*1~', 'TRN*1*1*9999999999~', '~~', '**', '"x": [', '{"a":') },
  { weight: 2, arbitrary: fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '\u0000', '\uFEFF', '\u00A0', '\u2028', '\uD800', '\uDC00', '😀', 'É', '\u0085') },
  { weight: 4, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('A', '9', ' ', '[', '{"a":'), fc.nat({ max: 400 })).map(([c, n]) => c.repeat(n)) },
);

export interface Mutation {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
  /** When set, the inserted text is a copy of this much of the document from `copyFrom` instead. */
  readonly copy?: { readonly from: number; readonly length: number };
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.nat({ max: 3 }), fc.nat({ max: 60 })),
  insert: piece,
  copy: fc.option(fc.record({ from: fc.nat(), length: fc.nat({ max: 300 }) }), { nil: undefined, freq: 6 }),
});

export interface Change {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
  /** Send the range end first: the protocol's text library swaps such ranges, and so must the server. */
  readonly inverted: boolean;
  /** Send the whole text instead of a range, as some editors do. */
  readonly whole: boolean;
}

const change: fc.Arbitrary<Change> = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.nat({ max: 3 }), fc.nat({ max: 40 })),
  insert: piece,
  inverted: fc.boolean(),
  whole: fc.nat({ max: 9 }).map((n) => n === 0),
});

export const REQUEST_KINDS = [
  'hover', 'completion', 'definition', 'highlight', 'selectionRange', 'documentSymbol', 'foldingRange', 'semanticTokens',
  'semanticTokensRange', 'formatting', 'codeAction', 'inlayHint', 'compact', 'expand', 'convertToJson',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export interface FuzzRequest {
  readonly kind: RequestKind;
  readonly at: number;
  readonly to: number;
}

const request: fc.Arbitrary<FuzzRequest> = fc.record({ kind: fc.constantFrom(...REQUEST_KINDS), at: fc.nat(), to: fc.nat() });

export interface FuzzCase {
  readonly source: number;
  readonly mutations: readonly Mutation[];
  readonly requests: readonly FuzzRequest[];
  /** Notifications of changes, each with one or more change events, sent without waiting in between. */
  readonly edits: readonly (readonly Change[])[];
  readonly after: readonly FuzzRequest[];
}

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record({
  source: fc.nat(),
  mutations: fc.array(mutation, { maxLength: 5 }),
  requests: fc.array(request, { minLength: 1, maxLength: 8 }),
  edits: fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
  after: fc.array(request, { maxLength: 4 }),
});

export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    const removed = Math.min(m.remove, out.length - at);
    let insert = m.insert;
    if (m.copy && out.length > 0) {
      const from = m.copy.from % out.length;
      insert = out.slice(from, from + m.copy.length);
    }
    out = out.slice(0, at) + insert + out.slice(at + removed);
  }
  return out;
}

export type FindingKind = 'crash' | 'handler-error' | 'malformed' | 'divergence' | 'stall';

export interface Finding {
  readonly kind: FindingKind;
  readonly detail: string;
}

export interface FuzzStats {
  documents: number;
  requests: number;
  slowestMs: number;
  slowestRequest: string;
}

/** A promise that gives up after `ms`; the fuzz run counts what never came as a stall rather than hanging. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
const TIMED_OUT = Symbol('timed out');

/** Generous: a loaded 2-core machine shared by several test suites. */
const PATIENCE_MS = 60_000;

export class FuzzDriver {
  readonly stats: FuzzStats = { documents: 0, requests: 0, slowestMs: 0, slowestRequest: '' };
  private count = 0;
  private readonly legend: SemanticTokensLegend;
  private seenLogs = 0;

  constructor(readonly client: LspTestClient, readonly sources: readonly Source[], private readonly prefix = 'fuzz') {
    const provider = client.initializeResult?.capabilities.semanticTokensProvider as { legend: SemanticTokensLegend } | undefined;
    this.legend = provider?.legend ?? { tokenTypes: [], tokenModifiers: [] };
  }

  /** Runs one case and returns what went wrong (nothing, when the server behaved). */
  async run(c: FuzzCase): Promise<Finding[]> {
    const findings: Finding[] = [];
    const source = this.sources[c.source % this.sources.length];
    const text = mutate(source.text, c.mutations);
    const n = this.count++;
    const uri = `file:///${this.prefix}/${n}/${source.name}`;
    const freshUri = `file:///${this.prefix}/${n}/fresh/${source.name}`;
    const mirror = TextDocument.create(uri, source.languageId, 1, text);
    try {
      await this.client.open(uri, text, source.languageId);
      this.stats.documents++;
      const opened = await this.diagnostics(uri, findings);
      if (opened) this.malformed(findings, `open ${source.name}`, diagnosticsProblems(new Lines(text), opened));
      for (const r of c.requests) await this.ask(uri, mirror, r, opened ?? [], findings);

      let version = 1;
      for (const changes of c.edits) {
        const events = changes.map((ch) => {
          const current = mirror.getText();
          const start = ch.at % (current.length + 1);
          const end = Math.min(start + ch.remove, current.length);
          const event = ch.whole
            ? { text: current.slice(0, start) + ch.insert + current.slice(end) }
            : { range: ch.inverted ? { start: mirror.positionAt(end), end: mirror.positionAt(start) } : { start: mirror.positionAt(start), end: mirror.positionAt(end) }, text: ch.insert };
          TextDocument.update(mirror, [event], ++version);
          return event;
        });
        void this.client.change(uri, events);
      }
      const edited = mirror.getText();
      const lines = new Lines(edited);
      const incremental = await this.diagnostics(uri, findings);
      if (incremental) this.malformed(findings, 'after edits', diagnosticsProblems(lines, incremental));
      for (const r of c.after) await this.ask(uri, mirror, r, incremental ?? [], findings);

      await this.client.open(freshUri, edited, source.languageId);
      this.stats.documents++;
      const fresh = await this.diagnostics(freshUri, findings);
      if (incremental && fresh && JSON.stringify(incremental) !== JSON.stringify(fresh)) {
        findings.push({ kind: 'divergence', detail: `diagnostics after edits differ from a fresh open:\n  edited: ${summary(incremental)}\n  fresh:  ${summary(fresh)}` });
      }
      for (const method of ['textDocument/documentSymbol', 'textDocument/semanticTokens/full'] as const) {
        const [a, b] = await Promise.all([this.timed(method, { textDocument: { uri } }, findings), this.timed(method, { textDocument: { uri: freshUri } }, findings)]);
        if (JSON.stringify(a) !== JSON.stringify(b)) findings.push({ kind: 'divergence', detail: `${method} after edits differs from a fresh open` });
      }
    } finally {
      await this.client.close(uri);
      await this.client.close(freshUri);
    }
    this.collectServerFailures(findings);
    return findings;
  }

  /** Handler failures the server logged, and whether it is still running. */
  private collectServerFailures(findings: Finding[]): void {
    const logs = this.client.errorLogs;
    for (; this.seenLogs < logs.length; this.seenLogs++) findings.push({ kind: 'handler-error', detail: logs[this.seenLogs].split('\n').slice(0, 4).join('\n') });
    if (this.client.exited) findings.push({ kind: 'crash', detail: `the server exited (${this.client.process.exitCode ?? this.client.process.signalCode}): ${this.client.stderr.join('').slice(-500)}` });
  }

  private malformed(findings: Finding[], what: string, problems: string[]): void {
    for (const p of problems.slice(0, 3)) findings.push({ kind: 'malformed', detail: `${what}: ${p}` });
  }

  private async diagnostics(uri: string, findings: Finding[]): Promise<Diagnostic[] | undefined> {
    const result = await within(this.client.diagnostics(uri), PATIENCE_MS);
    if (result === TIMED_OUT) {
      findings.push({ kind: 'stall', detail: `no diagnostics for the latest version of ${uri} within ${PATIENCE_MS / 1000} s` });
      return undefined;
    }
    return result;
  }

  private async timed<R>(method: string, params: unknown, findings: Finding[]): Promise<R | undefined> {
    const started = performance.now();
    try {
      const result = await within(this.client.request<R>(method, params), PATIENCE_MS);
      if (result === TIMED_OUT) {
        findings.push({ kind: 'stall', detail: `${method} did not answer within ${PATIENCE_MS / 1000} s` });
        return undefined;
      }
      return result;
    } catch (error) {
      findings.push({ kind: 'handler-error', detail: `${method} answered with an error: ${error instanceof Error ? error.message : String(error)}` });
      return undefined;
    } finally {
      const ms = performance.now() - started;
      this.stats.requests++;
      if (ms > this.stats.slowestMs) {
        this.stats.slowestMs = ms;
        this.stats.slowestRequest = method;
      }
    }
  }

  private async ask(uri: string, mirror: TextDocument, r: FuzzRequest, diagnostics: Diagnostic[], findings: Finding[]): Promise<void> {
    const text = mirror.getText();
    const lines = new Lines(text);
    const at = mirror.positionAt(r.at % (text.length + 1));
    const other = mirror.positionAt(r.to % (text.length + 1));
    const range: Range = before(other, at) ? { start: other, end: at } : { start: at, end: other };
    const textDocument = { uri };
    const check = (problems: string[]) => this.malformed(findings, `${r.kind} at ${JSON.stringify(at)}`, problems);
    switch (r.kind) {
      case 'hover':
        check(hoverProblems(lines, (await this.timed<Hover | null>('textDocument/hover', { textDocument, position: at }, findings)) ?? null, at));
        break;
      case 'completion':
        check(completionProblems(lines, (await this.timed<CompletionItem[] | null>('textDocument/completion', { textDocument, position: at }, findings)) ?? null, at));
        break;
      case 'definition':
        check(locationProblems(lines, (await this.timed<Location | null>('textDocument/definition', { textDocument, position: at }, findings)) ?? null, uri));
        break;
      case 'highlight':
        check(highlightProblems(lines, (await this.timed<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument, position: at }, findings)) ?? []));
        break;
      case 'selectionRange': {
        const positions = [at, other];
        check(selectionRangeProblems(lines, (await this.timed<SelectionRange[]>('textDocument/selectionRange', { textDocument, positions }, findings)) ?? [{ range: { start: at, end: at } }, { range: { start: other, end: other } }], positions));
        break;
      }
      case 'documentSymbol':
        check(documentSymbolProblems(lines, (await this.timed<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument }, findings)) ?? null));
        break;
      case 'foldingRange':
        check(foldingProblems(lines, (await this.timed<FoldingRange[]>('textDocument/foldingRange', { textDocument }, findings)) ?? []));
        break;
      case 'semanticTokens':
        check(semanticTokenProblems(lines, (await this.timed<SemanticTokens>('textDocument/semanticTokens/full', { textDocument }, findings)) ?? null, this.legend));
        break;
      case 'semanticTokensRange':
        check(semanticTokenProblems(lines, (await this.timed<SemanticTokens>('textDocument/semanticTokens/range', { textDocument, range }, findings)) ?? null, this.legend));
        break;
      case 'formatting':
        check(editProblems(lines, (await this.timed<TextEdit[]>('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }, findings)) ?? [], 'formatting edit'));
        break;
      case 'codeAction': {
        const actions = (await this.timed<CodeAction[]>('textDocument/codeAction', { textDocument, range, context: { diagnostics } }, findings)) ?? [];
        for (const action of actions) check([...editProblems(lines, action.edit?.changes?.[uri] ?? [], `quick fix "${action.title}"`), ...(action.diagnostics ?? []).flatMap((d) => rangeProblems(lines, d.range, 'quick fix diagnostic'))]);
        break;
      }
      case 'inlayHint':
        check(inlayHintProblems(lines, (await this.timed<InlayHint[] | null>('textDocument/inlayHint', { textDocument, range }, findings)) ?? null));
        break;
      case 'compact':
      case 'expand': {
        const before = this.client.appliedEdits.length;
        await this.timed('workspace/executeCommand', { command: r.kind === 'compact' ? 'x12.compact' : 'x12.expand', arguments: [uri] }, findings);
        for (const changes of this.client.appliedEdits.slice(before)) check(editProblems(lines, changes[uri] ?? [], `${r.kind} edit`));
        this.client.appliedEdits.length = 0;
        break;
      }
      case 'convertToJson':
        await this.timed('workspace/executeCommand', { command: 'x12.convertToJson', arguments: [uri] }, findings);
        break;
    }
  }
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function summary(list: Diagnostic[]): string {
  return list.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code}`).join(', ').slice(0, 600);
}

/** The server as the fuzz runs start it: inlay hints on, so that feature is exercised too. */
export async function startFuzzServer(nodeOptions: readonly string[] = []): Promise<LspTestClient> {
  const client = await LspTestClient.start(undefined, undefined, nodeOptions);
  await client.updateSettings({ inlayHints: { enabled: true, show: 'names' } });
  return client;
}
