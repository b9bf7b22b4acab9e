// `prior-auth send` with PAS documents, as a user runs it (the bundled CLI in its own process) against the real local
// PAS payer: the rule table's outcomes, --wait for a pended decision through a subscription, SMART Backend Services
// with a key file, refusals (responses, production-like hosts), and `sandbox` printing the FHIR base.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runCli, CLI_BUNDLE } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';
import { startSandbox, type Sandbox } from '../../sandbox/src/server';
import { generateSigningKeyPair } from '../../client/src/api/smart';
import { runSend } from '../../server/src/cli/send';
import type { CliIo } from '../../server/src/cli/io';

const work = mkdtempSync(join(tmpdir(), 'prior-auth-pas-cli-'));
let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox({ port: 0, pas: { releaseDelayMs: 500 } });
});
after(async () => {
  await sandbox.close();
});

const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PRIOR_AUTH_')));

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...CLEAN_ENV, PRIOR_AUTH_LOCAL_URL: sandbox.url, ...extra };
}

function requestFile(member: string, name = 'Bundle-ReferralAuthorizationBundleExample.json'): string {
  const bundle = JSON.parse(readFileSync(join(FIXTURES, 'fhir/examples/2.2.1', name), 'utf8'));
  for (const entry of bundle.entry) if (entry.resource.resourceType === 'Patient') for (const id of entry.resource.identifier ?? []) id.value = member;
  const path = join(work, `${member}-${name}`);
  writeFileSync(path, JSON.stringify(bundle, null, 2));
  return path;
}

test('send takes PAS bundles to the local payer and prints each decision in words', async () => {
  const result = await runCli(['send', '--env', 'local', requestFile('PAS-A1'), requestFile('PAS-A3'), requestFile('PAS-REJECT')], { env: env() });
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.trim().split('\n');
  assert.match(lines[0], /^FILE\s+OPERATION\s+HTTP\s+RESULT/);
  assert.match(lines[1], /\$submit\s+200\s+Approved \(certified in total\) · PA\d{8}/);
  assert.match(lines[2], /Denied \(not certified\)/);
  assert.match(lines[3], /Rejected: Subscriber\/Insured Not Found \(75\) · correct and resubmit/);
  assert.match(result.stderr, /3 of 3 answered; 0 token requests/);
});

test('an OperationOutcome answer is a failed row with its words (exit 1); a response bundle is not sent', async () => {
  const response = join(FIXTURES, 'fhir/examples/2.2.1/Bundle-ReferralAuthorizationResponseBundleExample.json');
  const result = await runCli(['send', '--env', 'local', '--format', 'json', requestFile('PAS-OO'), response], { env: env() });
  assert.equal(result.code, 1);
  const rows = JSON.parse(result.stdout);
  assert.equal(rows[0].status, 422);
  assert.match(rows[0].error, /no active coverage/);
  assert.match(rows[1].error, /not sent: this is a response bundle/);
  assert.equal(rows[1].status, undefined);
});

test('--wait: a pended request waits for the final decision through a subscription on a 127.0.0.1 listener', async () => {
  const result = await runCli(['send', '--env', 'local', '--wait', '--wait-timeout', '30', '--format', 'json', requestFile('PAS-PEND-DENY')], { env: env(), timeoutMs: 60_000 });
  assert.equal(result.code, 0, result.stderr);
  const [row] = JSON.parse(result.stdout);
  assert.equal(row.decisions[0].items[0].code, 'A4');
  assert.equal(row.final.items[0].code, 'A3');
  assert.match(row.final.headline, /Denied/);
  assert.match(result.stderr, /pended; waiting for the final decision/);
});

test('$inquire: an inquiry bundle goes to Claim/$inquire', async () => {
  await runCli(['send', '--env', 'local', requestFile('PAS-A6')], { env: env() });
  const result = await runCli(['send', '--env', 'local', '--format', 'json', requestFile('PAS-A6', 'Bundle-PASClaimInquiryBundleExample.json')], { env: env() });
  assert.equal(result.code, 0, result.stderr);
  const [row] = JSON.parse(result.stdout);
  assert.equal(row.operation, 'inquire');
  assert.equal(row.decisions[0].items[0].code, 'A6');
});

