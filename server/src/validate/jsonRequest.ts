// JSON prior-auth requests through the 278 rules: the body is converted to the 278 it stands for, the 278 is
// validated, and every problem is put back on the JSON field it came from ("subscriber.dateOfBirth: …").

import { findNodeAtLocation, getNodeValue, parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { Problem } from '../problems/problem';
import { CATALOG } from '../problems/catalog';
import { guessRequestKind, jsonToX12, type RequestKind } from '../convert';
import { analyzeDocument } from './document';
import { tooDeepAt, tooDeepMessage } from './jsonDepth';
import { FieldFinder } from './fieldFinder';
import { pathSegments } from './jsonPaths';
import { MissingFields } from './missingFields';

export type FileKind = RequestKind | 'any';

const FILE_KINDS: [RegExp, FileKind][] = [
  [/\.inquiry\.json$/i, 'inquiry'],
  [/\.submission\.json$/i, 'submission'],
  [/\.noa\.json$/i, 'noa'],
];

/** The request kind a file name promises (*.inquiry.json …); 'any' for other JSON files (*.278.json). */
export function kindFromFileName(uri: string): FileKind {
  return FILE_KINDS.find(([re]) => re.test(uri))?.[1] ?? 'any';
}

/** Words for jsonc-parser's error codes (ParseErrorCode numbers). */
const SYNTAX_WORDS: Record<number, string> = {
  1: 'unexpected character',
  2: 'invalid number',
  3: 'a property name is expected here',
  4: 'a value is expected here',
  5: 'a colon is expected after the property name',
  6: 'a comma is expected here',
  7: 'a closing brace "}" is expected',
  8: 'a closing bracket "]" is expected',
  9: 'the file ends too early',
  10: 'comments are not allowed in a JSON request',
  11: 'the comment is not closed',
  12: 'the string is not closed',
  13: 'the number is not complete',
  14: 'invalid escape in a string',
  15: 'invalid Unicode in a string',
  16: 'invalid character in a string',
};

function problem(code: keyof typeof CATALOG, severity: Problem['severity'], start: number, end: number, message: string): Problem {
  return { code, severity, start, end, message };
}

/** Where to show a problem about `path`: a leaf's value, an object's property name, an array item's first character. */
function rangeOf(root: Node, path: string): [number, number] {
  const segments = pathSegments(path);
  let node: Node | undefined;
  for (let n = segments.length; n > 0 && !node; n--) node = findNodeAtLocation(root, segments.slice(0, n));
  if (!node) return [root.offset, root.offset + 1];
  if (node.type === 'object' || node.type === 'array') {
    const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return key ? [key.offset, key.offset + key.length] : [node.offset, node.offset + 1];
  }
  return [node.offset, node.offset + node.length];
}

/** The property name of a field (for problems about the field itself, e.g. an unknown name). */
function keyRangeOf(root: Node, path: string): [number, number] {
  const node = findNodeAtLocation(root, pathSegments(path));
  const key = node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  return key ? [key.offset, key.offset + key.length] : rangeOf(root, path);
}

/** Renames a misspelt property to the field it stands for, unless its object already has that field. */
function renameFix(root: Node, path: string, name: string, start: number, end: number): Problem['fix'] {
  const segments = pathSegments(path);
  const key = findNodeAtLocation(root, segments)?.parent?.children?.[0];
  if (!key || key.offset !== start) return undefined;
  const owner = segments.length > 1 ? findNodeAtLocation(root, segments.slice(0, -1)) : root;
  if (owner?.children?.some((p) => p.children?.[0]?.value === name)) return undefined;
  return { title: `Rename to "${name}"`, start, end, newText: JSON.stringify(name) };
}

/** `path` is `object` or lies inside it. */
function within(path: string, object: string): boolean {
  return path === object || (path.startsWith(object) && (path[object.length] === '.' || path[object.length] === '['));
}

/** A 278 problem moved onto the JSON keeps its inferred mark (the user's inferredRules setting reads it). */
function sameFlags(from: Problem, to: Problem): Problem {
  return from.inferred ? { ...to, inferred: true } : to;
}

export interface JsonRequestAnalysis {
  readonly kind?: RequestKind;
  readonly problems: Problem[];
}

export function analyzeJsonRequest(text: string, fileKind: FileKind): JsonRequestAnalysis {
  // Before any recursive parse: thousands of nested arrays or objects would overflow the stack.
  const tooDeep = tooDeepAt(text);
  if (tooDeep >= 0) return { problems: [problem('json-too-deep', 'error', tooDeep, tooDeep + 1, tooDeepMessage())] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || !root) {
    const problems = errors.slice(0, 20).map((e) => problem('json-syntax', 'error', e.offset, e.offset + Math.max(1, e.length), `This is not valid JSON: ${SYNTAX_WORDS[e.error] ?? 'syntax error'}.`));
    if (problems.length === 0) problems.push(problem('json-syntax', 'error', 0, Math.min(1, text.length), 'This is not valid JSON: the file is empty.'));
    return { problems };
  }
  const value = getNodeValue(root) as unknown;
  if (root.type !== 'object') {
    return { problems: [problem('json-syntax', 'error', root.offset, root.offset + 1, 'An Optum prior-auth request is a JSON object ({ … }), not an array or a single value.')] };
  }
  const kind = fileKind === 'any' ? guessRequestKind(value) : fileKind;
  if (!kind) {
    return {
      problems: [problem('json-request-kind', 'information', root.offset, root.offset + 1, 'The body does not show whether it is an inquiry, a submission or a notice of admission; name the file *.inquiry.json, *.submission.json or *.noa.json to have it checked against the 278 rules.')],
    };
  }
  const converted = jsonToX12(value, kind);
  const problems: Problem[] = [];
  /** Problems of misspelt names, by the name's path: a required field they stand for makes them errors. */
  const misspelt = new Map<string, number>();
  for (const issue of converted.issues) {
    const [start, end] = keyRangeOf(root, issue.path);
    const found = problem('json-field', issue.severity, start, end, issue.message);
    const fix = issue.rename ? renameFix(root, issue.path, issue.rename, start, end) : undefined;
    if (issue.rename) misspelt.set(issue.path, problems.length);
    problems.push(fix ? { ...found, fix } : found);
  }
  const seen = new Set<string>();
  const finder = new FieldFinder(converted.fields);
  const missing = new MissingFields(converted.vacanciesAt, converted.issues, root);
  // A field the body lacks is one problem however many required elements it leaves empty (NM108 and NM109 for a
  // memberId); the one about the field's own element wins over its qualifier's.
  const absent = new Map<string, { problem: Problem; rank: number }>();
  const unidentified = converted.unidentified;
  for (const p of analyzeDocument(converted.x12).problems) {
    const verdict = missing.explain(p);
    if (verdict?.drop) {
      // "Did you mean memberId?" stays the one problem, as serious as the required field it stands for.
      const at = verdict.misspelt === undefined ? undefined : misspelt.get(verdict.misspelt);
      if (at !== undefined && p.severity === 'error' && problems[at].severity !== 'error') problems[at] = { ...problems[at], severity: 'error' };
      continue;
    }
    if (verdict) {
      const [start, end] = rangeOf(root, verdict.path);
      const found = sameFlags(p, { code: p.code, severity: p.severity, start, end, message: `${verdict.words}: ${p.message}` });
      const known = absent.get(verdict.words);
      if (!known || verdict.rank < known.rank) absent.set(verdict.words, { problem: found, rank: verdict.rank });
      continue;
    }
    const field = finder.at(p.start, p.end);
    if (field && unidentified.some((path) => within(field.path, path))) continue;
    const [start, end] = field ? rangeOf(root, field.path) : [root.offset, root.offset + 1];
    const message = field ? `${field.path}: ${p.message}` : `In the 278 this request becomes: ${p.message}`;
    const key = `${start}:${p.code}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(sameFlags(p, { code: p.code, severity: p.severity, start, end, message }));
  }
  for (const { problem: p } of absent.values()) problems.push(p);
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return { kind, problems };
}
