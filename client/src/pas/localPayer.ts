// Registering a public JWKS with the local PAS payer (POST [base]/auth/register), which real payers do by hand or
// through their portal. Only ever to a loopback URL: only the public keys are sent. No vscode import.

import { isLoopback } from '../api/environments';
import { ApiError, asPasError } from '../api/errors';
import type { PublicJwks } from './keys';

/** Registers `jwks` for `clientId` at the local payer; resolves to the client ID it registered. */
export async function registerWithLocalPayer(baseUrl: string, clientId: string, jwks: PublicJwks, signal?: AbortSignal): Promise<string> {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/auth/register`);
  if (!isLoopback(url)) throw asPasError(new ApiError('refused-url', `${url.host} is not this machine; keys are only registered automatically with the local PAS payer.`, 'Give the payer the public JWKS through its own registration (portal or e-mail).'));
  // Only the public members travel, whatever the caller passed.
  const keys = jwks.keys.map(({ d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub }) => pub);
  let answer: Response;
  try {
    answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ client_id: clientId, jwks: { keys } }), signal: signal ?? AbortSignal.timeout(10_000) });
  } catch {
    throw asPasError(new ApiError('connection', `Nothing answers at ${url.origin}: the local PAS payer is not running.`, 'Run Prior Auth: Start Local Sandbox, then register the key again.'));
  }
  const body = (await answer.json().catch(() => undefined)) as { client_id?: unknown; error_description?: unknown } | undefined;
  if (answer.status !== 201 || typeof body?.client_id !== 'string') {
    const why = typeof body?.error_description === 'string' ? body.error_description : `HTTP ${answer.status}`;
    throw asPasError(new ApiError('http', `The local PAS payer did not register the key: ${why}`, 'Check that the local sandbox at this URL is Prior Auth\'s (it serves /fhir/auth/register).', answer.status));
  }
  return body.client_id;
}
