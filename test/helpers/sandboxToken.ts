import type { Sandbox } from '../../sandbox/src/server';

/** A bearer token from the local sandbox's token endpoint, asked for as a client would (JSON body). */
export async function sandboxToken(sandbox: Sandbox): Promise<string> {
  const res = await fetch(sandbox.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: sandbox.clientId, client_secret: sandbox.clientSecret, grant_type: 'client_credentials' }),
  });
  if (res.status !== 200) throw new Error(`the sandbox refused a token: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
