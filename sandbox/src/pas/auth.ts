// The local PAS payer's token endpoint: SMART Backend Services (a private_key_jwt client assertion, RS384 or ES384,
// verified against the JWKS registered for the client) and the local client secret (Basic or in the form body).
// Keys are registered by a sandbox option (the CLI's --pas-jwks FILE) or by POST [base]/auth/register with
// {"client_id": …, "jwks": {"keys": […]}} — the sandbox only listens on loopback and holds no real data.

import { createPublicKey, randomBytes, verify, type JsonWebKey, type KeyObject } from 'node:crypto';

export interface RegisteredClient {
  readonly clientId: string;
  readonly jwks: { readonly keys: readonly JsonWebKey[] };
}

type TokenAnswer = { status: number; body: Record<string, unknown> };

const oauthError = (status: number, error: string, description: string): TokenAnswer => ({ status, body: { error, error_description: description } });

/** Longest assertion lifetime accepted (SMART: exp no more than five minutes in the future), plus clock skew. */
const MAX_ASSERTION_SECONDS = 300;
const SKEW_SECONDS = 30;

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function keyFor(jwk: JsonWebKey): KeyObject | undefined {
  try {
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
    return createPublicKey({ key: pub, format: 'jwk' });
  } catch {
    return undefined;
  }
}

export class PasTokenIssuer {
  private readonly clients = new Map<string, RegisteredClient>();
  private readonly tokens = new Map<string, { clientId: string; expires: number }>();
  private readonly seenJti = new Map<string, number>();
  issued = 0;

