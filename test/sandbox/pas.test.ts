// The local PAS payer over real HTTP, driven by the real PAS client: SMART Backend Services tokens (and refusal of a
// wrong key), the client secret, every rule-table outcome for 2.0.1 and 2.2.1 request bundles, $inquire, pended →
// notification → final decision (id-only and full-resource, released by delay and on request), OperationOutcome
// errors, and every response the payer produces checked by the project's own FHIR validator.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/src/server';
import { PAS_RULES } from '../../sandbox/src/pas/rules';
import { PasClient, type PasAnswer } from '../../client/src/api/pasClient';
import { generateSigningKeyPair, readSigningKey, signClientAssertion, type PasAuth } from '../../client/src/api/smart';
import { isApiError, type ApiError } from '../../client/src/api/errors';
import { readPasResponse, toResponseSummary, type PasDecision } from '../../client/src/api/pasDecision';
import { buildSubscription, readNotification, requesterIdentifiers, unreachableListener, waitForFinalDecision } from '../../client/src/api/pasSubscription';
import { analyzeFhirDocument } from '../../server/src/fhir';
import { FIXTURES } from '../helpers/fixtures';

const EXAMPLES_DIR = join(FIXTURES, 'fhir/examples');
const example = (version: string, name: string) => JSON.parse(readFileSync(join(EXAMPLES_DIR, version, name), 'utf8')) as Record<string, any>;

let sandbox: Sandbox;
const HTTP = { connectTimeoutMs: 5000, requestTimeoutMs: 15000, maxRetries: 0, maxRetryWaitMs: 0 };

before(async () => {
  sandbox = await startSandbox({ port: 0, pas: { releaseDelayMs: 300 } });
});
after(async () => {
  await sandbox.close();
});

function client(auth: PasAuth = { kind: 'none' }, log: string[] = []): PasClient {
  return new PasClient({
    environment: { label: 'local PAS payer', baseUrl: sandbox.pasBaseUrl, production: false },
    auth,
    http: HTTP,
    log: { info: (m) => log.push(m), trace: (m) => log.push(m) },
  });
}

/** A request bundle from the packages' examples with the patient's member identifier set to `member`. */
function requestFor(member: string, version = '2.2.1', name = 'Bundle-ReferralAuthorizationBundleExample.json'): Record<string, any> {
  const bundle = example(version, name);
  for (const entry of bundle.entry) if (entry.resource.resourceType === 'Patient') for (const id of entry.resource.identifier ?? []) id.value = member;
  return versioned(bundle, version);
}

/** The bundle's PAS canonicals with `|version`, as a client states which PAS it writes. */
function versioned<T extends Record<string, any>>(bundle: T, version: string): T {
  const mark = (r: any) => {
    if (r?.meta?.profile) r.meta.profile = r.meta.profile.map((p: string) => (p.includes('/davinci-pas/') && !p.includes('|') ? `${p}|${version}` : p));
  };
  mark(bundle);
  for (const e of bundle.entry ?? []) mark(e.resource);
  return bundle;
}

/** FHIR JSON never carries an empty array or object (checked here directly, whatever the validator's progress). */
function emptyContainers(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.length === 0 ? [path] : value.flatMap((v, i) => emptyContainers(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? [path] : entries.flatMap(([k, v]) => emptyContainers(v, path ? `${path}.${k}` : k));
  }
  return [];
}

function assertValidPas(body: unknown, what: string): void {
  assert.deepEqual(emptyContainers(body), [], `${what}: no empty arrays or objects`);
  const text = JSON.stringify(body, null, 2);
  const analysis = analyzeFhirDocument(text, { uri: 'response.pas.json' });
  assert.ok(analysis.pas, `${what}: the project's validator must see a PAS document`);
  const errors = analysis.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors.map((e) => `${e.code}: ${e.message}`), [], `${what}: zero errors against the PAS profiles`);
}

