// The nesting depth of JSON text, found with a scanner (no recursion) before any recursive parser sees the text: a
// body of thousands of nested arrays or objects must get a clear answer, not overflow the stack.

import { createScanner, SyntaxKind } from 'jsonc-parser';

/** Far beyond any prior-auth request (about six levels), far below what a recursive parser can take. */
export const MAX_JSON_DEPTH = 64;

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

export function tooDeepMessage(limit = MAX_JSON_DEPTH): string {
  return `The JSON nests arrays and objects more than ${limit} levels deep; a prior-auth request needs about six, so the body is not checked further. Remove the extra nesting.`;
}
