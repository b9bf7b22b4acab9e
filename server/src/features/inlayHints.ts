// Inlay hints after element values: the meaning of a code, or the element's name.

import type { DocumentAnalysis } from '../validate/document';
import { segmentAt, splitSpan } from '../x12/segments';
import { codeMeaning, componentDef, elementInfo } from './describe';

export type InlayHintMode = 'codes' | 'names';

export interface InlayHintData {
  readonly offset: number;
  readonly label: string;
}

const MAX_LABEL = 40;

function short(label: string): string {
  return label.length > MAX_LABEL ? label.slice(0, MAX_LABEL - 1) + '…' : label;
}

export function inlayHints(a: DocumentAnalysis, from: number, to: number, mode: InlayHintMode): InlayHintData[] {
  const t = a.table;
  const d = t.delimiters;
  if (!d) return [];
  const out: InlayHintData[] = [];
  for (let s = Math.max(0, segmentAt(t, from)); s < t.segmentCount && t.segStart[s] < to; s++) {
    const id = t.ids[s];
    if (id === 'ISA') continue;
    const first = t.segElem[s];
    const next = t.segElem[s + 1];
    for (let idx = first + 1; idx < next; idx++) {
      const pos = idx - first;
      const start = t.elemStart[idx];
      const end = idx + 1 < next ? t.elemStart[idx + 1] - 1 : t.segEnd[s];
      if (end <= start || end < from || start > to) continue;
      const info = elementInfo(id, pos);
      if (!info) continue;
      if (mode === 'names') {
        out.push({ offset: end, label: short(info.label + ' ' + (info.simple ?? info.composite)!.name) });
        continue;
      }
      if (info.simple) {
        const meaning = codeMeaning(info.simple, t.text.slice(start, end));
        if (meaning) out.push({ offset: end, label: short(meaning) });
      } else if (info.composite) {
        const parts = splitSpan(t.text, start, end, d.component);
        const qualifier = info.composite.number === 'C023' && parts[1] ? t.text.slice(parts[1].start, parts[1].end) : undefined;
        parts.forEach((p, i) => {
          const meaning = p.end > p.start ? codeMeaning(componentDef(info.composite!, i + 1), t.text.slice(p.start, p.end), qualifier) : undefined;
          if (meaning) out.push({ offset: p.end, label: short(meaning) });
        });
      }
    }
  }
  return out;
}
