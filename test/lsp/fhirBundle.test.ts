// The FHIR core is its own bundle (dist/fhir.js), loaded at the first PAS document: X12 and Optum JSON users never
// load it. Node's module cache in the real server process (priorAuth/loadedBundles) says which files were loaded.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { EXAMPLES, FIXTURES } from '../helpers/fixtures';
import { LOADED_BUNDLES_REQUEST, type LoadedBundles } from '../../server/src/lsp/startServer';
import { analyzeJsonDocument } from '../../server/src/features/jsonDocument';

test('X12 documents and Optum JSON requests never load dist/fhir.js; the first PAS document does, once', async () => {
  const client = await LspTestClient.start();
  try {
    const loaded = () => client.request<LoadedBundles>(LOADED_BUNDLES_REQUEST, {});
    assert.deepEqual(await loaded(), { bundles: ['server.js'], fhirCoreLoadMs: null }, 'at start');

    // An X12 file with a known problem: validated, and its hover answers.
    const x12 = readFileSync(join(FIXTURES, 'diagnostics/code-value.x12'), 'utf8');
    await client.open('file:///lazy/code-value.x12', x12);
    const x12Problems = await client.diagnostics('file:///lazy/code-value.x12');
    assert.deepEqual(x12Problems.map((d) => d.code), ['code-value']);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: 'file:///lazy/code-value.x12' }, position: { line: 0, character: 1 } });
    assert.ok(hover, 'the X12 hover answers');
    // An Optum JSON request body, and a JSON file that is neither FHIR nor a request (it is read as a request of no kind).
    await client.open('file:///lazy/inquiry-tst1.inquiry.json', readFileSync(join(EXAMPLES, 'inquiry-tst1.inquiry.json'), 'utf8'), 'json');
    assert.deepEqual(await client.diagnostics('file:///lazy/inquiry-tst1.inquiry.json'), []);
    await client.open('file:///lazy/settings.json', '{ "editor.tabSize": 2 }', 'json');
    assert.deepEqual((await client.diagnostics('file:///lazy/settings.json')).map((d) => d.code), ['json-request-kind']);
    assert.deepEqual(await loaded(), { bundles: ['server.js'], fhirCoreLoadMs: null }, 'after X12 and Optum JSON');

    const pas = readFileSync(join(FIXTURES, 'pas/broken-request.pas.json'), 'utf8');
    await client.open('file:///lazy/broken-request.pas.json', pas, 'json');
    const pasProblems = (await client.diagnostics('file:///lazy/broken-request.pas.json')).map((d) => d.code);
    // What the FHIR core finds in this process (compiled by tsc, the loader requires it directly).
    const expected = analyzeJsonDocument(pas, { uri: 'file:///lazy/broken-request.pas.json' }).problems.map((p) => p.code);
    assert.ok(expected.includes('fhir-unknown-element'), expected.join(' '));
    assert.deepEqual(pasProblems, expected);
    const after = await loaded();
    assert.deepEqual(after.bundles, ['fhir.js', 'server.js'], 'after the first PAS document');
    assert.ok(after.fhirCoreLoadMs !== null && after.fhirCoreLoadMs > 0, 'its load time is recorded');

    // A second PAS document reuses the loaded core.
    await client.open('file:///lazy/again.pas.json', pas, 'json');
    assert.deepEqual((await client.diagnostics('file:///lazy/again.pas.json')).map((d) => d.code), expected);
    assert.deepEqual(await loaded(), after);
    assert.deepEqual(client.errorLogs, []);
  } finally {
    await client.stop();
  }
});
