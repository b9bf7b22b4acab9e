// Looks up the mapping for a kind and variant, and indexes the JSON paths it knows.

import { INQUIRY_REQUEST, NOA_REQUEST, SUBMISSION_REQUEST } from './requestMapping';
import { INQUIRY_RESPONSE, NOA_RESPONSE, SUBMISSION_RESPONSE } from './responseMapping';
import { ruleFields, type Layout, type LevelRule, type SegmentRule } from './rules';
import type { RequestKind, Variant } from './types';

const LAYOUTS: readonly Layout[] = [INQUIRY_REQUEST, SUBMISSION_REQUEST, NOA_REQUEST, INQUIRY_RESPONSE, SUBMISSION_RESPONSE, NOA_RESPONSE];

export function layoutFor(kind: RequestKind, variant: Variant): Layout {
  return LAYOUTS.find((l) => l.kind === kind && l.variant === variant) ?? INQUIRY_REQUEST;
}

export function joinPath(base: string, key: string): string {
  if (!base) return key;
  if (!key) return base;
  return `${base}.${key}`;
}

/** The JSON path of each level's object, with [] for array items ("patientEventDetail.serviceLevel[]"). */
export function levelPaths(layout: Layout): Map<LevelRule, string> {
  const byCode = new Map<string, string>();
  const paths = new Map<LevelRule, string>();
  for (const level of layout.levels) {
    const parent = level.parents.map((c) => byCode.get(c)).find((p) => p !== undefined) ?? '';
    const path = joinPath(parent, level.json) + (level.repeats ? '[]' : '');
    byCode.set(level.code, path);
    paths.set(level, path);
  }
  return paths;
}

/** What a normalized JSON path ("a.b[].c") is in a layout. */
export type PathKind = 'leaf' | 'object' | 'array' | 'unmapped';

export interface FieldIndex {
  readonly kinds: ReadonlyMap<string, PathKind>;
  /** Known child names by parent path, for "did you mean" hints. */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Why an unmapped field has no place in the X12. */
  readonly reasons: ReadonlyMap<string, string>;
}

const indexCache = new WeakMap<Layout, FieldIndex>();

export function fieldIndex(layout: Layout): FieldIndex {
  const cached = indexCache.get(layout);
  if (cached) return cached;
  const kinds = new Map<string, PathKind>();
  const children = new Map<string, string[]>();
  const addChild = (parent: string, child: string) => {
    const list = children.get(parent);
    if (!list) children.set(parent, [child]);
    else if (!list.includes(child)) list.push(child);
  };
  const add = (path: string, kind: PathKind) => {
    const parts = path.split('.');
    let prefix = '';
    for (let i = 0; i < parts.length; i++) {
      const isLast = i === parts.length - 1;
      const part = parts[i];
      const isArray = part.endsWith('[]');
      const key = isArray ? part.slice(0, -2) : part;
      addChild(prefix, key);
      const at = joinPath(prefix, key);
      if (isArray) {
        kinds.set(at, 'array');
        prefix = at + '[]';
        if (!kinds.has(prefix)) kinds.set(prefix, 'object');
      } else if (isLast) {
        kinds.set(at, kind);
        prefix = at;
      } else {
        if (!kinds.has(at)) kinds.set(at, 'object');
        prefix = at;
      }
    }
  };
  const addSegment = (base: string, rule: SegmentRule) => {
    const at = rule.each ? joinPath(base, rule.each) + '[]' : base;
    for (const f of rule.fields) for (const field of ruleFields(f)) add(joinPath(at, field), 'leaf');
  };
  const env = layout.envelope;
  for (const field of [env.senderId, env.receiverId, env.transactionId]) if (field) add(field, 'leaf');
  const paths = levelPaths(layout);
  for (const level of layout.levels) {
    const base = paths.get(level) ?? '';
    for (const rule of level.segments) addSegment(base, rule);
    for (const loop of level.loops) {
      const loopBase = joinPath(base, loop.json) + (loop.repeats ? '[]' : '');
      for (const rule of loop.segments) addSegment(loopBase, rule);
    }
  }
  const reasons = new Map<string, string>();
  for (const u of layout.unmapped) {
    add(u.field, 'unmapped');
    reasons.set(u.field, u.reason);
  }
  const index: FieldIndex = { kinds, children, reasons };
  indexCache.set(layout, index);
  return index;
}

/** "a.b[3].c" → "a.b[].c". */
export function normalizePath(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}
