// SMART signing keys for Sign In and Generate Key Pair: a private key imported from PEM or JWK text becomes the one
// form kept in SecretStorage (a private JWK with kid and alg), and its public JWKS is what a payer registers.
// Pure: no vscode import. Error words never quote the key.

import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { ApiError } from '../api/errors';
import { generateSigningKeyPair, readSigningKey, type AssertionAlgorithm } from '../api/smart';
import type { PasSecret } from './credentials';

export interface PublicJwks {
  readonly keys: readonly (JsonWebKey & { kid: string; alg: string; use: 'sig'; key_ops: string[] })[];
}

export interface ImportedKey {
  readonly secret: PasSecret & { kind: 'smart' };
  readonly publicJwks: PublicJwks;
}

function looksPublic(text: string): boolean {
  const trimmed = text.trim();
  if (/-----BEGIN (RSA )?PUBLIC KEY-----/.test(trimmed) || /-----BEGIN CERTIFICATE-----/.test(trimmed)) return true;
  if (!trimmed.startsWith('{')) return false;
  try {
    const jwk = JSON.parse(trimmed) as { d?: unknown; keys?: unknown; kty?: unknown };
    if (Array.isArray(jwk.keys)) return (jwk.keys as { d?: unknown }[]).every((k) => k && typeof k === 'object' && !('d' in k));
    return typeof jwk.kty === 'string' && !('d' in jwk);
  } catch {
    return false;
  }
}

/**
 * PEM whose line breaks were lost (pasted into a one-line input box: spaces instead of newlines) is put back into
 * lines; other text is returned as it is.
 */
export function normalizePem(text: string): string {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) return text;
  const headers: string[] = [];
  let body = m[2];
  // Traditional encrypted PEM has "Proc-Type:" and "DEK-Info:" headers; those keep their own lines.
  body = body.replace(/(Proc-Type|DEK-Info):\s*\S+/g, (h) => (headers.push(h.replace(/:\s*/, ': ')), ''));
  const base64 = body.replace(/\s+/g, '');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${m[1]}-----`, ...headers, ...(headers.length ? [''] : []), ...lines, `-----END ${m[1]}-----`, ''].join('\n');
}

/**
 * Reads a private key given as PEM (PKCS#8, PKCS#1 or SEC1) or as a private JWK: RSA ≥ 2048 bits signs RS384, EC P-384
 * signs ES384; anything else, a public key or a JWK set is refused in words. `keyId` overrides the JWK's own kid.
 */
export function importPrivateKey(text: string, keyId?: string): ImportedKey {
  if (looksPublic(text)) {
    throw new ApiError('no-credentials', 'This is a public key; signing in needs the private key.', 'Give the private key (PEM "BEGIN PRIVATE KEY" or a JWK with "d"); the payer gets only the public one.');
  }
  if (/ENCRYPTED/.test(text) && /-----BEGIN/.test(text)) {
    throw new ApiError('no-credentials', 'The private key is encrypted with a passphrase.', 'Give it unencrypted (e.g. openssl pkey -in key.pem -out plain.pem); Prior Auth keeps it in the OS keyring, never in a file.');
  }
  const signing = readSigningKey(normalizePem(text), keyId?.trim() || undefined);
  const privateJwk = { ...signing.key.export({ format: 'jwk' }), kid: signing.kid, alg: signing.alg };
  return {
    secret: { kind: 'smart', privateKey: JSON.stringify(privateJwk), keyId: signing.kid, alg: signing.alg },
    publicJwks: publicHalf(privateJwk, signing.kid, signing.alg),
  };
}

function publicHalf(privateJwk: JsonWebKey, kid: string, alg: AssertionAlgorithm): PublicJwks {
  const publicJwk = createPublicKey({ key: privateJwk, format: 'jwk' }).export({ format: 'jwk' });
  return { keys: [{ ...publicJwk, kid, alg, use: 'sig', key_ops: ['verify'] }] };
}

/** The public JWKS of a stored private key (to register it again, e.g. with a restarted local payer). */
export function publicJwksOf(privateKey: string, keyId?: string): PublicJwks {
  return importPrivateKey(privateKey, keyId).publicJwks;
}

/** A new key pair: the private half as the stored secret, the public half as the JWKS to register. */
export function newKeyPair(alg: AssertionAlgorithm = 'ES384'): ImportedKey {
  const pair = generateSigningKeyPair(alg);
  return { secret: { kind: 'smart', privateKey: JSON.stringify(pair.privateJwk), keyId: pair.kid, alg: pair.alg }, publicJwks: pair.publicJwks };
}
