// Reads a 278 transaction body into Optum's JSON form, following a Layout. Which loop each segment belongs to comes
// from the validator's analysis (per-segment loop nodes), not from a second parse.

import { GUIDES } from '../guide/guides';
import type { GuideLoop } from '../guide/types';
import type { SegmentTable } from '../x12/scanner';
import { elementCount, elementValue } from '../x12/segments';
import { loopOf, type LoopNode, type TransactionAnalysis } from '../validate/transaction';
import { positionLabel } from './bodyWriter';
import { isRecord } from './jsonValues';
import type { At, FieldRule, Layout, LevelRule, NameLoopRule, SegmentRule } from './rules';
import type { ConversionIssue } from './types';

/** A JSON object created only when a value is first set in it, so loops without data leave no empty objects. */
class ObjectHandle {
  private value?: Record<string, unknown>;

  constructor(private readonly make: () => Record<string, unknown>) {}

  get(): Record<string, unknown> {
    if (!this.value) this.value = this.make();
    return this.value;
  }
}

function ensureObject(obj: Record<string, unknown>, path: string): Record<string, unknown> {
  let current = obj;
  if (!path) return current;
  for (const key of path.split('.')) {
    const next = current[key];
    if (isRecord(next)) {
      current = next;
    } else {
      const created: Record<string, unknown> = {};
      current[key] = created;
      current = created;
    }
  }
  return current;
}

function childHandle(parent: ObjectHandle, path: string): ObjectHandle {
  return path ? new ObjectHandle(() => ensureObject(parent.get(), path)) : parent;
}

/** A new item appended to the array at `path` when first used. */
function itemHandle(parent: ObjectHandle, path: string): ObjectHandle {
  return new ObjectHandle(() => {
    const dot = path.lastIndexOf('.');
    const owner = ensureObject(parent.get(), dot < 0 ? '' : path.slice(0, dot));
    const key = dot < 0 ? path : path.slice(dot + 1);
    let list = owner[key];
    if (!Array.isArray(list)) {
      list = [];
      owner[key] = list;
    }
    const item: Record<string, unknown> = {};
    (list as unknown[]).push(item);
    return item;
  });
}

const positionKey = (at: At): string => (at.component ? `${at.element}.${at.component}` : `${at.element}`);

/** NM101 codes that start a loop with this ID in any guide of the variant. */
function loopQualifiers(variant: string, loopId: string): readonly string[] {
  const codes: string[] = [];
  const visit = (loop: GuideLoop) => {
    if (loop.id === loopId) codes.push(...(loop.segments[0].qualifier ?? []));
    for (const child of loop.loops ?? []) visit(child);
  };
  for (const guide of GUIDES) if (guide.variant === variant) for (const level of guide.levels) visit(level);
  return codes;
}

export class BodyReader {
  readonly root: Record<string, unknown> = {};
  private readonly rootHandle = new ObjectHandle(() => this.root);
  private readonly levelHandles = new Map<LoopNode, ObjectHandle>();
  private readonly loopHandles = new Map<LoopNode, ObjectHandle>();
  /** Loop instances the JSON form has no room for; their segments are skipped after one issue. */
  private readonly skipped = new Set<LoopNode>();
  private readonly seenLevels = new Set<LevelRule>();
  private readonly seenLoops = new Map<LoopNode, Set<NameLoopRule>>();
  private readonly latestByCode = new Map<string, LoopNode>();
  /** A name loop the validator could not place (its guide table lacks it) but the layout knows, while it lasts. */
  private unplacedLoop?: { readonly rule: NameLoopRule; readonly handle: ObjectHandle };
  private readonly component: string;

  constructor(
    private readonly t: SegmentTable,
    private readonly tx: TransactionAnalysis,
    private readonly layout: Layout,
    private readonly issues: ConversionIssue[],
  ) {
    this.component = t.delimiters ? String.fromCharCode(t.delimiters.component) : ':';
  }

  read(): void {
    const { t, tx } = this;
    const st = tx.span.st;
    const end = tx.span.se >= 0 ? tx.span.se : tx.span.last + 1;
    let current: LoopNode | undefined;
    for (let s = st + 1; s < end; s++) {
      const id = t.ids[s];
      const placed = loopOf(tx, s);
      if (s === st + 1 && id === 'BHT') {
        const bht03 = elementValue(t, s, 3);
        if (bht03) this.set(this.rootHandle, this.layout.envelope.transactionId, bht03, 'BHT', 'BHT03');
        continue;
      }
      if (this.continuesUnplacedLoop(s, id, placed)) continue;
      if (placed) current = placed;
      if (id === 'HL') {
        if (!placed) {
          current = undefined;
          this.issue('x12:HL', `HL*${elementValue(t, s, 1)} has a level (HL03 "${elementValue(t, s, 3)}") Optum's ${this.layout.schema} has no place for; the segments under it were left out.`);
        } else if (placed.level) {
          this.latestByCode.set(placed.level.level, placed);
        }
        continue;
      }
      if (!current) {
        this.unmapped(s, '?');
        continue;
      }
      this.readSegment(s, current, placed === undefined);
    }
  }

