// `prior-auth lint FILE…|DIR|-`: the language server's diagnostics on the command line.

import { readdir, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Problem } from '../problems/problem';
import { applyInferredRules, isInferredRules, type InferredRules } from '../problems/inferredRules';
import { analyzeDocument, capProblems } from '../validate/document';
import { analyzeJsonDocument, JSON_REQUEST_NAME, PAS_NAME } from '../features/jsonDocument';
import { FhirCoreUnavailable } from '../features/fhirCore';
import type { PasVersion } from '../fhir/api';
import { toSarif } from './sarif';
import { LineIndex } from '../x12/lines';
import { readText, type CliIo } from './io';

export const LINT_HELP = `Usage: prior-auth lint [--format text|json|sarif] [--max-warnings N] [--inferred error|warning|off] FILE… | DIR | -

Checks X12 278 files, Optum JSON request bodies and Da Vinci PAS (FHIR) documents and prints one line per problem:
  file:line:col: severity code message
Directories are searched for .x12, .edi and .278 files, for *.inquiry.json, *.submission.json, *.noa.json and
*.278.json request bodies, for *.pas.json files and for other .json files whose meta.profile names a PAS profile;
"-" reads X12 from standard input.

Options:
  --format text|json|sarif   output format (default text; sarif is SARIF 2.1.0 for code-scanning tools)
  --max-problems N     problems shown per file (default 500)
  --max-warnings N     also exit 1 when there are more than N warnings in all (ESLint's convention; default: no limit)
  --inferred MODE      rules that rest on samples only (X215 inquiry, X216, parts of others), and a guide's rules
                       when the content reads as another guide than ST03 names: warning (default), error, or off
  --pas-version V      PAS version (2.0.1 or 2.2.1, default 2.0.1) of documents whose canonicals carry none
  -h, --help           show this help

Exit status: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 a file could not be read or bad usage.`;

export const X12_EXTENSIONS = ['.x12', '.edi', '.278'];
export const JSON_REQUEST_EXTENSIONS = ['.inquiry.json', '.submission.json', '.noa.json', '.278.json'];

export interface FileReport {
  readonly file: string;
  readonly problems: readonly LocatedProblem[];
}

export interface LocatedProblem extends Problem {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

async function isRegularFile(entry: Dirent, path: string): Promise<boolean> {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function expandInputs(inputs: readonly string[], extensions: readonly string[]): Promise<{ files: string[]; unreadable: string[] }> {
  const files: string[] = [];
  const unreadable: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) await walk(path);
      } else if (extensions.some((ext) => entry.name.toLowerCase().endsWith(ext)) && (await isRegularFile(entry, path))) {
        // FIFOs, sockets and devices found in a folder are skipped: reading one could wait forever.
        files.push(path);
      }
    }
  };
  for (const input of inputs) {
    if (input === '-') {
      files.push(input);
      continue;
    }
    try {
      const info = await stat(input);
      if (info.isDirectory()) await walk(input);
      else files.push(input);
    } catch {
      unreadable.push(input);
    }
  }
  return { files, unreadable };
}

/** Problems of one file: JSON files as PAS documents or request bodies (jsonDocument.ts decides), the rest as X12. */
export function lintText(text: string, maxProblems: number, file = '', inferred: InferredRules = 'warning', pasVersion?: PasVersion): LocatedProblem[] {
  const problems = /\.json$/i.test(file) ? analyzeJsonDocument(text, { uri: file, pasVersion }).problems : analyzeDocument(text).problems;
  return locateProblems(text, problems, maxProblems, inferred);
}

