// The `prior-auth sandbox` options of the local PAS payer: keys registered at start, auth required or not, the
// release delay of pended decisions; and the lines printed at start.

import { readFile } from 'node:fs/promises';
import type { PasPayerOptions } from '../../../sandbox/src/pas/payer';
import type { Sandbox } from '../../../sandbox/src/server';

export const PAS_SANDBOX_HELP = `  --pas-jwks FILE       register this public JWKS for SMART Backend Services (env PRIOR_AUTH_SANDBOX_PAS_JWKS)
  --pas-client-id ID    the client ID for that JWKS (default pas-client)
  --pas-require-auth    refuse PAS requests without a token (default: accepted, like auth "none")
  --pas-release-ms MS   how long PAS-PEND decisions stay pended (default 3000)`;

export const PAS_SANDBOX_OPTIONS = {
  'pas-jwks': { type: 'string' },
  'pas-client-id': { type: 'string' },
  'pas-require-auth': { type: 'boolean' },
  'pas-release-ms': { type: 'string' },
} as const;

export async function pasSandboxOptions(values: { 'pas-jwks'?: string; 'pas-client-id'?: string; 'pas-require-auth'?: boolean; 'pas-release-ms'?: string }): Promise<PasPayerOptions | string> {
  const release = values['pas-release-ms'] === undefined ? undefined : Number(values['pas-release-ms']);
  if (release !== undefined && (!Number.isInteger(release) || release < 0)) return `--pas-release-ms takes a whole number of milliseconds, not "${values['pas-release-ms']}".`;
  const jwksPath = values['pas-jwks'] ?? process.env.PRIOR_AUTH_SANDBOX_PAS_JWKS;
  let clients: PasPayerOptions['clients'];
  if (jwksPath) {
    let jwks: unknown;
    try {
      jwks = JSON.parse(await readFile(jwksPath, 'utf8'));
    } catch (error) {
      return `Cannot read the JWKS ${jwksPath}: ${(error as Error).message}`;
    }
    const keys = (jwks as { keys?: unknown })?.keys;
    if (!Array.isArray(keys)) return `${jwksPath} is not a JWK set ({"keys": [...]}).`;
    if (keys.some((k) => k && typeof k === 'object' && 'd' in k)) return `${jwksPath} holds a private key; register only the public JWKS.`;
    clients = [{ clientId: values['pas-client-id'] ?? 'pas-client', jwks: { keys } }];
  }
  return { requireAuth: values['pas-require-auth'] === true, releaseDelayMs: release, clients };
}

export function pasStartLines(sandbox: Sandbox, pas: PasPayerOptions): string[] {
  return [
    `Local PAS payer (Da Vinci PAS, FHIR R4) at ${sandbox.pasBaseUrl}`,
    `  token URL: ${sandbox.pasBaseUrl}/auth/token (SMART Backend Services, or the client_id/secret above)`,
    `  register a public JWKS: POST ${sandbox.pasBaseUrl}/auth/register {"client_id": "…", "jwks": {…}}`,
    ...(pas.clients ?? []).map((c) => `  registered: ${c.clientId} (${c.jwks.keys.length} key${c.jwks.keys.length === 1 ? '' : 's'})`),
    `  anonymous requests: ${pas.requireAuth ? 'refused' : 'accepted'}`,
  ];
}
