// Formatting, the compact/expand commands, quick fixes and inlay hints over the real server.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, InlayHint, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../helpers/lspClient';
import { EXAMPLES, FIXTURES, UPDATE, listFiles, loadFixture } from '../helpers/fixtures';

let client: LspTestClient;
let counter = 0;
before(async () => {
  client = await LspTestClient.start();
});
after(async () => {
  await client.stop();
});

async function open(text: string, name = 'doc.x12'): Promise<string> {
  const uri = `file:///editing/${counter++}/${name}`;
  await client.open(uri, text);
  await client.diagnostics(uri);
  return uri;
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'x12', 1, text), edits);
}

/** The data of a file: its segments, whitespace between them removed. */
function segments(text: string): string[] {
  return text.split('~').map((s) => s.replace(/^\s+/, '')).filter(Boolean);
}

const FORMATTING = join(FIXTURES, 'features/formatting');

for (const path of listFiles(FORMATTING, '.x12').filter((p) => !/\.(expanded|compact)\.x12$/.test(p))) {
  test(`formatting and compacting keep every byte of data: ${path.slice(FORMATTING.length + 1)}`, async () => {
    const text = readFileSync(path, 'utf8');
    const uri = await open(text);
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    const expanded = apply(text, edits);
    const expandedPath = path.replace(/\.x12$/, '.expanded.x12');
    if (UPDATE) writeFileSync(expandedPath, expanded);
    assert.equal(expanded, readFileSync(expandedPath, 'utf8'));
    assert.deepEqual(segments(expanded), segments(text));

    const before = client.appliedEdits.length;
    const result = await client.request<{ applied: boolean }>('workspace/executeCommand', { command: 'x12.compact', arguments: [uri] });
    assert.equal(result.applied, true);
    const compactEdits = client.appliedEdits.slice(before).flatMap((changes) => changes[uri] ?? []);
    const compact = apply(text, compactEdits);
    const compactPath = path.replace(/\.x12$/, '.compact.x12');
    if (UPDATE) writeFileSync(compactPath, compact);
    assert.equal(compact, readFileSync(compactPath, 'utf8'));
    assert.deepEqual(segments(compact), segments(text));
    assert.equal(compact.includes('\n'), false);
  });
}

test('formatting a document that is not X12 changes nothing', async () => {
  const uri = await open('hello\nworld\n');
  assert.deepEqual(await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), []);
});

test('formatting an already formatted example changes nothing', async () => {
  for (const path of listFiles(EXAMPLES, '.x12')) {
    const uri = await open(readFileSync(path, 'utf8'));
    assert.deepEqual(await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), [], path);
  }
});

/** Fixtures whose problems have a fix whose intent is clear, and the problem code each fix removes. */
const FIXABLE: Record<string, string> = {
  'se01-count.x12': 'se01-count',
  'se02-control.x12': 'se02-control',
  'ge01-count.x12': 'ge01-count',
  'ge02-control.x12': 'ge02-control',
  'iea01-count.x12': 'iea01-count',
  'iea02-control.x12': 'iea02-control',
  'gs08-st03-mismatch.x12': 'gs08-st03',
  'isa-collapsed-padding.x12': 'isa-layout',
  'dtp-format.x12': 'dtp-format',
  'hl04-children.x12': 'hl04-children',
};

test('every quick fix, applied, removes its problem and adds none', async () => {
  const fixed = new Set<string>();
  for (const path of listFiles(join(FIXTURES, 'diagnostics'), '.x12')) {
    const fixture = loadFixture(path);
    const uri = await open(fixture.text, path.slice(path.lastIndexOf('/') + 1));
    const before = await client.diagnostics(uri);
    const whole = { start: { line: 0, character: 0 }, end: { line: fixture.text.split('\n').length, character: 0 } };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: before } });
    for (const action of actions) {
      assert.equal(action.kind, 'quickfix');
      const code = String(action.diagnostics?.[0]?.code);
      const repaired = apply(fixture.text, action.edit!.changes![uri]);
      const check = await open(repaired, 'repaired.x12');
      const after = await client.diagnostics(check);
      const codes = (list: typeof before) => list.map((d) => String(d.code)).sort();
      const expected = codes(before);
      expected.splice(expected.indexOf(code), 1);
      assert.deepEqual(codes(after), expected, `${fixture.name}: "${action.title}"`);
      fixed.add(`${path.slice(path.lastIndexOf('/') + 1)}:${code}`);
    }
  }
  for (const [file, code] of Object.entries(FIXABLE)) assert.ok(fixed.has(`${file}:${code}`), `no quick fix for ${code} in ${file}`);
});

