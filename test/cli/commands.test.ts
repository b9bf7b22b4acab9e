// The CLI as a user runs it: fmt, convert, send (against the real local sandbox), SARIF, and help for every command.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import Ajv from 'ajv';
import { runCli } from '../helpers/cli';
import { EXAMPLES, FIXTURES, REPO } from '../helpers/fixtures';
import { startSandbox, type Sandbox } from '../../sandbox/src/server';
import { withMember, withReceiver } from '../helpers/x12edit';

const work = mkdtempSync(join(tmpdir(), 'prior-auth-cli-'));
let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox({ port: 0 });
});
after(async () => {
  await sandbox.close();
});

test('every command answers --help with its usage', async () => {
  for (const command of ['lint', 'fmt', 'convert', 'send', 'sandbox']) {
    const result = await runCli([command, '--help']);
    assert.equal(result.code, 0, command);
    assert.match(result.stdout, new RegExp(`^Usage: prior-auth ${command}`), command);
  }
  const top = await runCli(['--help']);
  assert.equal(top.code, 0);
  assert.match(top.stdout, /lint .*\n.*fmt .*\n.*convert .*\n.*send .*\n.*sandbox/);
});

test('a command named like an Object member is an unknown command', async () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    const result = await runCli([name]);
    assert.equal(result.code, 2, name);
    assert.match(result.stderr, new RegExp(`^Unknown command "${name}"`), name);
  }
});

test('fmt lays files out one segment per line or on one line, and --check reports without writing', async () => {
  const oneLine = join(work, 'one-line.x12');
  copyFileSync(join(FIXTURES, 'features/formatting/one-line.x12'), oneLine);
  const check = await runCli(['fmt', '--check', oneLine]);
  assert.equal(check.code, 1);
  assert.equal(check.stdout.trim(), oneLine);
  assert.equal(readFileSync(oneLine, 'utf8'), readFileSync(join(FIXTURES, 'features/formatting/one-line.x12'), 'utf8'), '--check writes nothing');
  assert.equal((await runCli(['fmt', oneLine])).code, 0);
  assert.equal(readFileSync(oneLine, 'utf8'), readFileSync(join(FIXTURES, 'features/formatting/one-line.expanded.x12'), 'utf8'));
  assert.equal((await runCli(['fmt', '--check', oneLine])).code, 0);
  assert.equal((await runCli(['fmt', '--compact', oneLine])).code, 0);
  assert.equal(readFileSync(oneLine, 'utf8'), readFileSync(join(FIXTURES, 'features/formatting/one-line.compact.x12'), 'utf8'));
  const piped = await runCli(['fmt', '-'], { stdin: readFileSync(oneLine, 'utf8') });
  assert.equal(piped.stdout, readFileSync(join(FIXTURES, 'features/formatting/one-line.expanded.x12'), 'utf8'));
  const notX12 = join(work, 'note.x12');
  writeFileSync(notX12, 'hello');
  assert.equal((await runCli(['fmt', notX12])).code, 2);
  assert.equal((await runCli(['fmt', join(work, 'missing.x12')])).code, 2);
});

test('convert turns JSON into X12 that lints clean, and X12 into Optum JSON', async () => {
  const toX12 = await runCli(['convert', '--to', 'x12', join(EXAMPLES, 'inquiry-tst1.inquiry.json')]);
  assert.equal(toX12.code, 0, toX12.stderr);
  const lint = await runCli(['lint', '-'], { stdin: toX12.stdout });
  assert.equal(lint.code, 0, lint.stdout);
  const toJson = await runCli(['convert', '--to', 'json', join(EXAMPLES, 'submission-ambulance-a1.x12')]);
  assert.equal(toJson.code, 0, toJson.stderr);
  const body = JSON.parse(toJson.stdout) as { umClearingHouseId: string; subscriber: { memberId: string } };
  assert.equal(body.umClearingHouseId, '278_217_01_A1');
  assert.equal(body.subscriber.memberId, '12345689001');
  const misspelt = await runCli(['convert', '--to', 'x12', join(FIXTURES, 'json/misspelt-field.submission.json')]);
  assert.equal(misspelt.code, 1);
  assert.match(misspelt.stderr, /subscriber\.memberID: .*Did you mean "memberId"/);
  const unclear = await runCli(['convert', '--to', 'x12', join(FIXTURES, 'json/unknown-kind.278.json')]);
  assert.equal(unclear.code, 2);
  assert.match(unclear.stderr, /pass --kind/);
  const asInquiry = await runCli(['convert', '--to', 'x12', '--kind', 'inquiry', join(FIXTURES, 'json/unknown-kind.278.json')]);
  assert.equal(asInquiry.code, 1, 'converted, with the missing sender and receiver reported');
  assert.match(asInquiry.stdout, /^ISA\*/);
  assert.match(asInquiry.stderr, /umClearingHouseId is missing/);
  assert.equal((await runCli(['convert', '--to', 'yaml', join(EXAMPLES, 'inquiry-tst2.x12')])).code, 2);
  assert.equal((await runCli(['convert', '--to', 'json', join(FIXTURES, 'diagnostics/not-x12-text.x12')])).code, 2);
});

