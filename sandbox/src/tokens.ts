// OAuth2 client_credentials as Optum's v2 token endpoint does it: JSON body in, bearer token out, one hour by default.

import { randomBytes } from 'node:crypto';

export interface Credentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

export type TokenResult =
  | { readonly status: 200; readonly body: { access_token: string; token_type: 'bearer'; expires_in: number } }
  | { readonly status: 400 | 401; readonly body: { error: string; error_description: string } };

export class TokenIssuer {
  private readonly tokens = new Map<string, number>();
  issued = 0;

  constructor(
    private readonly credentials: Credentials,
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  issue(body: unknown): TokenResult {
    const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const { client_id: id, client_secret: secret, grant_type: grant } = fields;
    if (typeof id !== 'string' || typeof secret !== 'string' || typeof grant !== 'string' || !id || !secret || !grant) {
      return { status: 400, body: { error: 'invalid_request', error_description: 'The token request must carry client_id, client_secret and grant_type (JSON or a form).' } };
    }
    if (grant !== 'client_credentials') {
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: `grant_type "${grant}" is not supported; use client_credentials.` } };
    }
    if (id !== this.credentials.clientId || secret !== this.credentials.clientSecret) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed: unknown client_id or wrong client_secret.' } };
    }
    this.prune();
    const token = jwtShaped(id, this.now(), this.ttlSeconds);
    this.tokens.set(token, this.now() + this.ttlSeconds * 1000);
    this.issued++;
    return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: this.ttlSeconds } };
  }

  /** 'valid', or why the Authorization header is refused. */
  check(header: string | undefined): 'valid' | 'missing' | 'unknown' | 'expired' {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) return 'missing';
    const expires = this.tokens.get(match[1]);
    if (expires === undefined) return 'unknown';
    if (expires <= this.now()) return 'expired';
    return 'valid';
  }

  private prune(): void {
    const now = this.now();
    for (const [token, expires] of this.tokens) if (expires <= now) this.tokens.delete(token);
  }
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** A token shaped like Optum's JWTs (header.payload.signature); the sandbox only checks it against its own table. */
function jwtShaped(clientId: string, nowMs: number, ttl: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ sub: clientId, iss: 'local-prior-auth-sandbox', iat, exp: iat + ttl, jti: randomBytes(8).toString('hex') }));
  return `${header}.${payload}.${base64url(randomBytes(32))}`;
}
