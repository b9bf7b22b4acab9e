// HTTP for one environment: a keep-alive undici pool, timeouts, TLS 1.2+, http only on loopback, bounded retries of
// 429/503 honouring Retry-After, and cancellation.

import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';
import { ApiError, httpError, networkError, timeoutError } from './errors';
import { refuseUrl } from './environments';
import { redactHeaders, scrubSecrets } from './redact';

import { DEFAULT_HTTP, type HttpSettings } from './httpSettings';

export { DEFAULT_HTTP, type HttpSettings };

export interface ApiLogger {
  info(message: string): void;
  trace(message: string): void;
}

export const SILENT: ApiLogger = { info: () => undefined, trace: () => undefined };

/** A logger whose every line goes through scrubSecrets first (URLs with passwords, quoted tokens, bodies). */
export function scrubbingLogger(log: ApiLogger): ApiLogger {
  return { info: (m) => log.info(scrubSecrets(m)), trace: (m) => log.trace(scrubSecrets(m)) };
}

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  readonly body: unknown;
  readonly elapsedMs: number;
  readonly traceId?: string;
  readonly transactionId?: string;
  readonly correlationId?: string;
  /** X-Request-Id, which FHIR servers (the local PAS payer among them) give each answer. */
  readonly requestId?: string;
  readonly attempts: number;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Milliseconds to wait for a Retry-After value (seconds or an HTTP date). */
export function retryAfterMs(value: string | undefined, now = Date.now()): number {
  if (!value) return 1000;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - now);
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class HttpClient {
  private readonly agent: Agent;

  private readonly log: ApiLogger;

  constructor(readonly settings: HttpSettings = DEFAULT_HTTP, log: ApiLogger = SILENT) {
    this.log = scrubbingLogger(log);
    this.agent = new Agent({
      // One kept-alive connection per origin: requests are sequential per user action, and undici's pool otherwise
      // opens a second connection for a request sent the instant the previous answer is read.
      connections: 1,
      connect: { timeout: settings.connectTimeoutMs, minVersion: 'TLSv1.2' },
      headersTimeout: settings.requestTimeoutMs,
      bodyTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
    });
  }

  /** Sends one request; retries 429/503 up to the limit. Throws ApiError for network failures and refused URLs. */
  async send(method: 'GET' | 'POST' | 'DELETE', rawUrl: string, headers: Record<string, string>, body: string | undefined, signal?: AbortSignal): Promise<HttpAnswer> {
    const refused = refuseUrl(rawUrl);
    if (refused) throw new ApiError('refused-url', refused, 'Use the https URL the payer publishes, or the local sandbox on 127.0.0.1.');
    const url = new URL(rawUrl);
    const correlationId = headers['x-optum-correlation-id'];
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      this.log.info(`→ ${method} ${url.href}${correlationId ? ` correlation ${correlationId}` : ''}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
      this.log.trace(`  headers ${JSON.stringify(redactHeaders(headers))}`);
      let status: number;
      let responseHeaders: Record<string, string | string[] | undefined>;
      let text: string;
      // A total deadline for the attempt: undici's headers and body timeouts are idle timeouts, which a server that
      // trickles one byte at a time never trips.
      const deadline = AbortSignal.timeout(this.settings.requestTimeoutMs);
      try {
        const res = await request(url, { method, headers, body, signal: signal ? AbortSignal.any([signal, deadline]) : deadline, dispatcher: this.agent });
        status = res.statusCode;
        responseHeaders = res.headers;
        text = await res.body.text();
      } catch (error) {
        const timedOut = deadline.aborted && !signal?.aborted;
        const failure = timedOut ? timeoutError(url, this.settings.requestTimeoutMs) : networkError(error, url, { connectMs: this.settings.connectTimeoutMs, requestMs: this.settings.requestTimeoutMs });
        this.log.info(`✗ ${method} ${url.href}: ${failure.message}`);
        throw failure;
      }
      const elapsedMs = Math.round(performance.now() - started);
      const traceId = header(responseHeaders, 'x-amzn-trace-id');
      const transactionId = header(responseHeaders, 'transaction-id');
      const requestId = header(responseHeaders, 'x-request-id');
      this.log.info(`← ${status} ${method} ${url.pathname} in ${elapsedMs} ms${traceId ? ` trace ${traceId}` : ''}${transactionId ? ` transaction ${transactionId}` : ''}${requestId ? ` request ${requestId}` : ''}`);
      if ((status === 429 || status === 503) && attempt <= this.settings.maxRetries) {
        const delay = retryAfterMs(header(responseHeaders, 'retry-after'));
        if (delay <= this.settings.maxRetryWaitMs) {
          this.log.info(`  ${status}: retrying in ${Math.round(delay / 100) / 10} s as Retry-After asks`);
          try {
            await wait(delay, signal);
          } catch (error) {
            throw networkError(error, url, { connectMs: this.settings.connectTimeoutMs, requestMs: this.settings.requestTimeoutMs });
          }
          continue;
        }
      }
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // a non-JSON answer stays text
      }
      return { status, text, body: parsed, elapsedMs, traceId, transactionId, correlationId, requestId, attempts: attempt };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

export function newCorrelationId(): string {
  return randomUUID();
}

export { ApiError, httpError };
