// Pended PAS decisions through the R4 Subscriptions Backport: the Subscription the IG's example shows (topic
// PASSubscriptionTopic, rest-hook, id-only or full-resource, filtered on the requesting organization's identifier), a
// notification listener on 127.0.0.1 (node:http) that takes handshakes, heartbeats and event notifications (history
// Bundles whose first entry is a SubscriptionStatus Parameters), and the wait for the final decision: the response
// Bundle or ClaimResponse a notification carries, or fetches when the payload is id-only. No vscode import.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { ownEntriesOnly } from '../../../server/src/guide/ownEntries';
import { isLoopback } from './environments';
import { ApiError } from './errors';
import type { ApiLogger } from './http';
import type { PasClient } from './pasClient';
import { readClaimResponse, readPasResponse, type PasDecision } from './pasDecision';

export const PAS_TOPIC = 'http://hl7.org/fhir/us/davinci-pas/SubscriptionTopic/PASSubscriptionTopic';
export const BACKPORT = 'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/';
export const PAS_SUBSCRIPTION_PROFILE = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-subscription';

export type PayloadContent = 'id-only' | 'full-resource';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

export interface SubscriptionRequest {
  /** Where the server posts notifications (the listener's URL, or a tunnel to it). */
  readonly endpoint: string;
  /** The requesting provider organization's identifier (the topic's `orgIdentifier` filter). */
  readonly orgIdentifier: string;
  readonly payload: PayloadContent;
  /** PAS 2.2.1 has a Subscription profile; 2.0.1 uses the backport's shape without one. */
  readonly version?: '2.0.1' | '2.2.1';
  /** Bearer value the server sends back in the notification's Authorization header (channel.header). */
  readonly authorization?: string;
}

/** The Subscription resource to POST, shaped as the IG's PASSubscriptionExample. */
export function buildSubscription(request: SubscriptionRequest): Json {
  return {
    resourceType: 'Subscription',
    ...(request.version === '2.0.1' ? {} : { meta: { profile: [PAS_SUBSCRIPTION_PROFILE] } }),
    status: 'requested',
    reason: 'Final decisions on pended prior authorization requests.',
    criteria: PAS_TOPIC,
    _criteria: { extension: [{ url: BACKPORT + 'backport-filter-criteria', valueString: `orgIdentifier=${request.orgIdentifier}` }] },
    channel: {
      type: 'rest-hook',
      endpoint: request.endpoint,
      payload: 'application/fhir+json',
      _payload: { extension: [{ url: BACKPORT + 'backport-payload-content', valueCode: request.payload }] },
      ...(request.authorization ? { header: [`Authorization: Bearer ${request.authorization}`] } : {}),
    },
  };
}

/** The identifier values of the requesting organization in a request bundle (Claim.provider, or its role's organization). */
export function requesterIdentifiers(bundle: unknown): string[] {
  if (!isObject(bundle)) return [];
  const resources = list(bundle.entry).map((e) => ({ fullUrl: typeof e.fullUrl === 'string' ? e.fullUrl : '', resource: isObject(e.resource) ? e.resource : {} }));
  const find = (reference: unknown) => {
    if (typeof reference !== 'string') return undefined;
    return resources.find((r) => r.fullUrl === reference || r.fullUrl.endsWith('/' + reference) || `${String(r.resource.resourceType)}/${String(r.resource.id)}` === reference)?.resource;
  };
  const claim = resources.find((r) => r.resource.resourceType === 'Claim')?.resource;
  let provider = find(isObject(claim?.provider) ? claim!.provider.reference : undefined);
  if (provider?.resourceType === 'PractitionerRole') provider = find(isObject(provider.organization) ? provider.organization.reference : undefined) ?? provider;
  return list(provider?.identifier).flatMap((i) => (typeof i.value === 'string' && i.value ? [i.value] : []));
}