test('SMART Backend Services from a key file: one token for the run; a key the payer does not have is refused', async () => {
  const pair = generateSigningKeyPair('RS384');
  const registered = sandbox.pas.registerClient('cli-smart', pair.publicJwks);
  assert.ok(!('problem' in registered));
  const keyFile = join(work, 'key.jwk.json');
  writeFileSync(keyFile, JSON.stringify(pair.privateJwk));
  const ok = await runCli(['send', '--env', 'local', '--yes', requestFile('PAS-A1'), requestFile('PAS-A2')], { env: env({ PRIOR_AUTH_PAS_CLIENT_ID: 'cli-smart', PRIOR_AUTH_PAS_KEY_FILE: keyFile }) });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /2 of 2 answered; 1 token request\./);
  const other = join(work, 'other.jwk.json');
  writeFileSync(other, JSON.stringify(generateSigningKeyPair('RS384').privateJwk));
  const refused = await runCli(['send', '--env', 'local', '--key-file', other, requestFile('PAS-A1')], { env: env({ PRIOR_AUTH_PAS_CLIENT_ID: 'cli-smart' }) });
  assert.equal(refused.code, 1);
  assert.match(refused.stdout, /refused to issue a token to client cli-smart with a RS384 client assertion/);
  assert.ok(!refused.stdout.includes(JSON.parse(readFileSync(other, 'utf8')).d));
});

test('a production-like FHIR base needs --yes; a key file without a client ID is a usage error', async () => {
  const prod = await runCli(['send', '--env', 'https://pas.bigpayer.com/fhir', requestFile('PAS-A1')], { env: env() });
  assert.equal(prod.code, 2);
  assert.match(prod.stderr, /does not look like a sandbox or test server.*--yes/);
  const noId = await runCli(['send', '--env', 'local', '--key-file', join(work, 'key.jwk.json'), requestFile('PAS-A1')], { env: env() });
  assert.equal(noId.code, 2);
  assert.match(noId.stderr, /needs PRIOR_AUTH_PAS_CLIENT_ID/);
  const optum = await runCli(['send', '--env', 'sandbox', requestFile('PAS-A1')], { env: env() });
  assert.equal(optum.code, 2);
  assert.match(optum.stderr, /PAS documents go to a FHIR base/);
});

test('sandbox prints the PAS payer\'s FHIR base at start', async () => {
  const child = spawn(process.execPath, [CLI_BUNDLE, 'sandbox', '--port', '0'], { env: CLEAN_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Press Ctrl-C')) resolve();
    });
    child.on('exit', () => reject(new Error(`sandbox exited: ${out}`)));
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  assert.match(out, /Local PAS payer \(Da Vinci PAS, FHIR R4\) at http:\/\/127\.0\.0\.1:\d+\/fhir/);
  assert.match(out, /register a public JWKS: POST/);
});

/** A plain HTTP server that records every request it gets: a FHIR base at /fhir with a token endpoint at /token. */
interface Recorder {
  readonly url: string;
  readonly requests: { method: string; path: string; authorization?: string; body: string }[];
  close(): Promise<void>;
}

