// The client's HTTP path against the real local sandbox: token cache and refresh, routing, payloads, error mapping
// for every failure kind, retries, cancellation, and redaction of secrets in logs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PriorAuthClient, type Credentials } from '../../client/src/api/client';
import { localEnvironment, customEnvironment, refuseUrl } from '../../client/src/api/environments';
import { isApiError, type ApiError } from '../../client/src/api/errors';
import { HttpClient, retryAfterMs } from '../../client/src/api/http';
import { x12Body, oneLine, jsonBody } from '../../client/src/api/payload';
import { endpointForJson, endpointForX12 } from '../../client/src/api/route';
import { summarizeResponse, summaryLines } from '../../client/src/api/summary';
import { redactJson, redactHeaders } from '../../client/src/api/redact';
import { startSandbox, FAIL_HEADER, DELAY_HEADER, type Sandbox } from '../../sandbox/src/server';
import { EXAMPLES, FIXTURES } from '../helpers/fixtures';
import { withMember } from '../helpers/x12edit';

let sandbox: Sandbox;
let clock = Date.UTC(2026, 10, 24, 12, 0, 0);
const now = () => clock;
const SECRET = 'local-secret';

before(async () => {
  sandbox = await startSandbox({ port: 0, tokenTtlSeconds: 3600, now });
});
after(async () => {
  await sandbox.close();
});

const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');

