// HL hierarchy rules: unique HL01, HL02 pointing at an earlier HL of an allowed parent level, HL04 agreeing with the
// children that follow, required levels and level repeat limits. Links level nodes into a tree for the outline.
// A transaction has a handful of levels, so plain arrays and linear searches beat maps here.

import type { SegmentTable } from '../x12/scanner';
import type { TransactionSpan } from '../x12/envelope';
import { elementEnd, elementIs, elementStart, elementValue } from '../x12/segments';
import type { Guide } from '../guide/types';
import type { Reporter } from './reporter';
import type { LoopNode } from './transaction';

function range(t: SegmentTable, seg: number, pos: number): [number, number] {
  const start = elementStart(t, seg, pos);
  if (start < 0) return [t.segStart[seg], t.segEnd[seg]];
  return [start, Math.max(elementEnd(t, seg, pos), start + 1)];
}

function count(list: readonly string[], value: string): number {
  let n = 0;
  for (const v of list) if (v === value) n++;
  return n;
}

export function checkHierarchy(t: SegmentTable, span: TransactionSpan, guide: Guide, levels: LoopNode[], r: Reporter): LoopNode[] {
  const ids: string[] = [];
  const owners: LoopNode[] = [];
  const codes: string[] = [];
  const roots: LoopNode[] = [];
  const confidence = guide.confidence;

  for (const node of levels) {
    const def = node.level!;
    const hl = node.first;
    const hl01 = elementValue(t, hl, 1);
    if (hl01) {
      if (ids.includes(hl01)) {
        const [a, b] = range(t, hl, 1);
        r.add('hl01-duplicate', a, b, `HL01 "${hl01}" is already used by an earlier HL in this transaction; each HL needs its own ID (usually 1, 2, 3 …).`);
      } else {
        ids.push(hl01);
        owners.push(node);
      }
    }

    codes.push(def.level);
    const total = count(codes, def.level);
    const cap = guide.levelMax?.[def.level];
    if (cap !== undefined && total > cap) {
      r.add('loop-max-repeat', t.segStart[hl], t.segEnd[hl], `${def.id} ${def.name} may appear ${cap === 1 ? 'once' : `${cap} times`} in a ${guide.name}; this is number ${total}.`, def.confidence ?? confidence);
    }

    if (def.parents.length === 0) {
      roots.push(node);
      continue;
    }
    const hl02 = elementValue(t, hl, 2);
    if (!hl02) {
      roots.push(node);
      continue; // reported by the element rules (HL02 is required below the top level)
    }
    const at = ids.indexOf(hl02);
    const parent = at >= 0 ? owners[at] : undefined;
    if (!parent || parent === node) {
      const [a, b] = range(t, hl, 2);
      r.add('hl02-parent', a, b, `HL02 "${hl02}" does not match the HL01 of an earlier HL; it must point at this level's parent (${def.parents.join(' or ')}).`);
      roots.push(node);
      continue;
    }
    const parentDef = parent.level!;
    node.parent = parent;
    parent.children.push(node);
    if (!def.parents.includes(parentDef.level)) {
      const [a, b] = range(t, hl, 2);
      const allowed = def.parents.map((p) => guide.levels.find((l) => l.level === p)?.role ?? p).join(' or ');
      r.add('hl-level', a, b, `${def.id} ${def.role} (HL03 ${def.level}) must be the child of a ${allowed} level; HL02 "${hl02}" points at a ${parentDef.role} level (HL03 ${parentDef.level}).`, def.confidence ?? confidence);
    }
    let siblings = 0;
    for (const c of parent.children) if (c.level === def) siblings++;
    if (siblings > def.max) {
      r.add('loop-max-repeat', t.segStart[hl], t.segEnd[hl], `${def.id} ${def.name} may appear ${def.max === 1 ? 'once' : `${def.max} times`} under one ${parentDef.role} level; this is number ${siblings}.`, def.confidence ?? confidence);
    }
  }

  // x12-278.md §3 marks "HL04 agrees with its children" as inferred, so these are warnings in every guide.
  for (const node of levels) {
    const hl = node.first;
    let children = false;
    for (const c of node.children) if (c.level !== undefined) children = true;
    if (!children && elementIs(t, hl, 4, '1')) {
      const [a, b] = range(t, hl, 4);
      const fix = node.level!.childCodes.includes('0') ? { title: 'Change HL04 to 0', start: a, end: b, newText: '0' } : undefined;
      r.add('hl04-children', a, b, `HL04 is 1 (child levels follow), but no later HL names HL ${elementValue(t, hl, 1) || '?'} as its parent; use 0.`, 'I', fix);
    } else if (children && elementIs(t, hl, 4, '0')) {
      const [a, b] = range(t, hl, 4);
      const levelChildren = node.children.filter((c) => c.level !== undefined).length;
      // A level that may not have children (2000F) is fixed by re-parenting the child, not by HL04.
      const fix = node.level!.childCodes.includes('1') ? { title: 'Change HL04 to 1', start: a, end: b, newText: '1' } : undefined;
      r.add('hl04-children', a, b, `HL04 is 0 (no child levels), but ${levelChildren} later HL${levelChildren === 1 ? ' names' : 's name'} HL ${elementValue(t, hl, 1)} as parent; use 1.`, 'I', fix);
    }
  }

  const missing = guide.requiredLevels.filter((code) => !codes.includes(code));
  if (missing.length > 0) {
    const names = missing.map((code) => {
      const def = guide.levels.find((l) => l.level === code);
      return def ? `${def.id} ${def.name} (HL03 ${code})` : `HL03 ${code}`;
    });
    const at = span.st;
    r.add('hl-required-level', t.segStart[at], t.segEnd[at], `A ${guide.name} needs ${names.join(', ')}; ${missing.length === 1 ? 'it is' : 'they are'} missing.`, confidence);
  }
  return roots;
}
