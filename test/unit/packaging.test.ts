// What the .vsix holds: `vsce ls` (the packager's own list, offline) names exactly what the installed extension needs,
// every file package.json points at is in it, and it stays small. .vscodeignore is an allow-list: a folder the packaged
// extension reads at run time gets a "!folder/**" line there and a prefix in ALLOWED here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The compiled test runs from out/test/unit.
const REPO = resolve(__dirname, '../../..');
const VSCE = join(REPO, 'node_modules/@vscode/vsce/vsce');

/** Every path in the package starts with one of these. */
const ALLOWED = [
  'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'language-configuration.json',
  'dist/', 'syntaxes/', 'snippets/', 'images/', 'media/', 'data/fhir/',
];

/** Files the installed extension cannot work without. */
const REQUIRED = [
  'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'language-configuration.json', 'images/icon.png',
  'dist/extension.js', 'dist/languageClient.js', 'dist/server.js', 'dist/fhir.js', 'dist/api.js', 'dist/sandbox.js', 'dist/cli.js',
  'dist/schemas/common.schema.json', 'dist/schemas/inquiry.schema.json', 'dist/schemas/submission.schema.json',
  'dist/schemas/noa.schema.json', 'dist/schemas/request.schema.json', 'snippets/x12.json', 'snippets/json.json',
  'syntaxes/x12.tmLanguage.json',
];

/** Uncompressed bytes of everything packaged; the .vsix (a zip) is smaller still. Raise it only for a reason. */
const MAX_BYTES = 12 * 1024 * 1024;

function packaged(): string[] {
  assert.ok(existsSync(join(REPO, 'dist/extension.js')), 'run `npm run build` first (npm test does)');
  const out = execFileSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8', env: { ...process.env, VSCE_TELEMETRY: '0' } });
  return out.split('\n').map((l) => l.trim()).filter(Boolean).sort();
}

test('packaging: vsce ls lists only what an installed extension needs', () => {
  const files = packaged();
  const stray = files.filter((f) => !ALLOWED.some((a) => (a.endsWith('/') ? f.startsWith(a) : f === a)));
  assert.deepEqual(stray, [], 'nothing outside the allow-list (sources, tests, fixtures, node_modules, maps)');
  for (const f of REQUIRED) assert.ok(files.includes(f), `${f} is packaged`);
  assert.ok(!files.some((f) => f.endsWith('.map') || f.endsWith('.ts')), 'no sources or source maps');
  const bytes = files.reduce((n, f) => n + statSync(join(REPO, f)).size, 0);
  assert.ok(bytes < MAX_BYTES, `${(bytes / 1024 / 1024).toFixed(1)} MB packaged, under ${MAX_BYTES / 1024 / 1024} MB`);
});

test('packaging: every file package.json points at is packaged', () => {
  const files = new Set(packaged());
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const c = pkg.contributes;
  const referenced: string[] = [
    pkg.main, pkg.icon,
    ...c.languages.map((l: { configuration?: string }) => l.configuration).filter(Boolean),
    ...c.grammars.map((g: { path: string }) => g.path),
    ...c.snippets.map((s: { path: string }) => s.path),
    ...c.jsonValidation.map((j: { url: string }) => j.url),
    ...c.walkthroughs.flatMap((w: { steps: { media: Record<string, string> }[] }) => w.steps.map((s) => s.media.markdown ?? s.media.image ?? s.media.svg)),
  ];
  for (const ref of referenced) assert.ok(files.has(ref.replace(/^\.\//, '')), `${ref} (from package.json) is packaged`);
});

test('packaging: the Marketplace listing has an icon, keywords, a changelog and no invalid URL', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const png = readFileSync(join(REPO, pkg.icon));
  assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'a 128×128 icon');
  assert.ok(png.length < 20 * 1024, 'a small icon');
  assert.ok(pkg.keywords.length >= 5 && pkg.keywords.length <= 30, 'keywords (the Marketplace takes up to 30)');
  // The publisher adds repository/homepage/bugs when publishing (README: Publishing); until then none is invented.
  for (const field of ['repository', 'homepage', 'bugs']) {
    const value = JSON.stringify(pkg[field] ?? '');
    assert.ok(!/example\.(invalid|com)|localhost/.test(value), `${field} is not a placeholder URL`);
  }
  assert.match(pkg.scripts.package, /--allow-missing-repository/);
  assert.match(readFileSync(join(REPO, 'CHANGELOG.md'), 'utf8'), new RegExp(`## ${pkg.version.replace(/\./g, '\\.')}\\b`));
  const walkthrough = pkg.contributes.walkthroughs[0];
  const commands = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
  for (const step of walkthrough.steps as { description: string }[]) {
    for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.has(command), `walkthrough links ${command}, a contributed command`);
  }
});