test('send answers each file with one token, as a table or as JSON', async () => {
  const inquiry = join(work, 'tst3.x12');
  writeFileSync(inquiry, withMember(readFileSync(join(EXAMPLES, 'inquiry-tst2.x12'), 'utf8'), 'TST3'));
  const submission = join(work, 'a4.x12');
  writeFileSync(submission, withReceiver(readFileSync(join(EXAMPLES, 'submission-ambulance-a1.x12'), 'utf8'), '278_217_04_A4'));
  const files = [join(EXAMPLES, 'inquiry-tst2.x12'), inquiry, submission, join(EXAMPLES, 'submission-pended.submission.json'), join(EXAMPLES, 'notice-of-admission.x12')];
  const env = { ...process.env, PRIOR_AUTH_CLIENT_ID: '', PRIOR_AUTH_CLIENT_SECRET: '' };
  const before = sandbox.stats().tokensIssued;
  const table = await runCli(['send', '--env', sandbox.url, '--yes', ...files], { env: { ...env, PRIOR_AUTH_CLIENT_ID: 'local-client', PRIOR_AUTH_CLIENT_SECRET: 'local-secret' } });
  assert.equal(table.code, 0, table.stderr);
  assert.equal(sandbox.stats().tokensIssued - before, 1);
  assert.match(table.stderr, /5 of 5 answered; 1 token request\./);
  const lines = table.stdout.trim().split('\n');
  assert.match(lines[0], /^FILE\s+ENDPOINT\s+HTTP\s+RESULT\s+TRACE ID$/);
  assert.match(lines[1], /inquiry\s+200\s+Approved \(certified in total\) · A062951774\s+Root=1-/);
  assert.match(lines[2], /inquiry\s+200\s+Denied \(not certified\) · A060795810/);
  assert.match(lines[3], /submission\s+200\s+Pended: the payer needs more time or information · A217000004/);
  assert.match(lines[4], /submission\s+200\s+Pended/);
  assert.match(lines[5], /noa\s+200\s+Notification received · N216000001/);

  const json = await runCli(['send', '--env', 'local', '--format', 'json', inquiry], { env: { ...env, PRIOR_AUTH_LOCAL_URL: sandbox.url } });
  assert.equal(json.code, 0, json.stderr);
  const rows = JSON.parse(json.stdout) as { endpoint: string; status: number; summary: { decisions: { code: string; authorization: string }[] }; traceId: string }[];
  assert.equal(rows[0].summary.decisions[0].code, 'A3');
  assert.equal(rows[0].status, 200);
  assert.match(rows[0].traceId, /^Root=1-/);
});

