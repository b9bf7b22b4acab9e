// `prior-auth` command line: dispatches to one module per subcommand.

import { processIo, type CliIo } from './io';
import { runLint } from './lint';
import { runSandbox } from './sandbox';
import { runFmt } from './fmt';
import { runConvert } from './convert';
import { runSend } from './send';
import { ownEntriesOnly } from '../guide/ownEntries';

const HELP = `Usage: prior-auth <command> [options]

Commands:
  lint FILE…|DIR|-          check X12 278 files and JSON request bodies; text, JSON or SARIF output
  fmt [--compact] FILE…     one segment per line (or one line); --check for CI
  convert --to x12|json F   JSON request ⇄ X12 278
  send [--env E] FILE…      send files to the Prior Authorization API (credentials from the environment)
  sandbox                   run Optum's prior-auth sandbox behaviour locally

Run "prior-auth <command> --help" for a command's options.`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

// Looked up with the first argument: `prior-auth constructor` is an unknown command, not Object's constructor.
const COMMANDS: Record<string, Command> = ownEntriesOnly({
  lint: runLint,
  fmt: runFmt,
  convert: runConvert,
  send: runSend,
  sandbox: runSandbox,
});

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${HELP}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`prior-auth ${name}: ${message}`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