function decisionOf(answer: PasAnswer): PasDecision {
  assert.equal(answer.reading.kind, 'decision', `expected a decision, got ${answer.reading.headline}`);
  if (answer.reading.kind !== 'decision') throw new Error('unreachable');
  assert.equal(answer.reading.decisions.length, 1);
  return answer.reading.decisions[0];
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

async function register(clientId: string, jwks: unknown): Promise<number> {
  const res = await fetch(sandbox.pasBaseUrl + '/auth/register', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: clientId, jwks }) });
  await res.arrayBuffer();
  return res.status;
}

test('metadata and SMART configuration are served at the FHIR base', async () => {
  const c = client();
  const meta = await c.metadata();
  assert.equal(meta.status, 200);
  assert.equal((meta.body as any).resourceType, 'CapabilityStatement');
  const ops = (meta.body as any).rest[0].resource.find((r: any) => r.type === 'Claim').operation.map((o: any) => o.name);
  assert.deepEqual(ops, ['submit', 'inquire']);
  const config = (await (await fetch(sandbox.pasBaseUrl + '/.well-known/smart-configuration')).json()) as any;
  assert.equal(config.token_endpoint, sandbox.pasBaseUrl + '/auth/token');
  assert.ok(config.token_endpoint_auth_signing_alg_values_supported.includes('ES384'));
  await c.close();
});

for (const alg of ['ES384', 'RS384'] as const) {
  test(`SMART Backend Services: a ${alg} assertion signed with the registered key gets a token, reused across calls`, async () => {
    const pair = generateSigningKeyPair(alg);
    assert.equal(await register(`smart-${alg}`, pair.publicJwks), 201);
    const log: string[] = [];
    const c = client({ kind: 'smart', clientId: `smart-${alg}`, privateKey: JSON.stringify(pair.privateJwk) }, log);
    const before = sandbox.pas.stats().tokensIssued;
    const first = await c.submit(requestFor('PAS-A1'));
    assert.equal(decisionOf(first).items[0].code, 'A1');
    await c.submit(requestFor('PAS-A1'));
    assert.equal(c.tokens.tokenRequests, 1);
    assert.equal(sandbox.pas.stats().tokensIssued - before, 1);
    assert.ok(!log.join('\n').includes(pair.privateJwk.d!), 'the private key never reaches the log');
    assert.ok(log.some((l) => l.includes('Bearer [redacted]')), 'the token is redacted in the log');
    await c.close();
  });
}

test('SMART Backend Services: a key the payer does not know is refused with words, and no secret in them', async () => {
  const registered = generateSigningKeyPair('ES384');
  const other = generateSigningKeyPair('ES384');
  assert.equal(await register('smart-wrong-key', registered.publicJwks), 201);
  const c = client({ kind: 'smart', clientId: 'smart-wrong-key', privateKey: JSON.stringify(other.privateJwk), keyId: registered.kid });
  const error = await failure(c.submit(requestFor('PAS-A1')));
  assert.equal(error.kind, 'auth');
  assert.equal(error.status, 401);
  assert.match(error.details.join(' '), /signature does not verify/);
  assert.match(error.nextStep, /public key registered/);
  const all = `${error.message} ${error.nextStep} ${error.details.join(' ')}`;
  assert.ok(!all.includes(other.privateJwk.d!));
  assert.ok(!/eyJ[\w-]+\.[\w-]+\.[\w-]+/.test(all), 'no assertion (JWT) in the error text');
  await c.close();
});

