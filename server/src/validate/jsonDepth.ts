// The nesting depth of JSON text, found with a scanner (no recursion) before any recursive parser sees the text.

import { createScanner, SyntaxKind } from 'jsonc-parser';
import { MAX_JSON_DEPTH } from '../convert/jsonDepth';

/** Offset of the first `[` or `{` that opens level `limit + 1` of `text`, or -1 when the text nests no deeper. */
export function tooDeepAt(text: string, limit = MAX_JSON_DEPTH): number {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (++depth > limit) return scanner.getTokenOffset();
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      if (depth > 0) depth--;
    }
  }
  return -1;
}
