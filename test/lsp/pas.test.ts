// Da Vinci PAS documents over the real server (stdio): which JSON documents are PAS, their diagnostics from the FHIR
// core, the priorAuth.pas.version setting, hover (element, binding, 278 location, the decision in words) and
// completion (property names the profile allows, codes of an enumerable binding). Fixtures: test/fixtures/pas and
// test/fixtures/features/pas (‸ marks the hover positions; the .md beside each holds the expected hovers).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem, Diagnostic, Hover, Position } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { FIXTURES, UPDATE, expectationFor, listFiles, loadFixture, readSections, takeCarets, writeSections } from '../helpers/fixtures';
import { LineIndex } from '../../server/src/x12/lines';
import { analyzeFhirDocument } from '../../server/src/fhir';

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];
const PAS = join(FIXTURES, 'pas');
const FEATURES = join(FIXTURES, 'features/pas');

function describe(text: string, d: Diagnostic): string {
  const lines = text.split(/\r\n|\r|\n/);
  const { start, end } = d.range;
  const covered = start.line === end.line ? lines[start.line].slice(start.character, end.character) : lines[start.line].slice(start.character) + '⏎';
  const shown = covered.length > 40 ? covered.slice(0, 37) + '...' : covered;
  return `${start.line + 1}:${start.character + 1} ${SEVERITY[d.severity ?? 1]} ${d.code} "${shown}"`;
}

let client: LspTestClient;
let counter = 0;
before(async () => {
  client = await LspTestClient.start();
});
after(async () => {
  await client.stop();
});

function uriFor(name: string): string {
  return `file:///pas/${counter++}/${name}`;
}

async function openJson(name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = uriFor(name);
  await client.open(uri, text, 'json');
  return { uri, diagnostics: await client.diagnostics(uri) };
}

function offsetPosition(text: string, offset: number): Position {
  return new LineIndex(text).position(offset);
}

test('PAS fixtures: diagnostics from the FHIR core, on the JSON property that is wrong', async () => {
  const paths = listFiles(PAS, '.json');
  assert.ok(paths.length >= 4);
  for (const path of paths) {
    const fixture = loadFixture(path);
    const { uri, diagnostics } = await openJson(path.slice(path.lastIndexOf('/') + 1), fixture.text);
    const actual = diagnostics.map((d) => describe(fixture.text, d));
    // unversioned-request.json depends on the setting: its own test below.
    if (!path.endsWith('unversioned-request.json')) assert.deepEqual(actual, expectationFor(fixture, actual), fixture.name);
    await client.close(uri);
  }
});

test('the server (the bundle) reports exactly what the FHIR core reports, for every FHIR diagnostics fixture', async () => {
  // The bundle resolves packages through their "import" builds where tsc's output requires the CommonJS ones; a
  // dependency that differs between the two (fhirpath's R4 model did: invariants were silently skipped) shows here.
  const dir = join(FIXTURES, 'fhir/diagnostics');
  const paths = listFiles(dir, '.pas.json');
  assert.ok(paths.some((p) => p.endsWith('fhir-invariant.pas.json')));
  for (const path of paths) {
    const fixture = loadFixture(path);
    if (fixture.maxProblems) continue; // the server caps with its own setting
    const { uri, diagnostics } = await openJson(path.slice(path.lastIndexOf('/') + 1), fixture.text);
    const lines = new LineIndex(fixture.text);
    const core = analyzeFhirDocument(fixture.text, { uri }).problems.map((p) => `${p.code} ${JSON.stringify(lines.position(p.start))} ${p.message}`);
    const served = diagnostics.map((d) => `${d.code} ${JSON.stringify(d.range.start)} ${d.message}`);
    assert.deepEqual(served, core, fixture.name);
    await client.close(uri);
  }
});

test('a PAS document is never read as an Optum request; a broken one gets FHIR problems, not 278 ones', async () => {
  const text = readFileSync(join(PAS, 'broken-request.pas.json'), 'utf8');
  const { uri, diagnostics } = await openJson('broken-request.pas.json', text);
  assert.ok(diagnostics.some((d) => d.severity === 1), 'errors');
  assert.ok(diagnostics.every((d) => !/^json-|^unknown-guide|^required-segment/.test(String(d.code))), diagnostics.map((d) => d.code).join(' '));
  // The missing Claim.status is reported at the Claim, the misspelt code at its value, the unknown element at its name.
  const described = diagnostics.map((d) => describe(text, d));
  assert.ok(described.some((d) => d.includes('"preauthorisation"')), described.join('\n'));
  assert.ok(described.some((d) => d.includes('"colour"')), described.join('\n'));
  await client.close(uri);
});

test('the same request text is PAS by its meta.profile under any name, and an Optum body is still a 278 request', async () => {
  const text = readFileSync(join(PAS, 'request-2.0.1.json'), 'utf8');
  for (const name of ['request.json', 'bundle.pas.json', 'anything.fhir.json']) {
    const { uri, diagnostics } = await openJson(name, text);
    // Only dom-6 (no narrative: a guideline, information) on its five resources.
    assert.deepEqual(diagnostics.map((d) => d.code), Array(5).fill('fhir-invariant-guideline'), name);
    await client.close(uri);
  }
  const optum = readFileSync(join(FIXTURES, '../../examples/inquiry-tst1.inquiry.json'), 'utf8');
  const { uri, diagnostics } = await openJson('inquiry-tst1.inquiry.json', optum);
  assert.deepEqual(diagnostics, []);
  await client.close(uri);
  const broken = await openJson('bad.inquiry.json', optum.replace('"subscriber"', '"subscribr"'));
  assert.ok(broken.diagnostics.length > 0, 'the 278 JSON request path still runs for request bodies');
  await client.close(broken.uri);
});

