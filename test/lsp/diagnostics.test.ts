// The language server over stdio: diagnostics for examples and fixtures, incremental edits, and junk input.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../helpers/lspClient';
import { generateBatch } from '../bench/generate';
import { EXAMPLES, FIXTURES, listFiles, loadFixture } from '../helpers/fixtures';
import { nestedJson } from '../helpers/nestedJson';

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

function describe(text: string, d: Diagnostic): string {
  const lines = text.split(/\r\n|\r|\n/);
  const { start, end } = d.range;
  const covered = start.line === end.line ? lines[start.line].slice(start.character, end.character) : lines[start.line].slice(start.character) + '⏎';
  const escaped = covered.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const shown = escaped.length > 40 ? escaped.slice(0, 37) + '...' : escaped;
  return `${start.line + 1}:${start.character + 1} ${SEVERITY[d.severity ?? 1]} ${d.code} "${shown}"`;
}

let client: LspTestClient;
before(async () => {
  client = await LspTestClient.start();
});
after(async () => {
  await client.stop();
});

test('the server announces incremental sync', () => {
  const sync = client.initializeResult?.capabilities.textDocumentSync as { change?: number };
  assert.equal(sync.change, 2);
});

test('examples open without diagnostics', async () => {
  for (const path of listFiles(EXAMPLES, '.x12')) {
    const uri = `file://${path}`;
    const fixture = loadFixture(path);
    await client.open(uri, fixture.text);
    assert.deepEqual(await client.diagnostics(uri), [], path);
  }
});

test('each diagnostic fixture gets its expected diagnostics over LSP', async () => {
  for (const path of listFiles(join(FIXTURES, 'diagnostics'), '.x12')) {
    const fixture = loadFixture(path);
    if (fixture.maxProblems) continue; // the server caps at its own default
    const uri = `file://${path}`;
    await client.open(uri, fixture.text);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => describe(fixture.text, d)), fixture.expected, fixture.name);
    assert.ok(diagnostics.every((d) => d.source === 'x12-278' && typeof d.message === 'string' && d.message.length > 20), fixture.name);
    await client.close(uri);
  }
});

test('an edit that breaks SE01 and one that repairs it update the diagnostics', async () => {
  const path = join(EXAMPLES, 'inquiry-tst2.x12');
  const text = loadFixture(path).text;
  const uri = 'file:///edits/inquiry.x12';
  await client.open(uri, text);
  assert.deepEqual(await client.diagnostics(uri), []);
  const lines = text.split('\n');
  const seLine = lines.findIndex((l) => l.startsWith('SE*'));
  await client.change(uri, [{ range: { start: { line: seLine, character: 3 }, end: { line: seLine, character: 5 } }, text: '99' }]);
  const broken = await client.diagnostics(uri);
  assert.deepEqual(broken.map((d) => [d.code, d.range.start.line]), [['se01-count', seLine]]);
  await client.change(uri, [{ range: { start: { line: seLine, character: 3 }, end: { line: seLine, character: 5 } }, text: '24' }]);
  assert.deepEqual(await client.diagnostics(uri), []);
});

test('closing a document clears its diagnostics', async () => {
  const uri = 'file:///close/me.x12';
  await client.open(uri, 'not x12');
  assert.equal((await client.diagnostics(uri)).length, 1);
  await client.close(uri);
  assert.deepEqual(await client.diagnostics(uri, (p) => p.diagnostics.length === 0), []);
});

test('junk never crashes the server and gets one clear diagnostic', async () => {
  const junk = ['', '\u0000\u0001\u0002'.repeat(1000), 'ISA', 'ISA*', 'ISA*00*'.repeat(10000), '~'.repeat(5000), '{"x12":"ISA*00"}', 'x'.repeat(2_000_000)];
  for (const [i, text] of junk.entries()) {
    const uri = `file:///junk/${i}.x12`;
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri);
    assert.ok(diagnostics.length >= 1 && diagnostics.length <= 3, `junk ${i}: ${diagnostics.length} diagnostics`);
  }
  assert.equal(client.exited, false);
  const path = join(EXAMPLES, 'notice-of-admission.x12');
  await client.open('file:///after-junk.x12', loadFixture(path).text);
  assert.deepEqual(await client.diagnostics('file:///after-junk.x12'), []);
  assert.equal(client.stderr.join(''), '');
});

test('JSON request files get the 278 rules on the fields they came from', async () => {
  for (const path of listFiles(join(FIXTURES, 'json'), '.json')) {
    const fixture = loadFixture(path);
    const uri = `file://${path}`;
    await client.open(uri, fixture.text, 'json');
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => describe(fixture.text, d)), fixture.expected, fixture.name);
    await client.close(uri);
  }
  const date = loadFixture(join(FIXTURES, 'json/bad-date-of-birth.inquiry.json'));
  await client.open('file:///json/date.inquiry.json', date.text, 'json');
  const [d] = await client.diagnostics('file:///json/date.inquiry.json');
  assert.match(String(d.message), /^subscriber\.dateOfBirth: DMG02 "19011301" is not a real CCYYMMDD date/);
});