test('SMART: an unregistered client, an expired or replayed assertion, and a wrong audience are refused', async () => {
  const pair = generateSigningKeyPair('ES384');
  assert.equal(await register('smart-claims', pair.publicJwks), 201);
  const signing = readSigningKey(JSON.stringify(pair.privateJwk));
  const tokenUrl = sandbox.pasBaseUrl + '/auth/token';
  const post = async (assertion: string) => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion });
    const res = await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    return { status: res.status, body: (await res.json()) as { error_description?: string } };
  };
  const good = signClientAssertion('smart-claims', tokenUrl, signing);
  assert.equal((await post(good)).status, 200);
  const replay = await post(good);
  assert.equal(replay.status, 401);
  assert.match(replay.body.error_description!, /already used/);
  const expired = await post(signClientAssertion('smart-claims', tokenUrl, signing, Date.now() - 600_000));
  assert.match(expired.body.error_description!, /expired/);
  const wrongAud = await post(signClientAssertion('smart-claims', 'https://elsewhere.example/token', signing));
  assert.match(wrongAud.body.error_description!, /aud must be the token URL/);
  const unknown = await post(signClientAssertion('nobody', tokenUrl, signing));
  assert.match(unknown.body.error_description!, /No public key is registered for client "nobody"/);
  assert.equal(await register('bad', { keys: [pair.privateJwk] }), 400, 'a private key is never accepted for registration');
});

test('client secret (Basic and in the form) gets a token; a wrong secret is refused without echoing it', async () => {
  for (const style of ['basic', 'post'] as const) {
    const c = client({ kind: 'secret', clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, style });
    assert.equal(decisionOf(await c.submit(requestFor('PAS-A1'))).items[0].code, 'A1');
    assert.equal(c.tokens.tokenRequests, 1);
    await c.close();
  }
  const wrong = 'not-the-secret-%&+ 1234';
  const c = client({ kind: 'secret', clientId: sandbox.clientId, clientSecret: wrong });
  const error = await failure(c.submit(requestFor('PAS-A1')));
  assert.equal(error.kind, 'auth');
  assert.ok(!`${error.message} ${error.details.join(' ')}`.includes(wrong));
  await c.close();
});

test('an invalid bearer token is refused with an OperationOutcome (401), and the client says to sign in', async () => {
  const res = await fetch(sandbox.pasBaseUrl + '/Claim/$submit', { method: 'POST', headers: { authorization: 'Bearer nope', 'content-type': 'application/fhir+json' }, body: JSON.stringify(requestFor('PAS-A1')) });
  assert.equal(res.status, 401);
  const body = (await res.json()) as any;
  assert.equal(body.resourceType, 'OperationOutcome');
  assert.equal(body.issue[0].code, 'login');
});

const EXPECTED: Record<string, { code?: string; errors?: string; outcome?: number }> = {
  'PAS-A1': { code: 'A1' },
  'PAS-A2': { code: 'A2' },
  'PAS-A3': { code: 'A3' },
  'PAS-A6': { code: 'A6' },
  'PAS-CT': { code: 'CT' },
  'PAS-NA': { code: 'NA' },
  'PAS-PEND': { code: 'A4' },
  'PAS-PEND-DENY': { code: 'A4' },
  'PAS-HOLD': { code: 'A4' },
  'PAS-REJECT': { errors: '75' },
  'PAS-OO': { outcome: 422 },
  '12345678901': { code: 'A1' },
};

test('every rule in the table is tested', () => {
  for (const member of Object.keys(PAS_RULES)) assert.ok(EXPECTED[member], `rule ${member} has an expectation`);
});

for (const version of ['2.2.1', '2.0.1']) {
  for (const [member, expected] of Object.entries(EXPECTED)) {
    test(`$submit (${version}) for member ${member}: ${PAS_RULES[member]?.summary ?? 'not in the table: certified'}`, async () => {
      const c = client();
      const answer = await c.submit(requestFor(member, version));
      if (expected.outcome) {
        assert.equal(answer.status, expected.outcome);
        assert.equal(answer.reading.kind, 'operation-outcome');
        assert.match(answer.reading.headline, /no active coverage/);
      } else {
        assert.equal(answer.status, 200);
        assertValidPas(answer.body, `${member} ${version}`);
        const d = decisionOf(answer);
        if (expected.errors) {
          assert.equal(d.errors[0].code, expected.errors);
          assert.equal(d.errors[0].words, 'Subscriber/Insured Not Found');
          assert.equal(d.errors[0].followUpWords, 'correct and resubmit');
          assert.equal(d.outcome, 'error');
          assert.match(d.headline, /^Rejected: Subscriber\/Insured Not Found \(75\)/);
        } else {
          assert.deepEqual(d.items.map((i) => i.code), [expected.code]);
          const item = d.items[0];
          if (['A1', 'A2', 'A6'].includes(expected.code!)) {
            assert.match(item.authorization ?? '', /^PA\d{8}$/);
            assert.ok(item.issued && item.start && item.end, 'dates of the authorization');
          }
          if (expected.code === 'A4') {
            assert.equal(d.pended, true);
            assert.match(item.administrationReference ?? '', /^PEND-/);
            assert.equal(d.outcome, version === '2.0.1' ? 'queued' : 'complete');
          }
          if (expected.code === 'A6' || expected.code === 'A2') assert.match(item.authorizedDetail ?? '', /quantity/);
          if (expected.code === 'A3') assert.match(d.disposition ?? '', /medical necessity/);
          assert.equal(toResponseSummary(d).decisions[0].code, expected.code);
        }
      }
      await c.close();
    });
  }
}

