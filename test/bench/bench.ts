// `npm run bench`: ours against the machine's floor and the X12 parsers a JavaScript developer could pick, in one
// process run, as ratios (this machine is shared and noisy; absolute times drift). Contenders are measured in
// interleaved rounds after a warm-up, and each figure is a median. Prints a table and, last, one JSON line.

import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { CompletionItem, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { generateBatch, type BatchGuide } from './generate';
import { analyzeDocument } from '../../server/src/validate/document';
import { scan } from '../../server/src/x12/scanner';
import { buildEnvelope } from '../../server/src/x12/envelope';
import { LspTestClient } from '../helpers/lspClient';
import { startSandbox } from '../../sandbox/src/server';
import { PriorAuthClient } from '../../client/src/api/client';
import { localEnvironment } from '../../client/src/api/environments';
import { x12Body } from '../../client/src/api/payload';
import { hoverAt as hoverAtOffset } from '../../server/src/features/hover';
import { completionsAt } from '../../server/src/features/completion';
import { pasFigures } from './pas';
import { firstPasOpenFigures } from './firstPasOpen';
import { analyzeJsonRequest } from '../../server/src/validate/jsonRequest';

// The peers are plain CommonJS packages without type declarations we depend on.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { X12Parser } = require('node-x12') as { X12Parser: new (strict?: boolean) => { parse(text: string): unknown } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { X12parser } = require('x12-parser') as { X12parser: new () => NodeJS.ReadWriteStream };

const REPO = resolve(__dirname, '../../..');
const SIZES = [1, 100, 4000, 40000];
/** X217 (requests and responses) at every size; X215 inquiries and responses at the main size, in process. */
const CASES: { size: number; guide: BatchGuide }[] = [...SIZES.map((size) => ({ size, guide: '005010X217' as const })), { size: 4000, guide: '005010X215' }];
const MAIN = 4000;

type Sync = () => unknown;
type Async = () => Promise<unknown>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function now(): number {
  return performance.now();
}

function timeOnceSync(fn: Sync): number {
  const start = now();
  fn();
  return now() - start;
}

async function timeOnce(fn: Sync | Async): Promise<number> {
  const start = now();
  await fn();
  return now() - start;
}

/** Runs every contender once per round, interleaved, after `warmup` rounds; returns each one's times. */
async function rounds(contenders: Record<string, Sync | Async>, count: number, warmup: number): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let round = 0; round < warmup + count; round++) {
    for (const [name, fn] of Object.entries(contenders)) {
      const t = await timeOnce(fn);
      if (round >= warmup) times[name].push(t);
    }
  }
  return times;
}

/** Median over rounds of a / b, measured in the same round: robust to drift on a shared machine. */
function ratio(times: Record<string, number[]>, a: string, b: string): number {
  return median(times[a].map((t, i) => t / times[b][i]));
}

/**
 * Optum JSON request bodies with many service lines (each one adds an HL to the converted X12): a clean submission,
 * and an inquiry with a bad date range on every line (one problem per line, each placed on its JSON field).
 */
const JSON_CASES = [
  { name: 'clean submission', fixture: 'clean-submission.278.json', kind: 'submission' },
  { name: 'bad date ranges', fixture: 'bad-service-date-range.inquiry.json', kind: 'inquiry' },
] as const;
const JSON_LINES = [2_000, 20_000] as const;

interface JsonRequestResult {
  readonly name: string;
  readonly bytes: number;
  readonly problems: number;
  readonly ms: { readonly small: number; readonly large: number };
  /** 20,000 service lines over 2,000, as the median of same-round ratios: about 10 when the path is linear. */
  readonly largeVsSmall: number;
}

