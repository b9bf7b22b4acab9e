// Go to definition (HL02 → parent HL, trailer control numbers → their header) and highlights of an HL's chain.

import type { DocumentAnalysis } from '../validate/document';
import type { LoopNode } from '../validate/transaction';
import { elementEnd, elementStart, elementValue, type Span } from '../x12/segments';
import { locate } from './locate';

function segmentSpan(a: DocumentAnalysis, seg: number): Span {
  return { start: a.table.segStart[seg], end: a.table.segEnd[seg] };
}

function headerOf(a: DocumentAnalysis, seg: number): number {
  const t = a.table;
  const id = t.ids[seg];
  for (const ic of a.envelope.interchanges) {
    if (id === 'IEA' && ic.iea === seg) return ic.isa;
    for (const g of ic.groups) {
      if (id === 'GE' && g.ge === seg) return g.gs;
      for (const tx of g.transactions) if (id === 'SE' && tx.se === seg) return tx.st;
    }
  }
  return -1;
}

function levelNodes(roots: readonly LoopNode[]): LoopNode[] {
  const out: LoopNode[] = [];
  const visit = (n: LoopNode) => {
    if (n.level) out.push(n);
    for (const c of n.children) visit(c);
  };
  roots.forEach(visit);
  return out;
}

/** Where the thing under the cursor is defined: the parent HL for HL02, the header for a trailer's control number. */
export function definitionAt(a: DocumentAnalysis, offset: number): Span | undefined {
  const l = locate(a, offset);
  if (!l) return undefined;
  const t = a.table;
  const id = t.ids[l.seg];
  if (id === 'HL' && l.pos === 2 && l.transaction) {
    const parentId = elementValue(t, l.seg, 2);
    const parent = levelNodes(l.transaction.roots).find((n) => n.first < l.seg && elementValue(t, n.first, 1) === parentId);
    return parent ? segmentSpan(a, parent.first) : undefined;
  }
  if ((id === 'SE' && l.pos === 2) || (id === 'GE' && l.pos === 2) || (id === 'IEA' && l.pos === 2)) {
    const header = headerOf(a, l.seg);
    return header >= 0 ? segmentSpan(a, header) : undefined;
  }
  return undefined;
}

/** On an HL: the HL01 of the HL itself and of each ancestor up to 2000A, so the chain stands out. */
export function highlightsAt(a: DocumentAnalysis, offset: number): Span[] {
  const l = locate(a, offset);
  if (!l || !l.transaction || a.table.ids[l.seg] !== 'HL') return [];
  const t = a.table;
  let node = levelNodes(l.transaction.roots).find((n) => n.first === l.seg);
  const spans: Span[] = [];
  while (node) {
    const start = elementStart(t, node.first, 1);
    if (start >= 0) spans.push({ start, end: elementEnd(t, node.first, 1) });
    node = node.parent;
  }
  return spans;
}