test('the request bundle also travels wrapped in Parameters', async () => {
  const c = new PasClient({ environment: { label: 'local', baseUrl: sandbox.pasBaseUrl, production: false }, auth: { kind: 'none' }, wrapping: 'parameters', http: HTTP });
  assert.equal(decisionOf(await c.submit(requestFor('PAS-A3'))).items[0].code, 'A3');
  await c.close();
});

test('bad requests get an OperationOutcome with words', async () => {
  const c = client();
  const notClaimFirst = requestFor('PAS-A1');
  notClaimFirst.entry.push(notClaimFirst.entry.shift());
  const cases: [unknown, number, RegExp][] = [
    [notClaimFirst, 400, /first entry of a PAS request Bundle must be the Claim/],
    [{ ...requestFor('PAS-A1'), type: 'transaction' }, 400, /type "collection"/],
  ];
  for (const [body, status, words] of cases) {
    const answer = await c.submit(body);
    assert.equal(answer.status, status);
    assert.equal(answer.reading.kind, 'operation-outcome');
    assert.match(answer.reading.headline, words);
  }
  const raw = async (body: string, type: string) => {
    const res = await fetch(sandbox.pasBaseUrl + '/Claim/$submit', { method: 'POST', headers: { 'content-type': type }, body });
    return { status: res.status, reading: readPasResponse(await res.json()) };
  };
  const junk = await raw('{"resourceType": ', 'application/fhir+json');
  assert.equal(junk.status, 400);
  assert.match(junk.reading.headline, /not JSON/);
  const xml = await raw('<Bundle/>', 'application/fhir+xml');
  assert.equal(xml.status, 415);
  assert.equal(junk.reading.kind, 'operation-outcome');
  const notBundle = await raw(JSON.stringify({ resourceType: 'Patient' }), 'application/fhir+json');
  assert.match(notBundle.reading.headline, /not a Patient/);
  await assert.rejects(() => Promise.resolve().then(() => c.submit({ resourceType: 'Claim' })), /A PAS request is a Bundle/);
  await c.close();
});

test('$inquire finds earlier decisions for the patient (2.2.1: Parameters of inquiry-response bundles)', async () => {
  const c = client();
  await c.submit(requestFor('PAS-A6'));
  const inquiry = example('2.2.1', 'Bundle-PASClaimInquiryBundleExample.json');
  for (const entry of inquiry.entry) if (entry.resource.resourceType === 'Patient') for (const id of entry.resource.identifier ?? []) id.value = 'PAS-A6';
  const answer = await c.inquire(inquiry);
  assert.equal(answer.status, 200);
  assert.equal((answer.body as any).resourceType, 'Parameters');
  assert.equal(answer.reading.kind, 'decision');
  if (answer.reading.kind !== 'decision') return;
  assert.ok(answer.reading.decisions.length >= 1);
  assert.ok(answer.reading.decisions.every((d) => d.items[0].code === 'A6'));
  for (const p of (answer.body as any).parameter) assertValidPas(p.resource, 'inquiry response bundle');
  for (const entry of inquiry.entry) if (entry.resource.resourceType === 'Patient') for (const id of entry.resource.identifier ?? []) id.value = 'NOBODY-HERE';
  const none = await c.inquire(inquiry);
  assert.equal(none.reading.kind, 'decision');
  assert.match(none.reading.headline, /No matching prior authorization/);
  await c.close();
});

