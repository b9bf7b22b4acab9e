// `prior-auth send`: the extension's HTTP path from the command line, one token for the whole run.

import { parseArgs } from 'node:util';
import { PriorAuthClient, type Credentials } from '../../../client/src/api/client';
import { customEnvironment, localEnvironment, OPTUM_PRODUCTION, OPTUM_SANDBOX, type Environment } from '../../../client/src/api/environments';
import { isApiError } from '../../../client/src/api/errors';
import { rememberSecret, scrubSecrets } from '../../../client/src/api/redact';
import { jsonBody, x12Body } from '../../../client/src/api/payload';
import { endpointForJson, endpointForX12, type Endpoint } from '../../../client/src/api/route';
import { summarizeResponse, type ResponseSummary } from '../../../client/src/api/summary';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../../sandbox/src/defaults';
import { readText, type CliIo } from './io';
import { isPasRun, PAS_SEND_HELP, runPasSend } from './sendPas';

export const SEND_HELP = `Usage: prior-auth send [--env sandbox|production|local|URL] [--endpoint inquiry|submission|noa]
                      [--format table|json] [--yes] FILE…

Sends X12 278 files (as {"x12": "…"}) and Optum JSON request bodies to the Prior Authorization API and prints, per
file, the decision, the authorization number, any AAA rejections and the trace IDs. One token serves the whole run.

Credentials come from the environment, never from arguments:
  PRIOR_AUTH_CLIENT_ID, PRIOR_AUTH_CLIENT_SECRET   (not needed for --env local)
  PRIOR_AUTH_TENANT_ID                             optional x-optum-tenant-id

Options:
  --env ENV        sandbox (default), production, local (http://127.0.0.1:8787), or an origin URL of a server
                   with Optum's paths (e.g. http://127.0.0.1:9000)
  --endpoint E     inquiry, submission or noa (default: from ST03/GS08, or the JSON body's shape)
  --format F       table (default) or json
  --yes            required to send to production, and to send the environment's credentials anywhere but Optum's
                   hosts (--env local or a URL); without it the command asks on a terminal and refuses otherwise
  -h, --help       show this help

Exit status: 0 every file answered, 1 some file failed (HTTP or network error), 2 bad usage, unreadable files or
missing credentials.`;

export interface SendRow {
  readonly file: string;
  readonly endpoint?: Endpoint;
  readonly status?: number;
  readonly elapsedMs?: number;
  readonly summary?: ResponseSummary;
  readonly traceId?: string;
  readonly transactionId?: string;
  readonly error?: string;
}

function environmentFor(value: string): Environment | string {
  if (value === 'sandbox') return OPTUM_SANDBOX;
  if (value === 'production') return OPTUM_PRODUCTION;
  if (value === 'local') return localEnvironment(process.env.PRIOR_AUTH_LOCAL_URL || undefined);
  if (/^https?:\/\//.test(value)) {
    const origin = value.replace(/\/+$/, '');
    return customEnvironment(`${origin}/rcm/prior-authorization/v1`, `${origin}/apip/auth/v2/token`);
  }
  return `--env takes sandbox, production, local or a URL, not "${value}".`;
}

function credentialsFor(env: Environment): (Credentials & { fromEnvironment: boolean }) | undefined {
  const clientId = process.env.PRIOR_AUTH_CLIENT_ID;
  const clientSecret = process.env.PRIOR_AUTH_CLIENT_SECRET;
  if (clientId && clientSecret) return { clientId, clientSecret, fromEnvironment: true };
  return env.id === 'local' ? { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET, fromEnvironment: false } : undefined;
}

/** Optum's own hosts, the only places the environment's credentials go without asking. */
function isOptumHost(env: Environment): boolean {
  return env.id === 'sandbox' || env.id === 'production';
}

function decisionText(row: SendRow): string {
  if (row.error) return `error: ${row.error}`;
  return row.summary?.headline ?? 'no X12 in the response';
}

function table(rows: readonly SendRow[]): string[] {
  const cells = rows.map((r) => [r.file, r.endpoint ?? '-', r.status ? String(r.status) : '-', decisionText(r), r.traceId ?? '-']);
  const head = ['FILE', 'ENDPOINT', 'HTTP', 'RESULT', 'TRACE ID'];
  const widths = head.map((h, i) => Math.min(i === 3 ? 80 : 48, Math.max(h.length, ...cells.map((c) => c[i].length))));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.length > widths[i] ? v.slice(0, widths[i] - 1) + '…' : v.padEnd(widths[i]))).join('  ');
  return [line(head), ...cells.map(line)];
}