async function jsonRequestFigures(): Promise<JsonRequestResult[]> {
  const results: JsonRequestResult[] = [];
  for (const c of JSON_CASES) {
    const base = JSON.parse(readFileSync(join(REPO, 'test/fixtures/json', c.fixture), 'utf8')) as { patientEventDetail: { serviceLevel: unknown[] } };
    const [small, large] = JSON_LINES.map((lines) => JSON.stringify({ ...base, patientEventDetail: { ...base.patientEventDetail, serviceLevel: Array.from({ length: lines }, () => base.patientEventDetail.serviceLevel[0]) } }));
    let problems = 0;
    const times = await rounds({ small: () => analyzeJsonRequest(small, c.kind), large: () => (problems = analyzeJsonRequest(large, c.kind).problems.length) }, 3, 1);
    results.push({ name: c.name, bytes: large.length, problems, ms: { small: median(times.small), large: median(times.large) }, largeVsSmall: ratio(times, 'large', 'small') });
  }
  return results;
}

function floorScan(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7e || c === 0x2a) n++;
  }
  return n;
}

function bareSplit(text: string): number {
  let n = 0;
  for (const segment of text.split('~')) n += segment.split('*').length;
  return n;
}

function x12ParserStream(text: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const parser = new X12parser();
    let n = 0;
    parser.on('data', () => n++);
    parser.on('end', () => resolvePromise(n));
    parser.on('error', reject);
    Readable.from([text]).pipe(parser);
  });
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function mb(bytes: number): string {
  return (bytes / 1048576).toFixed(1);
}

interface SizeResult {
  transactions: number;
  guide: BatchGuide;
  bytes: number;
  ms: Record<string, number>;
  ratios: Record<string, number>;
  lsp?: Record<string, number>;
  /** heapUsed is the live heap, after a full collection; heapUsedBeforeCollection includes garbage not yet collected. */
  memory?: { heapUsed: number; heapUsedBeforeCollection: number; rss: number; heapPerDocumentByte: number };
}