test('send fails with words: no credentials, wrong credentials, production without --yes, unreadable files', async () => {
  const env = { ...process.env, PRIOR_AUTH_CLIENT_ID: '', PRIOR_AUTH_CLIENT_SECRET: '' };
  const file = join(EXAMPLES, 'inquiry-tst2.x12');
  const none = await runCli(['send', '--env', 'sandbox', file], { env });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /set PRIOR_AUTH_CLIENT_ID and PRIOR_AUTH_CLIENT_SECRET/);
  const wrong = await runCli(['send', '--env', sandbox.url, '--yes', file], { env: { ...env, PRIOR_AUTH_CLIENT_ID: 'local-client', PRIOR_AUTH_CLIENT_SECRET: 'nope-nope' } });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stdout, /refused to sign in with client ID local-client/);
  assert.ok(!wrong.stdout.includes('nope-nope') && !wrong.stderr.includes('nope-nope'));
  const production = await runCli(['send', '--env', 'production', file], { env: { ...env, PRIOR_AUTH_CLIENT_ID: 'a', PRIOR_AUTH_CLIENT_SECRET: 'b' } });
  assert.equal(production.code, 2);
  assert.match(production.stderr, /add --yes/);
  const missing = await runCli(['send', '--env', 'local', join(work, 'nope.x12')], { env: { ...env, PRIOR_AUTH_LOCAL_URL: sandbox.url } });
  assert.equal(missing.code, 2);
  assert.equal((await runCli(['send', '--env', 'mars', file])).code, 2);
});

test('send asks before the environment\'s credentials go anywhere but Optum\'s hosts, and refuses without a terminal', async () => {
  const file = join(EXAMPLES, 'inquiry-tst2.x12');
  const env = { ...process.env, PRIOR_AUTH_CLIENT_ID: 'local-client', PRIOR_AUTH_CLIENT_SECRET: 'local-secret', PRIOR_AUTH_LOCAL_URL: sandbox.url };
  const before = sandbox.stats();
  for (const target of [sandbox.url, 'local']) {
    const refused = await runCli(['send', '--env', target, file], { env });
    assert.equal(refused.code, 2, `${target}: ${refused.stderr}`);
    assert.match(refused.stderr, /Refusing to send the credentials from PRIOR_AUTH_CLIENT_ID\/PRIOR_AUTH_CLIENT_SECRET to http:\/\/127\.0\.0\.1:\d+, which is not an Optum host.*add --yes/);
  }
  assert.equal(sandbox.stats().requests, before.requests, 'nothing reached the server');
  const confirmed = await runCli(['send', '--env', 'local', '--yes', file], { env });
  assert.equal(confirmed.code, 0, confirmed.stderr);
  const ownCredentials = await runCli(['send', '--env', 'local', file], { env: { ...env, PRIOR_AUTH_CLIENT_ID: '', PRIOR_AUTH_CLIENT_SECRET: '' } });
  assert.equal(ownCredentials.code, 0, 'the local sandbox\'s own credentials need no confirmation');
});

function sarifTool(): { schema: string; binary: string } {
  const platform = process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux';
  const dir = join(REPO, 'node_modules', '@microsoft', `sarif-multitool-${platform}`);
  const schema = join(dir, 'sarif-2.1.0.json');
  assert.ok(existsSync(schema), `The SARIF schema is missing: ${schema}. Run "npm ci" (it installs @microsoft/sarif-multitool for this platform).`);
  return { schema, binary: join(dir, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool') };
}

test('--format sarif is valid SARIF 2.1.0: the official schema and Microsoft\'s validator find nothing wrong', async () => {
  const { schema, binary } = sarifTool();
  const result = await runCli(['lint', '--format', 'sarif', join(FIXTURES, 'diagnostics'), join(FIXTURES, 'json')]);
  assert.equal(result.code, 1);
  const sarif = JSON.parse(result.stdout) as { runs: { results: unknown[]; tool: { driver: { rules: unknown[] } } }[] };
  const json = JSON.parse((await runCli(['lint', '--format', 'json', join(FIXTURES, 'diagnostics'), join(FIXTURES, 'json')])).stdout) as { problems: unknown[] }[];
  assert.equal(sarif.runs[0].results.length, json.reduce((n, r) => n + r.problems.length, 0));

  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  const validate = ajv.compile(JSON.parse(readFileSync(schema, 'utf8')));
  assert.equal(validate(sarif), true, JSON.stringify(validate.errors?.slice(0, 3)));

  const input = join(work, 'lint.sarif');
  const output = join(work, 'validation.sarif');
  writeFileSync(input, result.stdout);
  execFileSync(binary, ['validate', input, '-o', output], { env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' }, stdio: 'pipe' });
  const findings = (JSON.parse(readFileSync(output, 'utf8')) as { runs: { results: { ruleId: string; level?: string }[] }[] }).runs[0].results;
  assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.level}`), []);
});
