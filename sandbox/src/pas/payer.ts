// The local Da Vinci PAS payer, mounted by the local sandbox under /fhir: metadata, SMART configuration and tokens,
// Claim/$submit and Claim/$inquire decided by the rule table (rules.ts), reads of responses, R4 backport
// Subscriptions (create/read/delete, $status) whose subscribers get a handshake and, when a pended claim is released,
// an event notification (id-only or full-resource). Testing aid: POST [base]/ClaimResponse/ID/$release.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { PasTokenIssuer, type RegisteredClient } from './auth';
import { chooseRule, DEFAULT_RELEASE_DELAY_MS, type PasRule, type ReviewAction } from './rules';
import {
  capabilityStatement, claimResponse, isObject, list, notificationBundle, operationOutcome, PAS_TOPIC, readRequest, responseBundle, smartConfiguration,
  type Json, type RequestFacts,
} from './resources';

export const PAS_BASE_PATH = '/fhir';
const MAX_BODY = 5 * 1024 * 1024;
const BACKPORT = 'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/';

export interface PasPayerOptions {
  /** Refuse requests without a token (default: anonymous requests are accepted, the "none" auth of a local server). */
  readonly requireAuth?: boolean;
  /** Clients whose public keys are registered at start (SMART Backend Services). */
  readonly clients?: readonly RegisteredClient[];
  /** How long a delay-released pended decision stays pended (default 3 s). */
  readonly releaseDelayMs?: number;
  /** Lifetime of issued tokens. */
  readonly tokenTtlSeconds?: number;
  /** The PAS version answered when a request's canonicals carry none (default 2.2.1). */
  readonly defaultVersion?: '2.0.1' | '2.2.1';
  /** Timeout of each notification POST to a subscriber. */
  readonly notifyTimeoutMs?: number;
}

interface StoredDecision {
  readonly id: string;
  readonly bundleId: string;
  readonly facts: RequestFacts;
  readonly rule: PasRule;
  action?: ReviewAction;
  disposition?: string;
  authorization?: string;
  bundle: Json;
  timer?: NodeJS.Timeout;
}

interface StoredSubscription {
  resource: Json;
  readonly orgIdentifier?: string;
  readonly payload: 'empty' | 'id-only' | 'full-resource';
  readonly endpoint: string;
  readonly headers: Record<string, string>;
  events: number;
}

export interface PasPayerStats {
  readonly tokensIssued: number;
  readonly notificationsSent: number;
  readonly notificationsFailed: number;
  readonly activeSubscriptions: number;
}

class FhirError extends Error {
  constructor(readonly status: number, readonly outcome: Json, readonly headers: Record<string, string> = {}) {
    super(String(outcome.issue?.[0]?.details?.text ?? status));
  }
}

const fail = (status: number, code: string, text: string, expression?: string, headers?: Record<string, string>) => new FhirError(status, operationOutcome(code, text, 'error', expression), headers);

