// `prior-auth` command line: dispatches to one module per subcommand.

import { processIo, type CliIo } from './io';
import { runLint } from './lint';
import { runSandbox } from './sandbox';

const HELP = `Usage: prior-auth <command> [options]

Commands:
  lint FILE…|DIR|-   check X12 278 files and print their problems
  sandbox            run Optum's prior-auth sandbox behaviour locally

Run "prior-auth <command> --help" for a command's options.`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  lint: runLint,
  sandbox: runSandbox,
};

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
