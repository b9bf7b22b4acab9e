// Writes the transaction body (BHT … the last 2000F) of a request from its JSON, following a Layout, and records where
// each JSON value went so the caller can turn that into text offsets.

import type { ElementValue } from '../x12/writer';
import { joinPath } from './layouts';
import { isRecord, leafValue, recordAt, valueAt } from './jsonValues';
import type { At, FieldRule, Layout, NameLoopRule, SegmentRule } from './rules';
import type { ConversionIssue } from './types';

/** A JSON value's place in the body: segment index (0 = BHT), element/component, and for RD8 ranges which half. */
export interface Placement {
  readonly path: string;
  readonly segment: number;
  readonly at: At;
  readonly part?: 0 | 1;
}

/** A level or name-loop instance that was written: its body segments and the rules its segments come from. */
export interface WrittenInstance {
  readonly first: number;
  readonly last: number;
  readonly rules: readonly SegmentRule[];
  readonly path: string;
}

const headerRules = new WeakMap<Layout, SegmentRule>();

/** The BHT as a rule, so an absent submitterTransactionIdentifier is found like any other field. */
function headerRule(layout: Layout): SegmentRule {
  let rule = headerRules.get(layout);
  if (!rule) {
    rule = { id: 'BHT', fields: [{ kind: 'value', field: layout.envelope.transactionId, at: { element: 3 } }] };
    headerRules.set(layout, rule);
  }
  return rule;
}

/** The body segments an object or array item produced. */
export interface Extent {
  readonly path: string;
  readonly first: number;
  readonly last: number;
}

export function positionLabel(segmentId: string, at: At): string {
  const element = `${segmentId}${String(at.element).padStart(2, '0')}`;
  return at.component ? `${element}-${at.component}` : element;
}

class SegmentBuilder {
  private readonly values: (string | string[])[];

  constructor(id: string) {
    this.values = [id];
  }

  set(at: At, value: string): void {
    if (!at.component) {
      this.values[at.element] = value;
      return;
    }
    let composite = this.values[at.element];
    if (!Array.isArray(composite)) {
      composite = [];
      this.values[at.element] = composite;
    }
    composite[at.component - 1] = value;
  }

  build(): ElementValue[] {
    const out: ElementValue[] = [];
    for (let i = 0; i < this.values.length; i++) {
      const v = this.values[i];
      out.push(Array.isArray(v) ? Array.from(v, (c) => c ?? '') : v ?? '');
    }
    return out;
  }
}

type Pending = Omit<Placement, 'segment'>;

interface Mark {
  readonly body: number;
  readonly placements: number;
  readonly extents: number;
  readonly instances: number;
}

export class BodyWriter {
  readonly body: ElementValue[][] = [];
  readonly placements: Placement[] = [];
  readonly extents: Extent[] = [];
  /** Per body segment (0 = BHT): the rule it was written by and the JSON object's path (for naming absent fields). */
  readonly segmentRules: (SegmentRule | undefined)[] = [];
  readonly segmentPaths: string[] = [];
  readonly instances: WrittenInstance[] = [];
  /** Objects whose loop lacks its identifying code (reportUnidentified). */
  readonly unidentified: string[] = [];
  /** Paths that already have an issue saying why they were not written. */
  readonly reported = new Set<string>();

  constructor(private readonly issues: ConversionIssue[]) {}

  private report(path: string, severity: 'error' | 'warning', message: string): void {
    this.issues.push({ path, severity, message });
    this.reported.add(path);
  }

  private mark(): Mark {
    return { body: this.body.length, placements: this.placements.length, extents: this.extents.length, instances: this.instances.length };
  }

  private rollback(m: Mark): void {
    this.body.length = m.body;
    this.placements.length = m.placements;
    this.extents.length = m.extents;
    this.instances.length = m.instances;
    this.segmentRules.length = m.body;
    this.segmentPaths.length = m.body;
  }

  /** BHT*0007*<bht02>*<submitterTransactionIdentifier>*date*time[*<bht06>]. */
  writeHeader(layout: Layout, root: Record<string, unknown>, date: string, time: string): void {
    const id = leafValue(valueAt(root, layout.envelope.transactionId)).value;
    this.body.push(['BHT', '0007', layout.bht02, id ?? '', date, time, layout.bht06 ?? '']);
    if (id !== undefined) this.placements.push({ path: layout.envelope.transactionId, segment: 0, at: { element: 3 } });
    this.segmentRules[0] = headerRule(layout);
    this.segmentPaths[0] = '';
  }