/** Words for why a server cannot post to this endpoint, or undefined when it plausibly can. */
export function unreachableListener(baseUrl: string, endpoint: string): string | undefined {
  let base: URL;
  let hook: URL;
  try {
    base = new URL(baseUrl);
    hook = new URL(endpoint);
  } catch {
    return `"${endpoint}" is not a URL the server can post to.`;
  }
  if (isLoopback(hook) && !isLoopback(base)) {
    return `The listener is at ${hook.host}, on this machine only; ${base.host} cannot reach it, so no notification will arrive. Expose the listener through a tunnel or a reachable address and give that URL (--notify-url), or ask the payer for the decision later.`;
  }
  if (hook.protocol === 'http:' && !isLoopback(hook)) {
    return `Notifications carry patient data; ${hook.host} is plain http. Use an https URL (a tunnel that terminates TLS) for the listener.`;
  }
  return undefined;
}

export interface Notification {
  readonly type: 'handshake' | 'heartbeat' | 'event-notification' | 'query-status' | 'query-event' | string;
  readonly subscription?: string;
  readonly eventNumber?: string;
  /** notification-event.focus references. */
  readonly focus: readonly string[];
  /** The resources the Bundle carries beyond the status (full-resource payloads). */
  readonly resources: readonly Json[];
  readonly receivedAt: number;
}

/** Reads a notification Bundle (history, first entry a SubscriptionStatus Parameters); undefined when it is not one. */
export function readNotification(body: unknown, receivedAt = Date.now()): Notification | undefined {
  if (!isObject(body) || body.resourceType !== 'Bundle') return undefined;
  const entries = list(body.entry);
  const status = entries.map((e) => e.resource).find((r): r is Json => isObject(r) && (r.resourceType === 'Parameters' || r.resourceType === 'SubscriptionStatus'));
  if (!status) return undefined;
  const params = list(status.parameter);
  const value = (name: string) => {
    const p = params.find((x) => x.name === name);
    if (!p) return undefined;
    const v = p.valueCode ?? p.valueString ?? (isObject(p.valueReference) ? p.valueReference.reference : undefined);
    return typeof v === 'string' ? v : undefined;
  };
  const focus: string[] = [];
  let eventNumber: string | undefined;
  for (const event of params.filter((p) => p.name === 'notification-event')) {
    for (const part of list(event.part)) {
      if (part.name === 'focus' && isObject(part.valueReference) && typeof part.valueReference.reference === 'string') focus.push(part.valueReference.reference);
      if (part.name === 'event-number' && typeof (part.valueString ?? part.valueInteger64) === 'string') eventNumber = String(part.valueString ?? part.valueInteger64);
    }
  }
  return {
    type: value('type') ?? 'unknown',
    subscription: value('subscription'),
    eventNumber,
    focus,
    resources: entries.map((e) => e.resource).filter((r): r is Json => isObject(r) && r !== status),
    receivedAt,
  };
}

export interface ListenerOptions {
  readonly port?: number;
  readonly host?: string;
  readonly log?: ApiLogger;
  /** Largest notification accepted. */
  readonly maxBytes?: number;
}

/**
 * A rest-hook endpoint on 127.0.0.1: answers 200 to notification Bundles on its secret path and queues them for
 * `next()`. The path carries a random token so another local process cannot guess it.
 */
export class NotificationListener {
  private readonly queue: Notification[] = [];
  private readonly waiters: ((n: Notification) => void)[] = [];
  private readonly sockets = new Set<Socket>();
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** Notifications received so far, by type. */
  /** Notifications by type; the types come from the network, so the table answers only its own entries. */
  readonly counts: Record<string, number> = ownEntriesOnly({});

