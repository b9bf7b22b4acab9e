// `prior-auth send` for Da Vinci PAS documents: request bundles to Claim/$submit, inquiry bundles to Claim/$inquire at
// a FHIR base, with SMART Backend Services (a key file), a client secret or no auth; `--wait` subscribes and waits on a
// 127.0.0.1 listener for the final decision on a pended request. Credentials come from the environment.

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isLoopback } from '../../../client/src/api/environments';
import { isApiError } from '../../../client/src/api/errors';
import { PasClient, type PasEnvironment, type PasOperation, type PasWrapping } from '../../../client/src/api/pasClient';
import type { PasDecision } from '../../../client/src/api/pasDecision';
import { pasOperationFor } from '../../../client/src/api/pasRoute';
import { waitForFinalDecision, type PayloadContent } from '../../../client/src/api/pasSubscription';
import type { PasAuth } from '../../../client/src/api/smart';
import { LOCAL_PORT } from '../../../client/src/api/environments';
import type { CliIo } from './io';

export const PAS_SEND_HELP = `PAS (FHIR) documents: a request Bundle goes to [base]/Claim/$submit, an inquiry Bundle to [base]/Claim/$inquire.
  --env local      the local PAS payer (http://127.0.0.1:8787/fhir; PRIOR_AUTH_LOCAL_URL moves it)
  --env URL        the payer's FHIR base URL (https; http only on 127.0.0.1)
  --yes            required for a host that does not look like a sandbox or test server, and to use credentials
                   from the environment (PRIOR_AUTH_PAS_*) with any server, the local payer included; without it
                   the command asks on a terminal before any request, and refuses otherwise
  --wait           on a pended decision (A4), subscribe and wait for the final one on a 127.0.0.1 listener
  --wait-timeout S longest wait in seconds (default 120)
  --payload P      id-only (default; the ClaimResponse is then fetched) or full-resource
  --notify-url URL a URL the payer can reach that forwards to the listener (a tunnel); needed for a remote payer
  --listen-port N  port of the listener (default: any free port)
  --org-identifier ID   the requesting organization's identifier (default: from the Claim's provider)
  --wrap W         bundle (default: the Bundle is the body) or parameters (Parameters with "resource")
  --key-file PATH  the SMART private key (PEM or private JWK); or PRIOR_AUTH_PAS_KEY_FILE
Credentials (environment): PRIOR_AUTH_PAS_CLIENT_ID with PRIOR_AUTH_PAS_KEY_FILE (SMART Backend Services,
RS384/ES384, optional PRIOR_AUTH_PAS_KEY_ID) or PRIOR_AUTH_PAS_CLIENT_SECRET (PRIOR_AUTH_PAS_SECRET_STYLE basic|post);
PRIOR_AUTH_PAS_TOKEN_URL (default: from [base]/.well-known/smart-configuration), PRIOR_AUTH_PAS_SCOPE. No credentials:
no token is sent (the local payer accepts that).`;

export interface PasSendRow {
  readonly file: string;
  readonly operation?: PasOperation;
  readonly status?: number;
  readonly elapsedMs?: number;
  readonly result?: string;
  readonly decisions?: readonly PasDecision[];
  /** The final decision that arrived through the subscription (--wait). */
  readonly final?: PasDecision;
  readonly error?: string;
}

/** True for a host that may be a production payer: not loopback, and no sandbox/test word in its name. */
export function productionLike(baseUrl: string): boolean {
  try {
    const url = new URL(baseUrl);
    return !isLoopback(url) && !/(sandbox|test|dev|staging|demo|inferno|localhost|example)/i.test(url.hostname);
  } catch {
    return false;
  }
}

function pasBase(env: string): PasEnvironment | string {
  if (env === 'local') {
    const origin = (process.env.PRIOR_AUTH_LOCAL_URL || `http://127.0.0.1:${LOCAL_PORT}`).replace(/\/+$/, '');
    return { label: 'local PAS payer', baseUrl: `${origin}/fhir`, production: false };
  }
  if (/^https?:\/\//.test(env)) {
    const baseUrl = env.replace(/\/+$/, '');
    return { label: `PAS server ${new URL(baseUrl).host}`, baseUrl, production: productionLike(baseUrl) };
  }
  return `PAS documents go to a FHIR base: --env local or --env https://payer.example/fhir, not "${env}".`;
}

