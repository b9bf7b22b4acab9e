// Where the fields a JSON body lacks would have gone in the X12 it was converted to, found on demand from what the
// writer kept (the rule and object path of every segment it wrote, the loop instances, the paths it placed), so a
// problem the 278 rules find at an empty place can name the JSON field. Nothing is built per absent field up front:
// a body of 20,000 service lines has hundreds of thousands of them.

import type { SegmentTable } from '../x12/scanner';
import { segmentAt } from '../x12/segments';
import { joinPath } from './layouts';
import { ruleFields, type At, type FieldRule, type SegmentRule } from './rules';
import type { FieldVacancy } from './types';
import type { WrittenInstance } from './bodyWriter';

/** Segments before the body: ISA, GS, ST. */
const BODY_OFFSET = 3;

/** The positions a rule fills, the value's own first (NM109 before its qualifier NM108). */
function positionsOf(rule: FieldRule): At[] {
  switch (rule.kind) {
    case 'value':
      return rule.with ? [rule.at, rule.with.at] : [rule.at];
    case 'period':
      return [rule.value, rule.format];
    case 'choice':
      return [rule.value, rule.qualifier];
    case 'pairs': {
      const values = Array.from({ length: rule.count }, (_, i) => ({ element: rule.first + 2 * i + 1 }));
      const qualifiers = Array.from({ length: rule.count }, (_, i) => ({ element: rule.first + 2 * i }));
      return [...values, ...qualifiers];
    }
    case 'name':
      return [3, 4, 5, 6, 7, 2].map((element) => ({ element }));
  }
}

/** The fields that fill a rule's first place: for a name, those that give NM103 (the element the guides require). */
function fieldsOf(rule: FieldRule): string[] {
  if (rule.kind !== 'name') return ruleFields(rule);
  return [rule.organization, ...rule.person.filter((p) => p.element === 3).map((p) => p.field)];
}

export interface VacancySources {
  readonly table: SegmentTable;
  readonly segmentRules: readonly (SegmentRule | undefined)[];
  readonly segmentPaths: readonly string[];
  readonly instances: readonly WrittenInstance[];
  /** Concrete JSON paths that reached the X12. */
  readonly placed: ReadonlySet<string>;
  /** Envelope fields the body lacks, by the ISA (0) or GS (1) element they fill. */
  readonly envelope: readonly { readonly path: string; readonly segment: 0 | 1; readonly element: number }[];
}

export class VacancyIndex {
  private byFirst: Map<number, WrittenInstance[]> | undefined;

  constructor(private readonly s: VacancySources) {}

  /** The vacancies of the segment holding `offset`: its empty places, and the segments its loop did not write. */
  at(offset: number): FieldVacancy[] {
    const t = this.s.table;
    const seg = segmentAt(this.s.table, offset);
    if (seg < 0) return [];
    const start = t.segStart[seg];
    const end = t.segEnd[seg];
    const out: FieldVacancy[] = [];
    for (const e of this.s.envelope) {
      if (e.segment === seg) out.push({ paths: [e.path], segment: t.ids[seg], positions: [{ element: e.element }], start, end });
    }
    const body = seg - BODY_OFFSET;
    const rule = body >= 0 ? this.s.segmentRules[body] : undefined;
    const path = this.s.segmentPaths[body];
    if (rule) {
      for (const field of rule.fields) {
        if (ruleFields(field).some((n) => this.s.placed.has(joinPath(path, n)))) continue;
        out.push({ paths: fieldsOf(field).map((n) => joinPath(path, n)), segment: rule.id, positions: positionsOf(field), start, end });
      }
    }
    for (const instance of this.instancesStartingAt(body)) {
      for (const missing of instance.rules) {
        if (missing.each || this.wrote(instance, missing)) continue;
        const first = missing.fields[0];
        const qualifier = missing.key?.[0]?.value;
        const vacancy: FieldVacancy = { paths: first ? fieldsOf(first).map((n) => joinPath(instance.path, n)) : [instance.path], segment: missing.id, start, end };
        out.push(qualifier ? { ...vacancy, qualifier } : vacancy);
      }
    }
    return out;
  }

  private wrote(instance: WrittenInstance, rule: SegmentRule): boolean {
    for (let b = instance.first; b <= instance.last; b++) {
      if (this.s.segmentRules[b] === rule && this.s.segmentPaths[b] === instance.path) return true;
    }
    return false;
  }

  private instancesStartingAt(body: number): WrittenInstance[] {
    if (!this.byFirst) {
      this.byFirst = new Map();
      for (const i of this.s.instances) {
        const list = this.byFirst.get(i.first);
        if (list) list.push(i);
        else this.byFirst.set(i.first, [i]);
      }
    }
    return this.byFirst.get(body) ?? [];
  }
}