function sendFhir(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/fhir+json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'x-request-id': randomUUID(), ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        req.removeAllListeners('data');
        req.resume();
        reject(fail(413, 'too-costly', `The request body is over ${MAX_BODY} bytes.`, undefined, { connection: 'close' }));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function readFhirJson(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/fhir+json' && type !== 'application/json') throw fail(415, 'not-supported', `Send FHIR JSON (Content-Type: application/fhir+json), not "${type || '(none)'}".`);
  const text = await readBody(req);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fail(400, 'structure', `The body is not JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

export class PasPayer {
  private origin = 'http://127.0.0.1';
  private readonly issuer: PasTokenIssuer;
  private readonly decisions = new Map<string, StoredDecision>();
  private readonly bundles = new Map<string, StoredDecision>();
  private readonly subscriptions = new Map<string, StoredSubscription>();
  private readonly pendingDeliveries = new Set<Promise<void>>();
  private authNumber = 0;
  private notificationsSent = 0;
  private notificationsFailed = 0;

  constructor(
    private readonly options: PasPayerOptions,
    secret: { clientId: string; clientSecret: string },
    private readonly now: () => number,
  ) {
    this.issuer = new PasTokenIssuer(secret, options.tokenTtlSeconds ?? 300, now);
    for (const c of options.clients ?? []) this.issuer.register(c.clientId, c.jwks);
  }

  setOrigin(origin: string): void {
    this.origin = origin;
  }

  get baseUrl(): string {
    return this.origin + PAS_BASE_PATH;
  }

  get tokenUrl(): string {
    return this.baseUrl + '/auth/token';
  }

  get registrationUrl(): string {
    return this.baseUrl + '/auth/register';
  }

  stats(): PasPayerStats {
    return { tokensIssued: this.issuer.issued, notificationsSent: this.notificationsSent, notificationsFailed: this.notificationsFailed, activeSubscriptions: [...this.subscriptions.values()].filter((s) => s.resource.status === 'active').length };
  }

  /** Registers a client's public JWKS (what POST [base]/auth/register does). */
  registerClient(clientId: string | undefined, jwks: unknown): { clientId: string } | { problem: string } {
    return this.issuer.register(clientId, jwks);
  }

  /** Releases a pended decision now (what POST [base]/ClaimResponse/ID/$release does); undefined when not pended. */
  release(id: string, final?: ReviewAction): Json | undefined {
    const d = this.decisions.get(id);
    if (!d || d.action !== 'A4' || !d.rule.release) return undefined;
    clearTimeout(d.timer);
    d.action = final ?? d.rule.release.final;
    d.disposition = d.rule.release.disposition;
    if (d.action === 'A1' || d.action === 'A2' || d.action === 'A6') d.authorization = this.nextAuthorization();
    d.bundle = this.buildBundle(d);
    this.notify(d);
    return d.bundle;
  }

  /** Waits for notifications in flight (tests and shutdown). */
  async settle(): Promise<void> {
    while (this.pendingDeliveries.size) await Promise.all([...this.pendingDeliveries]);
  }

  async close(): Promise<void> {
    for (const d of this.decisions.values()) clearTimeout(d.timer);
    await this.settle();
  }

  /** Handles a request whose path starts with /fhir; `rest` is the path after it. */
  async handle(req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> {
    try {
      await this.route(req, res, rest.replace(/\/+$/, ''));
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof FhirError) sendFhir(res, error.status, error.outcome, error.headers);
      else sendFhir(res, 500, operationOutcome('exception', `The local PAS payer failed: ${error instanceof Error ? error.message : String(error)}.`));
    }
  }

  private method(req: IncomingMessage, ...allowed: string[]): void {
    if (!allowed.includes(req.method ?? '')) throw fail(405, 'not-supported', `Use ${allowed.join(' or ')} here.`, undefined, { allow: allowed.join(', ') });
  }

  private authorize(req: IncomingMessage): void {
    const state = this.issuer.check(req.headers.authorization);
    if (state === 'valid' || (state === 'anonymous' && !this.options.requireAuth)) return;
    const why = {
      anonymous: 'This payer requires a token: get one from the token endpoint (SMART Backend Services or the client secret).',
      malformed: 'The Authorization header must be "Bearer <access_token>".',
      unknown: 'The access token was not issued by this payer. Get a new token.',
      expired: 'The access token has expired. Get a new token.',
    }[state];
    throw fail(401, 'login', why, undefined, { 'www-authenticate': 'Bearer' });
  }

  private async route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/metadata') {
      this.method(req, 'GET');
      return sendFhir(res, 200, capabilityStatement(this.baseUrl, this.tokenUrl, this.now()));
    }
    if (path === '/.well-known/smart-configuration') {
      this.method(req, 'GET');
      return sendFhir(res, 200, smartConfiguration(this.tokenUrl, this.registrationUrl), { 'content-type': 'application/json' });
    }
    if (path === '/auth/token') {
      this.method(req, 'POST');
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      const text = await readBody(req);
      if (type !== 'application/x-www-form-urlencoded') return sendFhir(res, 400, { error: 'invalid_request', error_description: 'The token request must be a form (application/x-www-form-urlencoded).' }, { 'content-type': 'application/json' });
      const answer = this.issuer.issue(new URLSearchParams(text), req.headers.authorization, this.tokenUrl);
      return sendFhir(res, answer.status, answer.body, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    }
    if (path === '/auth/register') {
      this.method(req, 'POST');
      const body = await readBody(req);
      let parsed: { client_id?: unknown; jwks?: unknown };
      try {
        parsed = JSON.parse(body);
      } catch {
        return sendFhir(res, 400, { error: 'invalid_client_metadata', error_description: 'The body must be JSON: {"client_id": "…", "jwks": {"keys": […]}}.' }, { 'content-type': 'application/json' });
      }
      const result = this.issuer.register(parsed?.client_id, parsed?.jwks);
      if ('problem' in result) return sendFhir(res, 400, { error: 'invalid_client_metadata', error_description: result.problem }, { 'content-type': 'application/json' });
      return sendFhir(res, 201, { client_id: result.clientId, token_endpoint_auth_method: 'private_key_jwt', grant_types: ['client_credentials'] }, { 'content-type': 'application/json' });
    }
    this.authorize(req);
    if (path === '/Claim/$submit' || path === '/Claim/$inquire') {
      this.method(req, 'POST');
      const body = await readFhirJson(req);
      return path === '/Claim/$submit' ? this.submit(res, body) : this.inquire(res, body);
    }
    let m = /^\/(ClaimResponse|Bundle)\/([A-Za-z0-9\-.]{1,64})$/.exec(path);
    if (m) {
      this.method(req, 'GET');
      const d = m[1] === 'Bundle' ? this.bundles.get(m[2]) : this.decisions.get(m[2]);
      if (!d) throw fail(404, 'not-found', `No ${m[1]} with id ${m[2]} here.`);
      return sendFhir(res, 200, m[1] === 'Bundle' ? d.bundle : d.bundle.entry[0].resource);
    }
    m = /^\/ClaimResponse\/([A-Za-z0-9\-.]{1,64})\/\$release$/.exec(path);
    if (m) {
      this.method(req, 'POST');
      const final = new URL(req.url ?? '/', 'http://x').searchParams.get('decision') ?? undefined;
      if (final !== undefined && !['A1', 'A2', 'A3', 'A6', 'C', 'CT', 'NA'].includes(final)) throw fail(400, 'value', `decision takes A1, A2, A3, A6, C, CT or NA, not "${final}".`);
      const bundle = this.release(m[1], final as ReviewAction | undefined);
      if (!bundle) throw fail(409, 'conflict', `ClaimResponse ${m[1]} is not a pended decision waiting for release.`);
      return sendFhir(res, 200, bundle);
    }
    if (path === '/Subscription') {
      this.method(req, 'POST');
      return this.subscribe(res, await readFhirJson(req));
    }
    m = /^\/Subscription\/([A-Za-z0-9\-.]{1,64})(\/\$status)?$/.exec(path);
    if (m) {
      const sub = this.subscriptions.get(m[1]);
      if (m[2]) {
        this.method(req, 'GET', 'POST');
        if (!sub) throw fail(404, 'not-found', `No Subscription with id ${m[1]}.`);
        return sendFhir(res, 200, notificationBundle({ subscriptionUrl: this.subscriptionUrl(m[1]), type: 'query-status', status: String(sub.resource.status), eventsSinceStart: sub.events, nowMs: this.now(), bundleType: 'searchset' }));
      }
      this.method(req, 'GET', 'DELETE');
      if (!sub) throw fail(404, 'not-found', `No Subscription with id ${m[1]}.`);
      if (req.method === 'DELETE') {
        this.subscriptions.delete(m[1]);
        return sendFhir(res, 200, operationOutcome('informational', `Subscription ${m[1]} deleted.`, 'information'));
      }
      return sendFhir(res, 200, sub.resource);
    }
    throw fail(404, 'not-found', `The local PAS payer has nothing at ${PAS_BASE_PATH}${path}: it serves metadata, Claim/$submit, Claim/$inquire, ClaimResponse, Bundle and Subscription.`);
  }

  private nextAuthorization(): string {
    this.authNumber++;
    return `PA${String(this.authNumber).padStart(8, '0')}`;
  }

  private buildBundle(d: StoredDecision): Json {
    const response = claimResponse({ facts: d.facts, id: d.id, action: d.action, rule: d.rule, disposition: d.disposition, authorization: d.authorization, nowMs: this.now(), profile: 'profile-claimresponse', identifierSystem: `${this.baseUrl}/trace-number` });
    return responseBundle(d.facts, response, d.bundleId, this.now(), 'profile-pas-response-bundle');
  }

  private submit(res: ServerResponse, body: unknown): void {
    const facts = readRequest(body, 'submit', this.options.defaultVersion ?? '2.2.1');
    if ('problem' in facts) throw fail(400, 'invalid', facts.problem, facts.expression);
    const { rule } = chooseRule(facts.memberIds);
    if (rule.operationOutcome) throw fail(rule.operationOutcome.status, rule.operationOutcome.code, rule.operationOutcome.text);
    const d: StoredDecision = { id: randomUUID(), bundleId: randomUUID(), facts, rule, action: rule.action, bundle: {} };
    if (rule.action === 'A1' || rule.action === 'A2' || rule.action === 'A6') d.authorization = this.nextAuthorization();
    d.bundle = this.buildBundle(d);
    this.decisions.set(d.id, d);
    this.bundles.set(d.bundleId, d);
    if (rule.release?.how === 'delay') {
      d.timer = setTimeout(() => this.release(d.id), this.options.releaseDelayMs ?? DEFAULT_RELEASE_DELAY_MS);
      d.timer.unref?.();
    }
    sendFhir(res, 200, d.bundle);
  }

  private inquire(res: ServerResponse, body: unknown): void {
    const facts = readRequest(body, 'inquire', this.options.defaultVersion ?? '2.2.1');
    if ('problem' in facts) throw fail(400, 'invalid', facts.problem, facts.expression);
    // The patient's identifier decides; the subscriber ID only when the inquiry names no patient identifier.
    const byPatient = facts.patientIds.length > 0;
    const wanted = new Set(byPatient ? facts.patientIds : facts.subscriberIds);
    const matches = [...this.decisions.values()].filter((d) => (byPatient ? d.facts.patientIds : d.facts.subscriberIds).some((id) => wanted.has(id)));
    const bundles = matches.map((d) => {
      const response = claimResponse({ facts: d.facts, id: d.id, action: d.action, rule: d.rule, disposition: d.disposition, authorization: d.authorization, nowMs: this.now(), profile: 'profile-claiminquiryresponse', identifierSystem: `${this.baseUrl}/trace-number` });
      return responseBundle(d.facts, response, randomUUID(), this.now(), 'profile-pas-inquiry-response-bundle');
    });
    if (facts.version === '2.0.1') {
      if (!bundles.length) throw fail(404, 'not-found', 'No prior authorization on file matches the inquiry (patient identifier).');
      return sendFhir(res, 200, bundles[bundles.length - 1]);
    }
    sendFhir(res, 200, { resourceType: 'Parameters', ...(bundles.length ? { parameter: bundles.map((b) => ({ name: 'return', resource: b })) } : {}) });
  }

  private subscriptionUrl(id: string): string {
    return `${this.baseUrl}/Subscription/${id}`;
  }

  private async subscribe(res: ServerResponse, body: unknown): Promise<void> {
    if (!isObject(body) || body.resourceType !== 'Subscription') throw fail(400, 'invalid', 'POST Subscription takes a Subscription resource.');
    if (body.criteria !== PAS_TOPIC) throw fail(422, 'not-supported', `This payer offers one topic: criteria must be ${PAS_TOPIC}.`, 'Subscription.criteria');
    const channel = isObject(body.channel) ? body.channel : {};
    if (channel.type !== 'rest-hook') throw fail(422, 'not-supported', 'Only the rest-hook channel is supported.', 'Subscription.channel.type');
    const endpoint = typeof channel.endpoint === 'string' ? channel.endpoint : '';
    if (!/^https?:\/\//.test(endpoint)) throw fail(422, 'required', 'channel.endpoint must be the http(s) URL notifications go to.', 'Subscription.channel.endpoint');
    const payloadExt = list(isObject(channel._payload) ? channel._payload.extension : undefined).find((e) => e.url === BACKPORT + 'backport-payload-content');
    const payload = (payloadExt?.valueCode ?? 'id-only') as StoredSubscription['payload'];
    if (!['empty', 'id-only', 'full-resource'].includes(payload)) throw fail(422, 'value', `Payload content "${String(payload)}" is not one of empty, id-only, full-resource.`, 'Subscription.channel.payload');
    const filter = list(isObject(body._criteria) ? body._criteria.extension : undefined).find((e) => e.url === BACKPORT + 'backport-filter-criteria')?.valueString;
    let orgIdentifier: string | undefined;
    if (typeof filter === 'string') {
      const fm = /^orgIdentifier=(.+)$/.exec(filter.trim());
      if (!fm) throw fail(422, 'value', `The filter "${filter}" is not "orgIdentifier=VALUE", the topic's one filter.`, 'Subscription.criteria');
      orgIdentifier = fm[1].includes('|') ? fm[1].split('|')[1] : fm[1];
    }
    const headers: Record<string, string> = {};
    for (const h of Array.isArray(channel.header) ? channel.header : []) {
      const hm = typeof h === 'string' ? /^([^:]+):\s*(.*)$/.exec(h) : null;
      if (hm) headers[hm[1].trim().toLowerCase()] = hm[2];
    }
    const id = randomUUID();
    const resource: Json = { ...body, id, status: 'requested' };
    delete resource.error;
    const sub: StoredSubscription = { resource, orgIdentifier, payload, endpoint, headers, events: 0 };
    this.subscriptions.set(id, sub);
    const handshake = notificationBundle({ subscriptionUrl: this.subscriptionUrl(id), type: 'handshake', status: 'requested', eventsSinceStart: 0, nowMs: this.now() });
    const delivered = await this.deliver(sub, handshake);
    resource.status = delivered === true ? 'active' : 'error';
    if (delivered !== true) resource.error = `The handshake to ${endpoint} failed: ${delivered}.`;
    sendFhir(res, 201, resource, { location: this.subscriptionUrl(id) });
  }

  /** POSTs a notification; true when the subscriber answered 2xx, else words for what happened. */
  private async deliver(sub: StoredSubscription, bundle: Json): Promise<true | string> {
    try {
      const answer = await fetch(sub.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json', ...sub.headers },
        body: JSON.stringify(bundle),
        signal: AbortSignal.timeout(this.options.notifyTimeoutMs ?? 5000),
      });
      await answer.arrayBuffer();
      if (answer.ok) {
        this.notificationsSent++;
        return true;
      }
      this.notificationsFailed++;
      return `HTTP ${answer.status}`;
    } catch (error) {
      this.notificationsFailed++;
      const e = error as { name?: string; cause?: { code?: string } };
      return e.name === 'TimeoutError' ? 'no answer in time' : e.cause?.code ?? (error instanceof Error ? error.message : String(error));
    }
  }

  private notify(d: StoredDecision): void {
    for (const [id, sub] of this.subscriptions) {
      if (sub.resource.status !== 'active') continue;
      if (sub.orgIdentifier && !d.facts.requesterIds.includes(sub.orgIdentifier)) continue;
      sub.events++;
      const focus = `${this.baseUrl}/Bundle/${d.bundleId}`;
      const bundle = notificationBundle({
        subscriptionUrl: this.subscriptionUrl(id),
        type: 'event-notification',
        status: 'active',
        eventsSinceStart: sub.events,
        // empty: the subscriber learns only that something happened (it asks with $inquire).
        event: { number: sub.events, focus: sub.payload === 'empty' ? undefined : focus, resource: sub.payload === 'full-resource' ? d.bundle : undefined, nowMs: this.now() },
        nowMs: this.now(),
      });
      const delivery = this.deliver(sub, bundle).then(() => undefined);
      this.pendingDeliveries.add(delivery);
      void delivery.finally(() => this.pendingDeliveries.delete(delivery));
    }
  }
}

export { PAS_TOPIC };
