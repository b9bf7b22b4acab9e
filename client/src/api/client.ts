// The Prior Authorization API for one environment: OAuth2 client_credentials with one token reused for its hour,
// refreshed on expiry and once on a 401 (then the request is retried once), and the six request endpoints.

import { ApiError, httpError } from './errors';
import { HttpClient, DEFAULT_HTTP, SILENT, newCorrelationId, scrubbingLogger, type ApiLogger, type HttpAnswer, type HttpSettings } from './http';
import type { Environment } from './environments';
import type { Endpoint } from './route';
import { rememberSecret, scrubSecrets } from './redact';

// The PAS client travels in the same chunk (dist/api.js): the extension loads undici once, for either API.
export { PasClient } from './pasClient';

export interface Credentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface ClientOptions {
  readonly environment: Environment;
  /** Asked each time a token is needed; undefined means "not signed in". */
  readonly credentials: () => Promise<Credentials | undefined>;
  readonly http?: HttpSettings;
  readonly log?: ApiLogger;
  /** x-optum-tenant-id, only when the user configured one. */
  readonly tenantId?: string;
  readonly now?: () => number;
}

export interface ApiResult extends HttpAnswer {
  readonly endpoint: string;
  readonly url: string;
}

/** A token is reused until this long before it expires (Optum asks for one token per hour, not one per call). */
export const TOKEN_MARGIN_SECONDS = 60;

interface CachedToken {
  readonly value: string;
  readonly clientId: string;
  readonly expiresAt: number;
}

export class PriorAuthClient {
  private readonly http: HttpClient;
  private readonly log: ApiLogger;
  private readonly now: () => number;
  private token: CachedToken | undefined;
  private pending: Promise<CachedToken> | undefined;
  /** Token requests made by this client (the benchmark checks that 100 sends make one). */
  tokenRequests = 0;

  constructor(private readonly options: ClientOptions) {
    this.log = scrubbingLogger(options.log ?? SILENT);
    this.http = new HttpClient(options.http ?? DEFAULT_HTTP, this.log);
    this.now = options.now ?? Date.now;
  }

  get environment(): Environment {
    return this.options.environment;
  }

  /** When the cached token stops being used, or undefined when there is none. */
  tokenExpiresAt(): number | undefined {
    return this.token && this.token.expiresAt > this.now() ? this.token.expiresAt : undefined;
  }

  forgetToken(): void {
    this.token = undefined;
  }

  async accessToken(signal?: AbortSignal): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    this.pending ??= this.fetchToken(signal).finally(() => {
      this.pending = undefined;
    });
    this.token = await this.pending;
    return this.token.value;
  }

  private async fetchToken(signal?: AbortSignal): Promise<CachedToken> {
    const env = this.options.environment;
    const credentials = await this.options.credentials();
    if (!credentials) throw new ApiError('no-credentials', `Not signed in to the ${env.label}.`, 'Run "Prior Auth: Sign In" (or set PRIOR_AUTH_CLIENT_ID and PRIOR_AUTH_CLIENT_SECRET for the CLI).');
    rememberSecret(credentials.clientSecret);
    this.tokenRequests++;
    const body = JSON.stringify({ client_id: credentials.clientId, client_secret: credentials.clientSecret, grant_type: 'client_credentials' });
    const answer = await this.http.send('POST', env.tokenUrl, { 'content-type': 'application/json', accept: 'application/json' }, body, signal);
    const secrets = [credentials.clientSecret];
    if (answer.status === 401 || answer.status === 400) {
      const error = httpError(answer.status, answer.body, scrubSecrets(answer.text, secrets), 'the token endpoint');
      throw new ApiError('auth', `The ${env.label} refused to sign in with client ID ${credentials.clientId} (HTTP ${answer.status}).`, 'Check the client ID and secret Optum issued for this environment and sign in again (sandbox and production credentials differ).', answer.status, error.details);
    }
    if (answer.status !== 200) throw httpError(answer.status, answer.body, scrubSecrets(answer.text, secrets), 'the token endpoint');
    const parsed = answer.body as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (!parsed || typeof parsed.access_token !== 'string') {
      throw new ApiError('auth', 'The token endpoint answered without an access_token.', 'Check that the token URL is the OAuth2 v2 endpoint (…/apip/auth/v2/token).', answer.status);
    }
    rememberSecret(parsed.access_token);
    const lifetime = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : 3600;
    const reuseFor = lifetime - Math.min(TOKEN_MARGIN_SECONDS, lifetime / 2);
    this.log.info(`  signed in to the ${env.label} as ${credentials.clientId}; token valid for ${lifetime} s`);
    return { value: parsed.access_token, clientId: credentials.clientId, expiresAt: this.now() + reuseFor * 1000 };
  }

  private async call(method: 'GET' | 'POST', path: string, body: string | undefined, signal?: AbortSignal): Promise<ApiResult> {
    const url = `${this.options.environment.baseUrl}/${path}`;
    for (let attempt = 1; ; attempt++) {
      const token = await this.accessToken(signal);
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json', 'x-optum-correlation-id': newCorrelationId() };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (this.options.tenantId) headers['x-optum-tenant-id'] = this.options.tenantId;
      if (body !== undefined) this.log.trace(`  request body ${body}`);
      const answer = await this.http.send(method, url, headers, body, signal);
      this.log.trace(`  response body ${answer.text}`);
      if (answer.status === 401 && attempt === 1) {
        this.log.info('  401: the token was refused; getting a new one and retrying once');
        this.forgetToken();
        continue;
      }
      if (answer.status >= 400) throw httpError(answer.status, answer.body, answer.text, `${this.options.environment.label} ${path}`);
      return { ...answer, endpoint: path, url };
    }
  }

  healthcheck(signal?: AbortSignal): Promise<ApiResult> {
    return this.call('GET', 'healthcheck', undefined, signal);
  }

  /** Sends a request body (JSON text) to an endpoint, in its X12 or JSON form. */
  send(endpoint: Endpoint, form: 'x12' | 'json', body: string, signal?: AbortSignal): Promise<ApiResult> {
    return this.call('POST', form === 'x12' ? `${endpoint}/x12` : endpoint, body, signal);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
