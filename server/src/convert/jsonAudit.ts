// After writing: one issue for every JSON value that did not reach the X12 and has no issue yet (unknown names,
// fields the mapping leaves out, wrong types), so nothing is dropped silently.

import { joinPath, type FieldIndex } from './layouts';
import { isRecord, leafValue } from './jsonValues';
import type { ConversionIssue } from './types';

export interface AuditInput {
  readonly index: FieldIndex;
  readonly schema: string;
  /** Concrete paths that were written. */
  readonly written: ReadonlySet<string>;
  /** Concrete paths that already have an issue. */
  readonly reported: ReadonlySet<string>;
}

function hasContent(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.some(hasContent);
  if (isRecord(value)) return Object.values(value).some(hasContent);
  return true;
}

/** The field of `parent` that `key` differs from only in case. */
function caseMatch(index: FieldIndex, parent: string, key: string): string | undefined {
  const lower = key.toLowerCase();
  return (index.children.get(parent) ?? []).find((k) => k.toLowerCase() === lower);
}

export function auditJson(body: Record<string, unknown>, input: AuditInput): ConversionIssue[] {
  const issues: ConversionIssue[] = [];
  const { index } = input;
  const visit = (obj: Record<string, unknown>, normalized: string, concrete: string) => {
    for (const key of Object.keys(obj)) {
      const value = obj[key];
      if (value === null || value === undefined) continue;
      const norm = joinPath(normalized, key);
      const path = joinPath(concrete, key);
      if (input.reported.has(path)) continue;
      const kind = index.kinds.get(norm);
      if (kind === undefined) {
        const owner = normalized ? `${normalized.replace(/\[\]/g, '')} in Optum's ${input.schema}` : `Optum's ${input.schema}`;
        const match = caseMatch(index, normalized, key);
        issues.push({
          path, severity: 'warning',
          message: `"${key}" is not a field of ${owner}, so it is not mapped to X12 and was left out.${match ? ` Did you mean "${match}"? Names are case-sensitive.` : ''}`,
          ...(match ? { rename: match } : {}),
        });
      } else if (kind === 'unmapped') {
        if (hasContent(value)) {
          issues.push({ path, severity: 'warning', message: `${key} is not mapped to X12 and was left out: ${index.reasons.get(norm) ?? 'the 278 has no place for it'}.` });
        }
      } else if (kind === 'leaf') {
        const leaf = leafValue(value);
        if (leaf.problem) issues.push({ path, severity: leaf.problem.severity, message: leaf.problem.message });
        else if (leaf.value !== undefined && !input.written.has(path)) {
          issues.push({ path, severity: 'warning', message: `${key} is not mapped to X12 and was left out.` });
        }
      } else if (kind === 'object') {
        if (isRecord(value)) visit(value, norm, path);
        else if (hasContent(value)) issues.push({ path, severity: 'error', message: `Expected an object with the ${key} fields; it was left out.` });
      } else if (Array.isArray(value)) {
        value.forEach((item, i) => {
          if (item === null || item === undefined) return;
          const itemPath = `${path}[${i}]`;
          if (isRecord(item)) visit(item, `${norm}[]`, itemPath);
          else issues.push({ path: itemPath, severity: 'error', message: `Expected an object in ${key}; it was left out.` });
        });
      } else if (hasContent(value)) {
        issues.push({ path, severity: 'error', message: `Expected an array of ${key} objects; it was left out.` });
      }
    }
  };
  visit(body, '', '');
  return issues;
}
