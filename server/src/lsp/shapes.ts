// Plain feature results → LSP shapes.

import {
  CompletionItemKind, InsertTextFormat, SymbolKind,
  type CompletionItem, type DocumentSymbol, type FoldingRange, type Position, type SelectionRange, type SymbolInformation,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OutlineKind, OutlineSymbol } from '../features/structure';
import type { CompletionEntry } from '../features/completion';
import type { TokenList } from '../features/tokens';
import type { Span } from '../x12/segments';
import { toRange } from './convert';

const SYMBOL_KIND: Record<OutlineKind, SymbolKind> = {
  interchange: SymbolKind.Package,
  group: SymbolKind.Namespace,
  transaction: SymbolKind.Module,
  level: SymbolKind.Struct,
  loop: SymbolKind.Object,
  segment: SymbolKind.Field,
};

/** VS Code refuses a symbol without a name: the whole outline fails, not just that entry. */
function symbolName(name: string): string {
  return name.trim() ? name : '(unnamed)';
}

export function toDocumentSymbol(doc: TextDocument, s: OutlineSymbol): DocumentSymbol {
  // VS Code also refuses a selection range outside the symbol's range.
  const selectionStart = Math.min(Math.max(s.selectionStart, s.start), s.end);
  const selectionEnd = Math.min(Math.max(s.selectionEnd, selectionStart), s.end);
  return {
    name: symbolName(s.name),
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: toRange(doc, s.start, s.end),
    selectionRange: toRange(doc, selectionStart, selectionEnd),
    children: s.children.map((c) => toDocumentSymbol(doc, c)),
  };
}

/** Flat symbols for clients without hierarchical support; containerName keeps the tree readable. */
export function toSymbolInformation(doc: TextDocument, symbols: readonly OutlineSymbol[], container?: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of symbols) {
    out.push({ name: symbolName(s.name), kind: SYMBOL_KIND[s.kind], location: { uri: doc.uri, range: toRange(doc, s.start, s.end) }, ...(container ? { containerName: container } : {}) });
    out.push(...toSymbolInformation(doc, s.children, s.name));
  }
  return out;
}

export function toFoldingRange(doc: TextDocument, s: Span): FoldingRange {
  return { startLine: doc.positionAt(s.start).line, endLine: doc.positionAt(s.end).line };
}

/**
 * VS Code takes a selection range only when the first range holds the position and each parent holds its child, so
 * each span is widened to hold the ones inside it (a segment without its terminator at the end of a file may end
 * before the cursor), and spans that add nothing are left out.
 */
export function toSelectionRange(doc: TextDocument | undefined, spans: readonly Span[], at: Position): SelectionRange {
  if (!doc) return { range: { start: at, end: at } };
  const offset = doc.offsetAt(at);
  const chain: Span[] = [];
  let start = offset;
  let end = offset;
  for (const span of spans) {
    const wider = { start: Math.min(span.start, start), end: Math.max(span.end, end) };
    if (chain.length > 0 && wider.start === start && wider.end === end) continue;
    chain.push(wider);
    start = wider.start;
    end = wider.end;
  }
  let range: SelectionRange | undefined;
  for (let i = chain.length - 1; i >= 0; i--) range = { range: toRange(doc, chain[i].start, chain[i].end), ...(range ? { parent: range } : {}) };
  return range ?? { range: { start: at, end: at } };
}

/** The cursor's offset and the offsets where its line starts and ends (before the line break). */
export interface CursorLine {
  readonly cursor: number;
  readonly lineStart: number;
  readonly lineEnd: number;
}

export function cursorLine(doc: TextDocument, at: Position): CursorLine {
  const text = doc.getText();
  const cursor = doc.offsetAt(at);
  const lineStart = doc.offsetAt({ line: at.line, character: 0 });
  let lineEnd = cursor;
  while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 0x0a && text.charCodeAt(lineEnd) !== 0x0d) lineEnd++;
  return { cursor, lineStart, lineEnd };
}

/**
 * VS Code applies a completion's edit only when it lies on one line and contains the cursor, so the replaced range
 * is cut to the cursor's line (a value or ID can run over a line break when the terminator is not one).
 */
function replaceRange(c: CompletionEntry, line: CursorLine): [number, number] {
  const start = c.replaceStart <= line.cursor ? Math.max(c.replaceStart, line.lineStart) : line.cursor;
  const end = c.replaceEnd >= line.cursor ? Math.min(c.replaceEnd, line.lineEnd) : line.cursor;
  return [start, end];
}

/** `labelDetails`: the client shows the meaning of a code (or the name of a segment) beside its label on every row. */
export function toCompletionItem(doc: TextDocument, c: CompletionEntry, snippets: boolean, line: CursorLine, labelDetails = false): CompletionItem {
  const [start, end] = replaceRange(c, line);
  const item: CompletionItem = {
    label: c.label,
    kind: c.kind === 'segment' ? CompletionItemKind.Struct : c.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
    detail: c.detail,
    sortText: c.sortText,
    filterText: c.filterText ?? c.label,
    textEdit: {
      range: toRange(doc, start, end),
      newText: snippets ? c.insertSnippet ?? c.insertText.replace(/[$}\\]/g, '\\$&') : c.insertText,
    },
    insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (c.documentation) item.documentation = { kind: 'markdown', value: c.documentation };
  if (labelDetails && c.detail) item.labelDetails = { description: c.kind === 'segment' ? c.detail.split(' · ')[0] : c.detail };
  return item;
}

/**
 * Encodes tokens (offset, length, type, modifiers) as LSP relative positions, walking the text once. Line breaks are
 * \n, \r\n and a lone \r, as TextDocument counts them; they are found with indexOf, since a character loop over a
 * 25 MB batch costs more than the tokens themselves.
 */
export function encodeTokens(doc: TextDocument, tokens: TokenList): number[] {
  if (tokens.length === 0) return [];
  const text = doc.getText();
  const data: number[] = new Array((tokens.length / 4) * 5);
  let w = 0;
  const first = doc.positionAt(tokens[0]);
  let line = first.line;
  let lineStart = tokens[0] - first.character;
  let nextLf = indexOrEnd(text, '\n', lineStart);
  let nextCr = indexOrEnd(text, '\r', lineStart);
  let prevLine = 0;
  let prevChar = 0;
  for (let i = 0; i < tokens.length; i += 4) {
    const offset = tokens[i];
    for (;;) {
      if (nextCr < nextLf && nextCr < offset) {
        // \r\n is one break, counted at its \n.
        if (nextCr + 1 !== nextLf) {
          line++;
          lineStart = nextCr + 1;
        }
        nextCr = indexOrEnd(text, '\r', nextCr + 1);
      } else if (nextLf < offset) {
        line++;
        lineStart = nextLf + 1;
        nextLf = indexOrEnd(text, '\n', nextLf + 1);
      } else break;
    }
    const char = offset - lineStart;
    const deltaLine = line - prevLine;
    data[w++] = deltaLine;
    data[w++] = deltaLine === 0 ? char - prevChar : char;
    data[w++] = tokens[i + 1];
    data[w++] = tokens[i + 2];
    data[w++] = tokens[i + 3];
    prevLine = line;
    prevChar = char;
  }
  return data;
}

function indexOrEnd(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at < 0 ? Number.MAX_SAFE_INTEGER : at;
}