async function startRecorder(): Promise<Recorder> {
  const requests: Recorder['requests'] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
      const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.url?.endsWith('/.well-known/smart-configuration')) json(200, { token_endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token` });
      else if (req.url === '/token') json(200, { access_token: 'recorded-token', token_type: 'Bearer', expires_in: 300 });
      else json(500, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'recorder' }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const SECRET_ENV = { PRIOR_AUTH_PAS_CLIENT_ID: 'pas-client', PRIOR_AUTH_PAS_CLIENT_SECRET: 'pas-secret-value-123' };

test('credentials from the environment reach no server without --yes or a terminal: not one request arrives', async () => {
  const recorder = await startRecorder();
  const keyFile = join(work, 'refused.jwk.json');
  writeFileSync(keyFile, JSON.stringify(generateSigningKeyPair('RS384').privateJwk));
  try {
    const cases: [string, string[], Record<string, string>, RegExp][] = [
      ['a secret, token endpoint discovered', ['--env', `${recorder.url}/fhir`], SECRET_ENV, /PRIOR_AUTH_PAS_CLIENT_ID\/PRIOR_AUTH_PAS_CLIENT_SECRET to http:\/\/127\.0\.0\.1:\d+ \(its token endpoint/],
      ['a secret, token endpoint given', ['--env', `${recorder.url}/fhir`], { ...SECRET_ENV, PRIOR_AUTH_PAS_TOKEN_URL: `${recorder.url}/token` }, /PRIOR_AUTH_PAS_CLIENT_SECRET to http:\/\/127\.0\.0\.1:\d+ without confirmation/],
      ['a SMART key file, the local payer', ['--env', 'local'], { PRIOR_AUTH_LOCAL_URL: recorder.url, PRIOR_AUTH_PAS_CLIENT_ID: 'pas-client', PRIOR_AUTH_PAS_KEY_FILE: keyFile }, /PRIOR_AUTH_PAS_CLIENT_ID\/PRIOR_AUTH_PAS_KEY_FILE/],
    ];
    for (const [what, args, extra, words] of cases) {
      const refused = await runCli(['send', ...args, requestFile('PAS-A1')], { env: env(extra) });
      assert.equal(refused.code, 2, `${what}: ${refused.stderr}`);
      assert.match(refused.stderr, /^Refusing to send the credentials from .*add --yes/m, what);
      assert.match(refused.stderr, words, what);
      assert.ok(!refused.stderr.includes('pas-secret-value-123'), `${what}: the secret is not printed`);
      assert.equal(recorder.requests.length, 0, `${what}: no request reached the server (${JSON.stringify(recorder.requests)})`);
    }
    // With --yes the token request is the first thing the server sees, carrying the credentials.
    const confirmed = await runCli(['send', '--env', `${recorder.url}/fhir`, '--yes', requestFile('PAS-A1')], { env: env({ ...SECRET_ENV, PRIOR_AUTH_PAS_TOKEN_URL: `${recorder.url}/token` }) });
    assert.equal(confirmed.code, 1, confirmed.stderr);
    assert.equal(recorder.requests[0]?.path, '/token');
    assert.equal(recorder.requests[0]?.authorization, `Basic ${Buffer.from('pas-client:pas-secret-value-123').toString('base64')}`);
    // No credentials in the environment: nothing to ask about.
    recorder.requests.length = 0;
    const none = await runCli(['send', '--env', `${recorder.url}/fhir`, requestFile('PAS-A1')], { env: env() });
    assert.equal(none.code, 1, none.stderr);
    assert.ok(recorder.requests.length > 0 && recorder.requests.every((r) => r.authorization === undefined));
  } finally {
    await recorder.close();
  }
});

test('on a terminal the question comes before any request: "no" sends nothing, "yes" then asks for a token', async () => {
  const recorder = await startRecorder();
  const saved = { ...process.env };
  Object.assign(process.env, SECRET_ENV);
  try {
    const file = requestFile('PAS-A1');
    const asked: { question: string; requestsSoFar: number }[] = [];
    const io = (answer: boolean): CliIo & { errors: string[] } => {
      const errors: string[] = [];
      return {
        errors,
        out: () => undefined,
        err: (line) => errors.push(line),
        outBytes: () => undefined,
        readStdin: async () => Buffer.alloc(0),
        confirm: async (question) => {
          asked.push({ question, requestsSoFar: recorder.requests.length });
          return answer;
        },
      };
    };
    const no = io(false);
    assert.equal(await runSend(['--env', `${recorder.url}/fhir`, file], no), 2);
    assert.deepEqual(no.errors, ['Nothing sent.']);
    assert.equal(recorder.requests.length, 0, JSON.stringify(recorder.requests));

    const yes = io(true);
    assert.equal(await runSend(['--env', `${recorder.url}/fhir`, file], yes), 1);
    assert.deepEqual(asked.map((a) => a.requestsSoFar), [0, 0], 'asked before any request');
    assert.match(asked[1].question, /^Send the PAS credentials from PRIOR_AUTH_PAS_CLIENT_ID\/PRIOR_AUTH_PAS_CLIENT_SECRET to http:\/\/127\.0\.0\.1:\d+/);
    assert.deepEqual(recorder.requests.slice(0, 2).map((r) => `${r.method} ${r.path}`), ['GET /fhir/.well-known/smart-configuration', 'POST /token']);
    assert.match(recorder.requests[1].authorization ?? '', /^Basic /);
  } finally {
    for (const key of Object.keys(SECRET_ENV)) if (!(key in saved)) delete process.env[key];
    await recorder.close();
  }
});