  constructor(
    private readonly secret: { clientId: string; clientSecret: string },
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  /** Registers (or replaces) a client's public keys; returns words for what is wrong with them. */
  register(clientId: unknown, jwks: unknown): { clientId: string } | { problem: string } {
    const keys = jwks && typeof jwks === 'object' && Array.isArray((jwks as { keys?: unknown }).keys) ? ((jwks as { keys: unknown[] }).keys as JsonWebKey[]) : undefined;
    if (!keys || keys.length === 0) return { problem: 'jwks must be a JWK set: {"keys": [ … public keys … ]}.' };
    for (const k of keys) {
      if (!k || typeof k !== 'object' || (k.kty !== 'RSA' && k.kty !== 'EC')) return { problem: 'Every key must be an RSA or EC public JWK.' };
      if ('d' in k) return { problem: 'The set holds a private key (it has "d"); register only the public JWKS.' };
      if (!keyFor(k)) return { problem: 'A key in the set is not a readable public JWK.' };
    }
    const id = typeof clientId === 'string' && clientId ? clientId : `pas-client-${randomBytes(6).toString('hex')}`;
    this.clients.set(id, { clientId: id, jwks: { keys } });
    return { clientId: id };
  }

  /** Handles a token request (form fields). */
  issue(form: URLSearchParams, authorization: string | undefined, tokenUrl: string): TokenAnswer {
    if (form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', `grant_type must be client_credentials, not "${form.get('grant_type') ?? ''}".`);
    let clientId: string;
    const assertion = form.get('client_assertion');
    if (assertion !== null) {
      if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return oauthError(400, 'invalid_request', 'client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer.');
      const checked = this.checkAssertion(assertion, tokenUrl);
      if ('error' in checked) return checked.error;
      clientId = checked.clientId;
    } else {
      const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
      let id: string | null = form.get('client_id');
      let secret: string | null = form.get('client_secret');
      if (basic) {
        const [u, ...rest] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
        id = decodeURIComponent(u.replace(/\+/g, ' '));
        secret = decodeURIComponent(rest.join(':').replace(/\+/g, ' '));
      }
      if (!id || !secret) return oauthError(401, 'invalid_client', 'No client authentication: send a client_assertion (SMART Backend Services) or the client secret (Basic or client_id/client_secret).');
      if (id !== this.secret.clientId || secret !== this.secret.clientSecret) return oauthError(401, 'invalid_client', 'Client authentication failed: unknown client_id or wrong client_secret.');
      clientId = id;
    }
    this.prune();
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { clientId, expires: this.now() + this.ttlSeconds * 1000 });
    this.issued++;
    return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: this.ttlSeconds, scope: form.get('scope') ?? 'system/*.read system/*.write' } };
  }

  private checkAssertion(jwt: string, tokenUrl: string): { clientId: string } | { error: TokenAnswer } {
    const bad = (description: string) => ({ error: oauthError(401, 'invalid_client', description) });
    const parts = jwt.split('.');
    if (parts.length !== 3) return { error: oauthError(400, 'invalid_request', 'client_assertion is not a signed JWT (three dot-separated parts).') };
    const header = decodePart(parts[0]);
    const claims = decodePart(parts[1]);
    if (!header || !claims) return { error: oauthError(400, 'invalid_request', 'client_assertion has an unreadable header or claims.') };
    const alg = header.alg;
    if (alg !== 'RS384' && alg !== 'ES384') return bad(`The assertion is signed ${String(alg)}; this server accepts RS384 and ES384.`);
    const clientId = claims.iss;
    if (typeof clientId !== 'string' || claims.sub !== clientId) return bad('The assertion\'s iss and sub must both be the client_id.');
    const client = this.clients.get(clientId);
    if (!client) return bad(`No public key is registered for client "${clientId}": register its JWKS first (POST [base]/auth/register, or the sandbox's --pas-jwks option).`);
    if (claims.aud !== tokenUrl) return bad(`The assertion's aud must be the token URL ${tokenUrl}.`);
    const nowS = Math.floor(this.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= nowS - SKEW_SECONDS) return bad('The assertion has expired (exp).');
    if (claims.exp > nowS + MAX_ASSERTION_SECONDS + SKEW_SECONDS) return bad('The assertion\'s exp is more than five minutes ahead.');
    if (typeof claims.jti !== 'string' || !claims.jti) return bad('The assertion has no jti.');
    const kty = alg === 'RS384' ? 'RSA' : 'EC';
    const candidates = client.jwks.keys.filter((k) => k.kty === kty && (header.kid === undefined || (k as { kid?: string }).kid === undefined || (k as { kid?: string }).kid === header.kid));
    const input = Buffer.from(`${parts[0]}.${parts[1]}`);
    const signature = Buffer.from(parts[2], 'base64url');
    const valid = candidates.some((jwk) => {
      const key = keyFor(jwk);
      if (!key) return false;
      try {
        return verify('sha384', input, alg === 'ES384' ? { key, dsaEncoding: 'ieee-p1363' } : key, signature);
      } catch {
        return false;
      }
    });
    if (!valid) return bad(`The assertion's signature does not verify with the key${candidates.length === 1 ? '' : 's'} registered for "${clientId}"${header.kid ? ` (kid ${String(header.kid)})` : ''}.`);
    if (this.seenJti.has(`${clientId} ${claims.jti}`)) return bad('The assertion was already used (its jti was seen before).');
    this.seenJti.set(`${clientId} ${claims.jti}`, claims.exp * 1000 + SKEW_SECONDS * 1000);
    return { clientId };
  }

  /** 'valid', 'anonymous' (no header), or why the Authorization header is refused. */
  check(header: string | undefined): 'valid' | 'anonymous' | 'unknown' | 'expired' | 'malformed' {
    if (!header) return 'anonymous';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return 'malformed';
    const t = this.tokens.get(m[1]);
    if (!t) return 'unknown';
    return t.expires <= this.now() ? 'expired' : 'valid';
  }

  private prune(): void {
    const now = this.now();
    for (const [t, v] of this.tokens) if (v.expires <= now) this.tokens.delete(t);
    for (const [j, exp] of this.seenJti) if (exp <= now) this.seenJti.delete(j);
  }
}
