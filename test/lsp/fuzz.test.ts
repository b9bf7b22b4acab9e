// A bounded fuzz run over the real language server (fixed seed): mutated documents and edits must never crash it or
// make a handler fail, every response must be well-formed for VS Code, and an edited document must get exactly what
// the same text opened fresh gets. The long run is `npm run fuzz` (test/fuzz/run.ts, figures in docs/reliability.md).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LspTestClient } from '../helpers/lspClient';
import { FuzzDriver, fuzzCase, loadSources, startFuzzServer } from '../helpers/lspFuzz';

let client: LspTestClient;
before(async () => {
  client = await startFuzzServer();
});
after(async () => {
  await client.stop();
});

test('fuzzed documents and edits: no crash, no handler error, well-formed responses, edit equals fresh open', async () => {
  const driver = new FuzzDriver(client, loadSources());
  await fc.assert(
    fc.asyncProperty(fuzzCase, async (c) => {
      const findings = await driver.run(c);
      assert.deepEqual(findings, []);
    }),
    { seed: 14, numRuns: Number(process.env.FUZZ_RUNS ?? 1000), endOnFailure: true, includeErrorInReport: true },
  );
  assert.equal(client.exited, false);
});