test('$inquire (2.0.1) answers the inquiry-response bundle itself', async () => {
  const c = client();
  await c.submit(requestFor('PAS-CT', '2.0.1'));
  const inquiry = versioned(example('2.0.1', 'Bundle-PASClaimInquiryBundleExample.json'), '2.0.1');
  for (const entry of inquiry.entry) if (entry.resource.resourceType === 'Patient') for (const id of entry.resource.identifier ?? []) id.value = 'PAS-CT';
  const answer = await c.inquire(inquiry);
  assert.equal((answer.body as any).resourceType, 'Bundle');
  assertValidPas(answer.body, 'inquiry response bundle 2.0.1');
  assert.equal(decisionOf(answer).items[0].code, 'CT');
  await c.close();
});

/** Until the client has subscribed and seen the claim still pended (so the release must come as a notification). */
async function untilWaiting(log: string[]): Promise<void> {
  for (let i = 0; i < 2000 && !log.some((l) => l.includes('waiting for a notification')); i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(sandbox.pas.stats().activeSubscriptions, 1, 'the subscription is active');
}

async function release(id: string | undefined, decision?: string): Promise<number> {
  const res = await fetch(`${sandbox.pasBaseUrl}/ClaimResponse/${id}/$release${decision ? `?decision=${decision}` : ''}`, { method: 'POST' });
  await res.arrayBuffer();
  return res.status;
}

for (const payload of ['id-only', 'full-resource'] as const) {
  test(`pended → notification (${payload}) → final decision, through the subscription and the 127.0.0.1 listener`, async () => {
    const log: string[] = [];
    const c = client({ kind: 'none' }, log);
    const request = requestFor('PAS-HOLD');
    const pended = decisionOf(await c.submit(request));
    assert.equal(pended.pended, true);
    const before = sandbox.pas.stats().notificationsSent;
    const waiting = waitForFinalDecision({ client: c, pended, request, payload, timeoutMs: 20_000, log: { info: (m) => log.push(m), trace: () => undefined } });
    await untilWaiting(log);
    assert.equal(await release(pended.claimResponseId), 200);
    const result = await waiting;
    assert.equal(result.decision.items[0].code, 'A1');
    assert.equal(result.decision.claimResponseId, pended.claimResponseId);
    assert.equal(result.decision.pended, false);
    assert.ok(result.notifications >= 1);
    assertValidPas(result.body, 'final response bundle');
    assert.ok(sandbox.pas.stats().notificationsSent - before >= 2, 'a handshake and an event notification');
    assert.ok(log.some((l) => /notification: event-notification #\d+ focus http:\/\/127\.0\.0\.1:\d+\/fhir\/Bundle\//.test(l)), log.join('\n'));
    assert.equal(log.some((l) => l.includes('GET') && l.includes('/fhir/Bundle/')), payload === 'id-only', 'id-only fetches the focus; full-resource does not');
    const status = await fetch(`${sandbox.pasBaseUrl}/Subscription/${result.subscriptionId}`);
    assert.equal(status.status, 404, 'the subscription is removed after the wait');
    await status.arrayBuffer();
    await c.close();
  });
}

test('a decision released after a delay arrives (PAS-PEND → A1)', async () => {
  const c = client();
  const request = requestFor('PAS-PEND');
  const pended = decisionOf(await c.submit(request));
  const result = await waitForFinalDecision({ client: c, pended, request, timeoutMs: 20_000 });
  assert.equal(result.decision.items[0].code, 'A1');
  assert.match(result.decision.items[0].authorization ?? '', /^PA\d{8}$/);
  await c.close();
});

test('a decision made before the subscription exists is read once after subscribing (no notification will come)', async () => {
  const c = client();
  const request = requestFor('PAS-HOLD');
  const pended = decisionOf(await c.submit(request));
  assert.equal(await release(pended.claimResponseId, 'A6'), 200);
  const result = await waitForFinalDecision({ client: c, pended, request, timeoutMs: 20_000 });
  assert.equal(result.decision.items[0].code, 'A6');
  assert.equal(result.notifications, 0);
  await c.close();
});

test('a held decision released as a denial arrives as a denial; releasing twice is a conflict', async () => {
  const c = client();
  const request = requestFor('PAS-HOLD');
  const pended = decisionOf(await c.submit(request));
  const log: string[] = [];
  const waiting = waitForFinalDecision({ client: c, pended, request, payload: 'id-only', timeoutMs: 20_000, log: { info: (m) => log.push(m), trace: () => undefined } });
  await untilWaiting(log);
  assert.equal(await release(pended.claimResponseId, 'A3'), 200);
  const result = await waiting;
  assert.equal(result.decision.items[0].code, 'A3');
  assert.equal(await release(pended.claimResponseId), 409);
  await c.close();
});

test('Subscription create, read, $status and delete; a listener nobody answers at is reported plainly', async () => {
  const c = client();
  const created = await c.createSubscription(buildSubscription({ endpoint: 'http://127.0.0.1:9/nothing-listens-here', orgIdentifier: '8189991234', payload: 'id-only' }));
  assert.equal(created.status, 201);
  const sub = created.body as any;
  assert.equal(sub.status, 'error');
  assert.match(sub.error, /handshake .* failed/);
  const read = await c.read(`Subscription/${sub.id}`);
  assert.equal((read.body as any).id, sub.id);
  const status = await c.subscriptionStatus(sub.id);
  const note = readNotification(status.body);
  assert.equal(note?.type, 'query-status');
  assert.equal((await c.deleteSubscription(sub.id)).status, 200);
  const request = requestFor('PAS-PEND');
  const pended = decisionOf(await c.submit(request));
  const error = await failure(waitForFinalDecision({ client: c, pended, request, timeoutMs: 5000, notifyUrl: 'http://127.0.0.1:9/nothing-listens-here' }));
  assert.equal(error.kind, 'connection');
  assert.match(error.message, /could not deliver the subscription handshake/);
  await c.close();
});

test('a server that is not on this machine cannot reach a 127.0.0.1 listener: said before subscribing', () => {
  assert.match(unreachableListener('https://payer.example.com/fhir', 'http://127.0.0.1:4567/x')!, /payer\.example\.com cannot reach it/);
  assert.match(unreachableListener('https://payer.example.com/fhir', 'http://tunnel.example.net/x')!, /plain http/);
  assert.equal(unreachableListener('https://payer.example.com/fhir', 'https://tunnel.example.net/x'), undefined);
  assert.equal(unreachableListener('http://127.0.0.1:8787/fhir', 'http://127.0.0.1:4567/x'), undefined);
});

test('the subscription filters on the requesting organization of the request bundle', () => {
  assert.deepEqual(requesterIdentifiers(requestFor('X')), ['8189991234']);
  const sub = buildSubscription({ endpoint: 'https://example.org/hook', orgIdentifier: '8189991234', payload: 'full-resource' }) as any;
  assert.equal(sub._criteria.extension[0].valueString, 'orgIdentifier=8189991234');
  assert.equal(sub.channel._payload.extension[0].valueCode, 'full-resource');
  assertValidPas(sub, 'the Subscription');
});

test('the packages\' response examples read as decisions in words', () => {
  const pending = readPasResponse(example('2.2.1', 'Bundle-ReferralPendingAuthorizationResponseBundleExample.json'));
  assert.equal(pending.kind, 'decision');
  if (pending.kind === 'decision') assert.equal(pending.decisions[0].pended, true);
  const error = readPasResponse(example('2.2.1', 'Bundle-ErrorResponseBundleExample.json'));
  assert.equal(error.kind, 'decision');
  if (error.kind === 'decision') {
    assert.deepEqual(error.decisions[0].errors.map((e) => e.code), ['04', 'T4']);
    assert.equal(error.decisions[0].errors[1].followUpWords, 'correct and resubmit');
    assert.match(error.decisions[0].errors[1].where ?? '', /2010A-NM103/);
  }
  const inquiry = readPasResponse(example('2.2.1', 'Parameters-PASClaimInquiryOperationResponseExample.json'));
  assert.equal(inquiry.kind, 'decision');
  if (inquiry.kind === 'decision') assert.equal(inquiry.decisions[0].items[0].authorization, 'AUTH0001');
  const oo = readPasResponse(example('2.2.1', 'OperationOutcome-InvalidRequestResponse.json'));
  assert.equal(oo.headline, 'Error: The input request is not of the desired format.');
  const note = readNotification(example('2.2.1', 'Bundle-PASSubscriptionNotification.json'));
  assert.equal(note?.type, 'event-notification');
  assert.deepEqual(note?.focus, ['http://example.org/Bundle/ReferralAuthorizationResponseBundleExample']);
  assert.equal(note?.resources.length, 1);
});

test('a payer started with auth required refuses anonymous requests; keys registered at start sign in; tokens renew before expiry', async () => {
  let clock = Date.UTC(2026, 11, 4, 12, 0, 0);
  const pair = generateSigningKeyPair('ES384');
  const strict = await startSandbox({ port: 0, now: () => clock, pas: { requireAuth: true, tokenTtlSeconds: 300, clients: [{ clientId: 'at-start', jwks: pair.publicJwks }] } });
  const make = (auth: PasAuth) => new PasClient({ environment: { label: 'strict payer', baseUrl: strict.pasBaseUrl, production: false }, auth, http: HTTP, now: () => clock });
  try {
    const anonymous = make({ kind: 'none' });
    const error = await failure(anonymous.submit(requestFor('PAS-A1')));
    assert.equal(error.kind, 'auth');
    assert.match(error.nextStep, /needs a token/);
    await anonymous.close();
    const smart = make({ kind: 'smart', clientId: 'at-start', privateKey: JSON.stringify(pair.privateJwk) });
    assert.equal(decisionOf(await smart.submit(requestFor('PAS-A1'))).items[0].code, 'A1');
    assert.equal(smart.tokens.tokenExpiresAt(), clock + (300 - 60) * 1000, 'reused until a minute before it expires');
    clock += 239_000;
    await smart.submit(requestFor('PAS-A1'));
    assert.equal(smart.tokens.tokenRequests, 1);
    clock += 2_000;
    await smart.submit(requestFor('PAS-A1'));
    assert.equal(smart.tokens.tokenRequests, 2, 'a new token (with a new assertion) after the reuse window');
    await smart.close();
  } finally {
    await strict.close();
  }
});

test('signing keys: PEM and JWK read alike; P-256, short RSA keys, JWK sets and junk are refused without echoing the key', async () => {
  const { generateKeyPairSync } = await import('node:crypto');
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const pem = ec.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const fromPem = readSigningKey(pem);
  const fromJwk = readSigningKey(JSON.stringify(ec.privateKey.export({ format: 'jwk' })));
  assert.equal(fromPem.alg, 'ES384');
  assert.equal(fromPem.kid, fromJwk.kid, 'the kid is the public key\'s thumbprint either way');
  const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  assert.throws(() => readSigningKey(p256), (e: ApiError) => /RS384 \(RSA\) or ES384 \(EC P-384\)/.test(e.message) && !e.message.includes(p256.slice(40, 80)));
  const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  assert.throws(() => readSigningKey(rsa1024), /1024 bits/);
  const pair = generateSigningKeyPair('ES384');
  assert.throws(() => readSigningKey(JSON.stringify(pair.publicJwks)), /a JWK set/);
  assert.throws(() => readSigningKey('-----BEGIN PRIVATE KEY-----\nnot really\n-----END PRIVATE KEY-----'), (e: ApiError) => e.message === 'The SMART private key is not a readable private key.');
});
