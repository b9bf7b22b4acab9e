// `prior-auth fmt [--compact] [--check] FILE…|-`: one segment per line (or one line), data untouched.

import { parseArgs } from 'node:util';
import { analyzeDocument } from '../validate/document';
import { applyEdits, formatEdits } from '../features/formatting';
import { encodeText, readText, writeText, type CliIo, type DecodedText } from './io';

export const FMT_HELP = `Usage: prior-auth fmt [--compact] [--check] FILE… | -

Lays X12 278 files out one segment per line (or, with --compact, the whole interchange on one line, the form the
API wants). Only the whitespace between segments changes; values, ISA padding and every other byte stay as they are
(files are read and written as bytes, whatever their encoding). Files are rewritten in place; "-" reads standard input
and writes the result to standard output.

Options:
  --compact     one line instead of one segment per line
  --check       change nothing; list the files that are not laid out so, and exit 1 if any
  -h, --help    show this help

Exit status: 0 done (or all laid out with --check), 1 some file would change (--check), 2 unreadable input.`;

export async function runFmt(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { compact: { type: 'boolean' }, check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(FMT_HELP);
    return 0;
  }
  if (positionals.length === 0) {
    io.err('fmt needs at least one FILE or "-".\n\n' + FMT_HELP);
    return 2;
  }
  const layout = values.compact ? 'compact' : 'expanded';
  let failed = false;
  let changed = 0;
  for (const file of positionals) {
    let input: DecodedText;
    try {
      input = await readText(file, io);
    } catch (error) {
      io.err(`${file}: cannot read (${(error as Error).message})`);
      failed = true;
      continue;
    }
    const text = input.text;
    const analysis = analyzeDocument(text);
    if (!analysis.table.delimiters) {
      io.err(`${file}: not an X12 interchange; left as it is.`);
      failed = true;
      continue;
    }
    const formatted = applyEdits(text, formatEdits(analysis, layout));
    if (file === '-') {
      if (values.check) {
        if (formatted !== text) changed++;
      } else io.outBytes(encodeText(formatted, input.encoding));
      continue;
    }
    if (formatted === text) continue;
    changed++;
    if (values.check) io.out(file);
    else await writeText(file, { text: formatted, encoding: input.encoding });
  }
  if (failed) return 2;
  if (values.check) {
    io.err(changed ? `${changed} file${changed === 1 ? '' : 's'} not laid out ${layout === 'compact' ? 'on one line' : 'one segment per line'}.` : 'All files laid out.');
    return changed ? 1 : 0;
  }
  return 0;
}
