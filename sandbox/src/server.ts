// The local Prior Auth sandbox: Optum's Prior Authorization v1 sandbox behaviour on 127.0.0.1, on node:http.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { analyzeDocument } from '../../server/src/validate/document';
import { jsonToX12, x12ToJson } from '../../server/src/convert';
import { analyzeJsonRequest } from '../../server/src/validate/jsonRequest';
import { errorMessages, isRefused, segmentWhere } from './acceptance';
import { chooseOutcome, type Endpoint } from './canned';
import { readFacts } from './requestFacts';
import { buildResponse } from './respond';
import { TokenIssuer } from './tokens';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from './defaults';
import type { Problem } from '../../server/src/problems/problem';
import { PasPayer, PAS_BASE_PATH, type PasPayerOptions } from './pas/payer';

export const TOKEN_PATH = '/apip/auth/v2/token';
export const BASE_PATH = '/rcm/prior-authorization/v1';
export { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from './defaults';
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface SandboxOptions {
  readonly port?: number;
  readonly host?: string;
  readonly tokenTtlSeconds?: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Clock for token expiry and response dates (tests pass a controllable one). */
  readonly now?: () => number;
  /** The local Da Vinci PAS payer under /fhir (sandbox/src/pas). */
  readonly pas?: PasPayerOptions;
}

export interface SandboxStats {
  readonly tokensIssued: number;
  readonly connections: number;
  readonly requests: number;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly baseUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The local PAS payer's FHIR base, http://127.0.0.1:PORT/fhir. */
  readonly pasBaseUrl: string;
  readonly pas: PasPayer;
  stats(): SandboxStats;
  close(): Promise<void>;
}

const EXPECTED_VERSION: Record<Endpoint, string> = { inquiry: '005010X215', submission: '005010X217', noa: '005010X216' };

class HttpError extends Error {
  constructor(readonly status: number, readonly messages: string[], readonly headers: Record<string, string> = {}) {
    super(messages.join('; '));
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-trace-id': `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`,
    ...headers,
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new HttpError(413, [`The request body is ${declared} bytes; the limit is ${MAX_BODY_BYTES} bytes (5 MB).`], { connection: 'close' }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError(413, [`The request body is over the limit of ${MAX_BODY_BYTES} bytes (5 MB).`], { connection: 'close' }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function isJson(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json';
}

interface JsonBody {
  readonly value: unknown;
  readonly text: string;
}

async function readJson(req: IncomingMessage): Promise<JsonBody> {
  if (!isJson(req)) throw new HttpError(415, [`Unsupported media type "${req.headers['content-type'] ?? '(none)'}": only application/json is supported.`]);
  const text = await readBody(req);
  try {
    return { value: JSON.parse(text), text };
  } catch (error) {
    throw new HttpError(400, [`Malformed JSON: ${error instanceof Error ? error.message : String(error)}.`]);
  }
}

/**
 * The token request's fields: JSON (what Optum's v2 token endpoint documents) or application/x-www-form-urlencoded
 * (the OAuth 2.0 standard form, RFC 6749 §4.4.2).
 */
async function readTokenRequest(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(await readBody(req)));
  if (type !== 'application/json') {
    throw new HttpError(415, ['The token request must be JSON (Content-Type: application/json) or a form (application/x-www-form-urlencoded).']);
  }
  return (await readJson(req)).value;
}

/** A request as the 278 it stands for, with the messages that refuse it (when the API would answer 400). */
interface Request278 {
  readonly x12: string;
  readonly refusal: string[];
  /** Every error of the request, in words, for when a copied value makes the answer invalid. */
  readonly errors: string[];
}

/** Turns an endpoint's request body into the X12 278 it stands for, or explains why it is not one. */
function requestX12(endpoint: Endpoint, x12Form: boolean, body: JsonBody): Request278 {
  const value = body.value;
  if (x12Form) {
    const x12 = (value as { x12?: unknown } | null)?.x12;
    if (!value || typeof value !== 'object' || Array.isArray(value) || typeof x12 !== 'string') {
      throw new HttpError(400, ['The body must be a JSON object with an "x12" string property holding the 278 interchange.']);
    }
    return { x12, refusal: [], errors: [] };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, [`The body must be a JSON object (an Optum ${endpoint} request).`]);
  // The JSON is checked in its own terms, so each message names the field ("subscriber.memberId: …"): values the
  // converter had to leave out (one holding "*" or "~" …) and missing required information are refused.
  const converted = jsonToX12(value, endpoint, { lineBreaks: false });
  const leftOut = converted.issues.filter((i) => i.severity === 'error').map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const problems = analyzeJsonRequest(body.text, endpoint).problems.filter((p) => p.code !== 'json-field');
  const errors = [...leftOut, ...problems.filter((p) => p.severity === 'error').map((p) => p.message)];
  const refused = [...leftOut, ...problems.filter(isRefused).map((p) => p.message)];
  return { x12: converted.x12, refusal: errorMessages(refused, String), errors: errorMessages(errors, String) };
}

function respond(endpoint: Endpoint, request: Request278, now: Date): { x12: string; json: unknown } {
  if (request.refusal.length > 0) throw new HttpError(400, request.refusal);
  const x12 = request.x12;
  const analysis = analyzeDocument(x12);
  const fatal = analysis.problems.find((p) => p.code === 'not-x12' || p.code === 'delimiters-clash');
  if (fatal || analysis.transactions.length === 0) {
    throw new HttpError(400, [`x12: ${fatal?.message ?? 'the interchange holds no ST…SE transaction set.'}`]);
  }
  const where = (p: Problem) => `x12 ${segmentWhere(analysis.table, p.start)}: ${p.message}`;
  const refused = analysis.problems.filter(isRefused);
  if (refused.length > 0) throw new HttpError(400, errorMessages(refused, where));
  const tx = analysis.transactions[0];
  const expected = EXPECTED_VERSION[endpoint];
  if (!tx.guide || tx.guide.id !== expected || tx.guide.variant !== 'request') {
    const seen = tx.guide ? `a ${tx.guide.name}` : `ST03 "${x12.slice(analysis.table.segStart[tx.span.st], analysis.table.segEnd[tx.span.st])}"`;
    throw new HttpError(400, [`x12: this endpoint takes a ${expected} request 278; the interchange holds ${seen}.`]);
  }
  const facts = readFacts(analysis, tx);
  const outcome = chooseOutcome(endpoint, facts.receiverId, facts.payerId, facts.memberId);
  const response = buildResponse(facts, outcome, { now });
  if (!response.wellFormed) {
    throw new HttpError(400, ['The request\'s values use every character that could separate X12 elements and segments, so no well-formed 278 response can carry them.']);
  }
  // Never answer with X12 the project's own validator rejects: a value copied from a faulty request is refused with
  // the request's errors; anything else is the sandbox's fault and says so.
  const broken = analyzeDocument(response.text).problems.filter((p) => p.severity === 'error');
  if (broken.length > 0) {
    const requestErrors = request.errors.length > 0 ? request.errors : errorMessages(analysis.problems.filter((p) => p.severity === 'error'), where);
    if (requestErrors.length > 0) throw new HttpError(400, requestErrors);
    throw new HttpError(500, [`The local sandbox could not write a valid response to this request (${broken[0].code}: ${broken[0].message}); please report it.`]);
  }
  return { x12: response.text, json: x12ToJson(response.text).json ?? {} };
}

export const FAIL_HEADER = 'x-local-sandbox-fail';
export const DELAY_HEADER = 'x-local-sandbox-delay-ms';

/**
 * Testing aids of the local sandbox (Optum's sandbox has its own mock header for this purpose):
 * - `x-local-sandbox-delay-ms: N` answers after N ms (up to 60 s), to try timeouts and Cancel;
 * - `x-local-sandbox-fail: STATUS[;retry-after=S][;times=K][;key=ID]` answers STATUS (e.g. 503 or 429) to the first K
 *   requests carrying the same header (default: every one), with Retry-After S when given.
 * Returns true when it answered.
 */
async function injectedFault(req: IncomingMessage, res: ServerResponse, counts: Map<string, number>): Promise<boolean> {
  const delay = Math.min(60_000, Number(req.headers[DELAY_HEADER] ?? 0));
  if (delay > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      req.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (req.socket.destroyed) return true;
  }
  const spec = req.headers[FAIL_HEADER];
  if (typeof spec !== 'string' || !spec) return false;
  const [status, ...params] = spec.split(';').map((p) => p.trim());
  const options = Object.fromEntries(params.map((p) => p.split('=').map((x) => x.trim())));
  const times = options.times === undefined ? Infinity : Number(options.times);
  const seen = (counts.get(spec) ?? 0) + 1;
  counts.set(spec, seen);
  if (seen > times) return false;
  const code = Number(status);
  if (!Number.isInteger(code) || code < 400 || code > 599) return false;
  send(res, code, [`The local sandbox was asked to answer ${code} (${FAIL_HEADER}).`], options['retry-after'] ? { 'retry-after': options['retry-after'] } : {});
  return true;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? Date.now;
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
  const issuer = new TokenIssuer({ clientId, clientSecret }, options.tokenTtlSeconds ?? 3600, now);
  let connections = 0;
  let requests = 0;
  const faults = new Map<string, number>();
  const sockets = new Set<Socket>();
  const pas = new PasPayer(options.pas ?? {}, { clientId, clientSecret }, now);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    requests++;
    const path = (req.url ?? '/').split('?')[0];
    if (path === PAS_BASE_PATH || path.startsWith(PAS_BASE_PATH + '/')) return pas.handle(req, res, path.slice(PAS_BASE_PATH.length));
    if (path === TOKEN_PATH) {
      if (req.method !== 'POST') throw new HttpError(405, ['Use POST for the token endpoint.'], { allow: 'POST' });
      let body: unknown;
      try {
        body = await readTokenRequest(req);
      } catch (error) {
        if (error instanceof HttpError && (error.status === 400 || error.status === 415)) {
          send(res, 400, { error: 'invalid_request', error_description: error.messages[0] });
          return;
        }
        throw error;
      }
      const result = issuer.issue(body);
      send(res, result.status, result.body);
      return;
    }
    if (!path.startsWith(BASE_PATH + '/')) throw new HttpError(404, [`No resource at ${path}.`]);
    const route = path.slice(BASE_PATH.length + 1);
    const match = /^(inquiry|submission|noa)(\/x12)?$/.exec(route);
    if (route !== 'healthcheck' && !match) throw new HttpError(404, [`No resource at ${path}.`]);
    const method = route === 'healthcheck' ? 'GET' : 'POST';
    if (req.method !== method) throw new HttpError(405, [`Use ${method} for ${path}.`], { allow: method });

    const auth = issuer.check(req.headers.authorization);
    if (auth !== 'valid') {
      const why = {
        missing: 'Missing bearer token: send "Authorization: Bearer <access_token>" from the token endpoint.',
        unknown: 'Invalid access token: it was not issued by this sandbox. Request a new token.',
        expired: 'Invalid access token: the token has expired. Request a new token.',
      }[auth];
      throw new HttpError(401, [why]);
    }
    if (await injectedFault(req, res, faults)) return;
    if (route === 'healthcheck') {
      send(res, 200, { status: 'ok' });
      return;
    }
    const endpoint = match![1] as Endpoint;
    const body = await readJson(req);
    const answer = respond(endpoint, requestX12(endpoint, !!match![2], body), new Date(now()));
    send(res, 200, { authorizationId: randomUUID(), [endpoint]: answer }, { 'transaction-id': randomUUID() });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) send(res, error.status, error.messages, error.headers);
      else send(res, 500, [`The sandbox failed to answer: ${error instanceof Error ? error.message : String(error)}.`]);
    });
  });
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    // Requests node:http cannot parse still get Optum's error shape: a JSON array of strings.
    if (!socket.writable) return;
    const body = JSON.stringify([`The request is not valid HTTP (${error.code ?? 'parse error'}): check the request line, the headers and Content-Length.`]);
    socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  pas.setOrigin(url);
  return {
    url,
    baseUrl: url + BASE_PATH,
    tokenUrl: url + TOKEN_PATH,
    clientId,
    clientSecret,
    pasBaseUrl: pas.baseUrl,
    pas,
    stats: () => ({ tokensIssued: issuer.issued, connections, requests }),
    close: async () => {
      await pas.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
