// Which request kind a JSON body is, from its shape; Optum's sandbox selector values break ties.

import { fieldIndex, joinPath } from './layouts';
import { isRecord, own } from './jsonValues';
import { INQUIRY_REQUEST, SUBMISSION_REQUEST } from './requestMapping';
import type { RequestKind } from './types';

/** Canned-answer selectors of Optum's sandbox (shared/reference/optum-prior-auth-api.md §8). */
const INQUIRY_RECEIVERS = ['000000000000001', '000000000000002', '000000000000003', '000000000000004', 'INQDEMO'];
const SUBMISSION_SELECTOR = /^(278_217_|AAA_217_)/;
const NOA_RECEIVERS = ['IMNDIRECT'];

const MAX_DEPTH = 8;

/** Normalized paths ("a.b[].c") of the body's leaves, within a bounded depth. */
function leafPaths(body: Record<string, unknown>): Set<string> {
  const paths = new Set<string>();
  const visit = (value: unknown, path: string, depth: number) => {
    if (depth > MAX_DEPTH || value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, `${path}[]`, depth + 1);
    } else if (isRecord(value)) {
      for (const key of Object.keys(value)) visit(value[key], joinPath(path, key), depth + 1);
    } else {
      paths.add(path);
    }
  };
  visit(body, '', 0);
  return paths;
}

function countOnly(paths: ReadonlySet<string>, mine: ReadonlyMap<string, unknown>, theirs: ReadonlyMap<string, unknown>): number {
  let count = 0;
  for (const p of paths) if (mine.has(p) && !theirs.has(p)) count++;
  return count;
}

function text(body: Record<string, unknown>, key: string): string {
  const value = own(body, key);
  return typeof value === 'string' ? value : '';
}

/**
 * Guess the kind of a JSON request body: a NOA `source` ⇒ noa; fields only the submission schema has ⇒ submission;
 * fields only the inquiry schema has ⇒ inquiry; otherwise the sandbox selector in umClearingHouseId/payerId/senderId.
 * Undefined when it cannot tell.
 */
export function guessRequestKind(body: unknown): RequestKind | undefined {
  if (!isRecord(body)) return undefined;
  if (isRecord(own(body, 'source'))) return 'noa';
  const paths = leafPaths(body);
  const inquiry = fieldIndex(INQUIRY_REQUEST).kinds;
  const submission = fieldIndex(SUBMISSION_REQUEST).kinds;
  const inquiryOnly = countOnly(paths, inquiry, submission);
  const submissionOnly = countOnly(paths, submission, inquiry);
  if (submissionOnly > inquiryOnly) return 'submission';
  if (inquiryOnly > submissionOnly) return 'inquiry';
  const receiver = text(body, 'umClearingHouseId');
  const payer = text(body, 'payerId');
  const sender = text(body, 'senderId');
  if (INQUIRY_RECEIVERS.includes(receiver) || INQUIRY_RECEIVERS.includes(payer)) return 'inquiry';
  if (SUBMISSION_SELECTOR.test(receiver) || SUBMISSION_SELECTOR.test(sender)) return 'submission';
  if (NOA_RECEIVERS.includes(receiver)) return 'noa';
  return undefined;
}
