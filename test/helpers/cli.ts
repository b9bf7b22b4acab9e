// Runs the bundled CLI (`node dist/cli.js …`) as a separate process.

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI_BUNDLE = resolve(__dirname, '../../../dist/cli.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  /** Standard output exactly as written (for byte-for-byte checks). */
  readonly stdoutBytes: Buffer;
  readonly stderr: string;
}

/** `bundle` runs another copy of dist/cli.js (a test that it works without the files beside it). */
export function runCli(args: string[], options: { stdin?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; bundle?: string } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [options.bundle ?? CLI_BUNDLE, ...args], { env: options.env ?? process.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    // A bound for commands that must not hang: the child is killed and the run reported as a failure.
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      const stdoutBytes = Buffer.concat(out);
      resolvePromise({ code, stdout: stdoutBytes.toString(), stdoutBytes, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}
