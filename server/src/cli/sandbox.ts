// `prior-auth sandbox`: runs the local Prior Auth sandbox until Ctrl-C.

import { parseArgs } from 'node:util';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, startSandbox } from '../../../sandbox/src/server';
import { pasSandboxOptions, PAS_SANDBOX_HELP, PAS_SANDBOX_OPTIONS, pasStartLines } from './sandboxPas';
import type { CliIo } from './io';

export const SANDBOX_HELP = `Usage: prior-auth sandbox [--port N] [--host 127.0.0.1] [--token-ttl SECONDS]
                         [--client-id ID] [--client-secret SECRET]

Runs Optum's Prior Authorization v1 sandbox behaviour locally: the v2 token endpoint and the inquiry, submission and
notice-of-admission endpoints (X12 and JSON), answering with canned 278 responses chosen by the same magic values.

Options:
  --port N              port to listen on (default 8787; 0 picks a free port)
  --host HOST           address to bind (default 127.0.0.1)
  --token-ttl SECONDS   lifetime of issued tokens (default 3600)
  --client-id ID        accepted client_id (default local-client; env PRIOR_AUTH_SANDBOX_CLIENT_ID)
  --client-secret S     accepted client_secret (default local-secret; env PRIOR_AUTH_SANDBOX_CLIENT_SECRET)
${PAS_SANDBOX_HELP}
  -h, --help            show this help

Stop it with Ctrl-C.`;

export async function runSandbox(argv: string[], io: CliIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'token-ttl': { type: 'string', default: '3600' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...PAS_SANDBOX_OPTIONS,
    },
  });
  if (values.help) {
    io.out(SANDBOX_HELP);
    return 0;
  }
  const port = Number(values.port);
  const ttl = Number(values['token-ttl']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`--port takes a number from 0 to 65535, not "${values.port}".`);
    return 2;
  }
  if (!Number.isInteger(ttl) || ttl < 1) {
    io.err(`--token-ttl takes a whole number of seconds, not "${values['token-ttl']}".`);
    return 2;
  }
  const pas = await pasSandboxOptions(values);
  if (typeof pas === 'string') {
    io.err(pas);
    return 2;
  }
  let sandbox;
  try {
    sandbox = await startSandbox({
      port,
      host: values.host,
      tokenTtlSeconds: ttl,
      clientId: values['client-id'] ?? process.env.PRIOR_AUTH_SANDBOX_CLIENT_ID ?? DEFAULT_CLIENT_ID,
      clientSecret: values['client-secret'] ?? process.env.PRIOR_AUTH_SANDBOX_CLIENT_SECRET ?? DEFAULT_CLIENT_SECRET,
      pas,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(code === 'EADDRINUSE' ? `Port ${port} is in use; pick another with --port, or --port 0 for a free one.` : `Cannot start the sandbox: ${(error as Error).message}`);
    return 2;
  }
  io.out(`Local Prior Auth sandbox listening on ${sandbox.url}`);
  io.out(`  token URL: ${sandbox.tokenUrl}`);
  io.out(`  base URL:  ${sandbox.baseUrl}`);
  io.out(`  client_id: ${sandbox.clientId}`);
  io.out(`  client_secret: ${sandbox.clientSecret}`);
  for (const line of pasStartLines(sandbox, pas)) io.out(line);
  io.out('Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    signals.once('SIGINT', stop);
    signals.once('SIGTERM', stop);
  });
  await sandbox.close();
  io.out('Sandbox stopped.');
  return 0;
}