function client(credentials: Credentials | undefined = { clientId: 'local-client', clientSecret: SECRET }, log: string[] = []): PriorAuthClient {
  return new PriorAuthClient({
    environment: localEnvironment(sandbox.url),
    credentials: async () => credentials,
    now,
    log: { info: (m) => log.push(m), trace: (m) => log.push(m) },
    http: { connectTimeoutMs: 2000, requestTimeoutMs: 2000, maxRetries: 2, maxRetryWaitMs: 2000 },
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

test('one token serves many requests over one kept-alive connection', async () => {
  const start = sandbox.stats();
  const c = client();
  const body = x12Body(withMember(example('inquiry-tst2.x12'), 'TST1'));
  for (let i = 0; i < 20; i++) {
    const result = await c.send('inquiry', 'x12', body);
    assert.equal(result.status, 200);
  }
  assert.equal(c.tokenRequests, 1);
  const end = sandbox.stats();
  assert.equal(end.tokensIssued - start.tokensIssued, 1);
  assert.equal(end.connections - start.connections, 1);
  await c.close();
});

test('the token is reused until 60 s before it expires, then refreshed', async () => {
  const c = client();
  await c.healthcheck();
  const expires = c.tokenExpiresAt()!;
  assert.equal(expires, clock + (3600 - 60) * 1000);
  clock += (3600 - 61) * 1000;
  await c.healthcheck();
  assert.equal(c.tokenRequests, 1);
  clock += 2000;
  await c.healthcheck();
  assert.equal(c.tokenRequests, 2);
  await c.close();
});

test('a 401 from the API refreshes the token once and retries the request', async () => {
  const c = client();
  await c.healthcheck();
  // The sandbox's clock moves past the token's hour while the client still trusts its cached token.
  const before = clock;
  const sandboxOnly = await startSandbox({ port: 0, tokenTtlSeconds: 60, now });
  const c2 = new PriorAuthClient({ environment: localEnvironment(sandboxOnly.url), credentials: async () => ({ clientId: 'local-client', clientSecret: SECRET }), now: () => before });
  await c2.healthcheck();
  clock += 120_000;
  const result = await c2.healthcheck();
  assert.equal(result.status, 200);
  assert.equal(c2.tokenRequests, 2);
  await c2.close();
  await sandboxOnly.close();
  await c.close();
});

test('wrong credentials fail at the token endpoint with words, a next step, and no secret', async () => {
  const log: string[] = [];
  const c = client({ clientId: 'local-client', clientSecret: 'wrong-secret-value' }, log);
  const error = await failure(c.healthcheck());
  assert.equal(error.kind, 'auth');
  assert.equal(error.status, 401);
  assert.match(error.message, /refused to sign in with client ID local-client/);
  assert.match(error.nextStep, /sign in again/);
  assert.ok(!JSON.stringify({ ...error, message: error.message, details: error.details }).includes('wrong-secret-value'));
  assert.ok(!log.join('\n').includes('wrong-secret-value'));
  const signedOut = new PriorAuthClient({ environment: localEnvironment(sandbox.url), credentials: async () => undefined });
  const none = await failure(signedOut.healthcheck());
  assert.equal(none.kind, 'no-credentials');
});

test('logs never contain the secret or the token, even at trace level', async () => {
  const log: string[] = [];
  const withCreds = client({ clientId: 'local-client', clientSecret: SECRET }, log);
  await withCreds.send('inquiry', 'x12', x12Body(example('inquiry-tst2.x12')));
  const token = await withCreds.accessToken();
  const text = log.join('\n');
  assert.ok(text.includes('→ POST'), 'requests are logged');
  assert.ok(text.includes('correlation'), 'correlation IDs are logged');
  assert.ok(text.includes('trace Root=1-'), 'trace IDs are logged');
  assert.ok(!text.includes(SECRET));
  assert.ok(!text.includes(token));
  assert.deepEqual(redactHeaders({ authorization: `Bearer ${token}`, accept: 'x' }), { authorization: 'Bearer [redacted]', accept: 'x' });
  assert.deepEqual(redactJson({ client_id: 'a', client_secret: SECRET, nested: [{ access_token: token }] }), { client_id: 'a', client_secret: '[redacted]', nested: [{ access_token: '[redacted]' }] });
  await withCreds.close();
});

test('API errors carry Optum\'s messages, the status and a next step', async () => {
  const c = client();
  const bad = await failure(c.send('inquiry', 'x12', JSON.stringify({ x12: 'not an interchange' })));
  assert.equal(bad.kind, 'http');
  assert.equal(bad.status, 400);
  assert.match(bad.details[0], /not an X12 interchange/);
  assert.match(bad.nextStep, /Fix what the messages name/);
  const wrongGuide = await failure(c.send('inquiry', 'x12', x12Body(example('submission-ambulance-a1.x12'))));
  assert.match(wrongGuide.details[0], /005010X215/);
  await c.close();
});

test('429 and 503 are retried as Retry-After asks, a bounded number of times', async () => {
  const ok = client();
  await ok.healthcheck();
  const http = new HttpClient({ connectTimeoutMs: 2000, requestTimeoutMs: 2000, maxRetries: 2, maxRetryWaitMs: 2000 });
  const token = await ok.accessToken();
  const headers = (fail: string) => ({ authorization: `Bearer ${token}`, [FAIL_HEADER]: fail });
  const twice = await http.send('GET', `${sandbox.baseUrl}/healthcheck`, headers('503;retry-after=0;times=2;key=a'), undefined);
  assert.equal(twice.status, 200);
  assert.equal(twice.attempts, 3);
  const always = await http.send('GET', `${sandbox.baseUrl}/healthcheck`, headers('429;retry-after=0;key=b'), undefined);
  assert.equal(always.status, 429);
  assert.equal(always.attempts, 3, 'two retries, then the 429 is returned');
  const tooLong = await http.send('GET', `${sandbox.baseUrl}/healthcheck`, headers('503;retry-after=30;times=1;key=c'), undefined);
  assert.equal(tooLong.attempts, 1, 'a Retry-After beyond the limit is not waited for');
  const notRetried = await http.send('GET', `${sandbox.baseUrl}/healthcheck`, headers('500;times=1;key=d'), undefined);
  assert.equal(notRetried.status, 500);
  assert.equal(notRetried.attempts, 1);
  assert.equal(retryAfterMs('2'), 2000);
  assert.equal(retryAfterMs(new Date(Date.now() + 5000).toUTCString()) > 3000, true);
  await http.close();
  await ok.close();
});

test('timeouts and cancellation end in words', async () => {
  const c = new PriorAuthClient({
    environment: localEnvironment(sandbox.url),
    credentials: async () => ({ clientId: 'local-client', clientSecret: SECRET }),
    now,
    http: { connectTimeoutMs: 2000, requestTimeoutMs: 300, maxRetries: 0, maxRetryWaitMs: 0 },
  });
  await c.healthcheck();
  const http = new HttpClient({ connectTimeoutMs: 2000, requestTimeoutMs: 300, maxRetries: 0, maxRetryWaitMs: 0 });
  const auth = { authorization: `Bearer ${await c.accessToken()}` };
  const timedOut = await failure(http.send('GET', `${sandbox.baseUrl}/healthcheck`, { ...auth, [DELAY_HEADER]: '3000' }, undefined));
  assert.equal(timedOut.kind, 'timeout');
  assert.match(timedOut.nextStep, /requestTimeoutSeconds/);
  const controller = new AbortController();
  const pending = http.send('GET', `${sandbox.baseUrl}/healthcheck`, { ...auth, [DELAY_HEADER]: '3000' }, undefined, controller.signal);
  setImmediate(() => controller.abort());
  const cancelled = await failure(pending);
  assert.equal(cancelled.kind, 'cancelled');
  await http.close();
  await c.close();
});

test('connection refused, DNS failures, TLS failures and plain http elsewhere are explained', async () => {
  const stopped = await startSandbox({ port: 0 });
  const url = stopped.url;
  await stopped.close();
  const refused = await failure(new PriorAuthClient({ environment: localEnvironment(url), credentials: async () => ({ clientId: 'a', clientSecret: 'b' }) }).healthcheck());
  assert.equal(refused.kind, 'connection');
  assert.match(refused.nextStep, /Start the local sandbox/);

  const dns = await failure(new PriorAuthClient({ environment: customEnvironment('https://prior-auth.invalid/v1', 'https://prior-auth.invalid/token'), credentials: async () => ({ clientId: 'a', clientSecret: 'b' }) }).healthcheck());
  assert.equal(dns.kind, 'dns');

  const tlsUrl = sandbox.url.replace('http://', 'https://');
  const tls = await failure(new PriorAuthClient({ environment: customEnvironment(tlsUrl + '/rcm/prior-authorization/v1', tlsUrl + '/apip/auth/v2/token'), credentials: async () => ({ clientId: 'a', clientSecret: 'b' }) }).healthcheck());
  assert.equal(tls.kind, 'tls');

  const plain = await failure(new PriorAuthClient({ environment: customEnvironment('http://example.com/v1', 'http://example.com/token'), credentials: async () => ({ clientId: 'a', clientSecret: 'b' }) }).healthcheck());
  assert.equal(plain.kind, 'refused-url');
  assert.equal(refuseUrl('http://127.0.0.1:8787/x'), undefined);
  assert.equal(refuseUrl('https://apigw.optum.com/x'), undefined);
  assert.match(refuseUrl('http://10.0.0.5/x') ?? '', /Plain http is refused/);
});

test('X12 goes on one line with ISA padding kept; JSON goes as written after a parse check', () => {
  const text = example('inquiry-tst2.x12');
  const line = oneLine(text);
  assert.equal(line.includes('\n'), false);
  assert.equal(line.slice(0, 106), text.slice(0, 106));
  assert.equal(line.replace(/~/g, '~\n'), text);
  assert.deepEqual(JSON.parse(x12Body(text)), { x12: line });
  const json = '{\n  "payerId": "INQDEMO"\n}';
  assert.equal(jsonBody(json).text, json);
  assert.throws(() => jsonBody('{"payerId": '), (e: unknown) => isApiError(e) && e.kind === 'bad-request-body');
});

test('the endpoint comes from ST03/GS08 for X12 and from the shape for JSON', () => {
  assert.equal(endpointForX12(example('inquiry-tst2.x12')), 'inquiry');
  assert.equal(endpointForX12(example('submission-ambulance-a1.x12')), 'submission');
  assert.equal(endpointForX12(example('notice-of-admission.x12')), 'noa');
  assert.equal(endpointForX12('hello'), undefined);
  const optum = (name: string) => JSON.parse(readFileSync(join(FIXTURES, 'optum-examples', name), 'utf8'));
  assert.equal(endpointForJson(optum('user-inquiry-request-subscriber.json')), 'inquiry');
  assert.equal(endpointForJson(optum('user-submission-request-subscriber.json')), 'submission');
  assert.equal(endpointForJson(optum('user-noa-request.json')), 'noa');
  assert.equal(endpointForJson({ payerId: 'X' }), undefined);
  assert.equal(endpointForJson([1]), undefined);
});

test('responses are summarized in plain words', async () => {
  const c = client();
  const approved = await c.send('inquiry', 'x12', x12Body(withMember(example('inquiry-tst2.x12'), 'TST1')));
  const summary = summarizeResponse((approved.body as { inquiry: { x12: string } }).inquiry.x12);
  assert.equal(summary.headline, 'Approved (certified in total) · A062583941');
  assert.equal(summary.decisions[0].code, 'A1');
  assert.match(summaryLines(summary).join('\n'), /Patient event: A1 approved \(certified in total\), auth A062583941 \(issued \d{8}, effective \d{8}-\d{8}, expires \d{8}\)/);
  const denied = await c.send('inquiry', 'x12', x12Body(withMember(example('inquiry-tst2.x12'), 'TST3')));
  assert.equal(summarizeResponse((denied.body as { inquiry: { x12: string } }).inquiry.x12).headline, 'Denied (not certified) · A060795810');
  const rejected = await c.send('inquiry', 'x12', x12Body(withMember(example('inquiry-tst2.x12'), 'TST9')));
  assert.equal(summarizeResponse((rejected.body as { inquiry: { x12: string } }).inquiry.x12).headline, 'Rejected (subscriber name): 72 Invalid/Missing Subscriber/Insured ID; correct and resubmit');
  await c.close();
});
