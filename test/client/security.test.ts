// Secrets never reach text a person or a log sees, whatever the error body's shape; requests have a total timeout.
// Real HTTP servers on 127.0.0.1 play the misbehaving token endpoint and API.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, type JsonWebKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PriorAuthClient } from '../../client/src/api/client';
import { customEnvironment } from '../../client/src/api/environments';
import { isApiError, type ApiError } from '../../client/src/api/errors';
import { HttpClient } from '../../client/src/api/http';
import { rememberSecret, scrubSecrets } from '../../client/src/api/redact';
import { PasClient } from '../../client/src/api/pasClient';
import { newKeyPair } from '../../client/src/pas/keys';
import { runCli } from '../helpers/cli';
import { EXAMPLES } from '../helpers/fixtures';

const SECRET = 'Zx9-secret/Value+42';
const TOKEN = 'opaque-token-7f3a9c1e55';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let server: Server;
let origin: string;
let handler: Handler = (_req, res) => res.end();

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function client(log: string[], base = origin): PriorAuthClient {
  return new PriorAuthClient({
    environment: customEnvironment(`${base}/rcm/prior-authorization/v1`, `${base}/apip/auth/v2/token`),
    credentials: async () => ({ clientId: 'my-client', clientSecret: SECRET }),
    log: { info: (m) => log.push(m), trace: (m) => log.push(m) },
    http: { connectTimeoutMs: 5000, requestTimeoutMs: 10_000, maxRetries: 0, maxRetryWaitMs: 0 },
  });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isApiError(error), `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

/** Every text of an error (what notifications, the log and `send --format json` show). */
function texts(error: ApiError): string {
  return [error.message, error.nextStep, ...error.details].join('\n');
}

function assertNoSecret(text: string, what: string): void {
  for (const secret of [SECRET, encodeURIComponent(SECRET), TOKEN, 'hunter22-pw']) assert.ok(!text.includes(secret), `${what} shows a secret: ${text}`);
}

test('scrubSecrets removes known secrets in every form and anything shaped like one', () => {
  const cases: [string, string][] = [
    [`{"error":"invalid_client","error_description":"client_secret ${SECRET} is wrong"}`, SECRET],
    [`client_id=a&client_secret=${encodeURIComponent(SECRET)}&grant_type=client_credentials`, encodeURIComponent(SECRET)],
    ['{"client_secret": "unknown-to-us-123"}', 'unknown-to-us-123'],
    ['{\\"client_secret\\":\\"escaped-in-a-string\\"}', 'escaped-in-a-string'],
    ['grant_type=client_credentials&client_secret=formsecret99', 'formsecret99'],
    ['{"access_token":"abc.def-ghi","token_type":"bearer"}', 'abc.def-ghi'],
    ['Authorization: Bearer some.opaque-Token_123', 'some.opaque-Token_123'],
    ['Basic bXktY2xpZW50OnNlY3JldA==', 'bXktY2xpZW50OnNlY3JldA'],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl was refused', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0'],
    ['→ GET https://alice:hunter22-pw@api.example.com/x', 'hunter22-pw'],
    ['password=p4ss-word&user=x', 'p4ss-word'],
  ];
  for (const [text, secret] of cases) {
    const scrubbed = scrubSecrets(text, [SECRET]);
    assert.ok(!scrubbed.includes(secret), `${text} → ${scrubbed}`);
    assert.match(scrubbed, /\[redacted\]/, text);
  }
  assert.equal(scrubSecrets('HTTP 400 from Optum sandbox inquiry: NM109 is missing'), 'HTTP 400 from Optum sandbox inquiry: NM109 is missing', 'ordinary words stay');
  rememberSecret('remembered-secret-value');
  assert.equal(scrubSecrets('it quoted remembered-secret-value back'), 'it quoted [redacted] back');
});

test('a token endpoint whose JSON error quotes client_secret reaches no message, detail or log line', async () => {
  for (const [status, body] of [
    [401, { error: 'invalid_client', error_description: `client_secret "${SECRET}" does not match` }],
    [400, { error: 'invalid_request', error_description: 'bad body', received: { client_id: 'my-client', client_secret: SECRET } }],
    [400, { message: `Could not parse client_secret=${encodeURIComponent(SECRET)}` }],
    [500, [`upstream said: client_secret ${SECRET}`]],
  ] as const) {
    handler = (_req, res) => json(res, status, body);
    const log: string[] = [];
    const c = client(log);
    const error = await failure(c.healthcheck());
    assertNoSecret(texts(error), `HTTP ${status} ${JSON.stringify(body)}`);
    assertNoSecret(log.join('\n'), 'the log');
    await c.close();
  }
});

test('an API error quoting the bearer token is scrubbed, in the error and in the trace log', async () => {
  handler = (req, res) => {
    if (req.url?.startsWith('/apip/auth/v2/token')) json(res, 200, { access_token: TOKEN, token_type: 'bearer', expires_in: 3600 });
    else json(res, 400, [`The token ${TOKEN} is not valid for this tenant`, `Header was: Authorization: Bearer ${TOKEN}`]);
  };
  const log: string[] = [];
  const c = client(log);
  const error = await failure(c.send('inquiry', 'x12', '{"x12":"ISA"}'));
  assert.equal(error.status, 400);
  assert.equal(error.details.length, 2, 'the messages are kept, only the token is hidden');
  assertNoSecret(texts(error), 'the API error');
  assertNoSecret(log.join('\n'), 'the log');
  assert.ok(log.some((l) => l.includes('[redacted]')), 'the trace log shows where the token was');
  await c.close();
});

test('a URL with user:password@ never puts the password in the log or an error', async () => {
  handler = (_req, res) => json(res, 401, { error: 'invalid_client', error_description: 'no' });
  const log: string[] = [];
  const withPassword = origin.replace('http://', 'http://alice:hunter22-pw@');
  const c = client(log, withPassword);
  const error = await failure(c.healthcheck());
  assertNoSecret(texts(error), 'the error');
  assertNoSecret(log.join('\n'), 'the log');
  assert.ok(log.some((l) => l.includes('alice:[redacted]@')), log.join('\n'));
  await c.close();
});

test('send --format json shows no secret a server quotes back', async () => {
  handler = (_req, res) => json(res, 401, { error: 'invalid_client', error_description: `client_secret ${SECRET} is wrong`, client_secret: SECRET });
  const result = await runCli(['send', '--env', origin, '--yes', '--format', 'json', join(EXAMPLES, 'inquiry-tst2.x12')], {
    env: { ...process.env, PRIOR_AUTH_CLIENT_ID: 'my-client', PRIOR_AUTH_CLIENT_SECRET: SECRET },
  });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /refused to sign in/);
  assertNoSecret(result.stdout + result.stderr, 'send --format json');
});

test('the request timeout is a total: a server trickling one byte every 1.5 s hits a 2 s timeout', async () => {
  // The server stops after 8 bytes (12 s): a client with only idle timeouts would succeed then, and fail the test.
  handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed || ++sent > 8) {
        clearInterval(timer);
        res.end();
        return;
      }
      res.write(' ');
    }, 1500);
    res.on('close', () => clearInterval(timer));
  };
  const http = new HttpClient({ connectTimeoutMs: 2000, requestTimeoutMs: 2000, maxRetries: 0, maxRetryWaitMs: 0 });
  const started = performance.now();
  const error = await failure(http.send('GET', `${origin}/slow`, {}, undefined));
  const elapsed = performance.now() - started;
  assert.equal(error.kind, 'timeout', error.message);
  assert.match(error.message, /did not answer within 2 s/);
  assert.ok(elapsed < 11_000, `the timeout ended the request after ${Math.round(elapsed)} ms, before the server finished`);
  const controller = new AbortController();
  const pending = http.send('GET', `${origin}/slow`, {}, undefined, controller.signal);
  setImmediate(() => controller.abort());
  assert.equal((await failure(pending)).kind, 'cancelled', 'a cancel is still a cancel, not a timeout');
  await http.close();
});

test('private keys never reach text: PEM blocks, private JWK members and signed assertions are scrubbed', () => {
  const pair = newKeyPair('RS384');
  const jwk = JSON.parse(pair.secret.privateKey) as Record<string, string>;
  const pem = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }).export({ format: 'pem', type: 'pkcs8' }) as string;
  const texts = [
    `could not read ${pem}`,
    `could not read ${pem.slice(0, 200)}`,
    `key: ${pair.secret.privateKey}`,
    `body {"client_assertion":"x","jwk":${JSON.stringify(pair.secret.privateKey)}}`,
  ];
  for (const text of texts) {
    const scrubbed = scrubSecrets(text);
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.ok(!scrubbed.includes(jwk[member].slice(0, 16)), `"${member}" left in ${scrubbed.slice(0, 120)}`);
    for (const line of pem.split('\n').slice(1, -2)) assert.ok(!scrubbed.includes(line), `a PEM line left in ${scrubbed.slice(0, 120)}`);
    assert.match(scrubbed, /\[redacted\]/);
  }
  assert.equal(scrubSecrets('{"resourceType":"Claim","id":"p1"}'), '{"resourceType":"Claim","id":"p1"}', 'FHIR stays readable');
});

test('a token endpoint that quotes the client assertion and the key back shows neither in errors or the log', async () => {
  const pair = newKeyPair('ES384');
  const jwk = JSON.parse(pair.secret.privateKey) as Record<string, string>;
  handler = (_req, res, body) => {
    const assertion = new URLSearchParams(body).get('client_assertion') ?? '';
    json(res, 401, { error: 'invalid_client', error_description: `assertion ${assertion} rejected; your key ${pair.secret.privateKey}` });
  };
  const log: string[] = [];
  const env = { label: 'PAS payer "test"', baseUrl: `${origin}/fhir`, production: false };
  const c = new PasClient({
    environment: env,
    auth: { kind: 'smart', clientId: 'c-1', privateKey: pair.secret.privateKey, keyId: pair.secret.keyId, tokenUrl: `${origin}/token` },
    log: { info: (m) => log.push(scrubSecrets(m)), trace: (m) => log.push(scrubSecrets(m)) },
    http: { connectTimeoutMs: 5000, requestTimeoutMs: 10_000, maxRetries: 0, maxRetryWaitMs: 0 },
  });
  const error = await failure(c.metadata());
  assert.equal(error.kind, 'auth');
  assert.equal(error.api, 'pas', 'a PAS error: its Sign In button leads to the PAS sign-in');
  const all = texts(error) + '\n' + log.join('\n');
  assert.ok(!all.includes(jwk.d), 'the private key');
  assert.ok(!/eyJ[A-Za-z0-9_-]{4,}\.eyJ/.test(all), `a signed assertion: ${all}`);
  await c.close();
});

test('the PAS client scrubs its own log lines, even with a logger that does not', async () => {
  handler = (req, res) => {
    if (req.url === '/token') return json(res, 200, { access_token: TOKEN, token_type: 'bearer', expires_in: 300 });
    json(res, 200, { resourceType: 'CapabilityStatement', status: 'active', note: `echo of Bearer ${TOKEN}`, access_token: TOKEN });
  };
  const log: string[] = [];
  const c = new PasClient({
    environment: { label: 'PAS payer "test"', baseUrl: `${origin}/fhir`, production: false },
    auth: { kind: 'secret', clientId: 'c-1', clientSecret: SECRET, tokenUrl: `${origin}/token` },
    log: { info: (m) => log.push(m), trace: (m) => log.push(m) },
    http: { connectTimeoutMs: 5000, requestTimeoutMs: 10_000, maxRetries: 0, maxRetryWaitMs: 0 },
  });
  await c.metadata();
  const all = log.join('\n');
  assert.match(all, /response body .*CapabilityStatement/, 'the response body is traced');
  assertNoSecret(all, 'the PAS trace log');
  await c.close();
});