test('priorAuth.pas.version decides for unversioned canonicals: a 2.2.1 rule appears when the setting says 2.2.1', async () => {
  const text = readFileSync(join(PAS, 'unversioned-request.json'), 'utf8');
  const uri = uriFor('unversioned-request.json');
  await client.open(uri, text, 'json');
  const errorsAndWarnings = (list: readonly Diagnostic[]) => list.filter((d) => (d.severity ?? 1) <= 2);
  assert.deepEqual(errorsAndWarnings(await client.diagnostics(uri)), [], 'clean under the 2.0.1 default: requestType is optional there');
  const republished = client.diagnostics(uri, (p) => errorsAndWarnings(p.diagnostics).length > 0);
  await client.updateSettings({ pas: { version: '2.2.1' } });
  const under221 = await republished;
  assert.ok(under221.some((d) => d.severity === 1), under221.map((d) => describe(text, d)).join('\n'));
  const cleared = client.diagnostics(uri, (p) => errorsAndWarnings(p.diagnostics).length === 0);
  await client.updateSettings({ pas: { version: '2.0.1' } });
  assert.deepEqual(errorsAndWarnings(await cleared), []);
  await client.close(uri);
});

for (const path of listFiles(FEATURES, '.json')) {
  test(`hover: ${path.slice(FIXTURES.length + 1)}`, async () => {
    const { text, offsets } = takeCarets(readFileSync(path, 'utf8'));
    const uri = uriFor(path.slice(path.lastIndexOf('/') + 1));
    await client.open(uri, text, 'json');
    await client.diagnostics(uri);
    const actual: string[] = [];
    for (const offset of offsets) {
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: offsetPosition(text, offset) });
      actual.push(hover ? (hover.contents as { value: string }).value : '(no hover)');
    }
    const expectedPath = path.replace(/\.json$/, '.md');
    if (UPDATE) writeSections(expectedPath, actual);
    assert.deepEqual(actual, readSections(expectedPath));
    await client.close(uri);
  });
}

test('hover on a reviewActionCode reads the decision like the X12 response hover', async () => {
  const { text, offsets } = takeCarets(readFileSync(join(FEATURES, 'response.json'), 'utf8'));
  const uri = uriFor('response.json');
  await client.open(uri, text, 'json');
  await client.diagnostics(uri);
  const onCode = offsets.find((o) => text.startsWith('A1"', o));
  assert.ok(onCode !== undefined, 'a caret on the A1 code');
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: offsetPosition(text, onCode) });
  const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
  assert.match(value, /A1 — approved \(certified in total\)/);
  assert.match(value, /authorization number AUTH0001/);
  assert.match(value, /`A1`: Certified in Total \(X12 data element 306\)/, 'the code in the 278 code list of HCR01');
  await client.close(uri);
});

async function completionAt(uri: string, text: string, offset: number): Promise<CompletionItem[]> {
  const result = await client.request<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: offsetPosition(text, offset) });
  return Array.isArray(result) ? result : result.items;
}

test('completion: property names the profile allows in the Claim, without those already there', async () => {
  const base = readFileSync(join(PAS, 'request-2.0.1.json'), 'utf8');
  // A new key typed at the end of the Claim (its closing brace is the line before the next entry's fullUrl).
  const next = base.indexOf('"fullUrl": "http://example.org/fhir/Organization/requester-1"');
  const claimEnd = base.lastIndexOf('\n      }', next);
  const typed = ',\n        "';
  const text = `${base.slice(0, claimEnd)}${typed}"${base.slice(claimEnd)}`;
  const uri = uriFor('completion.json');
  await client.open(uri, text, 'json');
  await client.diagnostics(uri);
  const items = await completionAt(uri, text, claimEnd + typed.length);
  const labels = items.map((i) => i.label);
  for (const name of ['billablePeriod', 'careTeam', 'supportingInfo', 'diagnosis', 'accident']) assert.ok(labels.includes(name), `${name} in ${labels.join(' ')}`);
  for (const present of ['status', 'use', 'patient', 'insurer', 'item']) assert.ok(!labels.includes(present), `${present} is already there`);
  const careTeam = items.find((i) => i.label === 'careTeam')!;
  assert.match(String(careTeam.detail), /^0\.\.\*/);
  assert.match((careTeam.textEdit as { newText: string }).newText, /^"careTeam": \[/);
  await client.close(uri);
});

test('completion: the codes of a required binding with their meanings, for a code and inside a coding', async () => {
  const base = readFileSync(join(PAS, 'request-2.0.1.json'), 'utf8');
  const uri = uriFor('codes.json');
  await client.open(uri, base, 'json');
  await client.diagnostics(uri);
  const use = base.indexOf('"preauthorization"') + 1;
  const useCodes = await completionAt(uri, base, use);
  assert.deepEqual(useCodes.map((i) => i.label).sort(), ['claim', 'preauthorization', 'predetermination']);
  // Claim.item.category is bound to the X12 UM03 value set (data element 1365): the project's 278 names explain codes.
  const category = base.indexOf('"code"', base.indexOf('"category"')) + '"code": "'.length;
  const categories = await completionAt(uri, base, category);
  assert.ok(categories.length > 5, `${categories.length} category codes`);
  assert.ok(categories.every((i) => typeof i.detail === 'string' && i.detail.length > 0), 'each code has a meaning');
  await client.close(uri);
});
