import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { copyFileSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { runCli } from '../helpers/cli';
import { EXAMPLES, FIXTURES, REPO } from '../helpers/fixtures';
import { nestedJson } from '../helpers/nestedJson';

const fixture = (name: string) => join(FIXTURES, 'diagnostics', name);

test('lint of the examples directory finds nothing and exits 0', async () => {
  const result = await runCli(['lint', EXAMPLES]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /\d+ files checked: 0 errors, 0 warnings\./);
});

test('lint prints file:line:col: severity code message and exits 1 on errors', async () => {
  const file = fixture('se01-count.x12');
  const result = await runCli(['lint', file]);
  assert.equal(result.code, 1);
  assert.equal(result.stdout.trim(), `${file}:26:4: error se01-count SE01 is 25, but the transaction set has 24 segments from ST to SE inclusive.`);
});

test('warnings alone exit 0', async () => {
  const result = await runCli(['lint', fixture('optum-noa-hl04-without-children.x12')]);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /:14:11: warning hl04-children /);
});

test('--max-warnings N exits 1 when the warnings exceed N (ESLint convention), 0 when they do not', async () => {
  const file = fixture('optum-noa-hl04-without-children.x12');
  const over = await runCli(['lint', '--max-warnings', '0', file]);
  assert.equal(over.code, 1);
  assert.match(over.stderr, /Too many warnings: 1, more than --max-warnings 0\./);
  assert.equal((await runCli(['lint', '--max-warnings', '1', file])).code, 0);
  for (const bad of ['-1', 'x', '1.5']) assert.equal((await runCli(['lint', '--max-warnings', bad, file])).code, 2, bad);
});

test('--inferred error|warning|off: rules resting on samples as errors, warnings (default, and said so) or hidden', async () => {
  // INS in the X215 inquiry's 2010C: its tables rest on samples only.
  const file = fixture('x215-segment-not-allowed-is-warning.x12');
  const warning = await runCli(['lint', file]);
  assert.equal(warning.code, 0);
  assert.match(warning.stdout, /:15:1: warning segment-not-allowed INS is not allowed in 2010C .*\(Inferred: this rule rests on samples, not on a confirmed guide map\.\)/);
  const error = await runCli(['lint', '--inferred', 'error', file]);
  assert.equal(error.code, 1);
  assert.match(error.stdout, /:15:1: error segment-not-allowed /);
  const off = await runCli(['lint', '--inferred', 'off', file]);
  assert.equal(off.code, 0);
  assert.equal(off.stdout, '');
  assert.equal((await runCli(['lint', '--inferred', 'maybe', file])).code, 2);
  // Confirmed and 278-wide rules keep their severity whatever the choice.
  for (const mode of ['off', 'warning']) {
    const confirmed = await runCli(['lint', '--inferred', mode, fixture('bht01-x216-notification.x12')]);
    assert.equal(confirmed.code, 1, mode);
    assert.match(confirmed.stdout, /error code-value BHT01 "0078"/);
  }
});

test('--format json prints every problem with positions', async () => {
  const result = await runCli(['lint', '--format', 'json', fixture('hl-level-ss-under-ss.x12')]);
  assert.equal(result.code, 1);
  const reports = JSON.parse(result.stdout) as { file: string; problems: { code: string; severity: string; line: number; column: number; message: string }[] }[];
  assert.equal(reports.length, 1);
  assert.deepEqual(reports[0].problems.map((p) => [p.line, p.column, p.severity, p.code]), [
    [24, 11, 'warning', 'hl04-children'],
    [26, 6, 'error', 'hl-level'],
  ]);
});

test('"-" reads standard input', async () => {
  const text = readFileSync(fixture('invalid-date.x12'), 'utf8');
  const result = await runCli(['lint', '-'], { stdin: text });
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^<stdin>:12:8: error invalid-date DMG02 "19700230"/);
});

test('an unreadable file exits 2 and says which', async () => {
  const result = await runCli(['lint', join(REPO, 'no/such/file.x12'), join(EXAMPLES, 'inquiry-tst2.x12')]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /no\/such\/file\.x12: cannot read/);
});

