// SARIF 2.1.0 output for code-scanning tools (GitHub code scanning, Azure DevOps, the SARIF viewer).

import { pathToFileURL } from 'node:url';
import { CATALOG } from '../problems/catalog';
import type { Severity } from '../problems/problem';
import type { FileReport } from './lint';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export const TOOL_VERSION = '0.1.0';

export function toSarif(reports: readonly FileReport[]): unknown {
  const codes = Object.keys(CATALOG) as (keyof typeof CATALOG)[];
  const ruleIndex = new Map(codes.map((code, i) => [code as string, i]));
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
            rules: codes.map((code) => ({
              id: code,
              name: code.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: CATALOG[code].summary },
              fullDescription: { text: `${CATALOG[code].summary} (${CATALOG[code].basis === 'x12' ? 'a base X12 rule' : 'a rule of the 278 implementation guide'})` },
              defaultConfiguration: { level: LEVEL[CATALOG[code].severity] },
              help: { text: CATALOG[code].summary },
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
