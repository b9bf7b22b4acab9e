// A Da Vinci PAS server (payer or intermediary) at one FHIR base: Claim/$submit, Claim/$inquire, reads of responses,
// Subscription create/read/delete and $status, metadata. application/fhir+json both ways, the project's undici client
// (timeouts, bounded retries of 429/503, http only on loopback), one token reused until it expires and renewed once on
// a 401. FHIR answers — including OperationOutcomes with 4xx/5xx — come back read (pasDecision.ts); other HTTP errors
// and network failures throw ApiError with words and a next step. No vscode import: the CLI uses it as is.

import { ApiError, asPasError, httpError } from './errors';
import { HttpClient, DEFAULT_HTTP, SILENT, scrubbingLogger, type ApiLogger, type HttpAnswer, type HttpSettings } from './http';
import { readPasResponse, type PasReading } from './pasDecision';
import { PasTokenSource, type PasAuth } from './smart';

export const FHIR_JSON = 'application/fhir+json';

export interface PasEnvironment {
  readonly label: string;
  /** The FHIR base, without a trailing slash, e.g. http://127.0.0.1:8787/fhir. */
  readonly baseUrl: string;
  readonly production: boolean;
}

/**
 * How the request Bundle travels. The OperationDefinitions have one resource `in` parameter (`resource`), and FHIR lets
 * such an operation take the resource itself as the body; the IG's examples and the test kits post the Bundle. Some
 * servers want the Parameters form: `{"resourceType":"Parameters","parameter":[{"name":"resource","resource":…}]}`.
 */
export type PasWrapping = 'bundle' | 'parameters';

export interface PasClientOptions {
  readonly environment: PasEnvironment;
  readonly auth: PasAuth;
  readonly wrapping?: PasWrapping;
  readonly http?: HttpSettings;
  readonly log?: ApiLogger;
  readonly now?: () => number;
}

export type PasOperation = 'submit' | 'inquire';

export interface PasAnswer extends HttpAnswer {
  readonly url: string;
  readonly reading: PasReading;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFhir(body: unknown): body is Record<string, unknown> {
  return isObject(body) && typeof body.resourceType === 'string';
}

/** The request body for an operation: the Bundle itself, or wrapped in Parameters; refuses what is not a Bundle. */
export function operationBody(bundle: unknown, wrapping: PasWrapping = 'bundle'): string {
  if (!isObject(bundle) || bundle.resourceType !== 'Bundle') {
    throw new ApiError('bad-request-body', `A PAS request is a Bundle; this document is ${isFhir(bundle) ? `a ${String(bundle.resourceType)}` : 'not a FHIR resource'}.`, 'Send a PAS request bundle (Claim/$submit) or inquiry bundle (Claim/$inquire).');
  }
  return JSON.stringify(wrapping === 'parameters' ? { resourceType: 'Parameters', parameter: [{ name: 'resource', resource: bundle }] } : bundle);
}

export class PasClient {
  readonly tokens: PasTokenSource;
  private readonly http: HttpClient;
  private readonly log: ApiLogger;

  constructor(private readonly options: PasClientOptions) {
    // Its own lines (bodies at trace level) are scrubbed like the HTTP client's, whoever passes the logger.
    this.log = scrubbingLogger(options.log ?? SILENT);
    this.http = new HttpClient(options.http ?? DEFAULT_HTTP, this.log);
    this.tokens = new PasTokenSource(options.auth, { baseUrl: options.environment.baseUrl, label: options.environment.label, http: this.http, log: this.log, now: options.now ?? Date.now });
  }

  get environment(): PasEnvironment {
    return this.options.environment;
  }

  /** An absolute URL for a path under the base, or for a reference the server gave (relative or absolute). */
  resolve(reference: string): string {
    if (/^https?:\/\//.test(reference)) return reference;
    return `${this.options.environment.baseUrl}/${reference.replace(/^\/+/, '')}`;
  }

  private async call(method: 'GET' | 'POST' | 'DELETE', url: string, body: string | undefined, signal?: AbortSignal): Promise<PasAnswer> {
    try {
      return await this.exchange(method, url, body, signal);
    } catch (error) {
      throw asPasError(error);
    }
  }

  private async exchange(method: 'GET' | 'POST' | 'DELETE', url: string, body: string | undefined, signal?: AbortSignal): Promise<PasAnswer> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokens.accessToken(signal);
      const headers: Record<string, string> = { accept: FHIR_JSON };
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = FHIR_JSON;
      if (body !== undefined) this.log.trace(`  request body ${body}`);
      const answer = await this.http.send(method, url, headers, body, signal);
      this.log.trace(`  response body ${answer.text}`);
      if (answer.status === 401 && attempt === 1 && token) {
        this.log.info('  401: the token was refused; getting a new one and retrying once');
        this.tokens.forgetToken();
        continue;
      }
      const where = `${this.options.environment.label} ${new URL(url).pathname}`;
      if (answer.status === 401 || (answer.status >= 400 && !(isFhir(answer.body) && answer.body.resourceType === 'OperationOutcome'))) {
        const outcome = readPasResponse(answer.body);
        const error = httpError(answer.status, outcome.kind === 'operation-outcome' ? outcome.issues.map((i) => i.text) : answer.body, answer.text, where);
        if (answer.status === 401) throw new ApiError('auth', `The ${this.options.environment.label} did not accept the access token (HTTP 401).`, this.options.auth.kind === 'none' ? 'This server needs a token: set up SMART Backend Services or a client secret for this environment.' : 'Sign in again; check that the client is allowed the PAS scopes.', 401, error.details);
        throw error;
      }
      return { ...answer, url, reading: readPasResponse(answer.body) };
    }
  }

  /** POST [base]/Claim/$submit (a request bundle) or [base]/Claim/$inquire (an inquiry bundle). */
  operation(operation: PasOperation, bundle: unknown, signal?: AbortSignal): Promise<PasAnswer> {
    const body = operationBody(bundle, this.options.wrapping);
    return this.call('POST', this.resolve(`Claim/$${operation}`), body, signal);
  }

  submit(bundle: unknown, signal?: AbortSignal): Promise<PasAnswer> {
    return this.operation('submit', bundle, signal);
  }

  inquire(bundle: unknown, signal?: AbortSignal): Promise<PasAnswer> {
    return this.operation('inquire', bundle, signal);
  }

  /** GET a resource by reference (e.g. the focus of an id-only notification). */
  read(reference: string, signal?: AbortSignal): Promise<PasAnswer> {
    return this.call('GET', this.resolve(reference), undefined, signal);
  }

  metadata(signal?: AbortSignal): Promise<PasAnswer> {
    return this.call('GET', this.resolve('metadata'), undefined, signal);
  }

  createSubscription(subscription: unknown, signal?: AbortSignal): Promise<PasAnswer> {
    return this.call('POST', this.resolve('Subscription'), JSON.stringify(subscription), signal);
  }

  subscriptionStatus(id: string, signal?: AbortSignal): Promise<PasAnswer> {
    return this.call('GET', this.resolve(`Subscription/${encodeURIComponent(id)}/$status`), undefined, signal);
  }

  deleteSubscription(id: string, signal?: AbortSignal): Promise<PasAnswer> {
    return this.call('DELETE', this.resolve(`Subscription/${encodeURIComponent(id)}`), undefined, signal);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
