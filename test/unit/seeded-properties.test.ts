// Every property test runs with a fixed seed, so a failure in `npm test` is the same failure on the next run: each
// fc.assert, fc.check and fc.sample call in the test sources passes a `seed` among its parameters.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO } from '../helpers/fixtures';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return entry.endsWith('.ts') ? [path] : [];
  });
}

/** The text from `open` (an opening parenthesis) to its matching parenthesis, skipping quoted text and comments. */
function argumentsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i < 0) break;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}

test('every fast-check run in the tests has a fixed seed', () => {
  const calls: string[] = [];
  const unseeded: string[] = [];
  for (const path of sources(join(REPO, 'test'))) {
    const text = readFileSync(path, 'utf8');
    for (const match of text.matchAll(/\bfc\.(assert|check|sample)\(/g)) {
      const where = `${relative(REPO, path)}:${text.slice(0, match.index).split('\n').length}`;
      calls.push(where);
      if (!/\bseed\b/.test(argumentsAt(text, match.index + match[0].length - 1))) unseeded.push(where);
    }
  }
  assert.ok(calls.length >= 20, `${calls.length} property runs found`);
  assert.deepEqual(unseeded, []);
});
