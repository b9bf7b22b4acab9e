// The FHIR core is its own bundle (dist/fhir.js, with fhirpath) that the server loads at its first PAS document. This
// part of `npm run bench` measures what that first document pays, in fresh servers: an X12 batch is opened first
// (and must leave dist/fhir.js unloaded), then a PAS request is opened, timed to its diagnostics, then the same text
// is opened again under new URIs. The first open also reads and compiles the version's package data (data/fhir),
// which it paid before the split too; the server's own figure for loading the bundle's code is printed beside it.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LspTestClient } from '../helpers/lspClient';
import { LOADED_BUNDLES_REQUEST, type LoadedBundles } from '../../server/src/lsp/startServer';
import { generateBatch } from './generate';

const REPO = resolve(__dirname, '../../..');
const PAS_REQUEST = join(REPO, 'test/fixtures/pas/request-2.0.1.json');

export interface FirstPasOpenResult {
  readonly servers: number;
  /** Spawn to the initialize answer (median). */
  readonly serverStart: number;
  /** Open to diagnostics of the first PAS document of a fresh server (median over servers). */
  readonly firstOpen: number;
  /** Of that, the server's own time to load dist/fhir.js's code (median over servers). */
  readonly fhirBundleLoad: number;
  /** Open to diagnostics of the same text under a new URI, once the core is loaded (median over all later opens). */
  readonly laterOpen: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function openTimed(client: LspTestClient, uri: string, text: string, languageId: string): Promise<{ ms: number; codes: string }> {
  const start = performance.now();
  await client.open(uri, text, languageId);
  const diagnostics = await client.diagnostics(uri);
  return { ms: performance.now() - start, codes: diagnostics.map((d) => `${d.code}@${d.range.start.line}`).join(' ') };
}

export async function firstPasOpenFigures(servers = 5, laterOpens = 9): Promise<{ lines: string[]; result: FirstPasOpenResult; checks: Record<string, boolean> }> {
  const pas = readFileSync(PAS_REQUEST, 'utf8');
  const x12 = generateBatch(100, '005010X217');
  const starts: number[] = [];
  const firsts: number[] = [];
  const loads: number[] = [];
  const laters: number[] = [];
  let x12LeavesFhirUnloaded = true;
  let firstLoadsFhir = true;
  let sameDiagnostics = true;
  for (let s = 0; s < servers; s++) {
    const spawned = performance.now();
    const client = await LspTestClient.start();
    starts.push(performance.now() - spawned);
    try {
      await openTimed(client, 'file:///bench/first-pas/batch.x12', x12, 'x12');
      const beforePas = await client.request<LoadedBundles>(LOADED_BUNDLES_REQUEST, {});
      x12LeavesFhirUnloaded &&= !beforePas.bundles.includes('fhir.js') && beforePas.fhirCoreLoadMs === null;
      const first = await openTimed(client, 'file:///bench/first-pas/request.json', pas, 'json');
      firsts.push(first.ms);
      const afterPas = await client.request<LoadedBundles>(LOADED_BUNDLES_REQUEST, {});
      firstLoadsFhir &&= afterPas.bundles.includes('fhir.js') && afterPas.fhirCoreLoadMs !== null;
      loads.push(afterPas.fhirCoreLoadMs ?? Number.NaN);
      for (let i = 0; i < laterOpens; i++) {
        const later = await openTimed(client, `file:///bench/first-pas/request.json?open=${i}`, pas, 'json');
        laters.push(later.ms);
        sameDiagnostics &&= later.codes === first.codes;
      }
    } finally {
      await client.stop();
    }
  }
  const result: FirstPasOpenResult = { servers, serverStart: median(starts), firstOpen: median(firsts), fhirBundleLoad: median(loads), laterOpen: median(laters) };
  const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
  const lines = [
    `First PAS document (${servers} fresh servers, after a 100-transaction X12 batch; ${(pas.length / 1024).toFixed(0)} KB request): server start ${fmt(result.serverStart)}, first open→diagnostics ${fmt(result.firstOpen)} (loading dist/fhir.js ${fmt(result.fhirBundleLoad)}; the rest reads and compiles the package data), later opens ${fmt(result.laterOpen)}`,
  ];
  const checks = {
    'X12 leaves dist/fhir.js unloaded': x12LeavesFhirUnloaded,
    'first PAS document loads dist/fhir.js': firstLoadsFhir,
    'first and later PAS opens give the same diagnostics': sameDiagnostics,
  };
  return { lines, result, checks };
}

// `node out/test/bench/firstPasOpen.js`: this part alone.
if (require.main === module) {
  void (async () => {
    const figures = await firstPasOpenFigures();
    console.log([...figures.lines, ...Object.entries(figures.checks).map(([k, v]) => `  ${v ? 'ok    ' : 'FAILED'} ${k}`)].join('\n'));
    console.log(JSON.stringify({ date: new Date().toISOString(), node: process.version, firstPasOpen: figures.result }));
  })();
}