async function authFromEnvironment(keyFile: string | undefined): Promise<PasAuth | string> {
  const e = process.env;
  const clientId = e.PRIOR_AUTH_PAS_CLIENT_ID;
  const tokenUrl = e.PRIOR_AUTH_PAS_TOKEN_URL || undefined;
  const scope = e.PRIOR_AUTH_PAS_SCOPE || undefined;
  const path = keyFile ?? e.PRIOR_AUTH_PAS_KEY_FILE;
  if (path) {
    if (!clientId) return 'A SMART key file needs PRIOR_AUTH_PAS_CLIENT_ID (the client ID the payer registered with the public key).';
    let privateKey: string;
    try {
      privateKey = await readFile(path, 'utf8');
    } catch (error) {
      return `Cannot read the key file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`;
    }
    return { kind: 'smart', clientId, privateKey, keyId: e.PRIOR_AUTH_PAS_KEY_ID || undefined, tokenUrl, scope };
  }
  if (e.PRIOR_AUTH_PAS_CLIENT_SECRET) {
    if (!clientId) return 'PRIOR_AUTH_PAS_CLIENT_SECRET needs PRIOR_AUTH_PAS_CLIENT_ID.';
    const style = e.PRIOR_AUTH_PAS_SECRET_STYLE === 'post' ? 'post' : 'basic';
    return { kind: 'secret', clientId, clientSecret: e.PRIOR_AUTH_PAS_CLIENT_SECRET, style, tokenUrl, scope };
  }
  return { kind: 'none' };
}

/** The environment variables the credentials came from, or undefined when none did (no auth, or --key-file). */
function environmentCredentials(auth: PasAuth, keyFileArgument: string | undefined): string | undefined {
  if (auth.kind === 'secret') return 'PRIOR_AUTH_PAS_CLIENT_ID/PRIOR_AUTH_PAS_CLIENT_SECRET';
  if (auth.kind === 'smart' && keyFileArgument === undefined) return 'PRIOR_AUTH_PAS_CLIENT_ID/PRIOR_AUTH_PAS_KEY_FILE';
  return undefined;
}

/** Where the credentials would go: the token endpoint (given, or named by the server) and the FHIR base. */
function credentialDestinations(baseUrl: string, tokenUrl: string | undefined): string {
  const base = new URL(baseUrl).origin;
  if (!tokenUrl) return `${base} (its token endpoint, from ${baseUrl}/.well-known/smart-configuration, and its FHIR API)`;
  let token: string;
  try {
    token = new URL(tokenUrl).origin;
  } catch {
    token = tokenUrl;
  }
  return token === base ? base : `${token} (token endpoint) and ${base} (FHIR API)`;
}

function errorWords(error: unknown): string {
  return isApiError(error) ? `${error.message}${error.details.length ? ' ' + error.details.join(' · ') : ''} ${error.nextStep}` : error instanceof Error ? error.message : String(error);
}

function table(rows: readonly PasSendRow[]): string[] {
  const text = (r: PasSendRow) => r.error ? `error: ${r.error}` : `${r.result ?? ''}${r.final ? ` → final: ${r.final.headline}` : ''}`;
  const cells = rows.map((r) => [r.file, r.operation ? `$${r.operation}` : '-', r.status ? String(r.status) : '-', text(r)]);
  const head = ['FILE', 'OPERATION', 'HTTP', 'RESULT'];
  const widths = head.map((h, i) => Math.min(48, Math.max(h.length, ...cells.map((c) => c[i].length))));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.length > widths[i] ? v.slice(0, widths[i] - 1) + '…' : v.padEnd(widths[i]))).join('  ');
  return [line(head), ...cells.map(line)];
}