  /** The HL levels in order; a level that is not required is kept only when it wrote a JSON value. */
  writeLevels(layout: Layout, root: Record<string, unknown>): void {
    const latest = new Map<string, { obj: Record<string, unknown> | undefined; path: string; id: number }>();
    const hls: ElementValue[][] = [];
    let nextId = 1;
    for (const level of layout.levels) {
      const parent = level.parents.map((code) => latest.get(code)).find((p) => p !== undefined);
      if (level.parents.length > 0 && !parent) continue;
      const baseObj = parent ? parent.obj : root;
      const basePath = parent ? parent.path : '';
      const instances: { obj: Record<string, unknown> | undefined; path: string }[] = [];
      if (level.repeats) {
        const items = valueAt(baseObj, level.json);
        if (Array.isArray(items)) {
          items.forEach((item, i) => {
            if (isRecord(item)) instances.push({ obj: item, path: `${joinPath(basePath, level.json)}[${i}]` });
          });
        }
      } else {
        instances.push({ obj: recordAt(baseObj, level.json), path: joinPath(basePath, level.json) });
      }
      for (const { obj, path } of instances) {
        const m = this.mark();
        const hl: ElementValue[] = ['HL', String(nextId), parent ? String(parent.id) : '', level.code, ''];
        this.body.push(hl);
        for (const rule of level.segments) this.writeSegment(rule, obj, path, false);
        for (const loop of level.loops) this.writeLoop(loop, obj, path);
        if (this.placements.length === m.placements && !level.required) {
          this.rollback(m);
          continue;
        }
        this.instances.push({ first: m.body, last: this.body.length - 1, rules: level.segments, path });
        latest.set(level.code, { obj, path, id: nextId });
        nextId++;
        hls.push(hl);
        if (path && obj) this.extents.push({ path, first: m.body, last: this.body.length - 1 });
      }
    }
    const parentIds = new Set(hls.map((hl) => hl[2]));
    for (const hl of hls) hl[4] = parentIds.has(hl[1]) ? '1' : '0';
  }

  private writeLoop(loop: NameLoopRule, levelObj: Record<string, unknown> | undefined, levelPath: string): void {
    const path = joinPath(levelPath, loop.json);
    if (!loop.repeats) {
      this.writeLoopInstance(loop, recordAt(levelObj, loop.json), path, loop.required ?? false);
      return;
    }
    const items = valueAt(levelObj, loop.json);
    if (!Array.isArray(items)) return;
    items.forEach((item, i) => {
      if (isRecord(item)) this.writeLoopInstance(loop, item, `${path}[${i}]`, false);
    });
  }

  private writeLoopInstance(loop: NameLoopRule, obj: Record<string, unknown> | undefined, path: string, required: boolean): void {
    const m = this.mark();
    loop.segments.forEach((rule, i) => this.writeSegment(rule, obj, path, i === 0));
    if (this.placements.length === m.placements && !required) {
      this.rollback(m);
      return;
    }
    this.instances.push({ first: m.body, last: this.body.length - 1, rules: loop.segments, path });
    if (loop.json && obj) {
      this.extents.push({ path, first: m.body, last: this.body.length - 1 });
      this.reportUnidentified(loop, path, m);
    }
  }

  /**
   * An object whose loop's first segment lacks the code that tells the loop (NM101 from entityIdentifierCode): the 278
   * rules cannot tell which loop its segments belong to, so they are left to this one issue.
   */
  private reportUnidentified(loop: NameLoopRule, path: string, m: Mark): void {
    const trigger = loop.segments[0];
    const typeRule = trigger?.fields.find((f) => f.kind === 'value' && f.at.element === 1 && !f.at.component);
    if (!trigger || !typeRule || typeRule.kind !== 'value' || trigger.fixed?.some((f) => f.at.element === 1)) return;
    const typePath = joinPath(path, typeRule.field);
    if (this.placements.slice(m.placements).some((p) => p.path === typePath) || this.reported.has(typePath)) return;
    this.report(typePath, 'error', `${typeRule.field} is missing: ${trigger.id}01 tells which ${loop.loop} loop this is, so without it the loop's other values cannot be checked against the 278.`);
    this.unidentified.push(path);
  }

  private writeSegment(rule: SegmentRule, obj: Record<string, unknown> | undefined, path: string, trigger: boolean): void {
    if (!rule.each) {
      this.writeOne(rule, obj, path, trigger);
      return;
    }
    const items = valueAt(obj, rule.each);
    if (!Array.isArray(items)) return;
    items.forEach((item, i) => {
      if (!isRecord(item)) return;
      const itemPath = `${joinPath(path, rule.each ?? '')}[${i}]`;
      if (this.writeOne(rule, item, itemPath, false)) {
        this.extents.push({ path: itemPath, first: this.body.length - 1, last: this.body.length - 1 });
      }
    });
  }

