// SARIF 2.1.0 output for code-scanning tools (GitHub code scanning, Azure DevOps, the SARIF viewer).

import { pathToFileURL } from 'node:url';
import { CATALOG } from '../problems/catalog';
import { FHIR_CATALOG } from '../problems/fhirCatalog';
import type { Severity } from '../problems/problem';
import type { FileReport } from './lint';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export const TOOL_VERSION = '0.1.0';

const BASIS_WORDS: Record<string, string> = {
  x12: 'a base X12 rule',
  guide: 'a rule of the 278 implementation guide',
  json: 'a rule of FHIR\'s JSON form',
  fhir: 'a rule of FHIR R4 or of the profile in force',
  pas: 'a Da Vinci PAS rule',
  'x12-tables': 'a check against the project\'s 278 code tables',
};

/** X12 codes, then FHIR (PAS) codes: both catalogs are rules of one tool. */
const RULES: readonly [string, { basis: string; severity: Severity; summary: string }][] = [
  ...Object.entries(CATALOG),
  ...Object.entries(FHIR_CATALOG).map(([code, entry]): [string, { basis: string; severity: Severity; summary: string }] => [
    code,
    // The FHIR catalog's 'x12' basis is the project's 278 code tables, not a base X12 rule.
    entry.basis === 'x12' ? { ...entry, basis: 'x12-tables' } : entry,
  ]),
];

export function toSarif(reports: readonly FileReport[]): unknown {
  const ruleIndex = new Map(RULES.map(([code], i) => [code, i]));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'prior-auth',
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: 'https://example.invalid/prior-auth-278',
            rules: RULES.map(([code, entry]) => ({
              id: code,
              name: code.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: entry.summary },
              fullDescription: { text: `${entry.summary} (${BASIS_WORDS[entry.basis]})` },
              defaultConfiguration: { level: LEVEL[entry.severity] },
              help: { text: entry.summary },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap((report) =>
          report.problems.map((p) => ({
            ruleId: p.code,
            ruleIndex: ruleIndex.get(p.code) ?? -1,
            level: LEVEL[p.severity],
            message: { text: p.message.endsWith('.') ? p.message : `${p.message}.` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: report.file === '<stdin>' ? 'stdin' : pathToFileURL(report.file).href },
                  region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: Math.max(p.endColumn, p.line === p.endLine ? p.column + 1 : p.endColumn) },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}