export async function runSend(argv: string[], io: CliIo, stderrIsTty = process.stderr.isTTY === true): Promise<number> {
  if (!argv.includes('--help') && !argv.includes('-h') && (await isPasRun(argv))) return runPasSend(argv, io);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      env: { type: 'string', default: 'sandbox' },
      endpoint: { type: 'string' },
      format: { type: 'string', default: 'table' },
      yes: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(SEND_HELP + '\n\n' + PAS_SEND_HELP);
    return 0;
  }
  const env = environmentFor(values.env);
  if (typeof env === 'string') {
    io.err(env);
    return 2;
  }
  if (values.endpoint !== undefined && !['inquiry', 'submission', 'noa'].includes(values.endpoint)) {
    io.err(`--endpoint takes inquiry, submission or noa, not "${values.endpoint}".`);
    return 2;
  }
  if (values.format !== 'table' && values.format !== 'json') {
    io.err(`--format takes table or json, not "${values.format}".`);
    return 2;
  }
  if (positionals.length === 0) {
    io.err('send needs at least one FILE.\n\n' + SEND_HELP);
    return 2;
  }
  if (env.production && !values.yes) {
    io.err('Sending to Optum production reaches real payers with real patient data; add --yes to confirm.');
    return 2;
  }
  const credentials = credentialsFor(env);
  if (!credentials) {
    io.err(`No credentials for the ${env.label}: set PRIOR_AUTH_CLIENT_ID and PRIOR_AUTH_CLIENT_SECRET in the environment.`);
    return 2;
  }
  rememberSecret(credentials.clientSecret);
  if (credentials.fromEnvironment && !isOptumHost(env) && !values.yes) {
    const where = new URL(env.tokenUrl).origin;
    const answer = await io.confirm(`Send the client ID and secret from PRIOR_AUTH_CLIENT_ID/PRIOR_AUTH_CLIENT_SECRET to ${where}, which is not an Optum host?`);
    if (answer !== true) {
      io.err(answer === false
        ? 'Nothing sent.'
        : `Refusing to send the credentials from PRIOR_AUTH_CLIENT_ID/PRIOR_AUTH_CLIENT_SECRET to ${where}, which is not an Optum host, without confirmation: add --yes (or unset them; the local sandbox needs none).`);
      return 2;
    }
  }
  const client = new PriorAuthClient({ environment: env, credentials: async () => credentials, tenantId: process.env.PRIOR_AUTH_TENANT_ID || undefined });
  const rows: SendRow[] = [];
  let unreadable = false;
  try {
    for (const [i, file] of positionals.entries()) {
      const progress = `[${i + 1}/${positionals.length}] ${file}`;
      if (stderrIsTty) process.stderr.write(`\r\x1b[K${progress} …`);
      else io.err(`${progress} …`);
      let text: string;
      try {
        text = (await readText(file, io)).text;
      } catch (error) {
        unreadable = true;
        rows.push({ file, error: `cannot read (${(error as Error).message})` });
        continue;
      }
      const form = /\.json$/i.test(file) ? 'json' : 'x12';
      try {
        const body = form === 'x12' ? x12Body(text) : jsonBody(text).text;
        const endpoint = (values.endpoint as Endpoint | undefined) ?? (form === 'x12' ? endpointForX12(text) : endpointForJson(JSON.parse(text)));
        if (!endpoint) {
          rows.push({ file, error: 'cannot tell the endpoint from the file; pass --endpoint' });
          continue;
        }
        const result = await client.send(endpoint, form, body);
        const part = (result.body as Record<string, { x12?: string } | undefined> | undefined)?.[endpoint];
        rows.push({ file, endpoint, status: result.status, elapsedMs: result.elapsedMs, summary: part?.x12 ? summarizeResponse(part.x12) : undefined, traceId: result.traceId, transactionId: result.transactionId });
      } catch (error) {
        const message = scrubSecrets(isApiError(error) ? `${error.message}${error.details.length ? ' ' + error.details.join(' · ') : ''} ${error.nextStep}` : (error as Error).message);
        rows.push({ file, status: isApiError(error) ? error.status : undefined, error: message });
        if (isApiError(error) && (error.kind === 'auth' || error.kind === 'no-credentials')) break;
      }
    }
  } finally {
    await client.close();
  }
  if (stderrIsTty) process.stderr.write('\r\x1b[K');
  if (values.format === 'json') io.out(JSON.stringify(rows, null, 2));
  else for (const line of table(rows)) io.out(line);
  io.err(`${rows.filter((r) => !r.error).length} of ${positionals.length} answered; ${client.tokenRequests} token request${client.tokenRequests === 1 ? '' : 's'}.`);
  if (unreadable) return 2;
  return rows.some((r) => r.error) ? 1 : 0;
}
