// The shape every LSP response must have for VS Code to take it: positions inside the document, ranges that do not
// run backwards, the extension host's own checks (document symbols with a name and a selection range inside their
// range, selection-range parents that contain their child, completion edits on one line around the cursor, inlay
// hints with a label), semantic tokens that stay on their line and do not overlap, edits that do not overlap.
// Each check returns a list of what is wrong (empty when the response is well-formed), so a fuzz run can count them.

import type {
  CompletionItem, CompletionList, Diagnostic, DocumentHighlight, DocumentSymbol, FoldingRange, Hover, InlayHint,
  Location, Position, Range, SelectionRange, SemanticTokens, SemanticTokensLegend, SymbolInformation, TextEdit,
} from 'vscode-languageserver-protocol';

/** The document's lines as LSP counts them (\r\n, \r and \n end a line), lengths in UTF-16 code units. */
export class Lines {
  readonly lengths: number[] = [];
  constructor(readonly text: string) {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0d || c === 0x0a) {
        this.lengths.push(i - start);
        if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
        start = i + 1;
      }
    }
    this.lengths.push(text.length - start);
  }
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

export function positionProblems(lines: Lines, p: Position | undefined, what: string): string[] {
  if (!p || typeof p !== 'object') return [`${what}: not a position (${JSON.stringify(p)})`];
  if (!isCount(p.line) || !isCount(p.character)) return [`${what}: line and character must be whole numbers ≥ 0 (${JSON.stringify(p)})`];
  if (p.line >= lines.lengths.length) return [`${what}: line ${p.line} is past the last line (${lines.lengths.length - 1})`];
  if (p.character > lines.lengths[p.line]) return [`${what}: character ${p.character} is past the end of line ${p.line} (${lines.lengths[p.line]})`];
  return [];
}

export function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

export function contains(outer: Range, inner: Range | Position): boolean {
  const r = 'start' in inner ? inner : { start: inner, end: inner };
  return !before(r.start, outer.start) && !before(outer.end, r.end);
}

export function rangeProblems(lines: Lines, r: Range | undefined, what: string): string[] {
  if (!r || typeof r !== 'object') return [`${what}: not a range (${JSON.stringify(r)})`];
  const found = [...positionProblems(lines, r.start, `${what}.start`), ...positionProblems(lines, r.end, `${what}.end`)];
  if (found.length === 0 && before(r.end, r.start)) found.push(`${what}: ends before it starts (${JSON.stringify(r)})`);
  return found;
}

function nonEmptyText(s: unknown): boolean {
  return typeof s === 'string' && s.trim().length > 0;
}

export function diagnosticsProblems(lines: Lines, list: Diagnostic[]): string[] {
  if (!Array.isArray(list)) return ['diagnostics: not an array'];
  return list.flatMap((d, i) => [
    ...rangeProblems(lines, d.range, `diagnostic ${i}`),
    ...(nonEmptyText(d.message) ? [] : [`diagnostic ${i}: empty message`]),
    ...(d.severity === undefined || [1, 2, 3, 4].includes(d.severity) ? [] : [`diagnostic ${i}: severity ${d.severity}`]),
    ...(typeof d.code === 'string' || typeof d.code === 'number' ? [] : [`diagnostic ${i}: no code`]),
  ]);
}

export function hoverProblems(lines: Lines, hover: Hover | null, at: Position): string[] {
  if (hover === null) return [];
  const contents = hover.contents as { value?: unknown } | string | unknown[];
  const found: string[] = [];
  if (typeof contents === 'object' && !Array.isArray(contents) && !nonEmptyText((contents as { value?: unknown }).value)) found.push('hover: empty contents');
  if (hover.range) {
    found.push(...rangeProblems(lines, hover.range, 'hover.range'));
    if (found.length === 0 && !contains(hover.range, at)) found.push(`hover.range ${JSON.stringify(hover.range)} does not contain the position ${JSON.stringify(at)}`);
  }
  return found;
}

