// Every way a call can fail, in words, with what to do next. Messages never contain secrets or tokens: ApiError
// scrubs its message, next step and the server's messages when it is built, whatever they were made from.

import { scrubSecrets } from './redact';

export type FailureKind =
  | 'no-credentials' | 'refused-url' | 'auth' | 'http' | 'timeout' | 'connection' | 'dns' | 'tls' | 'cancelled' | 'bad-request-body';

export class ApiError extends Error {
  readonly nextStep: string;
  /** The server's own messages (Optum's array of strings, or OAuth's error_description). */
  readonly details: readonly string[];
  /** Which API failed: a PAS (FHIR) server's errors lead to the PAS sign-in and environment, others to Optum's. */
  api: 'optum' | 'pas' = 'optum';

  constructor(
    readonly kind: FailureKind,
    message: string,
    nextStep: string,
    readonly status?: number,
    details: readonly string[] = [],
  ) {
    super(scrubSecrets(message));
    this.name = 'ApiError';
    this.nextStep = scrubSecrets(nextStep);
    this.details = details.map((d) => scrubSecrets(d));
  }
}

/**
 * True for an ApiError from any bundle: the HTTP client lives in its own chunk (dist/api.js), so `instanceof` cannot
 * be used across the chunk boundary.
 */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === 'ApiError' && typeof (error as ApiError).kind === 'string' && typeof (error as ApiError).nextStep === 'string';
}

/** Marks an error as a PAS server's (its buttons then sign in to the PAS payer); returns it for `throw`. */
export function asPasError<T>(error: T): T {
  if (isApiError(error)) error.api = 'pas';
  return error;
}

/** The messages in an error body: Optum's array of strings, OAuth's {error, error_description}, or plain text. */
export function errorDetails(body: unknown, text: string): string[] {
  if (Array.isArray(body)) return body.map(String);
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    if (typeof b.error_description === 'string') return [`${String(b.error ?? 'error')}: ${b.error_description}`];
    if (typeof b.message === 'string') return [b.message];
    if (typeof b.error === 'string') return [b.error];
  }
  const trimmed = text.trim();
  return trimmed ? [trimmed.length > 500 ? trimmed.slice(0, 500) + '…' : trimmed] : [];
}

const STATUS_STEPS: Record<number, [string, string]> = {
  400: ['The API rejected the request as malformed or incomplete', 'Fix what the messages name, check the Problems view, and send again.'],
  401: ['The API did not accept the access token', 'Sign in again (Prior Auth: Sign In); tokens are tied to one environment and one API product.'],
  403: ['Your client is not allowed to call this API', 'Ask Optum to enable the Prior Authorization product for this client ID.'],
  404: ['The API has no such endpoint', 'Check the environment\'s base URL (Prior Auth: Select Environment).'],
  405: ['The API does not accept this method here', 'Check the environment\'s base URL.'],
  413: ['The request body is too large for the API', 'Send one interchange at a time.'],
  415: ['The API only accepts JSON bodies', 'Send X12 through the X12 endpoints, which wrap it as {"x12": "…"}.'],
  422: ['The API could not process the request', 'Fix what the messages name and send again.'],
  429: ['The API is rate limiting this client', 'Wait a moment and send again; Optum asks for no load testing in its sandbox.'],
  500: ['The API failed on its side', 'Try again later; if it persists, contact Optum support with the trace ID.'],
  502: ['The API gateway could not reach the service', 'Try again later; if it persists, contact Optum support with the trace ID.'],
  503: ['The API is unavailable right now', 'Try again later.'],
  504: ['The API gateway timed out waiting for the service', 'Try again later.'],
};

export function httpError(status: number, body: unknown, text: string, where: string): ApiError {
  const [what, next] = STATUS_STEPS[status] ?? [status >= 500 ? 'The API failed on its side' : 'The API refused the request', status >= 500 ? 'Try again later.' : 'Check the request and the environment.'];
  return new ApiError('http', `${what} (HTTP ${status} from ${where}).`, next, status, errorDetails(body, text));
}

/** The whole exchange (connection, request, every byte of the answer) took longer than the request timeout. */
export function timeoutError(url: URL, requestMs: number): ApiError {
  return new ApiError('timeout', `${url.host} did not answer within ${Math.round(requestMs / 1000)} s.`, 'Try again, or raise priorAuth.http.requestTimeoutSeconds; payers can be slow to answer a 278.');
}

/** Maps a network-level failure (undici, DNS, TLS, abort) to words. */
export function networkError(error: unknown, url: URL, timeouts: { connectMs: number; requestMs: number }): ApiError {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  const host = url.host;
  if (e.name === 'AbortError' || code === 'ABORT_ERR' || code === 'UND_ERR_ABORTED') {
    return new ApiError('cancelled', 'The request was cancelled.', 'Send it again when you are ready.');
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new ApiError('timeout', `Could not connect to ${host} within ${Math.round(timeouts.connectMs / 1000)} s.`, 'Check your network or VPN, or raise priorAuth.http.connectTimeoutSeconds.');
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return timeoutError(url, timeouts.requestMs);
  if (code === 'ECONNREFUSED') {
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    return new ApiError('connection', `Nothing is listening at ${host}.`, local ? 'Start the local sandbox (Prior Auth: Start Local Sandbox, or npm run sandbox) or pick another environment.' : 'Check the environment\'s URL.');
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ApiError('dns', `Cannot resolve ${url.hostname}.`, 'Check the URL and your network or VPN.');
  }
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) || /certificate|TLS|SSL/i.test(e.message ?? '')) {
    return new ApiError('tls', `The TLS connection to ${host} failed (${code || e.message}).`, 'The server must offer TLS 1.2 or later with a trusted certificate; check proxies that intercept TLS.');
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED') {
    return new ApiError('connection', `The connection to ${host} was closed before the answer arrived.`, 'Send again; if it keeps happening, check proxies or the server.');
  }
  return new ApiError('connection', `The request to ${host} failed: ${e.message ?? String(error)}.`, 'Check your network and the environment\'s URL.');
}
