// Data-driven fixtures: `name.x12` beside `name.expected`, one line per expected problem:
//   LINE:COL severity code "covered text"
// Lines starting with # are comments; "# max-problems: N" sets the cap for that fixture.
// UPDATE_FIXTURES=1 rewrites the .expected files from the current output (review the diff before committing).

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Problem } from '../../server/src/problems/problem';
import { LineIndex } from '../../server/src/x12/lines';

export const REPO = resolve(__dirname, '../../..');
export const FIXTURES = join(REPO, 'test/fixtures');
export const EXAMPLES = join(REPO, 'examples');
export const UPDATE = process.env.UPDATE_FIXTURES === '1';

export interface Fixture {
  readonly name: string;
  readonly path: string;
  readonly text: string;
  readonly expectedPath: string;
  readonly expected: string[];
  readonly maxProblems?: number;
}

export function listFiles(dir: string, extension: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(extension))
    .sort()
    .map((f) => join(dir, f));
}

export function loadFixture(path: string): Fixture {
  const expectedPath = path.replace(/\.(x12|json)$/, '.expected');
  const raw = existsSync(expectedPath) ? readFileSync(expectedPath, 'utf8').split('\n') : [];
  const directive = raw.map((l) => /^#\s*max-problems:\s*(\d+)/.exec(l)).find(Boolean);
  return {
    name: path.slice(FIXTURES.length + 1),
    path,
    text: readFileSync(path, 'utf8'),
    expectedPath,
    expected: raw.filter((l) => l.trim() && !l.startsWith('#')),
    maxProblems: directive ? Number(directive[1]) : undefined,
  };
}

/** One expectation line for a problem given as offsets. */
export function describeProblem(text: string, lines: LineIndex, p: Pick<Problem, 'start' | 'end' | 'severity' | 'code'>): string {
  const at = lines.position(p.start);
  const covered = text
    .slice(p.start, p.end)
    .replace(/\r?\n/g, '⏎')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const shown = covered.length > 40 ? covered.slice(0, 37) + '...' : covered;
  return `${at.line + 1}:${at.character + 1} ${p.severity} ${p.code} "${shown}"`;
}

export function describeAll(text: string, problems: readonly Pick<Problem, 'start' | 'end' | 'severity' | 'code'>[]): string[] {
  const lines = new LineIndex(text);
  return problems.map((p) => describeProblem(text, lines, p));
}

/** Writes the .expected file when updating; returns the expectation to compare against. */
export function expectationFor(fixture: Fixture, actual: string[]): string[] {
  if (UPDATE) {
    const header = fixture.maxProblems ? `# max-problems: ${fixture.maxProblems}\n` : '';
    const comments = existsSync(fixture.expectedPath)
      ? readFileSync(fixture.expectedPath, 'utf8').split('\n').filter((l) => l.startsWith('#') && !/max-problems/.test(l))
      : [];
    writeFileSync(fixture.expectedPath, header + [...comments, ...actual].join('\n') + '\n');
    return actual;
  }
  return fixture.expected;
}

export const CARET = '‸';

/** Removes every caret marker and returns the clean text with the carets' offsets in it. */
export function takeCarets(marked: string): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let text = '';
  let from = 0;
  for (let at = marked.indexOf(CARET); at >= 0; at = marked.indexOf(CARET, from)) {
    text += marked.slice(from, at);
    offsets.push(text.length);
    from = at + CARET.length;
  }
  return { text: text + marked.slice(from), offsets };
}

/** Splits an expectation file into "## n" sections (one per caret); text before the first section is ignored. */
export function readSections(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split(/^## \d+\n/m)
    .slice(1)
    .map((s) => s.replace(/\n$/, ''));
}

export function writeSections(path: string, sections: readonly string[]): void {
  writeFileSync(path, sections.map((s, i) => `## ${i + 1}\n${s}\n`).join(''));
}