  /** Writes one segment when a field gave it a value (or it is its loop's trigger); true when written. */
  private writeOne(rule: SegmentRule, obj: Record<string, unknown> | undefined, path: string, trigger: boolean): boolean {
    const builder = new SegmentBuilder(rule.id);
    const pending: Pending[] = [];
    for (const field of rule.fields) this.applyField(rule.id, field, obj, path, builder, pending);
    if (pending.length === 0 && !trigger) return false;
    for (const k of rule.key ?? []) builder.set(k.at, k.value);
    for (const k of rule.fixed ?? []) builder.set(k.at, k.value);
    const segment = this.body.length;
    this.body.push(builder.build());
    this.segmentRules[segment] = rule;
    this.segmentPaths[segment] = path;
    for (const p of pending) this.placements.push({ ...p, segment });
    return true;
  }

  private applyField(
    segmentId: string, rule: FieldRule, obj: Record<string, unknown> | undefined, path: string, b: SegmentBuilder, placed: Pending[],
  ): void {
    const get = (field: string) => leafValue(valueAt(obj, field)).value;
    const full = (field: string) => joinPath(path, field);
    switch (rule.kind) {
      case 'value': {
        const value = get(rule.field);
        if (value === undefined) return;
        b.set(rule.at, value);
        if (rule.with) b.set(rule.with.at, rule.with.value);
        placed.push({ path: full(rule.field), at: rule.at });
        return;
      }
      case 'period': {
        const begin = get(rule.begin);
        const end = rule.end ? get(rule.end) : undefined;
        const where = positionLabel(segmentId, rule.value);
        if (begin !== undefined && end !== undefined && rule.end) {
          b.set(rule.format, 'RD8');
          b.set(rule.value, `${begin}-${end}`);
          placed.push({ path: full(rule.begin), at: rule.value, part: 0 }, { path: full(rule.end), at: rule.value, part: 1 });
        } else if (begin !== undefined && !rule.rangeOnly) {
          b.set(rule.format, 'D8');
          b.set(rule.value, begin);
          placed.push({ path: full(rule.begin), at: rule.value });
        } else if (begin !== undefined) {
          this.report(full(rule.begin), 'warning', `${where} takes a date range (RD8), so ${rule.begin} needs ${rule.end ?? 'an end date'} as well; it was left out.`);
        } else if (end !== undefined && rule.end) {
          this.report(full(rule.end), 'warning', `${rule.end} needs ${rule.begin}: ${where} holds a single date (D8) or a range (RD8) that starts with ${rule.begin}; it was left out.`);
        }
        return;
      }
      case 'choice': {
        const given = rule.choices.filter((c) => get(c.field) !== undefined);
        const [first, ...rest] = given;
        if (!first) return;
        b.set(rule.qualifier, first.code);
        b.set(rule.value, get(first.field) ?? '');
        placed.push({ path: full(first.field), at: rule.value });
        const pair = `${positionLabel(segmentId, rule.qualifier)}/${positionLabel(segmentId, rule.value)}`;
        for (const c of rest) {
          this.report(full(c.field), 'warning', `${pair} hold one ID: ${first.field} (${first.code}) was written there, so ${c.field} (${c.code}) is not mapped to X12 and was left out.`);
        }
        return;
      }
      case 'pairs': {
        const given = rule.choices.filter((c) => get(c.field) !== undefined);
        given.forEach((c, i) => {
          if (i >= rule.count) {
            this.report(full(c.field), 'warning', `${segmentId} has room for ${rule.count} contact numbers; ${c.field} did not fit and was left out.`);
            return;
          }
          const qualifier: At = { element: rule.first + 2 * i };
          const value: At = { element: rule.first + 2 * i + 1 };
          b.set(qualifier, c.code);
          b.set(value, get(c.field) ?? '');
          placed.push({ path: full(c.field), at: value });
        });
        return;
      }
      case 'name': {
        const organization = get(rule.organization);
        const people = rule.person.map((p) => ({ ...p, value: get(p.field) }));
        const personOnly = people.some((p) => p.element !== 3 && p.value !== undefined);
        const lastName = people.find((p) => p.element === 3 && p.value !== undefined);
        if (organization !== undefined && !personOnly) {
          b.set({ element: 2 }, '2');
          b.set({ element: 3 }, organization);
          placed.push({ path: full(rule.organization), at: { element: 3 } });
          if (lastName) {
            const same = lastName.value === organization ? ' (it repeats the organization name)' : '';
            this.report(full(lastName.field), 'warning', `NM103 holds one name: ${rule.organization} was written (NM102 = 2, an organization), so ${lastName.field}${same} is not mapped to X12 and was left out.`);
          }
        } else if (people.some((p) => p.value !== undefined)) {
          b.set({ element: 2 }, '1');
          for (const p of people) {
            if (p.value === undefined) continue;
            b.set({ element: p.element }, p.value);
            placed.push({ path: full(p.field), at: { element: p.element } });
          }
          if (organization !== undefined) {
            this.report(full(rule.organization), 'warning', `NM103 holds one name: a person's name was given (NM102 = 1), so ${rule.organization} is not mapped to X12 and was left out.`);
          }
        } else {
          b.set({ element: 2 }, rule.unnamed);
        }
        return;
      }
    }
  }
}
