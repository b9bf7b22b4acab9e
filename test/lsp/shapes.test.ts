// Responses VS Code would reject or misread, over the real server: each case once produced one, and the protocol
// shape checker (test/helpers/lspShapes.ts) now finds nothing wrong with any of them.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem, DocumentSymbol, Position, SelectionRange, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { EXAMPLES } from '../helpers/fixtures';
import { Lines, completionProblems, documentSymbolProblems, selectionRangeProblems, semanticTokenProblems } from '../helpers/lspShapes';

let client: LspTestClient;
let legend: SemanticTokensLegend;
let counter = 0;
before(async () => {
  client = await LspTestClient.start();
  legend = (client.initializeResult?.capabilities.semanticTokensProvider as { legend: SemanticTokensLegend }).legend;
});
after(async () => {
  await client.stop();
});

const example = readFileSync(join(EXAMPLES, 'inquiry-tst2.x12'), 'utf8');

async function open(text: string, name = 'doc.x12', languageId = 'x12'): Promise<string> {
  const uri = `file:///shapes/${counter++}/${name}`;
  await client.open(uri, text, languageId);
  await client.diagnostics(uri);
  return uri;
}

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}

async function symbolProblems(text: string): Promise<string[]> {
  const uri = await open(text);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  return documentSymbolProblems(new Lines(text), symbols);
}

test('a segment that starts with a delimiter gets an outline entry with a name', async () => {
  assert.deepEqual(await symbolProblems(example.replace('\nUM*', '\n*UM*')), []);
});

test('an ST…SE after the IEA gets outline positions that are numbers', async () => {
  const st = example.slice(example.indexOf('ST*'), example.indexOf('GE*'));
  assert.deepEqual(await symbolProblems(`${example.trimEnd()}\n${st}`), []);
});

test('selection ranges hold the cursor and each parent holds its child: typing at the end without SE, an envelope segment inside a transaction', async () => {
  const lines = example.split('\n');
  const texts = [
    `${example.slice(0, example.indexOf('SE*'))}DTP*472*D8*2026  `,
    [...lines.slice(0, 4), 'IEA*1*000000001~', ...lines.slice(4)].join('\n'),
    [...lines.slice(0, 4), 'GS*HI*A*B*20260101*1200*1*X*005010X215~', ...lines.slice(4)].join('\n'),
  ];
  for (const text of texts) {
    const uri = await open(text);
    const positions = [text.length - 1, text.length, text.indexOf('HL*3'), text.lastIndexOf('DTP'), 175, 176].map((o) => positionOf(text, o));
    const ranges = await client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions });
    assert.deepEqual(selectionRangeProblems(new Lines(text), ranges, positions), []);
  }
});

test('a JSON request gets one selection range per position', async () => {
  const text = readFileSync(join(EXAMPLES, 'inquiry-tst1.inquiry.json'), 'utf8');
  const uri = await open(text, 'request.inquiry.json', 'json');
  const positions = [positionOf(text, 10), positionOf(text, 40)];
  const ranges = await client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions });
  assert.deepEqual(selectionRangeProblems(new Lines(text), ranges, positions), []);
});

test('semantic tokens never cross a line break, also where an ID, a value or a delimiter holds one', async () => {
  const texts = [
    example.replace('\nNM1*IL', '\nN\nM1*IL'), // a line break inside a segment ID
    example.replace('\nNM1*IL*1*', '\nNM1*IL*1*DO\r\nE'), // inside a value
    example.replace(/~\n/g, '~\r').replace(/~\r$/, '~'), // lone carriage returns between segments
  ];
  for (const text of texts) {
    const uri = await open(text);
    const full = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual(semanticTokenProblems(new Lines(text), full, legend), []);
    const range = { start: { line: 0, character: 0 }, end: positionOf(text, text.length) };
    const part = await client.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri }, range });
    assert.deepEqual(semanticTokenProblems(new Lines(text), part, legend), []);
  }
});

test('completion edits stay on the cursor\'s line and hold the cursor', async () => {
  const text = example.replace('\nUM*', '\nU\nM*');
  const uri = await open(text);
  for (const offset of [text.indexOf('\nU\nM*') + 2, text.indexOf('\nU\nM*') + 3, text.indexOf('\nU\nM*') + 4]) {
    const position = positionOf(text, offset);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
    assert.deepEqual(completionProblems(new Lines(text), items, position), [], `at ${JSON.stringify(position)}`);
  }
});
