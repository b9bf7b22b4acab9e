// SMART Backend Services (and the simpler ways PAS servers authenticate) for a FHIR base: client_credentials with a
// private_key_jwt client assertion signed RS384 or ES384, a client secret (Basic or in the form), or no token at all.
// The token endpoint comes from [base]/.well-known/smart-configuration unless given. One token is reused until shortly
// before it expires. No vscode import: the CLI uses this too. Private keys, secrets, assertions and tokens never appear
// in messages or logs.

import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, createHash, type KeyObject, type JsonWebKey } from 'node:crypto';
import { ApiError, httpError } from './errors';
import type { ApiLogger, HttpClient } from './http';
import { scrub } from './redact';

export type AssertionAlgorithm = 'RS384' | 'ES384';

export type PasAuth =
  | {
      readonly kind: 'smart';
      readonly clientId: string;
      /** The private key as PEM (PKCS#8 or traditional) or as a JWK (JSON text). */
      readonly privateKey: string;
      /** Key ID sent as the assertion's `kid`; defaults to the JWK's own kid, else its RFC 7638 thumbprint. */
      readonly keyId?: string;
      readonly tokenUrl?: string;
      readonly scope?: string;
    }
  | { readonly kind: 'secret'; readonly clientId: string; readonly clientSecret: string; readonly style?: 'basic' | 'post'; readonly tokenUrl?: string; readonly scope?: string }
  | { readonly kind: 'none' };

/** What a PAS exchange needs: submit and inquire on Claim, read responses, manage its subscription. */
export const DEFAULT_PAS_SCOPE = 'system/Claim.write system/ClaimResponse.read system/Bundle.read system/Subscription.read system/Subscription.write';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Lifetime of a client assertion: SMART allows at most five minutes. */
export const ASSERTION_LIFETIME_SECONDS = 240;

/** A token is reused until this long before it expires. */
export const PAS_TOKEN_MARGIN_SECONDS = 60;

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export interface SigningKey {
  readonly key: KeyObject;
  readonly alg: AssertionAlgorithm;
  readonly kid: string;
}