function describe(d: Diagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code}`;
}

async function lspFigures(client: LspTestClient, text: string, size: number, validateMs: number): Promise<{ lsp: Record<string, number>; memory: SizeResult['memory']; checks: Record<string, boolean> }> {
  const uri = `file:///bench/batch-${size}.x12`;
  const checks: Record<string, boolean> = {};
  // Like the in-process figures: warm-up opens first (different URIs), then the median of several. Each open is
  // preceded by an in-process validation of the same text, so the ratio of the two is taken within one round.
  const opens: number[] = [];
  const validations: number[] = [];
  const repeats = size >= 40000 ? 1 : 9;
  for (let i = 0; i < repeats; i++) {
    const warmUri = `${uri}?open=${i}`;
    validations.push(timeOnceSync(() => analyzeDocument(text)));
    const start = now();
    await client.open(warmUri, text);
    await client.diagnostics(warmUri);
    opens.push(now() - start);
    await client.close(warmUri);
  }
  await client.open(uri, text);
  await client.diagnostics(uri);
  const measured = repeats > 2 ? 2 : 0;
  const open = median(opens.slice(measured));
  const lsp: Record<string, number> = {
    openToDiagnostics: open,
    validateBesideOpen: median(validations.slice(measured)),
    openVsValidate: median(opens.slice(measured).map((o, i) => o / validations[measured + i])),
  };
  const usage = await client.request<NodeJS.MemoryUsage & { collected: boolean; heapUsedBeforeCollection: number }>('priorAuth/memoryUsage', {});
  if (!usage.collected) throw new Error('The server did not collect garbage before measuring its heap; it must run with --expose-gc.');
  const memory = { heapUsed: usage.heapUsed, heapUsedBeforeCollection: usage.heapUsedBeforeCollection, rss: usage.rss, heapPerDocumentByte: usage.heapUsed / text.length };
  const lines = text.split('\n');
  const middle = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('NM1*IL'));
  const hoverAt = { line: middle, character: 9 };
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: hoverAt });
  checks.hoverAnswers = !!hover;
  if (size !== MAIN) {
    await client.close(uri);
    return { lsp, memory, checks };
  }
  // One-character edits inside one transaction (a member ID digit), each followed by the wait for new diagnostics,
  // which must equal what a full validation of the edited text gives.
  const memberColumn = lines[middle].lastIndexOf('*') + 2;
  const edits: number[] = [];
  let afterEdit: Diagnostic[] = [];
  for (const digit of ['7', '3', '5', '8', '1', '4', '6', '2', '9', '0', '7']) {
    const editStart = now();
    const version = await client.change(uri, [{ range: { start: { line: middle, character: memberColumn }, end: { line: middle, character: memberColumn + 1 } }, text: digit }]);
    afterEdit = await client.diagnostics(uri, (p) => p.version === version);
    edits.push(now() - editStart);
  }
  lsp.editToDiagnostics = median(edits.slice(1));
  const edited = lines.slice();
  edited[middle] = edited[middle].slice(0, memberColumn) + '7' + edited[middle].slice(memberColumn + 1);
  const fresh = new LspTestClient();
  await fresh.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await fresh.connection.sendNotification('initialized', {});
  await fresh.open(uri, edited.join('\n'));
  checks.editMatchesFullValidation = JSON.stringify((await fresh.diagnostics(uri)).map(describe)) === JSON.stringify(afterEdit.map(describe));
  await fresh.stop();
  // A one-character edit that breaks something: SE01 of the same transaction.
  const se = lines.findIndex((l, i) => i > middle && l.startsWith('SE*'));
  const breakStart = now();
  const v2 = await client.change(uri, [{ range: { start: { line: se, character: 3 }, end: { line: se, character: 4 } }, text: '9' }]);
  const broken = await client.diagnostics(uri, (p) => p.version === v2);
  lsp.editToErrorDiagnostics = now() - breakStart;
  checks.editFindsError = broken.some((d) => d.code === 'se01-count');

  const request = async (method: string, params: unknown) => {
    const times: number[] = [];
    for (let i = 0; i < 15; i++) times.push(await timeOnce(() => client.request(method, params)));
    return median(times.slice(3));
  };
  // The protocol's own cost: a hover on a document the server does not have returns at once.
  lsp.roundTrip = await request('textDocument/hover', { textDocument: { uri: 'file:///bench/not-open.x12' }, position: { line: 0, character: 0 } });
  lsp.hover = await request('textDocument/hover', { textDocument: { uri }, position: hoverAt });
  const completions = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: middle + 1, character: 0 } });
  checks.completionAnswers = completions.length > 0;
  lsp.completion = await request('textDocument/completion', { textDocument: { uri }, position: { line: middle + 1, character: 0 } });
  lsp.documentSymbols = await request('textDocument/documentSymbol', { textDocument: { uri } });
  lsp.foldingRanges = await request('textDocument/foldingRange', { textDocument: { uri } });
  lsp.semanticTokens = await request('textDocument/semanticTokens/full', { textDocument: { uri } });
  // Like for like: requests through LSP against the server's full validation through LSP (open to diagnostics).
  lsp.hoverPctOfValidation = (lsp.hover / open) * 100;
  lsp.completionPctOfValidation = (lsp.completion / open) * 100;
  // And in process against in-process validation, without the protocol.
  const analysis = analyzeDocument(text);
  const hoverOffset = lines.slice(0, middle).reduce((n, l) => n + l.length + 1, 0) + hoverAt.character;
  const completionOffset = lines.slice(0, middle + 1).reduce((n, l) => n + l.length + 1, 0);
  const inProcess = (fn: () => unknown) => {
    const times: number[] = [];
    for (let i = 0; i < 25; i++) times.push(timeOnceSync(fn));
    return median(times.slice(5));
  };
  lsp.hoverInProcess = inProcess(() => hoverAtOffset(analysis, hoverOffset));
  lsp.completionInProcess = inProcess(() => completionsAt(analysis, completionOffset));
  lsp.hoverInProcessPctOfValidation = (lsp.hoverInProcess / validateMs) * 100;
  lsp.completionInProcessPctOfValidation = (lsp.completionInProcess / validateMs) * 100;
  await client.close(uri);
  return { lsp, memory, checks };
}

