// Tells a 278 problem about an absent element or segment in the JSON's words. The converter records where each field
// the body lacks would have gone (its vacancies); a required element, a required segment or an empty loop qualifier
// found at such a place becomes "subscriber.memberId is missing: …", once per field, and is dropped when the converter
// already spoke of that field (a misspelt name with its rename fix, an end date without its begin date, the sender).

import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { MissingPart, Problem } from '../problems/problem';
import type { ConversionIssue, FieldVacancy } from '../convert';
import { pathSegments } from './jsonPaths';

export type MissingVerdict =
  /** The converter already has a problem for this cause; `misspelt`: the path of a misspelt name that stands for the field. */
  | { readonly drop: true; readonly misspelt?: string }
  /** The field(s) to name, the words for them, and how well the problem's element matches (0 = the value's own). */
  | { readonly drop: false; readonly path: string; readonly words: string; readonly rank: number };

function parentOf(path: string): string {
  const segments = pathSegments(path);
  let out = '';
  for (const s of segments.slice(0, -1)) out = typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${s}` : s;
  return out;
}

function lastName(path: string): string {
  const segments = pathSegments(path);
  return String(segments[segments.length - 1] ?? path);
}

function join(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

export class MissingFields {
  /** Paths the converter already reported. */
  private readonly spoken = new Set<string>();
  /** The field a misspelt name stands for → the misspelt name's path. */
  private readonly misspelt = new Map<string, string>();

  constructor(private readonly vacanciesAt: (offset: number) => readonly FieldVacancy[], issues: readonly ConversionIssue[], private readonly root: Node) {
    for (const issue of issues) {
      this.spoken.add(issue.path);
      if (issue.rename) {
        const parent = parentOf(issue.path);
        this.misspelt.set(parent ? `${parent}.${issue.rename}` : issue.rename, issue.path);
      }
    }
  }

  /** undefined: the problem is not about a field the body lacks; it stays as it is. */
  explain(p: Problem): MissingVerdict | undefined {
    const missing = p.missing;
    if (!missing) return undefined;
    for (const v of this.vacanciesAt(p.start)) {
      const rank = matchRank(v, missing);
      if (rank < 0) continue;
      const misspelt = v.paths.map((path) => this.misspelt.get(path)).find((path) => path !== undefined);
      if (misspelt !== undefined) return { drop: true, misspelt };
      if (v.paths.some((path) => this.spoken.has(path))) return { drop: true };
      const { path, words } = this.describe(v.paths);
      return { drop: false, path, words, rank };
    }
    return undefined;
  }

  /** "subscriber is missing", "subscriber.memberId is empty", "requester needs one of npi, ssn or etin". */
  private describe(paths: readonly string[]): { path: string; words: string } {
    const first = paths[0];
    const absent = this.outermostAbsent(first);
    if (paths.length === 1 || (absent !== undefined && absent !== first)) {
      if (absent === undefined) return { path: first, words: `${first} is empty` };
      return { path: absent, words: `${absent} is missing` };
    }
    const parent = parentOf(first);
    const names = join(paths.map(lastName));
    return { path: parent || first, words: parent ? `${parent} needs one of ${names}` : `One of ${names} is needed` };
  }

  /** The shortest prefix of `path` that the JSON does not have; undefined when it has the whole path. */
  private outermostAbsent(path: string): string | undefined {
    const segments = pathSegments(path);
    let text = '';
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      text = typeof s === 'number' ? `${text}[${s}]` : text ? `${text}.${s}` : s;
      const node = findNodeAtLocation(this.root, segments.slice(0, i + 1));
      if (!node || node.type === 'null') return text;
    }
    return undefined;
  }
}

/** -1 when the vacancy is not the missing part; else 0 when the part is the value's own place, 1 for its qualifier. */
function matchRank(v: FieldVacancy, missing: MissingPart): number {
  if (v.segment !== missing.segment) return -1;
  if (missing.element === undefined) {
    if (v.positions) return -1;
    return missing.qualifiers && v.qualifier && !missing.qualifiers.includes(v.qualifier) ? -1 : 0;
  }
  if (!v.positions) return -1;
  const i = v.positions.findIndex((at) => at.element === missing.element && (at.component === undefined || missing.component === undefined || at.component === missing.component));
  return i < 0 ? -1 : i === 0 ? 0 : 1;
}
