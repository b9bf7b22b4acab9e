// X12 278 (X215/X217/X216 request, X215/X217/X216 response) → Optum's JSON form.

import type { GuideId } from '../guide/types';
import { analyzeDocument, type DocumentAnalysis } from '../validate/document';
import type { TransactionAnalysis } from '../validate/transaction';
import { elementValue } from '../x12/segments';
import { BodyReader } from './bodyReader';
import { layoutFor } from './layouts';
import type { Layout } from './rules';
import type { ConversionIssue, RequestKind, X12ToJsonResult } from './types';

const KIND_BY_GUIDE: Readonly<Record<GuideId, RequestKind>> = {
  '005010X215': 'inquiry',
  '005010X217': 'submission',
  '005010X216': 'noa',
};

function failure(message: string): X12ToJsonResult {
  return { json: undefined, issues: [{ path: 'x12', severity: 'error', message }] };
}

export function x12ToJson(text: string): X12ToJsonResult {
  try {
    return convert(text);
  } catch (e) {
    // The converter must never throw; reaching this is a bug, reported rather than hidden.
    return failure(`Internal error while converting: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function convert(text: string): X12ToJsonResult {
  if (typeof text !== 'string') return failure('Expected X12 text.');
  if (!text.trim()) return failure('The text is empty.');
  const analysis = analyzeDocument(text);
  const tx = analysis.transactions[0];
  if (!tx) return failure('No 278 transaction set (ISA … GS … ST … SE) was found.');
  if (!tx.guide) {
    const st = tx.span.st;
    const version = elementValue(analysis.table, st, 3);
    const bht02 = elementValue(analysis.table, st + 1, 2);
    return failure(`ST03 "${version}" with BHT02 "${bht02}" is not a 278 this converter reads (X215, X216 and X217 requests and responses).`);
  }
  const kind = KIND_BY_GUIDE[tx.guide.id];
  const variant = tx.guide.variant;
  const layout = layoutFor(kind, variant);
  const issues: ConversionIssue[] = [];
  const reader = new BodyReader(analysis.table, tx, layout, issues);
  readEnvelope(analysis, tx, layout, reader.root, issues);
  reader.read();
  if (analysis.transactions.length > 1) {
    issues.push({ path: 'x12', severity: 'warning', message: `Only the first of ${analysis.transactions.length} transaction sets was converted.` });
  }
  return { json: reader.root, kind, variant, issues };
}

/** senderId from ISA06 (requests only) and umClearingHouseId from ISA08 (requests) or GS03 (responses). */
function readEnvelope(analysis: DocumentAnalysis, tx: TransactionAnalysis, layout: Layout, root: Record<string, unknown>, issues: ConversionIssue[]): void {
  const t = analysis.table;
  let isa = -1;
  let gs = -1;
  for (const ic of analysis.envelope.interchanges) {
    for (const group of ic.groups) {
      if (group.transactions.includes(tx.span)) {
        isa = ic.isa;
        gs = group.gs;
      }
    }
  }
  const isaValue = (pos: number) => (isa >= 0 ? elementValue(t, isa, pos).trimEnd() : '');
  const gsValue = (pos: number) => (gs >= 0 ? elementValue(t, gs, pos) : '');
  const pick = (field: string, isaPos: number, gsPos: number, from: 'ISA' | 'GS') => {
    const [first, second] = from === 'ISA' ? [isaValue(isaPos), gsValue(gsPos)] : [gsValue(gsPos), isaValue(isaPos)];
    const value = first || second;
    if (value) root[field] = value;
    // A request's ISA and GS IDs normally agree; a response's often do not, and Optum reads its GS03.
    if (from === 'ISA' && first && second && first !== second) {
      const taken = `ISA${String(isaPos).padStart(2, '0')}`;
      const other = `GS${String(gsPos).padStart(2, '0')}`;
      issues.push({ path: `x12:${other}`, severity: 'warning', message: `${other} "${second}" differs from ${taken} "${first}"; ${field} takes ${taken}, so ${other} was left out.` });
    }
  };
  const env = layout.envelope;
  if (env.senderId) pick(env.senderId, 6, 2, 'ISA');
  pick(env.receiverId, 8, 3, env.receiverFrom === 'ISA08' ? 'ISA' : 'GS');
}
