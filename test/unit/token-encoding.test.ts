// Semantic tokens go to the client as line/character deltas. The encoder finds line breaks with indexOf rather than
// reading every character; it must agree with TextDocument's own positions wherever the tokens and breaks are.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { encodeTokens } from '../../server/src/lsp/shapes';
import { semanticTokens } from '../../server/src/features/tokens';
import { analyzeDocument } from '../../server/src/validate/document';
import { generateBatch } from '../bench/generate';

/** The LSP encoding computed from TextDocument.positionAt, token by token. */
function reference(doc: TextDocument, tokens: number[]): number[] {
  const data: number[] = [];
  let prev = { line: 0, character: 0 };
  for (let i = 0; i < tokens.length; i += 4) {
    const at = doc.positionAt(tokens[i]);
    data.push(at.line - prev.line, at.line === prev.line ? at.character - prev.character : at.character, tokens[i + 1], tokens[i + 2], tokens[i + 3]);
    prev = at;
  }
  return data;
}

const piece = fc.oneof(fc.constantFrom('\n', '\r\n', '\r', '\r\r\n', '\n\r'), fc.string({ maxLength: 6 }));

test('token positions agree with TextDocument for any mix of \\n, \\r\\n and lone \\r', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 30 }), (pieces, picks) => {
      const text = pieces.join('');
      // Tokens start anywhere but inside a \r\n pair, in offset order (as the features produce them).
      const starts = [...new Set(picks.map((p) => (text.length ? p % text.length : 0)))]
        .filter((o) => text.length > 0 && !(text[o] === '\n' && text[o - 1] === '\r'))
        .sort((a, b) => a - b);
      const tokens = starts.flatMap((o, k) => [o, 1, k % 7, k % 3]);
      const doc = TextDocument.create('file:///t.x12', 'x12', 1, text);
      assert.deepEqual(encodeTokens(doc, tokens), reference(doc, tokens), JSON.stringify(text));
    }),
    { seed: 2780, numRuns: 500 },
  );
});

test('a batch over the full-detail limit: one segment-ID token per segment, at the positions TextDocument gives', () => {
  const text = generateBatch(1800).replace(/~\n/g, (m, at: number) => (at % 3 === 0 ? '~\r\n' : at % 3 === 1 ? '~\r' : m));
  const doc = TextDocument.create('file:///huge.x12', 'x12', 1, text);
  const analysis = analyzeDocument(text);
  const tokens = semanticTokens(analysis);
  assert.equal(tokens.length / 4, analysis.table.segmentCount);
  assert.deepEqual(encodeTokens(doc, tokens), reference(doc, tokens));
});