async function sendFigures(): Promise<Record<string, number>> {
  const sandbox = await startSandbox({ port: 0 });
  const client = new PriorAuthClient({ environment: localEnvironment(sandbox.url), credentials: async () => ({ clientId: sandbox.clientId, clientSecret: sandbox.clientSecret }) });
  const body = x12Body(readFileSync(join(REPO, 'examples/inquiry-tst2.x12'), 'utf8'));
  const before = sandbox.stats();
  const start = now();
  for (let i = 0; i < 100; i++) await client.send('inquiry', 'x12', body);
  const elapsed = now() - start;
  const after = sandbox.stats();
  await client.close();
  await sandbox.close();
  return { sends: 100, tokenRequests: after.tokensIssued - before.tokensIssued, connections: after.connections - before.connections, msPerSend: elapsed / 100 };
}

function bundles(): Record<string, number> {
  const size = (f: string) => statSync(join(REPO, 'dist', f)).size;
  const extension = readFileSync(join(REPO, 'dist/extension.js'), 'utf8');
  const server = readFileSync(join(REPO, 'dist/server.js'), 'utf8');
  const cli = readFileSync(join(REPO, 'dist/cli.js'), 'utf8');
  return {
    extensionBytes: size('extension.js'),
    languageClientChunkBytes: size('languageClient.js'),
    serverBytes: size('server.js'),
    fhirChunkBytes: size('fhir.js'),
    cliBytes: size('cli.js'),
    apiChunkBytes: size('api.js'),
    // Activation loads dist/extension.js only: the language client, HTTP client and sandbox are separate chunks.
    // Markers only the implementations contain (class names of vscode-languageclient and undici).
    extensionHasLanguageClient: /BaseLanguageClient/.test(extension) ? 1 : 0,
    extensionHasUndici: /UndiciError/.test(extension) ? 1 : 0,
    // The server and the CLI load the FHIR core (dist/fhir.js) at their first PAS document; class names of fhirpath
    // (its UCUM units and its date-time type) are markers of the core being bundled in instead.
    serverHasFhirCore: /UcumLhcUtils|FP_DateTime/.test(server) ? 1 : 0,
    cliHasFhirCore: /UcumLhcUtils|FP_DateTime/.test(cli) ? 1 : 0,
  };
}