  private issue(path: string, message: string): void {
    this.issues.push({ path, severity: 'warning', message });
  }

  private segmentText(s: number): string {
    const text = this.t.text.slice(this.t.segStart[s], this.t.segEnd[s]);
    return text.length > 48 ? `${text.slice(0, 45)}…` : text;
  }

  private unmapped(s: number, loop: string): void {
    const guideName = this.tx.matches[s]?.name;
    this.issue(
      `x12:${loop}/${this.t.ids[s]}`,
      `${this.segmentText(s)}${guideName ? ` (${guideName})` : ''} has no field in Optum's ${this.layout.schema}, so it is not mapped to JSON and was left out.`,
    );
  }

  private isSkipped(node: LoopNode | undefined): boolean {
    for (let n = node; n; n = n.parent) if (this.skipped.has(n)) return true;
    return false;
  }

  private levelRule(node: LoopNode): LevelRule | undefined {
    return this.layout.levels.find((l) => l.loop === node.def.id);
  }

  private readSegment(s: number, node: LoopNode, unplaced: boolean): void {
    const levelNode = node.level ? node : node.parent;
    const levelRule = levelNode ? this.levelRule(levelNode) : undefined;
    if (!levelNode || !levelRule) {
      this.unmapped(s, node.def.id);
      return;
    }
    if (this.isSkipped(node)) return;
    const levelHandle = this.levelHandle(levelNode, levelRule);
    if (!levelHandle) return;
    if (unplaced && this.startUnplacedLoop(s, levelNode, levelRule, levelHandle)) return;
    if (node.level) {
      const rule = this.match(levelRule.segments, s);
      if (rule) this.readRule(rule, s, levelHandle, levelRule.loop);
      else this.unmapped(s, levelRule.loop);
      return;
    }
    const loopRule = levelRule.loops.find((l) => l.loop === node.def.id);
    const loopHandle = loopRule ? this.loopHandle(node, loopRule, levelNode, levelHandle) : undefined;
    if (loopRule && !loopHandle) return;
    const rule = loopRule ? this.match(loopRule.segments, s) : undefined;
    if (rule && loopRule && loopHandle) {
      this.readRule(rule, s, loopHandle, loopRule.loop);
      return;
    }
    // A segment the guide does not allow here was left in the last loop; it may still belong to the level.
    const levelSegment = unplaced ? this.match(levelRule.segments, s) : undefined;
    if (levelSegment) this.readRule(levelSegment, s, levelHandle, levelRule.loop);
    else this.unmapped(s, node.def.id);
  }

  /**
   * A segment the guide table does not allow here may still start a loop the JSON form has, such as an X216 notice's
   * other-UMO loop: the loop is recognized by its NM101, as the other guides of this variant use it.
   */
  private startUnplacedLoop(s: number, levelNode: LoopNode, levelRule: LevelRule, levelHandle: ObjectHandle): boolean {
    const id = this.t.ids[s];
    const started = levelRule.loops.find((loop) => loop.segments[0].id === id && this.startsLoop(loop, s));
    if (started) {
      const handle = started.repeats ? itemHandle(levelHandle, started.json) : this.firstOnly(levelNode, started, levelHandle, s);
      if (!handle) return true;
      this.unplacedLoop = { rule: started, handle };
      this.readRule(started.segments[0], s, handle, started.loop);
      return true;
    }
    return false;
  }

  /**
   * The segments after an unplaced loop start belong to it while they are its members, even where the validator
   * filed them under the loop before (it keeps that loop open after a start it could not place).
   */
  private continuesUnplacedLoop(s: number, id: string, placed: LoopNode | undefined): boolean {
    const open = this.unplacedLoop;
    if (!open) return false;
    const startsSomething = id === 'HL' || (placed !== undefined && placed.first === s);
    const rule = startsSomething ? undefined : this.match(open.rule.segments.slice(1), s);
    if (!rule) {
      this.unplacedLoop = undefined;
      return false;
    }
    this.readRule(rule, s, open.handle, open.rule.loop);
    return true;
  }

