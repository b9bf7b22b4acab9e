// Editor features over the real server, driven by fixtures: hover, completion, symbols, folding, selection,
// tokens, definition and highlights. Fixture files mark cursor positions with ‸; expectations sit beside them.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompletionItemKind, type CompletionItem, type DocumentSymbol, type FoldingRange, type Hover, type Location, type Position, type SelectionRange, type DocumentHighlight } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { FIXTURES, UPDATE, listFiles, readSections, takeCarets, writeSections } from '../helpers/fixtures';
import { LineIndex } from '../../server/src/x12/lines';

const FEATURES = join(FIXTURES, 'features');
let client: LspTestClient;
let counter = 0;

before(async () => {
  client = await LspTestClient.start();
});
after(async () => {
  await client.stop();
});

async function openMarked(path: string): Promise<{ uri: string; text: string; positions: Position[] }> {
  const { text, offsets } = takeCarets(readFileSync(path, 'utf8'));
  const uri = `file:///features/${counter++}/${path.slice(path.lastIndexOf('/') + 1)}`;
  await client.open(uri, text);
  await client.diagnostics(uri);
  const lines = new LineIndex(text);
  return { uri, text, positions: offsets.map((o) => lines.position(o)) };
}

function compareSections(expectedPath: string, actual: string[]): void {
  if (UPDATE) writeSections(expectedPath, actual);
  assert.deepEqual(actual, readSections(expectedPath));
}

function compareText(expectedPath: string, actual: string): void {
  if (UPDATE) writeFileSync(expectedPath, actual);
  assert.equal(actual, existsSync(expectedPath) ? readFileSync(expectedPath, 'utf8') : '<missing expectation>');
}

function rangeText(text: string, r: { start: Position; end: Position }): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return `${lines[r.start.line].slice(r.start.character)}⏎…⏎${lines[r.end.line].slice(0, r.end.character)}`;
}

for (const path of listFiles(join(FEATURES, 'hover'), '.x12')) {
  test(`hover: ${path.slice(FEATURES.length + 1)}`, async () => {
    const { uri, text, positions } = await openMarked(path);
    const actual: string[] = [];
    for (const position of positions) {
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
      actual.push(hover ? `[${rangeText(text, hover.range!)}]\n${(hover.contents as { value: string }).value}` : '(no hover)');
    }
    compareSections(path.replace(/\.x12$/, '.md'), actual);
  });
}

for (const path of listFiles(join(FEATURES, 'completion'), '.x12')) {
  test(`completion: ${path.slice(FEATURES.length + 1)}`, async () => {
    const { uri, text, positions } = await openMarked(path);
    const actual: string[] = [];
    for (const position of positions) {
      const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
      const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
      // The meaning of a code, or the name of a segment, shows beside the label on every row.
      for (const i of items) {
        const beside = i.kind === CompletionItemKind.Struct ? i.detail?.split(' · ')[0] : i.detail;
        assert.equal(i.labelDetails?.description, beside, `${i.label}: labelDetails.description`);
      }
      actual.push(
        sorted
          .map((i) => {
            const edit = i.textEdit as { range: { start: Position; end: Position }; newText: string };
            return `${i.label} — ${i.detail} → [${rangeText(text, edit.range)}] ${edit.newText}`;
          })
          .join('\n') || '(none)',
      );
    }
    compareSections(path.replace(/\.x12$/, '.expected'), actual);
  });
}

function outline(symbols: DocumentSymbol[], indent = ''): string[] {
  return symbols.flatMap((s) => [`${indent}${s.name}${s.detail ? `  [${s.detail}]` : ''}  ${s.range.start.line + 1}-${s.range.end.line + 1}`, ...outline(s.children ?? [], indent + '  ')]);
}

for (const path of listFiles(join(FEATURES, 'symbols'), '.x12')) {
  test(`symbols and folding: ${path.slice(FEATURES.length + 1)}`, async () => {
    const { uri } = await openMarked(path);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const folding = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const lines = [...outline(symbols), '', 'folding:', ...folding.map((f) => `${f.startLine + 1}-${f.endLine + 1}`)];
    compareText(path.replace(/\.x12$/, '.expected'), lines.join('\n') + '\n');
  });
}