  static async start(options: ListenerOptions = {}): Promise<NotificationListener> {
    const path = `/pas-notifications/${randomBytes(16).toString('hex')}`;
    const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
    let listener: NotificationListener | undefined;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const reply = (status: number) => {
        res.writeHead(status, { 'content-length': 0 });
        res.end();
      };
      if ((req.url ?? '').split('?')[0] !== path) return reply(404);
      if (req.method !== 'POST') return reply(405);
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= maxBytes) chunks.push(c);
      });
      req.on('end', () => {
        if (size > maxBytes) return reply(413);
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return reply(400);
        }
        const notification = readNotification(body);
        if (!notification) return reply(400);
        options.log?.info(`  notification: ${notification.type}${notification.eventNumber ? ` #${notification.eventNumber}` : ''}${notification.focus.length ? ` focus ${notification.focus.join(', ')}` : ''}`);
        reply(200);
        listener!.push(notification);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    listener = new NotificationListener(server, `http://${host}:${address.port}${path}`);
    server.on('connection', (s: Socket) => {
      listener!.sockets.add(s);
      s.on('close', () => listener!.sockets.delete(s));
    });
    return listener;
  }

  private push(n: Notification): void {
    this.counts[n.type] = (this.counts[n.type] ?? 0) + 1;
    const waiter = this.waiters.shift();
    if (waiter) waiter(n);
    else this.queue.push(n);
  }

  /** The next notification, waiting up to `timeoutMs`; undefined on timeout or abort. */
  next(timeoutMs: number, signal?: AbortSignal): Promise<Notification | undefined> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const done = (n: Notification | undefined) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const i = this.waiters.indexOf(deliver);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(n);
      };
      const deliver = (n: Notification) => done(n);
      const onAbort = () => done(undefined);
      const timer = setTimeout(() => done(undefined), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(deliver);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }
}

function matches(decision: PasDecision, pended: PasDecision): boolean {
  if (pended.claimResponseId && decision.claimResponseId === pended.claimResponseId) return true;
  return decision.identifiers.some((a) => pended.identifiers.some((b) => a.value === b.value && (a.system ?? '') === (b.system ?? '')));
}

/** The final decision a notification brings: from the resources it carries, else by reading its focus. */
async function decisionFrom(notification: Notification, client: PasClient, signal?: AbortSignal): Promise<{ decision: PasDecision; body: unknown } | undefined> {
  for (const resource of notification.resources) {
    const reading = resource.resourceType === 'ClaimResponse' ? { kind: 'decision' as const, decisions: [readClaimResponse(resource)] } : readPasResponse(resource);
    if (reading.kind === 'decision' && reading.decisions[0]) return { decision: reading.decisions[0], body: resource };
  }
  for (const focus of notification.focus) {
    const answer = await client.read(focus, signal);
    if (answer.reading.kind === 'decision' && answer.reading.decisions[0]) return { decision: answer.reading.decisions[0], body: answer.body };
  }
  return undefined;
}

/** The pended ClaimResponse read once by id, when the server offers reads; undefined while it is still pended. */
async function catchUp(client: PasClient, pended: PasDecision, signal?: AbortSignal): Promise<{ decision: PasDecision; body: unknown } | undefined> {
  if (!pended.claimResponseId) return undefined;
  try {
    const answer = await client.read(`ClaimResponse/${encodeURIComponent(pended.claimResponseId)}`, signal);
    const decision = answer.status === 200 && answer.reading.kind === 'decision' ? answer.reading.decisions[0] : undefined;
    return decision && matches(decision, pended) && !decision.pended ? { decision, body: answer.body } : undefined;
  } catch {
    return undefined; // a server without ClaimResponse reads: the notification brings the decision
  }
}

export interface WaitOptions {
  readonly client: PasClient;
  /** The pended decision from the submit answer. */
  readonly pended: PasDecision;
  /** The request bundle (its requester's identifier filters the subscription unless orgIdentifier is given). */
  readonly request: unknown;
  readonly orgIdentifier?: string;
  readonly payload?: PayloadContent;
  readonly version?: '2.0.1' | '2.2.1';
  /** Longest wait for the final decision. */
  readonly timeoutMs: number;
  /** A URL the server posts to that reaches the listener (a tunnel); default the listener's own 127.0.0.1 URL. */
  readonly notifyUrl?: string;
  readonly listenPort?: number;
  readonly log?: ApiLogger;
  readonly signal?: AbortSignal;
}

