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

export function toDocumentSymbol(doc: TextDocument, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: toRange(doc, s.start, s.end),
    selectionRange: toRange(doc, s.selectionStart, s.selectionEnd),
    children: s.children.map((c) => toDocumentSymbol(doc, c)),
  };
}

/** Flat symbols for clients without hierarchical support; containerName keeps the tree readable. */
export function toSymbolInformation(doc: TextDocument, symbols: readonly OutlineSymbol[], container?: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of symbols) {
    out.push({ name: s.name, kind: SYMBOL_KIND[s.kind], location: { uri: doc.uri, range: toRange(doc, s.start, s.end) }, ...(container ? { containerName: container } : {}) });
    out.push(...toSymbolInformation(doc, s.children, s.name));
  }
  return out;
}

export function toFoldingRange(doc: TextDocument, s: Span): FoldingRange {
  return { startLine: doc.positionAt(s.start).line, endLine: doc.positionAt(s.end).line };
}

export function toSelectionRange(doc: TextDocument, spans: readonly Span[], at: Position): SelectionRange {
  let range: SelectionRange | undefined;
  for (let i = spans.length - 1; i >= 0; i--) range = { range: toRange(doc, spans[i].start, spans[i].end), ...(range ? { parent: range } : {}) };
  return range ?? { range: { start: at, end: at } };
}

/** `labelDetails`: the client shows the meaning of a code (or the name of a segment) beside its label on every row. */
export function toCompletionItem(doc: TextDocument, c: CompletionEntry, snippets: boolean, labelDetails = false): CompletionItem {
  const item: CompletionItem = {
    label: c.label,
    kind: c.kind === 'segment' ? CompletionItemKind.Struct : c.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
    detail: c.detail,
    sortText: c.sortText,
    filterText: c.filterText ?? c.label,
    textEdit: {
      range: toRange(doc, c.replaceStart, c.replaceEnd),
      newText: snippets ? c.insertSnippet ?? c.insertText.replace(/[$}\\]/g, '\\$&') : c.insertText,
    },
    insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (c.documentation) item.documentation = { kind: 'markdown', value: c.documentation };
  if (labelDetails && c.detail) item.labelDetails = { description: c.kind === 'segment' ? c.detail.split(' · ')[0] : c.detail };
  return item;
}

/** Encodes tokens (offset, length, type, modifiers) as LSP relative positions, walking the text once. */
export function encodeTokens(doc: TextDocument, tokens: TokenList): number[] {
  if (tokens.length === 0) return [];
  const text = doc.getText();
  const data: number[] = new Array((tokens.length / 4) * 5);
  let w = 0;
  const first = doc.positionAt(tokens[0]);
  let line = first.line;
  let lineStart = tokens[0] - first.character;
  let cursor = tokens[0];
  let prevLine = 0;
  let prevChar = 0;
  for (let i = 0; i < tokens.length; i += 4) {
    const offset = tokens[i];
    for (; cursor < offset; cursor++) {
      const c = text.charCodeAt(cursor);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(cursor + 1) !== 0x0a)) {
        line++;
        lineStart = cursor + 1;
      }
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