test('bad usage exits 2 with help', async () => {
  for (const args of [['lint'], ['lint', '--format', 'xml', EXAMPLES], ['lint', '--bogus', EXAMPLES], ['frobnicate']]) {
    const result = await runCli(args);
    assert.equal(result.code, 2, args.join(' '));
    assert.ok(result.stderr.length > 0);
  }
  const help = await runCli(['lint', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: prior-auth lint/);
});

test('a FIFO named *.x12 in a linted folder is skipped, not read (lint must not hang on it)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prior-auth-fifo-'));
  copyFileSync(join(EXAMPLES, 'inquiry-tst2.x12'), join(dir, 'inquiry.x12'));
  symlinkSync(join(dir, 'inquiry.x12'), join(dir, 'linked.x12'));
  execFileSync('mkfifo', [join(dir, 'pipe.x12')]);
  // Bounded: a lint that opened the FIFO would block on it forever; the kill turns that into a failure, not a hang.
  const result = await runCli(['lint', dir], { timeoutMs: 60_000 });
  assert.equal(result.code, 0, `exit ${result.code}: ${result.stderr}`);
  assert.match(result.stderr, /^2 files checked: 0 errors, 0 warnings\./m, 'the file and the symlink to it, not the FIFO');
});

test('lint reads PAS documents: *.pas.json and .json whose meta.profile names PAS; other JSON in a folder is skipped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prior-auth-pas-'));
  copyFileSync(join(FIXTURES, 'pas', 'request-2.0.1.json'), join(dir, 'request.json'));
  copyFileSync(join(FIXTURES, 'pas', 'broken-request.pas.json'), join(dir, 'broken-request.pas.json'));
  copyFileSync(join(FIXTURES, 'pas', 'capability-statement.json'), join(dir, 'capability-statement.json'));
  writeFileSync(join(dir, 'package.json'), '{ "name": "not-ours" }\n');
  const result = await runCli(['lint', dir]);
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /^2 files checked: [1-9]\d* errors?, /m, 'the request and the broken bundle, not the other JSON');
  // The request's only findings are dom-6 (no narrative), information.
  const failing = result.stdout.trim().split('\n').filter((l) => /: (error|warning) /.test(l));
  assert.deepEqual([...new Set(failing.map((l) => l.slice(0, l.indexOf(':'))))], [join(dir, 'broken-request.pas.json')]);
  assert.match(result.stdout, /: error fhir-[a-z-]+ /);

  const clean = await runCli(['lint', join(dir, 'request.json')]);
  assert.equal(clean.code, 0, clean.stdout);

  const sarif = await runCli(['lint', '--format', 'sarif', dir]);
  assert.equal(sarif.code, 1);
  const run = (JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; ruleIndex: number }[]; tool: { driver: { rules: { id: string }[] } } }[] }).runs[0];
  assert.ok(run.results.length > 0);
  for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex]?.id, r.ruleId, `${r.ruleId} has its rule`);

  const bad = await runCli(['lint', '--pas-version', '3.0.0', dir]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--pas-version "3\.0\.0"/);
});

test('lint DIR with deeply nested JSON requests reports them and keeps checking the other files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lint-deep-'));
  writeFileSync(join(dir, 'a-arrays.inquiry.json'), nestedJson('arrays', 3000));
  writeFileSync(join(dir, 'b-objects.inquiry.json'), nestedJson('objects', 10_000));
  copyFileSync(fixture('se01-count.x12'), join(dir, 'c.x12'));
  const text = await runCli(['lint', dir]);
  assert.equal(text.code, 1, text.stderr);
  assert.match(text.stdout, /a-arrays\.inquiry\.json:1:\d+: error json-too-deep /);
  assert.match(text.stdout, /b-objects\.inquiry\.json:1:\d+: error json-too-deep /);
  assert.match(text.stdout, /c\.x12:26:4: error se01-count /);
  const sarif = await runCli(['lint', '--format', 'sarif', dir]);
  const results = (JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[] }[] }).runs[0].results.map((r) => r.ruleId);
  assert.deepEqual(results, ['json-too-deep', 'json-too-deep', 'se01-count']);
});