function locateProblems(text: string, problems: readonly Problem[], maxProblems: number, inferred: InferredRules): LocatedProblem[] {
  const lines = new LineIndex(text);
  return capProblems(applyInferredRules(problems, inferred), maxProblems).map((p) => {
    const from = lines.position(p.start);
    const to = lines.position(p.end);
    return { ...p, line: from.line + 1, column: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
  });
}

export function formatText(report: FileReport): string[] {
  return report.problems.map((p) => `${report.file}:${p.line}:${p.column}: ${p.severity} ${p.code} ${p.message}`);
}

export async function runLint(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'max-problems': { type: 'string', default: '500' },
      'max-warnings': { type: 'string' },
      inferred: { type: 'string', default: 'warning' },
      'pas-version': { type: 'string', default: '2.0.1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(LINT_HELP);
    return 0;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    io.err(`Unknown --format "${format}"; use text, json or sarif.`);
    return 2;
  }
  const maxProblems = Number(values['max-problems']);
  if (!Number.isInteger(maxProblems) || maxProblems < 1) {
    io.err('--max-problems takes a positive whole number.');
    return 2;
  }
  const maxWarnings = values['max-warnings'] === undefined ? Infinity : Number(values['max-warnings']);
  if (maxWarnings !== Infinity && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    io.err('--max-warnings takes a whole number, 0 or more.');
    return 2;
  }
  const inferred = values.inferred;
  if (!isInferredRules(inferred)) {
    io.err(`Unknown --inferred "${inferred}"; use warning, error or off.`);
    return 2;
  }
  const pasVersion = values['pas-version'];
  if (pasVersion !== '2.0.1' && pasVersion !== '2.2.1') {
    io.err(`Unknown --pas-version "${pasVersion}"; use 2.0.1 or 2.2.1.`);
    return 2;
  }
  if (positionals.length === 0) {
    io.err('lint needs at least one FILE, DIR or "-".\n\n' + LINT_HELP);
    return 2;
  }
  const { files, unreadable } = await expandInputs(positionals, [...X12_EXTENSIONS, ...JSON_REQUEST_EXTENSIONS, '.json']);
  const named = new Set(positionals);
  const reports: FileReport[] = [];
  let failed = unreadable.length > 0;
  for (const path of unreadable) io.err(`${path}: cannot read (no such file or directory)`);
  for (const file of files) {
    let text: string;
    try {
      text = (await readText(file, io)).text;
    } catch (error) {
      io.err(`${file}: cannot read (${error instanceof Error ? error.message : String(error)})`);
      failed = true;
      continue;
    }
    // One file that cannot be checked (a bug the checks never should have) is reported; the others still are.
    try {
      // A directory's other .json files count only when they are PAS documents (package.json is none of ours).
      if (!named.has(file) && /\.json$/i.test(file) && !JSON_REQUEST_NAME.test(file) && !PAS_NAME.test(file)) {
        const analysis = analyzeJsonDocument(text, { uri: file, pasVersion });
        if (analysis.kind === 'pas') reports.push({ file, problems: locateProblems(text, analysis.problems, maxProblems, inferred) });
        continue;
      }
      reports.push({ file: file === '-' ? '<stdin>' : file, problems: lintText(text, maxProblems, file, inferred, pasVersion) });
    } catch (error) {
      const bug = error instanceof FhirCoreUnavailable ? '' : "; please report this file's shape as a bug";
      io.err(`${file}: could not be checked (${error instanceof Error ? error.message : String(error)})${bug}.`);
      failed = true;
    }
  }
  if (format === 'json') io.out(JSON.stringify(reports.map((r) => ({ file: r.file, problems: r.problems })), null, 2));
  else if (format === 'sarif') io.out(JSON.stringify(toSarif(reports), null, 2));
  else for (const report of reports) for (const line of formatText(report)) io.out(line);
  const errors = reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'error').length, 0);
  const warnings = reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'warning').length, 0);
  if (format === 'text') {
    io.err(`${reports.length} file${reports.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`);
  }
  const tooManyWarnings = warnings > maxWarnings;
  if (tooManyWarnings) io.err(`Too many warnings: ${warnings}, more than --max-warnings ${maxWarnings}.`);
  if (failed) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}