export interface WaitResult {
  readonly decision: PasDecision;
  /** The response Bundle or ClaimResponse that carried it. */
  readonly body: unknown;
  readonly subscriptionId: string;
  readonly notifications: number;
}

/**
 * Subscribes, waits for the notification that brings the final decision on the pended claim, and removes the
 * subscription. Throws ApiError with words when the server cannot reach the listener, refuses the subscription, or no
 * decision arrives in time.
 */
export async function waitForFinalDecision(options: WaitOptions): Promise<WaitResult> {
  const { client, log } = options;
  const orgIdentifier = options.orgIdentifier ?? requesterIdentifiers(options.request)[0];
  if (!orgIdentifier) {
    throw new ApiError('bad-request-body', 'The request names no requesting organization identifier to subscribe with (the topic filters on orgIdentifier).', 'Give the organization identifier (--org-identifier), or add one to the Claim.provider organization.');
  }
  const listener = await NotificationListener.start({ port: options.listenPort, log });
  let subscriptionId: string | undefined;
  try {
    const endpoint = options.notifyUrl ?? listener.url;
    const problem = unreachableListener(client.environment.baseUrl, endpoint);
    if (problem) throw new ApiError('connection', problem, 'Give a reachable notification URL, or send without waiting.');
    const created = await client.createSubscription(buildSubscription({ endpoint, orgIdentifier, payload: options.payload ?? 'id-only', version: options.version }), options.signal);
    const sub = created.body as Json | undefined;
    if (created.status >= 400 || !isObject(sub) || sub.resourceType !== 'Subscription' || typeof sub.id !== 'string') {
      throw new ApiError('http', `The ${client.environment.label} did not create the subscription (HTTP ${created.status}: ${created.reading.headline}).`, 'Check that the server supports the PAS subscription topic (its CapabilityStatement), or ask for the decision later.', created.status);
    }
    subscriptionId = sub.id;
    if (sub.status === 'error' || sub.status === 'off') {
      const why = typeof sub.error === 'string' ? ` (${sub.error})` : '';
      throw new ApiError('connection', `The ${client.environment.label} could not deliver the subscription handshake to ${endpoint}${why}.`, 'Make the listener reachable from the server (a tunnel, --notify-url), or ask for the decision later.');
    }
    log?.info(`  subscribed (${sub.id}, ${options.payload ?? 'id-only'}, orgIdentifier=${orgIdentifier}); waiting up to ${Math.round(options.timeoutMs / 1000)} s`);
    // A decision made between the submit answer and the subscription sends no notification to us: read it once now.
    const settled = await catchUp(client, options.pended, options.signal);
    if (settled) return { ...settled, subscriptionId, notifications: 0 };
    log?.info('  still pended; waiting for a notification');
    const deadline = Date.now() + options.timeoutMs;
    let count = 0;
    for (;;) {
      const left = deadline - Date.now();
      const notification = left > 0 ? await listener.next(left, options.signal) : undefined;
      if (!notification) {
        if (options.signal?.aborted) throw new ApiError('cancelled', 'Stopped waiting for the decision.', 'Ask for the decision later ($inquire).');
        const heard = Object.entries(listener.counts).map(([k, v]) => `${v} ${k}`).join(', ');
        throw new ApiError('timeout', `No final decision arrived within ${Math.round(options.timeoutMs / 1000)} s${heard ? ` (received: ${heard})` : ' and no notification at all'}.`, heard ? 'Wait longer (--wait-timeout), or ask for the decision later ($inquire).' : 'Check that the server can reach the listener; ask for the decision later ($inquire).');
      }
      count++;
      if (notification.type !== 'event-notification') continue;
      const found = await decisionFrom(notification, client, options.signal);
      if (found && matches(found.decision, options.pended) && !found.decision.pended) {
        return { decision: found.decision, body: found.body, subscriptionId, notifications: count };
      }
    }
  } finally {
    await listener.close();
    if (subscriptionId) await client.deleteSubscription(subscriptionId).catch(() => undefined);
  }
}