for (const path of listFiles(join(FEATURES, 'selection'), '.x12')) {
  test(`selection, definition and highlights: ${path.slice(FEATURES.length + 1)}`, async () => {
    const { uri, text, positions } = await openMarked(path);
    const actual: string[] = [];
    for (const position of positions) {
      const [selection] = await client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions: [position] });
      const chain: string[] = [];
      for (let r: SelectionRange | undefined = selection; r; r = r.parent) chain.push(`selection ${r.range.start.line + 1}:${r.range.start.character + 1}-${r.range.end.line + 1}:${r.range.end.character + 1} "${rangeText(text, r.range).slice(0, 30)}"`);
      const definition = await client.request<Location | null>('textDocument/definition', { textDocument: { uri }, position });
      const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri }, position });
      actual.push([...chain, `definition ${definition ? `${definition.range.start.line + 1} "${rangeText(text, definition.range)}"` : '-'}`, `highlights ${highlights.map((h) => `${h.range.start.line + 1}:"${rangeText(text, h.range)}"`).join(' ') || '-'}`].join('\n'));
    }
    compareSections(path.replace(/\.x12$/, '.expected'), actual);
  });
}

const TYPES = ['keyword', 'namespace', 'enumMember', 'variable', 'number', 'string', 'operator'];
const MODS = ['date', 'time'];

for (const path of listFiles(join(FEATURES, 'tokens'), '.x12')) {
  test(`semantic tokens: ${path.slice(FEATURES.length + 1)}`, async () => {
    const { uri, text } = await openMarked(path);
    const legend = (client.initializeResult!.capabilities.semanticTokensProvider as { legend: { tokenTypes: string[]; tokenModifiers: string[] } }).legend;
    assert.deepEqual(legend.tokenTypes, TYPES);
    assert.deepEqual(legend.tokenModifiers, MODS);
    const { data } = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const lines = text.split(/\r\n|\r|\n/);
    const out: string[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
      const mods = MODS.filter((_, bit) => data[i + 4] & (1 << bit));
      if (legend.tokenTypes[data[i + 3]] === 'operator') continue;
      out.push(`${line + 1}:${char + 1} ${legend.tokenTypes[data[i + 3]]}${mods.length ? '.' + mods.join('.') : ''} "${lines[line].slice(char, char + data[i + 2])}"`);
    }
    compareText(path.replace(/\.x12$/, '.expected'), out.join('\n') + '\n');
    const ranged = await client.request<{ data: number[] }>('textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } });
    assert.deepEqual(ranged.data, data);
  });
}

test('every segment and every element of every example has a hover naming it', async () => {
  for (const path of listFiles(join(FIXTURES, '../../examples'), '.x12')) {
    const text = readFileSync(path, 'utf8');
    const uri = `file:///features/all-hovers/${path.slice(path.lastIndexOf('/') + 1)}`;
    await client.open(uri, text);
    await client.diagnostics(uri);
    const lines = text.split('\n');
    for (const [lineNo, line] of lines.entries()) {
      if (!line.trim()) continue;
      const id = line.slice(0, line.indexOf('*'));
      let character = 0;
      for (const [pos, value] of line.replace(/~$/, '').split('*').entries()) {
        if (value.length > 0 || pos === 0) {
          const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: lineNo, character } });
          const label = pos === 0 ? `**${id}` : `**${id}${String(pos).padStart(2, '0')}`;
          const markdown = hover ? (hover.contents as { value: string }).value : '';
          assert.ok(markdown.startsWith(label) && (pos === 0 || /^\*\*[A-Z0-9]+( — [^*]+)?\*\*/.test(markdown)), `${path}:${lineNo + 1}:${character + 1} ${label}`);
          if (pos === 0 && !['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA', 'BHT'].includes(id)) {
            assert.match(markdown, /Loop \*\*20\d\d[A-F]{1,2} /, `${path}:${lineNo + 1} loop named`);
          }
        }
        character += value.length + 1;
      }
    }
  }
});

test('huge batches: the outline lists transactions by subscriber and decision; full tokens are segment IDs, ranges stay detailed', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generateBatch } = require('../bench/generate') as typeof import('../bench/generate');
  const text = generateBatch(1800);
  assert.ok(text.length > 1024 * 1024, 'over the full-detail limit');
  const uri = 'file:///features/huge.x12';
  await client.open(uri, text);
  await client.diagnostics(uri);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  const transactions = symbols[0].children!.find((c) => c.name.startsWith('Group'))!.children!.filter((c) => c.name.startsWith('278 '));
  assert.equal(transactions.length, 1800);
  assert.ok(transactions.every((tx) => (tx.children ?? []).length === 0), 'transactions are leaves');
  assert.match(transactions[0].name, /^278 0001 · Prior authorization (request|response) \(X217\) · [A-Z]+, [A-Z]+ \(M\d{9}\)/);

  const full = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
  const lines = text.split('\n').filter((l) => l.length > 0);
  assert.equal(full.data.length / 5, lines.length, 'one token per segment: its ID');
  const range = await client.request<{ data: number[] }>('textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: { line: 100, character: 0 }, end: { line: 110, character: 0 } } });
  assert.ok(range.data.length / 5 > 30, 'the visible range gets values and delimiters too');
  await client.close(uri);
});