/** VS Code's DocumentSymbol constructor: a name that is not empty, a selection range inside the range. */
export function documentSymbolProblems(lines: Lines, symbols: (DocumentSymbol | SymbolInformation)[] | null, path = 'symbol'): string[] {
  if (symbols === null) return [];
  if (!Array.isArray(symbols)) return [`${path}s: not an array`];
  const found: string[] = [];
  symbols.forEach((s, i) => {
    const where = `${path} ${i} "${String(s.name).slice(0, 40)}"`;
    if (!nonEmptyText(s.name)) found.push(`${where}: empty name`);
    if (typeof s.kind !== 'number' || s.kind < 1 || s.kind > 26) found.push(`${where}: kind ${s.kind}`);
    if ('location' in s) {
      found.push(...rangeProblems(lines, s.location.range, `${where}.location.range`));
      return;
    }
    const own = [...rangeProblems(lines, s.range, `${where}.range`), ...rangeProblems(lines, s.selectionRange, `${where}.selectionRange`)];
    found.push(...own);
    if (own.length === 0 && !contains(s.range, s.selectionRange)) found.push(`${where}: selectionRange ${JSON.stringify(s.selectionRange)} is not inside range ${JSON.stringify(s.range)}`);
    if (s.children) found.push(...documentSymbolProblems(lines, s.children, `${where} > child`));
  });
  return found;
}

export function foldingProblems(lines: Lines, ranges: FoldingRange[]): string[] {
  if (!Array.isArray(ranges)) return ['folding ranges: not an array'];
  return ranges.flatMap((r, i) => {
    if (!isCount(r.startLine) || !isCount(r.endLine)) return [`folding range ${i}: lines must be whole numbers`];
    if (r.endLine >= lines.lengths.length) return [`folding range ${i}: endLine ${r.endLine} is past the last line`];
    return r.startLine <= r.endLine ? [] : [`folding range ${i}: startLine ${r.startLine} after endLine ${r.endLine}`];
  });
}

/** VS Code: the first range contains the position, and each parent contains its child. */
export function selectionRangeProblems(lines: Lines, list: SelectionRange[], positions: Position[]): string[] {
  if (!Array.isArray(list) || list.length !== positions.length) return [`selection ranges: ${Array.isArray(list) ? list.length : 'no'} answers for ${positions.length} positions`];
  const found: string[] = [];
  list.forEach((first, i) => {
    let child: SelectionRange | undefined = first;
    let depth = 0;
    const own = rangeProblems(lines, first.range, `selection range ${i}`);
    found.push(...own);
    if (own.length === 0 && !contains(first.range, positions[i])) found.push(`selection range ${i}: ${JSON.stringify(first.range)} does not contain the position ${JSON.stringify(positions[i])}`);
    while (child?.parent) {
      const parent: SelectionRange = child.parent;
      depth++;
      const problems = rangeProblems(lines, parent.range, `selection range ${i} parent ${depth}`);
      found.push(...problems);
      if (problems.length === 0 && !contains(parent.range, child.range)) found.push(`selection range ${i}: parent ${depth} ${JSON.stringify(parent.range)} does not contain ${JSON.stringify(child.range)}`);
      child = parent;
    }
  });
  return found;
}

export function locationProblems(lines: Lines, result: Location | Location[] | null, uri: string): string[] {
  if (result === null) return [];
  const list = Array.isArray(result) ? result : [result];
  return list.flatMap((l, i) => [...(l.uri === uri ? [] : [`definition ${i}: another document ${l.uri}`]), ...rangeProblems(lines, l.range, `definition ${i}`)]);
}

export function highlightProblems(lines: Lines, list: DocumentHighlight[]): string[] {
  if (!Array.isArray(list)) return ['highlights: not an array'];
  return list.flatMap((h, i) => rangeProblems(lines, h.range, `highlight ${i}`));
}

/**
 * Relative tokens: five whole numbers each, in order, not overlapping, each on one line (a token never reaches past
 * its line's end), types and modifiers inside the legend.
 */