/** Sends PAS files; `argv` is the whole `send` argument list. */
export async function runPasSend(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      env: { type: 'string', default: 'local' },
      format: { type: 'string', default: 'table' },
      yes: { type: 'boolean' },
      wait: { type: 'boolean' },
      'wait-timeout': { type: 'string', default: '120' },
      payload: { type: 'string', default: 'id-only' },
      'notify-url': { type: 'string' },
      'listen-port': { type: 'string' },
      'org-identifier': { type: 'string' },
      wrap: { type: 'string', default: 'bundle' },
      'key-file': { type: 'string' },
      endpoint: { type: 'string' },
    },
  });
  const env = pasBase(values.env);
  if (typeof env === 'string') {
    io.err(env);
    return 2;
  }
  if (values.format !== 'table' && values.format !== 'json') {
    io.err(`--format takes table or json, not "${values.format}".`);
    return 2;
  }
  if (values.payload !== 'id-only' && values.payload !== 'full-resource') {
    io.err(`--payload takes id-only or full-resource, not "${values.payload}".`);
    return 2;
  }
  if (values.wrap !== 'bundle' && values.wrap !== 'parameters') {
    io.err(`--wrap takes bundle or parameters, not "${values.wrap}".`);
    return 2;
  }
  const waitSeconds = Number(values['wait-timeout']);
  if (!Number.isFinite(waitSeconds) || waitSeconds <= 0) {
    io.err(`--wait-timeout takes a number of seconds, not "${values['wait-timeout']}".`);
    return 2;
  }
  const listenPort = values['listen-port'] === undefined ? undefined : Number(values['listen-port']);
  if (listenPort !== undefined && (!Number.isInteger(listenPort) || listenPort < 0 || listenPort > 65535)) {
    io.err(`--listen-port takes a port from 0 to 65535, not "${values['listen-port']}".`);
    return 2;
  }
  if (env.production && !values.yes) {
    io.err(`${env.baseUrl} does not look like a sandbox or test server: PAS requests there reach a real payer with real patient data. Add --yes to confirm.`);
    return 2;
  }
  const auth = await authFromEnvironment(values['key-file']);
  if (typeof auth === 'string') {
    io.err(auth);
    return 2;
  }
  // As the X12 send: the environment's credentials go nowhere without a confirmation, asked before any request (the
  // smart-configuration lookup included). There are no Optum PAS hosts, so this holds for every server.
  const variables = environmentCredentials(auth, values['key-file']);
  if (variables && !values.yes) {
    const where = credentialDestinations(env.baseUrl, 'tokenUrl' in auth ? auth.tokenUrl : undefined);
    const answer = await io.confirm(`Send the PAS credentials from ${variables} to ${where}?`);
    if (answer !== true) {
      io.err(answer === false
        ? 'Nothing sent.'
        : `Refusing to send the credentials from ${variables} to ${where} without confirmation: add --yes (or unset them; the local PAS payer needs none).`);
      return 2;
    }
  }
  const client = new PasClient({ environment: env, auth, wrapping: values.wrap as PasWrapping });
  const rows: PasSendRow[] = [];
  let unreadable = false;
  try {
    for (const file of positionals) {
      let value: unknown;
      try {
        value = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        unreadable = true;
        rows.push({ file, error: `cannot read (${(error as Error).message})` });
        continue;
      }
      const route = pasOperationFor(value);
      if ('refusal' in route) {
        rows.push({ file, error: `not sent: ${route.refusal}` });
        continue;
      }
      io.err(`${file} → ${env.baseUrl}/Claim/$${route.operation} …`);
      try {
        const answer = await client.operation(route.operation, value);
        const reading = answer.reading;
        const decisions = reading.kind === 'decision' ? reading.decisions : undefined;
        const failed = answer.status >= 400 || reading.kind !== 'decision';
        let row: PasSendRow = { file, operation: route.operation, status: answer.status, elapsedMs: answer.elapsedMs, result: failed ? undefined : reading.headline, decisions, error: failed ? reading.headline : undefined };
        const pended = decisions?.find((d) => d.pended);
        if (values.wait && pended && route.operation === 'submit') {
          io.err(`${file}: pended; waiting for the final decision through a subscription …`);
          try {
            const final = await waitForFinalDecision({
              client,
              pended,
              request: value,
              orgIdentifier: values['org-identifier'],
              payload: values.payload as PayloadContent,
              timeoutMs: waitSeconds * 1000,
              notifyUrl: values['notify-url'],
              listenPort,
            });
            row = { ...row, final: final.decision };
          } catch (error) {
            row = { ...row, error: `pended; waiting failed: ${errorWords(error)}` };
          }
        }
        rows.push(row);
      } catch (error) {
        rows.push({ file, operation: route.operation, status: isApiError(error) ? error.status : undefined, error: errorWords(error) });
        if (isApiError(error) && (error.kind === 'auth' || error.kind === 'no-credentials')) break;
      }
    }
  } finally {
    await client.close();
  }
  if (values.format === 'json') io.out(JSON.stringify(rows, null, 2));
  else for (const line of table(rows)) io.out(line);
  io.err(`${rows.filter((r) => !r.error).length} of ${positionals.length} answered; ${client.tokens.tokenRequests} token request${client.tokens.tokenRequests === 1 ? '' : 's'}.`);
  if (unreadable) return 2;
  return rows.some((r) => r.error) ? 1 : 0;
}

/** True when every FILE of a `send` is a FHIR resource (PAS): then the PAS path takes the run. */
export async function isPasRun(argv: string[]): Promise<boolean> {
  const valued = ['env', 'endpoint', 'format', 'wait-timeout', 'payload', 'notify-url', 'listen-port', 'org-identifier', 'wrap', 'key-file'];
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false, options: Object.fromEntries(valued.map((name) => [name, { type: 'string' as const }])) });
  const files = positionals.filter((p): p is string => typeof p === 'string');
  if (!files.length) return false;
  for (const file of files) {
    if (!/\.json$/i.test(file)) return false;
    try {
      const value = JSON.parse(await readFile(file, 'utf8')) as { resourceType?: unknown };
      if (typeof value?.resourceType !== 'string') return false;
    } catch {
      return false;
    }
  }
  return true;
}