test('the server converts JSON to X12 and X12 to JSON on request', async () => {
  const jsonPath = join(EXAMPLES, 'inquiry-tst1.inquiry.json');
  const json = loadFixture(jsonPath).text;
  const toX12 = await client.request<{ text: string; language: string; kind: string; issues: unknown[] }>('workspace/executeCommand', { command: 'x12.convertToX12', arguments: [`file://${jsonPath}`, null, json] });
  assert.equal(toX12.language, 'x12');
  assert.equal(toX12.kind, 'inquiry');
  assert.deepEqual(toX12.issues, []);
  await client.open('file:///convert/out.x12', toX12.text);
  assert.deepEqual(await client.diagnostics('file:///convert/out.x12'), []);

  const x12 = loadFixture(join(EXAMPLES, 'inquiry-tst2.x12')).text;
  await client.open('file:///convert/in.x12', x12);
  const toJson = await client.request<{ text: string; kind: string }>('workspace/executeCommand', { command: 'x12.convertToJson', arguments: ['file:///convert/in.x12'] });
  assert.equal(toJson.kind, 'inquiry');
  assert.equal((JSON.parse(toJson.text) as { subscriber: { memberId: string } }).subscriber.memberId, 'TST2');

  const unclear = await client.request<{ needsKind?: boolean }>('workspace/executeCommand', { command: 'x12.convertToX12', arguments: ['file:///convert/x.278.json', null, '{"payerId":"SOMEONE"}'] });
  assert.equal(unclear.needsKind, true);
  const broken = await client.request<{ error?: string }>('workspace/executeCommand', { command: 'x12.convertToX12', arguments: ['file:///convert/x.inquiry.json', null, '{"payerId":'] });
  assert.match(broken.error ?? '', /does not parse/);
});

test('after any series of editor changes, the diagnostics equal those of the edited text opened fresh', async () => {
  const batch = generateBatch(12);
  // The batch as written (one segment per line) and on one line, where segments meet without a line break.
  const bases = [batch, batch.replace(/~\n/g, '~')];
  let run = 0;
  const piece = fc.oneof(fc.constantFrom('', '*', '~', '~~', '~\n', '7', 'X', 'SE*1*1~', 'HL*9*8*SS*0~', 'NM1*IL*1*DOE~', '~ST*278*9~'), fc.string({ maxLength: 4 }));
  // `inverted`: the range is sent end first, which the protocol's text library applies with its ends swapped.
  const change = fc.record({ at: fc.nat(), remove: fc.nat({ max: 10 }), insert: piece, whole: fc.boolean(), inverted: fc.boolean() });
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: bases.length - 1 }), fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), async (which, notifications) => {
      const base = bases[which];
      const uri = `file:///changes/${run}/batch.x12`;
      const freshUri = `file:///changes/${run++}/fresh.x12`;
      const mirror = TextDocument.create(uri, 'x12', 1, base);
      await client.open(uri, base);
      await client.diagnostics(uri);
      let version = 1;
      for (const changes of notifications) {
        const events = changes.map((c) => {
          const text = mirror.getText();
          // Now and then the editor sends the whole text instead of a range.
          if (c.whole && c.at % 7 === 0) {
            const event = { text: text.slice(0, c.at % (text.length + 1)) + c.insert + text.slice(c.at % (text.length + 1)) };
            TextDocument.update(mirror, [event], ++version);
            return event;
          }
          const start = c.at % (text.length + 1);
          const end = Math.min(start + c.remove, text.length);
          const [from, to] = c.inverted ? [end, start] : [start, end];
          const event = { range: { start: mirror.positionAt(from), end: mirror.positionAt(to) }, text: c.insert };
          TextDocument.update(mirror, [event], ++version);
          return event;
        });
        // Not waiting between notifications lets several versions pile up before the server validates.
        void client.change(uri, events);
      }
      const incremental = await client.diagnostics(uri);
      await client.open(freshUri, mirror.getText());
      const fresh = await client.diagnostics(freshUri);
      await client.close(uri);
      await client.close(freshUri);
      assert.deepEqual(incremental, fresh);
    }),
    { numRuns: 80, seed: 5 },
  );
});

test('the language ID decides X12 or JSON; a .json in a URI query does not make an X12 document JSON', async () => {
  const text = loadFixture(join(EXAMPLES, 'inquiry-tst2.x12')).text;
  const response = 'prior-auth-response:/inquiry.response.x12?file%3A%2F%2F%2Fw%2Frequest.json';
  await client.open(response, text, 'x12');
  assert.deepEqual(await client.diagnostics(response), []);
  const named = 'file:///w/request.json';
  await client.open(named, text, 'plaintext');
  const asJson = await client.diagnostics(named);
  assert.ok(asJson.length > 0 && asJson.every((d) => d.source === 'x12-278'), 'a .json file of another language is read as a JSON body');
});

test('a JSON request edited into thousands of nested arrays or objects gets fresh diagnostics, and the server stays up', { timeout: 120_000 }, async () => {
  const uri = 'file:///deep/request.inquiry.json';
  const text = loadFixture(join(EXAMPLES, 'inquiry-tst1.inquiry.json')).text;
  await client.open(uri, text, 'json');
  assert.deepEqual(await client.diagnostics(uri), []);
  for (const deep of [nestedJson('arrays', 3000), nestedJson('objects', 10_000)]) {
    await client.change(uri, [{ text: deep }]);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => d.code), ['json-too-deep']);
  }
  await client.change(uri, [{ text }]);
  assert.deepEqual(await client.diagnostics(uri), []);
  assert.equal(client.exited, false);
});