export function semanticTokenProblems(lines: Lines, tokens: SemanticTokens | null, legend: SemanticTokensLegend): string[] {
  if (tokens === null) return [];
  const data = tokens.data;
  if (!Array.isArray(data) || data.length % 5 !== 0) return [`semantic tokens: data length ${Array.isArray(data) ? data.length : 'none'} is not a multiple of 5`];
  const found: string[] = [];
  let line = 0;
  let char = 0;
  let prevEnd = 0;
  for (let i = 0; i < data.length && found.length < 5; i += 5) {
    const [deltaLine, deltaChar, length, type, modifiers] = data.slice(i, i + 5);
    if (![deltaLine, deltaChar, length, type, modifiers].every(isCount)) {
      found.push(`semantic token ${i / 5}: not whole numbers ≥ 0 (${data.slice(i, i + 5).join(',')})`);
      continue;
    }
    if (deltaLine > 0) {
      line += deltaLine;
      char = deltaChar;
    } else {
      char += deltaChar;
      if (i > 0 && char < prevEnd) found.push(`semantic token ${i / 5}: overlaps the previous token on line ${line}`);
    }
    prevEnd = char + length;
    if (length === 0) found.push(`semantic token ${i / 5}: empty`);
    if (line >= lines.lengths.length) found.push(`semantic token ${i / 5}: line ${line} is past the last line`);
    else if (char + length > lines.lengths[line]) found.push(`semantic token ${i / 5}: line ${line} character ${char} length ${length} crosses the end of the line (${lines.lengths[line]})`);
    if (type >= legend.tokenTypes.length) found.push(`semantic token ${i / 5}: type ${type} is not in the legend`);
    if (modifiers >= 2 ** legend.tokenModifiers.length) found.push(`semantic token ${i / 5}: modifiers ${modifiers} are not in the legend`);
  }
  return found;
}

/** VS Code takes a completion's edit only when it is on one line and contains the cursor. */
export function completionProblems(lines: Lines, result: CompletionItem[] | CompletionList | null, at: Position): string[] {
  if (result === null) return [];
  const items = Array.isArray(result) ? result : result.items;
  const found: string[] = [];
  items.forEach((item, i) => {
    const where = `completion ${i} "${String(item.label).slice(0, 30)}"`;
    if (!nonEmptyText(item.label)) found.push(`${where}: empty label`);
    const edit = item.textEdit;
    if (!edit) return;
    const range = 'range' in edit ? edit.range : edit.insert;
    const own = rangeProblems(lines, range, `${where}.textEdit`);
    found.push(...own);
    if (own.length > 0) return;
    if (range.start.line !== range.end.line) found.push(`${where}: its edit spans lines ${range.start.line}-${range.end.line}`);
    if (!contains(range, at)) found.push(`${where}: its edit ${JSON.stringify(range)} does not contain the cursor ${JSON.stringify(at)}`);
  });
  return found;
}

/** Edits of one document: valid ranges that do not overlap (VS Code refuses overlapping edits). */
export function editProblems(lines: Lines, edits: TextEdit[], what: string): string[] {
  if (!Array.isArray(edits)) return [`${what}: not an array`];
  const found = edits.flatMap((e, i) => [...rangeProblems(lines, e.range, `${what} ${i}`), ...(typeof e.newText === 'string' ? [] : [`${what} ${i}: no newText`])]);
  if (found.length > 0) return found;
  const sorted = [...edits].sort((a, b) => (before(a.range.start, b.range.start) ? -1 : before(b.range.start, a.range.start) ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (before(sorted[i].range.start, sorted[i - 1].range.end)) found.push(`${what}: edits ${JSON.stringify(sorted[i - 1].range)} and ${JSON.stringify(sorted[i].range)} overlap`);
  }
  return found;
}

export function inlayHintProblems(lines: Lines, hints: InlayHint[] | null): string[] {
  if (hints === null) return [];
  return hints.flatMap((h, i) => [
    ...positionProblems(lines, h.position, `inlay hint ${i}`),
    ...(typeof h.label === 'string' ? (h.label.length > 0 ? [] : [`inlay hint ${i}: empty label`]) : h.label.length > 0 ? [] : [`inlay hint ${i}: no label parts`]),
  ]);
}
