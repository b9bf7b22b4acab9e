// `prior-auth convert --to x12|json [--kind inquiry|submission|noa] FILE|-`: JSON request ⇄ X12 278.

import { parseArgs } from 'node:util';
import { convertToJson, convertToX12 } from '../features/convertDocument';
import type { RequestKind } from '../convert';
import { readText, type CliIo } from './io';

export const CONVERT_HELP = `Usage: prior-auth convert --to x12|json [--kind inquiry|submission|noa] FILE | -

Converts an Optum JSON request body to the X12 278 it stands for (--to x12), or an X12 278 request or response to
Optum's JSON form (--to json), and prints the result. Fields that cannot be carried over are listed on standard
error; nothing is dropped silently.

Options:
  --to x12|json     the output form (required)
  --kind KIND       the request kind of a JSON body (default: from the file name *.inquiry.json …, or its shape)
  -h, --help        show this help

Exit status: 0 converted, 1 converted with fields left out, 2 nothing converted (unreadable or not convertible).`;

export async function runConvert(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { to: { type: 'string' }, kind: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(CONVERT_HELP);
    return 0;
  }
  if ((values.to !== 'x12' && values.to !== 'json') || positionals.length !== 1) {
    io.err('convert needs --to x12 or --to json and exactly one FILE or "-".\n\n' + CONVERT_HELP);
    return 2;
  }
  if (values.kind !== undefined && !['inquiry', 'submission', 'noa'].includes(values.kind)) {
    io.err(`--kind takes inquiry, submission or noa, not "${values.kind}".`);
    return 2;
  }
  const file = positionals[0];
  let text: string;
  try {
    text = (await readText(file, io)).text;
  } catch (error) {
    io.err(`${file}: cannot read (${(error as Error).message})`);
    return 2;
  }
  const result = values.to === 'x12' ? convertToX12(text, file === '-' ? 'stdin.json' : file, values.kind as RequestKind | undefined) : convertToJson(text);
  if (result.needsKind) {
    io.err(`${file}: the body does not show which request it is; pass --kind inquiry, submission or noa.`);
    return 2;
  }
  if (result.error || result.text === undefined) {
    io.err(`${file}: ${result.error ?? 'nothing to convert'}`);
    return 2;
  }
  io.out(result.text.replace(/\n$/, ''));
  for (const issue of result.issues) io.err(`${file}: ${issue.severity} ${issue.path}: ${issue.message}`);
  return result.issues.length > 0 ? 1 : 0;
}