  private startsLoop(loop: NameLoopRule, s: number): boolean {
    const trigger = loop.segments[0];
    const code = this.value(s, { element: 1 });
    const fixedCode = trigger.fixed?.find((f) => f.at.element === 1 && !f.at.component)?.value;
    if (fixedCode !== undefined) return fixedCode === code;
    return loopQualifiers(this.layout.variant, loop.loop).includes(code);
  }

  private firstOnly(levelNode: LoopNode, rule: NameLoopRule, levelHandle: ObjectHandle, s: number): ObjectHandle | undefined {
    let seen = this.seenLoops.get(levelNode);
    if (!seen) {
      seen = new Set();
      this.seenLoops.set(levelNode, seen);
    }
    if (seen.has(rule)) {
      this.issue(`x12:${rule.loop}`, `A second ${rule.loop} loop (${this.segmentText(s)}) has no place in Optum's ${this.layout.schema}, which holds one; it was left out.`);
      return undefined;
    }
    seen.add(rule);
    return childHandle(levelHandle, rule.json);
  }

  private levelHandle(node: LoopNode, rule: LevelRule): ObjectHandle | undefined {
    const known = this.levelHandles.get(node);
    if (known) return known;
    if (!rule.repeats && this.seenLevels.has(rule)) {
      this.skipped.add(node);
      this.issue(`x12:${rule.loop}`, `A second ${node.def.name} (HL*${elementValue(this.t, node.first, 1)}) has no place in Optum's ${this.layout.schema}, which holds one; its segments were left out.`);
      return undefined;
    }
    this.seenLevels.add(rule);
    const parent = this.parentHandle(node, rule);
    if (!parent) return undefined;
    const handle = rule.repeats ? itemHandle(parent, rule.json) : childHandle(parent, rule.json);
    this.levelHandles.set(node, handle);
    return handle;
  }

  /** The JSON object of the level's parent: the nearest ancestor of an expected level code, else the latest one. */
  private parentHandle(node: LoopNode, rule: LevelRule): ObjectHandle | undefined {
    if (rule.parents.length === 0) return this.rootHandle;
    let parent: LoopNode | undefined;
    for (let p = node.parent; p && !parent; p = p.parent) if (p.level && rule.parents.includes(p.level.level)) parent = p;
    if (!parent) parent = rule.parents.map((code) => this.latestByCode.get(code)).find((p) => p !== undefined && p !== node);
    if (!parent) return this.rootHandle;
    const parentRule = this.levelRule(parent);
    return parentRule ? this.levelHandle(parent, parentRule) : this.rootHandle;
  }

  private loopHandle(node: LoopNode, rule: NameLoopRule, levelNode: LoopNode, levelHandle: ObjectHandle): ObjectHandle | undefined {
    const known = this.loopHandles.get(node);
    if (known) return known;
    const handle = rule.repeats ? itemHandle(levelHandle, rule.json) : this.firstOnly(levelNode, rule, levelHandle, node.first);
    if (!handle) {
      this.skipped.add(node);
      return undefined;
    }
    this.loopHandles.set(node, handle);
    return handle;
  }

  private value(s: number, at: At): string {
    const raw = elementValue(this.t, s, at.element);
    if (!at.component) return raw;
    return raw.split(this.component)[at.component - 1] ?? '';
  }

  private match(rules: readonly SegmentRule[], s: number): SegmentRule | undefined {
    const id = this.t.ids[s];
    return rules.find((r) => r.id === id && (r.key ?? []).every((k) => this.value(s, k.at) === k.value));
  }

  private set(handle: ObjectHandle, path: string, value: string, loop: string, label: string): void {
    const keys = path.split('.');
    const last = keys.pop() ?? path;
    const obj = ensureObject(handle.get(), keys.join('.'));
    if (obj[last] !== undefined) {
      this.issue(`x12:${loop}/${label}`, `${label} "${value}" repeats ${path}, which holds one value in Optum's ${this.layout.schema}; it was left out.`);
      return;
    }
    obj[last] = value;
  }

