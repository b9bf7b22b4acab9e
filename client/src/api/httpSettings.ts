// HTTP settings and their defaults, apart from the HTTP client so reading settings does not load undici.

export interface HttpSettings {
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** Retries of a 429 or 503 answer. */
  readonly maxRetries: number;
  /** Longest Retry-After the client waits for before giving up. */
  readonly maxRetryWaitMs: number;
}

export const DEFAULT_HTTP: HttpSettings = { connectTimeoutMs: 10_000, requestTimeoutMs: 60_000, maxRetries: 2, maxRetryWaitMs: 10_000 };