/** RFC 7638 thumbprint of a public JWK (RSA or EC), base64url SHA-256. */
export function jwkThumbprint(jwk: JsonWebKey): string {
  const members = jwk.kty === 'RSA' ? { e: jwk.e, kty: 'RSA', n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

/**
 * Reads a private key (PEM or JWK text) and picks the assertion algorithm from it: RSA (2048 bits or more) → RS384,
 * EC P-384 → ES384. Throws an ApiError whose words never include the key.
 */
export function readSigningKey(text: string, keyId?: string): SigningKey {
  const trimmed = text.trim();
  let key: KeyObject;
  let jwkKid: string | undefined;
  try {
    if (trimmed.startsWith('{')) {
      const jwk = JSON.parse(trimmed) as JsonWebKey & { kid?: string; keys?: unknown };
      if (Array.isArray(jwk.keys)) throw new Error('a JWK set');
      jwkKid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
      key = createPrivateKey({ key: jwk, format: 'jwk' });
    } else {
      key = createPrivateKey(trimmed);
    }
  } catch (error) {
    const what = error instanceof Error && error.message === 'a JWK set' ? 'a JWK set (give the one private JWK, not the set)' : 'not a readable private key';
    throw new ApiError('no-credentials', `The SMART private key is ${what}.`, 'Give the private key as PEM or as a private JWK (the "Generate Key Pair" output), e.g. PRIOR_AUTH_PAS_KEY_FILE=path/to/key.jwk.json.');
  }
  const details = key.asymmetricKeyDetails ?? {};
  let alg: AssertionAlgorithm;
  if (key.asymmetricKeyType === 'rsa') {
    if ((details.modulusLength ?? 0) < 2048) throw new ApiError('no-credentials', `The RSA key has ${details.modulusLength} bits; SMART Backend Services needs 2048 or more.`, 'Generate a new key pair.');
    alg = 'RS384';
  } else if (key.asymmetricKeyType === 'ec' && details.namedCurve === 'secp384r1') {
    alg = 'ES384';
  } else {
    throw new ApiError('no-credentials', `The private key is ${key.asymmetricKeyType}${details.namedCurve ? ` on ${details.namedCurve}` : ''}; SMART Backend Services signs with RS384 (RSA) or ES384 (EC P-384).`, 'Generate an RSA or EC P-384 key pair.');
  }
  const kid = keyId ?? jwkKid ?? jwkThumbprint(createPublicKey(key).export({ format: 'jwk' }));
  return { key, alg, kid };
}

/** A signed client assertion (RFC 7523) for the token endpoint: iss = sub = client ID, aud = token URL. */
export function signClientAssertion(clientId: string, tokenUrl: string, signing: SigningKey, nowMs = Date.now()): string {
  const iat = Math.floor(nowMs / 1000);
  const header = b64url(JSON.stringify({ alg: signing.alg, kid: signing.kid, typ: 'JWT' }));
  const claims = b64url(JSON.stringify({ iss: clientId, sub: clientId, aud: tokenUrl, exp: iat + ASSERTION_LIFETIME_SECONDS, iat, jti: randomUUID() }));
  const input = `${header}.${claims}`;
  const signature = sign('sha384', Buffer.from(input), signing.alg === 'ES384' ? { key: signing.key, dsaEncoding: 'ieee-p1363' } : signing.key);
  return `${input}.${b64url(signature)}`;
}

export interface GeneratedKeyPair {
  readonly alg: AssertionAlgorithm;
  readonly kid: string;
  /** The private JWK (with kid and alg): goes to SecretStorage or a key file the user keeps, never to settings. */
  readonly privateJwk: JsonWebKey & { kid: string; alg: string };
  /** The public JWKS to register with the payer (or host at a jku URL). */
  readonly publicJwks: { keys: (JsonWebKey & { kid: string; alg: string; use: 'sig'; key_ops: string[] })[] };
}

/** A new signing key pair: EC P-384 for ES384 (default) or RSA 2048 for RS384. */
export function generateSigningKeyPair(alg: AssertionAlgorithm = 'ES384'): GeneratedKeyPair {
  const { privateKey, publicKey } = alg === 'ES384' ? generateKeyPairSync('ec', { namedCurve: 'P-384' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicJwk = publicKey.export({ format: 'jwk' });
  const kid = jwkThumbprint(publicJwk);
  return {
    alg,
    kid,
    privateJwk: { ...privateKey.export({ format: 'jwk' }), kid, alg },
    publicJwks: { keys: [{ ...publicJwk, kid, alg, use: 'sig', key_ops: ['verify'] }] },
  };
}

interface CachedToken {
  readonly value: string;
  readonly expiresAt: number;
}

export interface TokenSourceOptions {
  readonly baseUrl: string;
  readonly label: string;
  readonly http: HttpClient;
  readonly log: ApiLogger;
  readonly now: () => number;
}

/** Access tokens for one FHIR base and one way of authenticating; undefined when the auth is "none". */
export class PasTokenSource {
  private token: CachedToken | undefined;
  private pending: Promise<CachedToken> | undefined;
  private discovered: string | undefined;
  private signing: SigningKey | undefined;
  tokenRequests = 0;

  constructor(
    private readonly auth: PasAuth,
    private readonly options: TokenSourceOptions,
  ) {}

  forgetToken(): void {
    this.token = undefined;
  }

  tokenExpiresAt(): number | undefined {
    return this.token && this.token.expiresAt > this.options.now() ? this.token.expiresAt : undefined;
  }

  async accessToken(signal?: AbortSignal): Promise<string | undefined> {
    if (this.auth.kind === 'none') return undefined;
    if (this.token && this.token.expiresAt > this.options.now()) return this.token.value;
    this.pending ??= this.fetchToken(signal).finally(() => {
      this.pending = undefined;
    });
    this.token = await this.pending;
    return this.token.value;
  }

  /** The token endpoint: as given, else from [base]/.well-known/smart-configuration. */
  async tokenUrl(signal?: AbortSignal): Promise<string> {
    const auth = this.auth;
    if (auth.kind === 'none') throw new Error('no token endpoint for auth "none"');
    if (auth.tokenUrl) return auth.tokenUrl;
    if (this.discovered) return this.discovered;
    const url = `${this.options.baseUrl}/.well-known/smart-configuration`;
    const answer = await this.options.http.send('GET', url, { accept: 'application/json' }, undefined, signal);
    const endpoint = (answer.body as { token_endpoint?: unknown } | undefined)?.token_endpoint;
    if (answer.status !== 200 || typeof endpoint !== 'string' || !endpoint) {
      throw new ApiError(
        'auth',
        `The ${this.options.label} publishes no SMART configuration (GET ${url} answered HTTP ${answer.status}${answer.status === 200 ? ' without a token_endpoint' : ''}).`,
        'Set the token URL by hand for this environment (the payer documents it), or check the FHIR base URL.',
        answer.status,
      );
    }
    this.discovered = endpoint;
    return endpoint;
  }

  private async fetchToken(signal?: AbortSignal): Promise<CachedToken> {
    const auth = this.auth;
    if (auth.kind === 'none') throw new Error('unreachable');
    const tokenUrl = await this.tokenUrl(signal);
    const form = new URLSearchParams({ grant_type: 'client_credentials', scope: auth.scope ?? DEFAULT_PAS_SCOPE });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    const secrets: string[] = [];
    if (auth.kind === 'smart') {
      this.signing ??= readSigningKey(auth.privateKey, auth.keyId);
      const assertion = signClientAssertion(auth.clientId, tokenUrl, this.signing, this.options.now());
      secrets.push(assertion);
      form.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
      form.set('client_assertion', assertion);
    } else if (auth.style === 'post') {
      form.set('client_id', auth.clientId);
      form.set('client_secret', auth.clientSecret);
      secrets.push(auth.clientSecret, encodeURIComponent(auth.clientSecret));
    } else {
      // RFC 6749 §2.3.1: both parts form-encoded before Base64.
      const basic = Buffer.from(`${formEncode(auth.clientId)}:${formEncode(auth.clientSecret)}`).toString('base64');
      headers.authorization = `Basic ${basic}`;
      secrets.push(auth.clientSecret, basic);
    }
    this.tokenRequests++;
    const answer = await this.options.http.send('POST', tokenUrl, headers, form.toString(), signal);
    const how = auth.kind === 'smart' ? `a ${this.signing!.alg} client assertion (key ${this.signing!.kid})` : 'the client secret';
    if (answer.status === 400 || answer.status === 401) {
      const error = httpError(answer.status, answer.body, scrub(answer.text, secrets), 'the token endpoint');
      const next =
        auth.kind === 'smart'
          ? 'Check that the payer has this client ID with the public key registered (its JWKS, or the kid above), and that the token URL is right.'
          : 'Check the client ID and secret for this environment and sign in again.';
      throw new ApiError('auth', `The ${this.options.label} refused to issue a token to client ${auth.clientId} with ${how} (HTTP ${answer.status}).`, next, answer.status, error.details.map((d) => scrub(d, secrets)));
    }
    if (answer.status !== 200) throw httpError(answer.status, answer.body, scrub(answer.text, secrets), 'the token endpoint');
    const parsed = answer.body as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (!parsed || typeof parsed.access_token !== 'string') {
      throw new ApiError('auth', 'The token endpoint answered without an access_token.', 'Check the token URL (the SMART configuration\'s token_endpoint).', answer.status);
    }
    const lifetime = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : 300;
    const reuseFor = lifetime - Math.min(PAS_TOKEN_MARGIN_SECONDS, lifetime / 2);
    this.options.log.info(`  signed in to the ${this.options.label} as ${auth.clientId} with ${how}; token valid for ${lifetime} s`);
    return { value: parsed.access_token, expiresAt: this.options.now() + reuseFor * 1000 };
  }
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}