test('inlay hints follow the settings: off by default, then code meanings or element names', async () => {
  const text = readFileSync(join(EXAMPLES, 'inquiry-tst2.x12'), 'utf8');
  const uri = await open(text);
  const lines = text.split('\n');
  const um = lines.findIndex((l) => l.startsWith('UM*'));
  const range = { start: { line: um, character: 0 }, end: { line: um + 1, character: 0 } };
  const hints = () => client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
  assert.deepEqual(await hints(), []);
  await client.updateSettings({ inlayHints: { enabled: true, show: 'codes' } });
  assert.deepEqual((await hints()).map((h) => `${h.position.character}:${h.label}`), ['5:Health Services Review', '7:Initial', '9:Medical Care', '12:Office', '14:Place of Service Code (professional or …']);
  await client.updateSettings({ inlayHints: { enabled: true, show: 'names' } });
  assert.deepEqual((await hints()).map((h) => h.label).slice(0, 2), ['UM01 Request Category Code', 'UM02 Certification Type Code']);
  await client.updateSettings({ inlayHints: { enabled: false } });
  assert.deepEqual(await hints(), []);
});

test('priorAuth.validation.inferredRules shows rules resting on samples as warnings, errors or not at all', async () => {
  const text = readFileSync(join(FIXTURES, 'diagnostics/x215-segment-not-allowed-is-warning.x12'), 'utf8');
  const uri = await open(text);
  const summary = (list: { code?: unknown; severity?: number }[]) => list.map((d) => `${d.code} ${d.severity}`).join(', ');
  // Settings change without a new document version: wait for the republished diagnostics that show the choice.
  const shown = (expected: string) => client.diagnostics(uri, (p) => summary(p.diagnostics) === expected);
  const [first] = await shown('segment-not-allowed 2');
  assert.match(String(first.message), /rests on samples/);
  await client.updateSettings({ validation: { inferredRules: 'error' } });
  await shown('segment-not-allowed 1');
  await client.updateSettings({ validation: { inferredRules: 'off' } });
  await shown('');
  await client.updateSettings({ validation: { inferredRules: 'warning' } });
  await shown('segment-not-allowed 2');
});

test('maxProblems from settings caps the diagnostics', async () => {
  const text = readFileSync(join(FIXTURES, 'diagnostics/too-many-problems.x12'), 'utf8');
  await client.updateSettings({ maxProblems: 2 });
  const uri = await open(text);
  const diagnostics = await client.diagnostics(uri);
  assert.deepEqual(diagnostics.map((d) => d.code), ['unknown-segment', 'unknown-segment', 'too-many-problems']);
  await client.updateSettings({ maxProblems: 500 });
  assert.ok(existsSync(join(FIXTURES, 'diagnostics/too-many-problems.expected')));
});

test('JSON requests: "Did you mean …?" has a quick fix that renames the field; applied, the problem is gone', async () => {
  const body = JSON.parse(readFileSync(join(EXAMPLES, 'inquiry-tst1.inquiry.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const subscriber = body.subscriber;
  body.subscriber = Object.fromEntries(Object.entries(subscriber).map(([k, v]) => [k === 'firstName' ? 'FirstName' : k, v]));
  const text = JSON.stringify(body, null, 2) + '\n';
  const uri = `untitled:/editing/${counter++}/typo.inquiry.json`;
  await client.open(uri, text, 'json');
  const before = await client.diagnostics(uri);
  const typo = before.find((d) => /Did you mean "firstName"/.test(String(d.message)));
  assert.ok(typo, `a "Did you mean" problem: ${before.map((d) => d.message).join(' | ')}`);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } });
  assert.deepEqual(actions.map((a) => a.title), ['Rename to "firstName"']);
  assert.equal(actions[0].kind, 'quickfix');
  const repaired = apply(text, actions[0].edit!.changes![uri]);
  assert.equal(repaired, text.replace('"FirstName"', '"firstName"'));
  const check = `untitled:/editing/${counter++}/fixed.inquiry.json`;
  await client.open(check, repaired, 'json');
  const after = await client.diagnostics(check);
  assert.deepEqual(after.map((d) => d.message), before.filter((d) => d !== typo).map((d) => d.message));
});

test('JSON requests: no rename is offered when the object already has the field (it would write the name twice)', async () => {
  const body = JSON.parse(readFileSync(join(EXAMPLES, 'inquiry-tst1.inquiry.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  body.subscriber.FirstName = 'JOSEPH';
  const text = JSON.stringify(body, null, 2) + '\n';
  const uri = `file:///editing/${counter++}/twice.inquiry.json`;
  await client.open(uri, text, 'json');
  const diagnostics = await client.diagnostics(uri);
  const typo = diagnostics.find((d) => /Did you mean "firstName"/.test(String(d.message)));
  assert.ok(typo);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } });
  assert.deepEqual(actions, []);
});
