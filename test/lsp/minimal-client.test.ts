// A client that offers only the minimal capabilities (as a bare-bones editor integration would): every feature still
// answers, degraded where the client cannot take more.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem, Hover, InlayHint, SymbolInformation } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { EXAMPLES } from '../helpers/fixtures';

let client: LspTestClient;
const text = readFileSync(join(EXAMPLES, 'inquiry-tst2.x12'), 'utf8');
const uri = 'file:///minimal/inquiry.x12';
const lines = text.split('\n');
const at = (prefix: string, character: number) => ({ line: lines.findIndex((l) => l.startsWith(prefix)), character });

before(async () => {
  // No workspace/configuration, no hierarchical symbols, no snippets, no semantic tokens, no code-action literals;
  // settings arrive through initializationOptions instead.
  client = await LspTestClient.start({}, { priorAuth: { inlayHints: { enabled: true, show: 'codes' }, maxProblems: 50 } });
  await client.open(uri, text);
});
after(async () => {
  await client.stop();
});

test('the server does not advertise what the client cannot use', () => {
  const caps = client.initializeResult!.capabilities;
  assert.equal(caps.semanticTokensProvider, undefined);
  assert.equal(caps.codeActionProvider, true);
  assert.equal(caps.hoverProvider, true);
});

test('diagnostics are pushed', async () => {
  assert.deepEqual(await client.diagnostics(uri), []);
  const broken = text.replace('SE*24*0001', 'SE*99*0001');
  await client.open('file:///minimal/broken.x12', broken);
  const diagnostics = await client.diagnostics('file:///minimal/broken.x12');
  assert.deepEqual(diagnostics.map((d) => d.code), ['se01-count']);
});

test('hover, flat symbols, plain-text completion, formatting and inlay hints all answer', async () => {
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at('NM1*IL', 0) });
  assert.match((hover.contents as { value: string }).value, /Subscriber Name/);

  const symbols = await client.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(symbols.length > 30);
  assert.ok(symbols.every((s) => 'location' in s));
  assert.ok(symbols.some((s) => s.name === '2000C Subscriber: DOE, JOE (TST2)' && s.containerName?.startsWith('2000B Requester')));

  const completion = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: at('UM*HS', 3) });
  assert.ok(completion.some((c) => c.label === 'HS'));
  assert.ok(completion.every((c) => c.insertTextFormat === 1), 'plain text, no snippets');
  assert.ok(completion.every((c) => c.labelDetails === undefined), 'no labelDetails without the capability');

  const formatting = await client.request<unknown[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.deepEqual(formatting, []);

  const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: at('UM*HS', 0), end: { line: at('UM*HS', 0).line + 1, character: 0 } } });
  assert.equal(hints[0].label, 'Health Services Review', 'inlay hint settings came from initializationOptions');

  const actions = await client.request<unknown[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } });
  assert.deepEqual(actions, []);
  assert.equal(client.exited, false);
});