async function main(): Promise<void> {
  const results: SizeResult[] = [];
  const checks: Record<string, boolean> = {};
  const client = await LspTestClient.start(undefined, undefined, ['--expose-gc']);
  for (const { size, guide } of CASES) {
    const text = generateBatch(size, guide);
    const big = size >= 40000;
    const count = big ? 3 : 15;
    const contenders: Record<string, Sync | Async> = {
      floorScan: () => floorScan(text),
      bareSplit: () => bareSplit(text),
      oursParse: () => buildEnvelope(scan(text).table),
      oursValidate: () => analyzeDocument(text),
      nodeX12: () => new X12Parser(true).parse(text),
      x12Parser: () => x12ParserStream(text),
    };
    const times = await rounds(contenders, count, big ? 1 : 3);
    const ms = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
    const result: SizeResult = {
      transactions: size,
      guide,
      bytes: text.length,
      ms,
      ratios: {
        validateVsSplit: ratio(times, 'oursValidate', 'bareSplit'),
        nodeX12VsValidate: ratio(times, 'nodeX12', 'oursValidate'),
        x12ParserVsValidate: ratio(times, 'x12Parser', 'oursValidate'),
        parseVsSplit: ratio(times, 'oursParse', 'bareSplit'),
        splitVsScan: ratio(times, 'bareSplit', 'floorScan'),
      },
    };
    if (guide === '005010X217' && (size >= MAIN || size === 100)) {
      const figures = await lspFigures(client, text, size, ms.oursValidate);
      result.lsp = figures.lsp;
      if (figures.lsp.editToDiagnostics !== undefined) result.lsp.editPctOfOpen = (figures.lsp.editToDiagnostics / figures.lsp.openToDiagnostics) * 100;
      result.memory = figures.memory;
      for (const [k, v] of Object.entries(figures.checks)) checks[`${k}@${size}`] = v;
    }
    results.push(result);
  }
  const pas = await pasFigures(client);
  await client.stop();
  const firstPas = await firstPasOpenFigures();
  const json = await jsonRequestFigures();
  const send = await sendFigures();
  const sizes = bundles();

  const main4000 = results.find((r) => r.transactions === MAIN && r.guide === '005010X217')!;
  const huge = results.find((r) => r.transactions === 40000)!;
  const targets: Record<string, boolean> = {
    'validate ≥5× faster than node-x12': main4000.ratios.nodeX12VsValidate >= 5,
    'validate ≥2× faster than x12-parser': main4000.ratios.x12ParserVsValidate >= 2,
    'validate ≤1.5× bare split': main4000.ratios.validateVsSplit <= 1.5,
    'LSP open ≤2× in-process validation': main4000.lsp!.openVsValidate <= 2,
    'edit ≤20% of open': main4000.lsp!.editPctOfOpen! <= 20,
    'edit diagnostics equal a full validation': checks[`editMatchesFullValidation@${MAIN}`] === true,
    'hover ≤1% of validation (LSP; in process)': main4000.lsp!.hoverPctOfValidation <= 1 && main4000.lsp!.hoverInProcessPctOfValidation <= 1,
    'completion ≤1% of validation (LSP; in process)': main4000.lsp!.completionPctOfValidation <= 1 && main4000.lsp!.completionInProcessPctOfValidation <= 1,
    'symbols ≤ validation (LSP)': main4000.lsp!.documentSymbols <= main4000.lsp!.openToDiagnostics,
    'folding ≤ validation (LSP)': main4000.lsp!.foldingRanges <= main4000.lsp!.openToDiagnostics,
    'semantic tokens ≤ validation (LSP)': main4000.lsp!.semanticTokens <= main4000.lsp!.openToDiagnostics,
    '25 MB batch opens and hovers': checks['hoverAnswers@40000'] === true,
    'heap ≤8× document (25 MB)': huge.memory!.heapPerDocumentByte <= 8,
    'extension.js ≤300 KB': sizes.extensionBytes <= 300 * 1024,
    'server.js ≤500 KB': sizes.serverBytes <= 500 * 1024,
    'activation loads no language client or HTTP code': sizes.extensionHasLanguageClient === 0 && sizes.extensionHasUndici === 0,
    'server.js and cli.js carry no FHIR core (dist/fhir.js, loaded at the first PAS document)': sizes.serverHasFhirCore === 0 && sizes.cliHasFhirCore === 0,
    '100 sends: 1 token, 1 connection': send.tokenRequests === 1 && send.connections === 1,
    ...pas.targets,
    'JSON request: 20,000 service lines ≤15× 2,000 (linear)': json.every((j) => j.largeVsSmall <= 15),
  };
  Object.assign(checks, pas.checks, firstPas.checks);

  const out: string[] = [];
  out.push('In process (median ms; ratios are medians of same-round ratios)');
  out.push('guide  txns    MB     scan  split  parse  validate  node-x12  x12-parser | validate/split  node-x12÷ours  x12-parser÷ours');
  for (const r of results) {
    out.push(
      `${r.guide.slice(-4)} ${String(r.transactions).padStart(5)} ${mb(r.bytes).padStart(5)} ${fmt(r.ms.floorScan).padStart(7)} ${fmt(r.ms.bareSplit).padStart(6)} ${fmt(r.ms.oursParse).padStart(6)} ${fmt(r.ms.oursValidate).padStart(9)} ${fmt(r.ms.nodeX12).padStart(9)} ${fmt(r.ms.x12Parser).padStart(11)} | ${r.ratios.validateVsSplit.toFixed(2).padStart(14)} ${r.ratios.nodeX12VsValidate.toFixed(2).padStart(13)} ${r.ratios.x12ParserVsValidate.toFixed(2).padStart(16)}`,
    );
  }
  out.push('', 'Through LSP (ms), server memory after opening (live heap: after a full garbage collection)');
  for (const r of results.filter((x) => x.lsp)) {
    const l = r.lsp!;
    const extra = l.editToDiagnostics !== undefined
      ? ` edit ${fmt(l.editToDiagnostics)} (${l.editPctOfOpen!.toFixed(1)}% of open), round trip ${fmt(l.roundTrip)}, hover ${fmt(l.hover)} (${l.hoverPctOfValidation.toFixed(2)}% of open; in process ${l.hoverInProcess.toFixed(3)}, ${l.hoverInProcessPctOfValidation.toFixed(3)}% of validate), completion ${fmt(l.completion)} (${l.completionPctOfValidation.toFixed(2)}%; in process ${l.completionInProcess.toFixed(3)}, ${l.completionInProcessPctOfValidation.toFixed(3)}%), symbols ${fmt(l.documentSymbols)}, folding ${fmt(l.foldingRanges)}, tokens ${fmt(l.semanticTokens)}`
      : '';
    out.push(`${String(r.transactions).padStart(5)} txns: open→diagnostics ${fmt(l.openToDiagnostics)} (${l.openVsValidate.toFixed(2)}× in-process, same-round; in-process beside it ${fmt(l.validateBesideOpen)})${extra}; live heap ${mb(r.memory!.heapUsed)} MB (${r.memory!.heapPerDocumentByte.toFixed(1)}× document; ${mb(r.memory!.heapUsedBeforeCollection)} MB before collection), RSS ${mb(r.memory!.rss)} MB`);
  }
  out.push('', ...pas.lines, ...firstPas.lines);
  out.push('', 'JSON request bodies (analyzeJsonRequest, median ms; ratio = median of same-round ratios)');
  for (const j of json) {
    out.push(`  ${j.name.padEnd(17)} 2,000 service lines ${fmt(j.ms.small).padStart(6)}, 20,000 (${mb(j.bytes)} MB, ${j.problems} problems) ${fmt(j.ms.large).padStart(6)}: ${j.largeVsSmall.toFixed(1)}×`);
  }
  out.push('', `100 sends to the local sandbox: ${send.tokenRequests} token request(s), ${send.connections} connection(s), ${fmt(send.msPerSend)} ms per send`);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  out.push(`Bundles: extension.js ${kb(sizes.extensionBytes)}, languageClient.js ${kb(sizes.languageClientChunkBytes)}, server.js ${kb(sizes.serverBytes)}, fhir.js ${kb(sizes.fhirChunkBytes)}, cli.js ${kb(sizes.cliBytes)}, api.js ${kb(sizes.apiChunkBytes)} (languageClient.js, api.js and fhir.js load on demand)`);
  out.push('', 'Targets:');
  for (const [name, ok] of Object.entries(targets)) out.push(`  ${ok ? 'met   ' : 'MISSED'} ${name}`);
  out.push('', 'Checks:', ...Object.entries(checks).map(([k, v]) => `  ${v ? 'ok    ' : 'FAILED'} ${k}`));
  console.log(out.join('\n'));
  console.log(JSON.stringify({ date: new Date().toISOString(), node: process.version, results, pas: { results: pas.results, lsp: pas.lsp, firstOpen: firstPas.result }, json, send, bundles: sizes, targets, checks }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
