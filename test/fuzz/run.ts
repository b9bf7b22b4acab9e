// `npm run fuzz`: the long fuzz run over the real language server (see test/helpers/lspFuzz.ts), with figures.
//   node out/test/fuzz/run.js [--documents N] [--seed S]
// Counts crashes, handler errors, malformed responses, divergences and stalls, the slowest request, and the server's
// memory (live heap after a full collection, RSS) along the run; exits 1 when anything went wrong or memory grew.

import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { MEMORY_REQUEST } from '../../server/src/lsp/startServer';
import { FuzzDriver, fuzzCase, loadSources, startFuzzServer, type Finding, type FindingKind } from '../helpers/lspFuzz';

interface Memory {
  readonly heapUsed: number;
  readonly rss: number;
}

const MB = 1024 * 1024;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { documents: { type: 'string', default: '100000' }, seed: { type: 'string', default: '278014' } } });
  const target = Number(values.documents);
  const seed = Number(values.seed);
  const client = await startFuzzServer(['--expose-gc']);
  const driver = new FuzzDriver(client, loadSources(), 'long-fuzz');
  const memory = () => client.request<Memory>(MEMORY_REQUEST, {});
  const counts: Record<FindingKind, number> = { crash: 0, 'handler-error': 0, malformed: 0, divergence: 0, stall: 0 };
  // One example of each kind of finding (details with their numbers blanked out tell kinds apart).
  const examples = new Map<string, Finding>();
  const started = performance.now();
  let cases = 0;
  let baseline: Memory | undefined;
  let peakRss = 0;
  let peakHeap = 0;
  const samples: { documents: number; heapMb: number; rssMb: number }[] = [];

  for (let chunk = 0; driver.stats.documents < target && !client.exited; chunk++) {
    for (const c of fc.sample(fuzzCase, { seed: seed + chunk, numRuns: 100 })) {
      const findings = await driver.run(c);
      cases++;
      for (const f of findings) {
        counts[f.kind]++;
        const key = `${f.kind} ${f.detail.replace(/\d+/g, '#').replace(/"[^"]*"/g, '""').slice(0, 120)}`;
        if (examples.size < 40 && !examples.has(key)) examples.set(key, f);
      }
      if (client.exited || driver.stats.documents >= target) break;
    }
    if (client.exited) break;
    // The first sample after warm-up (the guide tables and caches filled) is the baseline that memory must stay near.
    if (chunk % 10 === 0) {
      const m = await memory();
      if (chunk === 10) baseline = m;
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      samples.push({ documents: driver.stats.documents, heapMb: m.heapUsed / MB, rssMb: m.rss / MB });
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(`${driver.stats.documents} documents, ${driver.stats.requests} requests, ${seconds.toFixed(0)} s, heap ${(m.heapUsed / MB).toFixed(1)} MB, RSS ${(m.rss / MB).toFixed(0)} MB, findings ${Object.values(counts).reduce((a, b) => a + b, 0)}\n`);
    }
  }
  const end = client.exited ? undefined : await memory();
  if (end) {
    peakRss = Math.max(peakRss, end.rss);
    peakHeap = Math.max(peakHeap, end.heapUsed);
  }
  const crashed = client.exited;
  await client.stop();
  const seconds = (performance.now() - started) / 1000;
  // Flat: the live heap at the end is within 25% (plus 8 MB of slack for caches) of the heap after warm-up.
  const flat = !!end && !!baseline && end.heapUsed <= baseline.heapUsed * 1.25 + 8 * MB;
  const report = {
    seed,
    cases,
    documents: driver.stats.documents,
    requests: driver.stats.requests,
    seconds: Math.round(seconds),
    ...counts,
    slowestRequestMs: Math.round(driver.stats.slowestMs),
    slowestRequest: driver.stats.slowestRequest,
    heapAfterWarmUpMb: baseline ? +(baseline.heapUsed / MB).toFixed(1) : null,
    heapAtEndMb: end ? +(end.heapUsed / MB).toFixed(1) : null,
    peakHeapMb: +(peakHeap / MB).toFixed(1),
    rssAtEndMb: end ? Math.round(end.rss / MB) : null,
    peakRssMb: Math.round(peakRss / MB),
    memoryFlat: flat,
    nodeVersion: process.version,
  };
  console.log(JSON.stringify(report, null, 2));
  for (const f of examples.values()) console.log(`\n[${f.kind}] ${f.detail}`);
  const failed = Object.values(counts).some((n) => n > 0) || !flat || crashed;
  return failed ? 1 : 0;
}

void main().then((code) => {
  process.exitCode = code;
});