  private readRule(rule: SegmentRule, s: number, handle: ObjectHandle, loop: string): void {
    const consumed = new Set<string>();
    const get = (at: At): string => {
      consumed.add(positionKey(at));
      return this.value(s, at);
    };
    const label = (at: At) => positionLabel(rule.id, at);
    for (const k of rule.key ?? []) get(k.at);
    for (const f of rule.fixed ?? []) {
      const found = get(f.at);
      if (found && found !== f.value) {
        this.issue(`x12:${loop}/${label(f.at)}`, `${label(f.at)} "${found}" cannot be kept: Optum's JSON form has no field for it, and the JSON → X12 direction writes ${f.value}.`);
      }
    }
    const target = rule.each ? itemHandle(handle, rule.each) : handle;
    for (const field of rule.fields) this.readField(field, target, get, loop, rule.id);
    this.reportLeftovers(s, consumed, loop);
  }

  private readField(rule: FieldRule, target: ObjectHandle, get: (at: At) => string, loop: string, id: string): void {
    const label = (at: At) => positionLabel(id, at);
    const set = (field: string, value: string, at: At) => {
      if (value) this.set(target, field, value, loop, label(at));
    };
    switch (rule.kind) {
      case 'value': {
        const value = get(rule.at);
        if (rule.with) {
          const qualifier = get(rule.with.at);
          if (qualifier && qualifier !== rule.with.value) {
            this.issue(`x12:${loop}/${label(rule.with.at)}`, `${label(rule.with.at)} "${qualifier}" cannot be kept: ${rule.field} is always written with ${rule.with.value}.`);
          }
        }
        set(rule.field, value, rule.at);
        return;
      }
      case 'period': {
        const format = get(rule.format);
        const value = get(rule.value);
        if (!value) return;
        if (format === 'RD8') {
          const dash = value.indexOf('-');
          const begin = dash < 0 ? value : value.slice(0, dash);
          const end = dash < 0 ? '' : value.slice(dash + 1);
          set(rule.begin, begin, rule.value);
          if (rule.end) set(rule.end, end, rule.value);
          else if (end) this.issue(`x12:${loop}/${label(rule.value)}`, `${label(rule.value)} ends on ${end}, but Optum's ${this.layout.schema} has only ${rule.begin}; the end date was left out.`);
          return;
        }
        if (format && format !== 'D8') {
          this.issue(`x12:${loop}/${label(rule.format)}`, `${label(rule.format)} "${format}" cannot be kept: ${rule.begin} is written as a D8 date.`);
        }
        set(rule.begin, value, rule.value);
        return;
      }
      case 'choice': {
        const qualifier = get(rule.qualifier);
        const value = get(rule.value);
        if (!qualifier && !value) return;
        const choice = rule.choices.find((c) => c.code === qualifier);
        if (choice) set(choice.field, value, rule.value);
        else {
          const known = rule.choices.map((c) => `${c.code} → ${c.field}`).join(', ');
          this.issue(
            `x12:${loop}/${label(rule.qualifier)}`,
            `${label(rule.qualifier)} "${qualifier}" has no field in Optum's ${this.layout.schema} (it takes ${known}); ${label(rule.value)} "${value}" was left out.`,
          );
        }
        return;
      }
      case 'pairs': {
        for (let i = 0; i < rule.count; i++) {
          const qualifierAt: At = { element: rule.first + 2 * i };
          const valueAt: At = { element: rule.first + 2 * i + 1 };
          const qualifier = get(qualifierAt);
          const value = get(valueAt);
          if (!qualifier && !value) continue;
          const choice = rule.choices.find((c) => c.code === qualifier);
          if (choice) set(choice.field, value, valueAt);
          else this.issue(`x12:${loop}/${label(qualifierAt)}`, `${label(qualifierAt)} "${qualifier}" has no field in Optum's ${this.layout.schema}; ${label(valueAt)} "${value}" was left out.`);
        }
        return;
      }
      case 'name': {
        const organization = get({ element: 2 }) === '2';
        for (const p of rule.person) {
          const at: At = { element: p.element };
          set(p.element === 3 && organization ? rule.organization : p.field, get(at), at);
        }
        return;
      }
    }
  }

  private reportLeftovers(s: number, consumed: ReadonlySet<string>, loop: string): void {
    const id = this.t.ids[s];
    const count = elementCount(this.t, s);
    for (let e = 1; e <= count; e++) {
      const raw = elementValue(this.t, s, e);
      if (!raw || consumed.has(`${e}`)) continue;
      const components = raw.split(this.component);
      components.forEach((value, i) => {
        if (!value || consumed.has(`${e}.${i + 1}`)) return;
        const label = positionLabel(id, components.length > 1 ? { element: e, component: i + 1 } : { element: e });
        this.issue(`x12:${loop}/${label}`, `${label} "${value}" has no field in Optum's ${this.layout.schema}, so it is not mapped to JSON and was left out.`);
      });
    }
  }
}
