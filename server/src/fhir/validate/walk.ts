// The validator's walk: one pass over the JSON tree (jsonc-parser nodes for offsets, the parsed value beside them),
// each object checked against the compiled element schema that governs it: unknown elements, JSON shape,
// cardinality of elements and slices, types and choice types, primitive lexical forms, fixed and pattern values,
// required bindings (X12-bound codes against the 278 tables), and invariants (direct checks for ele-1 and ext-1,
// the rest through compiled FHIRPath).

import type { Node } from 'jsonc-parser';
import type { RawTypeRef } from '../packages/data';
import type { FhirSchemas } from '../schema/registry';
import { stripVersion } from '../schema/registry';
import { insideValue, isObject, isResourceTyped, itemNode, resourceProfiles, valueType } from '../schema/navigate';
import { resolveProperty, type PropertyMatch } from '../schema/resolve';
import { deepEqual, matchesPattern } from '../schema/slicing';
import type { CompiledProfile, ElementNode } from '../schema/types';
import { x12CodeMeaning, x12ElementName, x12FromValueSetUrl, x12HasCodeList } from '../x12Codes';
import { evaluateInvariant, isR4ResourceType } from './invariants';
import type { FhirReporter } from './reporter';
import type { FhirProblemCode } from '../../problems/fhirCatalog';
import { MIN_UNIT_LENGTH, type MemoEvent, type MemoUnit, type WalkMemo } from './memo';

/** Where a problem goes: a jsonc-parser node (a property key, a value) or any offset and length. */
interface Span {
  readonly offset: number;
  readonly length: number;
}

interface ResourceContext {
  readonly value: Record<string, unknown>;
  readonly root: unknown;
}

const SYSTEM = 'http://hl7.org/fhirpath/System.';
const NUMBER_TYPES = new Set(['integer', 'decimal', 'positiveInt', 'unsignedInt', 'integer64', SYSTEM + 'Integer', SYSTEM + 'Decimal']);
const BOOLEAN_TYPES = new Set(['boolean', SYSTEM + 'Boolean']);
/** Invariants checked directly (ele-1, ext-1 here; ref-1 in invariants.ts) or by the PAS bundle rules. */
const DIRECT_INVARIANTS = new Set(['ele-1', 'ext-1', 'ClaimFirst', 'ClaimResponseFirst']);
/** An invariant whose expression reads beyond the value it is on: the resource around it. */
const READS_CONTEXT = /%resource|%rootResource|resolve\(/;

/** A unit being walked: its reports so far (relative to `start`), and whether its walk read its surroundings. */
interface Frame {
  readonly start: number;
  readonly end: number;
  readonly res: ResourceContext;
  readonly events: MemoEvent[];
  dependent: boolean;
}


function propertyValueNode(object: Node, name: string): Node | undefined {
  for (const p of object.children ?? []) if (p.children?.[0]?.value === name) return p.children[1];
  return undefined;
}

function shortProfileName(profile: CompiledProfile): string {
  return profile.sd.name ?? profile.url.split('/').pop() ?? profile.url;
}

function describeNode(node: ElementNode): string {
  return node.id;
}

function typeName(code: string): string {
  return code.startsWith(SYSTEM) ? code.slice(SYSTEM.length).toLowerCase() : code;
}

export class FhirWalker {
  private readonly unavailable = new Set<string>();

  private readonly frames: Frame[] = [];

  /** `memo`: records the array items' walks, and replays the previous analysis's records of unchanged items. */
  constructor(
    private readonly schemas: FhirSchemas,
    private readonly reporter: FhirReporter,
    private readonly text: string,
    private readonly memo?: WalkMemo,
  ) {}

  /** Validates a resource object against its profiles (the first entry of `profiles` wins for the shape). */
  resource(objNode: Node, value: Record<string, unknown>, profiles: readonly CompiledProfile[], anchor: Span, root?: unknown): void {
    const res: ResourceContext = { value, root: root ?? value };
    this.claimedProfiles(objNode, value);
    for (const profile of profiles) {
      const rtNode = propertyValueNode(objNode, 'resourceType');
      if (value.resourceType !== profile.sd.type) {
        this.at(
          'fhir-resource-type',
          rtNode ?? anchor,
          `Expected a ${profile.sd.type} resource for ${shortProfileName(profile)}, found ${JSON.stringify(value.resourceType)}.`,
        );
        continue;
      }
      this.object(objNode, value, profile.root, anchor, res);
      this.invariants(profile.root, undefined, value, anchor, res);
    }
  }

  private claimedProfiles(objNode: Node, value: Record<string, unknown>): void {
    const meta = value.meta;
    if (!isObject(meta) || !Array.isArray(meta.profile)) return;
    const metaNode = propertyValueNode(objNode, 'meta');
    const listNode = metaNode && propertyValueNode(metaNode, 'profile');
    meta.profile.forEach((p, i) => {
      if (typeof p !== 'string') return;
      const node = listNode?.children?.[i];
      const claimed = this.schemas.structure(p);
      if (claimed) {
        if (claimed.kind === 'resource' && claimed.type !== value.resourceType && typeof value.resourceType === 'string')
          this.at('fhir-resource-type', node ?? objNode, `${claimed.name ?? p} is a profile of ${claimed.type}; this resource is a ${value.resourceType}.`);
        return;
      }
      this.unavailableOnce(stripVersion(p), node ? node : objNode, `The profile ${p} is not available offline; the resource is not checked against it.`);
    });
  }

  private at(code: FhirProblemCode, span: Span, message: string): void {
    this.report(code, span.offset, span.offset + span.length, message, undefined);
  }

  /** Every report of the walk goes through here (and is recorded in the unit being walked, if any). */
  private report(code: FhirProblemCode, start: number, end: number, message: string, dedupe: string | undefined): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame) this.record(frame, { kind: 'report', start: start - frame.start, end: end - frame.start, code, message, dedupe });
    this.reporter.report(code, start, end, message, undefined, dedupe);
  }

  private unavailableOnce(key: string, range: Span, message: string): void {
    const frame = this.frames[this.frames.length - 1];
    const start = range.offset;
    const end = range.offset + range.length;
    if (frame) this.record(frame, { kind: 'unavailable', start: start - frame.start, end: end - frame.start, key, message });
    this.unavailableAt(key, start, end, message);
  }

  private unavailableAt(key: string, start: number, end: number, message: string): void {
    if (this.unavailable.has(key)) return;
    this.unavailable.add(key);
    this.reporter.report('fhir-profile-unavailable', start, end, message);
  }

  private record(frame: Frame, event: MemoEvent): void {
    // A report outside the unit would not move with it.
    if (event.kind !== 'unit' && (event.start < 0 || event.end > frame.end - frame.start)) frame.dependent = true;
    frame.events.push(event);
  }

  /** Walks one array item as a unit: replays its previous record when its text is unchanged, else walks and records it. */
  private unit(target: ElementNode, match: PropertyMatch, itemJson: Node, itemValue: unknown, key: string, res: ResourceContext): void {
    const memo = this.memo!;
    const start = itemJson.offset;
    const parent = this.frames[this.frames.length - 1];
    const reused = memo.reusable(start, itemJson.length, target, match.type, key);
    if (reused) {
      memo.replayed++;
      if (parent) parent.events.push({ kind: 'unit', at: start - parent.start, unit: reused });
      this.replay(reused, start);
      return;
    }
    memo.walked++;
    const frame: Frame = { start, end: start + itemJson.length, res, events: [], dependent: false };
    this.frames.push(frame);
    try {
      this.value(target, match, itemJson, itemValue, key, { offset: start, length: 1 }, res);
    } finally {
      this.frames.pop();
    }
    if (!frame.dependent) {
      const unit: MemoUnit = { node: target, type: match.type, key, length: itemJson.length, events: frame.events };
      memo.units.set(start, unit);
      if (parent) parent.events.push({ kind: 'unit', at: start - parent.start, unit });
      return;
    }
    // Walked again next time; its reports (and the units inside it) belong to the unit around it.
    if (!parent) return;
    const shift = start - parent.start;
    for (const e of frame.events) {
      if (e.kind === 'unit') parent.events.push({ ...e, at: e.at + shift });
      else this.record(parent, { ...e, start: e.start + shift, end: e.end + shift });
    }
  }

  /** The reports of a recorded unit, in order, at its new offset; its inner units are kept for the next analysis. */
  private replay(unit: MemoUnit, base: number): void {
    this.memo!.units.set(base, unit);
    for (const e of unit.events) {
      if (e.kind === 'report') this.reporter.report(e.code, base + e.start, base + e.end, e.message, undefined, e.dedupe);
      else if (e.kind === 'unavailable') this.unavailableAt(e.key, base + e.start, base + e.end, e.message);
      else this.replay(e.unit, base + e.at);
    }
  }

  /** An invariant read the resource around the value: no unit inside that resource can be replayed. */
  private readsContext(res: ResourceContext): void {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i]!;
      if (frame.res.root !== res.root) break;
      frame.dependent = true;
    }
  }

  // Occurrence counters per nesting depth (objects are walked depth-first, so one set per depth is live at a time):
  // no map or array is allocated per object on the way.
  private readonly countsAt: Int32Array[] = [];
  private readonly sliceCountsAt: Map<ElementNode, number>[] = [];
  private depth = 0;

  /** Checks the properties of one JSON object against the children of `inside`. */
  private object(objNode: Node, value: Record<string, unknown>, inside: ElementNode, anchor: Span, res: ResourceContext, label: string = inside.id): void {
    const depth = this.depth++;
    const n = inside.children.length;
    let counts = this.countsAt[depth];
    if (!counts || counts.length < n) counts = this.countsAt[depth] = new Int32Array(Math.max(n, 64));
    const sliceCounts = (this.sliceCountsAt[depth] ??= new Map());
    try {
      this.properties(objNode, value, inside, anchor, res, label, counts, sliceCounts);
      this.cardinality(objNode, inside, counts, sliceCounts, anchor);
    } finally {
      counts.fill(0, 0, n);
      if (sliceCounts.size) sliceCounts.clear();
      this.depth = depth;
    }
  }

  private properties(objNode: Node, value: Record<string, unknown>, inside: ElementNode, anchor: Span, res: ResourceContext, label: string, counts: Int32Array, sliceCounts: Map<ElementNode, number>): void {
    const props = objNode.children ?? [];
    const isResourceRoot = inside === inside.profile.root && inside.profile.sd.kind === 'resource';
    let meaningful = 0;
    // A key that occurs twice: the plain value (JSON.parse's) is the last one's, so the items of the first are not
    // checked on their own text alone, and are never units.
    let repeatedKeys: Set<string> | undefined;
    for (const prop of props) {
      const keyNode = prop.children?.[0];
      const valNode = prop.children?.[1];
      if (!keyNode || !valNode) continue;
      const key = String(keyNode.value);
      if (key === 'resourceType' && isResourceRoot) continue;
      if (key !== 'id') meaningful++;
      const match = resolveProperty(inside, key);
      if (!match) {
        this.profiled('fhir-unknown-element', keyNode, inside, `"${key}" is not an element of ${label}`);
        continue;
      }
      const node = match.node;
      if (match.badChoiceType !== undefined) {
        const allowed = node.types.map((t) => node.name.slice(0, -3) + capital(t.code));
        const shown = allowed.length > 8 ? `${allowed.slice(0, 8).join(', ')}, … (${allowed.length} types)` : allowed.join(', ');
        this.at('fhir-type', keyNode, `"${key}" is not a type ${node.id} allows; expected ${shown}.`);
        continue;
      }
      if (node.max === 0) {
        this.profiled('fhir-cardinality', keyNode, node, `${describeNode(node)} is not allowed here`, ' (max 0).');
        continue;
      }
      const plain = value[key];
      const repeating = (node.raw.base?.max ?? node.raw.max) !== '1';
      const isArray = valNode.type === 'array';
      const items: readonly Node[] = isArray ? valNode.children ?? [] : [valNode];
      if (isArray) {
        if (!repeating) this.at('fhir-array-shape', keyNode, `${describeNode(node)} occurs at most once: give a single value, not an array.`);
        if (items.length === 0) {
          this.at('fhir-empty', valNode, `An empty array: leave "${key}" out instead.`);
          continue;
        }
      } else if (repeating && !match.primitiveExtension) {
        this.at('fhir-array-shape', keyNode, `${describeNode(node)} repeats: its value must be a JSON array.`);
      }
      if (!match.primitiveExtension || !(key.slice(1) in value)) counts[node.index] += items.length;
      for (let i = 0; i < items.length; i++) {
        const itemJson = items[i]!;
        const itemValue = isArray ? (Array.isArray(plain) ? plain[i] : undefined) : plain;
        if (itemValue === null || itemValue === undefined || itemJson.type === 'null') {
          if (!isArray) this.at('fhir-empty', itemJson, `null: leave "${key}" out instead.`);
          continue;
        }
        const target = match.primitiveExtension ? node : itemNode(this.schemas, node, key, match.type, itemValue);
        if (target !== node) sliceCounts.set(target, (sliceCounts.get(target) ?? 0) + 1);
        else if (node.slices.length > 0 && node.raw.slicing?.rules === 'closed' && !match.primitiveExtension && !node.isChoice)
          this.at('fhir-slice-unmatched', itemJson, `This ${key} item matches none of the slices of ${node.id} (${node.slices.map((sl) => sl.sliceName).join(', ')}), and the slicing is closed.`);
        // Inside an array, a missing child is reported at the item's opening brace, not at the array's key.
        if (this.memo && isArray && itemJson.type === 'object' && itemJson.length >= MIN_UNIT_LENGTH && !(repeatedKeys ??= repeated(props)).has(key))
          this.unit(target, match, itemJson, itemValue, key, res);
        else this.value(target, match, itemJson, itemValue, key, isArray ? { offset: itemJson.offset, length: 1 } : keyNode, res);
      }
    }
    if (meaningful === 0 && !isResourceRoot) this.at('fhir-empty', anchor, `${label} is empty: an element needs a value or children (ele-1); leave it out instead.`);
  }

  /** The key of the first property that falls on `child` (only looked up when a problem is reported). */
  private keyFor(objNode: Node, inside: ElementNode, child: ElementNode): Node | undefined {
    for (const prop of objNode.children ?? []) {
      const key = prop.children?.[0];
      if (key && resolveProperty(inside, String(key.value))?.node === child) return key;
    }
    return undefined;
  }

  private inProfile(node: ElementNode): string {
    return node.profile.sd.derivation === 'constraint' ? ` in ${shortProfileName(node.profile)}` : '';
  }

  /** Reports a problem whose message names the profile; the same defect found through a second profile is one problem. */
  private profiled(code: FhirProblemCode, range: Span, node: ElementNode, before: string, after = '.'): void {
    this.report(code, range.offset, range.offset + range.length, `${before}${this.inProfile(node)}${after}`, before + after);
  }

  private cardinality(objNode: Node, inside: ElementNode, counts: Int32Array, sliceCounts: Map<ElementNode, number>, anchor: Span): void {
    for (const child of inside.children) {
      const n = counts[child.index]!;
      if (n < child.min) {
        this.profiled('fhir-cardinality', anchor, child, `${child.id} is required (${child.min}..${child.raw.max})`, n ? `; found ${n}.` : ', but missing.');
        continue;
      }
      if (n > child.max) {
        this.profiled('fhir-cardinality', this.keyFor(objNode, inside, child) ?? anchor, child, `${child.id} occurs ${n} times; at most ${child.raw.max} allowed`);
        continue;
      }
      if (child.slices.length === 0 || child.isChoice) continue;
      for (const slice of child.slices) {
        const m = sliceCounts.get(slice) ?? 0;
        if (m >= slice.min && m <= slice.max) continue;
        const at = this.keyFor(objNode, inside, child) ?? anchor;
        if (m < slice.min)
          this.profiled('fhir-cardinality', at, slice, `Slice ${slice.sliceName} of ${child.id} needs at least ${slice.min} item${slice.min > 1 ? 's' : ''} matching it`, `; found ${m}.`);
        else this.profiled('fhir-cardinality', at, slice, `Slice ${slice.sliceName} of ${child.id} allows at most ${slice.raw.max}`, `; found ${m}.`);
      }
    }
  }

  /** Checks one value (one array item) of an element. */
  private value(node: ElementNode, match: PropertyMatch, valNode: Node, value: unknown, key: string, keySpan: Span, res: ResourceContext): void {
    const range = valNode;
    if (match.primitiveExtension) {
      if (!isObject(value)) {
        this.at('fhir-type', range, `"${key}" holds the id and extensions of a primitive: expected a JSON object.`);
        return;
      }
      const element = this.schemas.base('Element')?.root;
      if (element) this.object(valNode, value, element, keySpan, res, `_${node.id}`);
      return;
    }
    const type: RawTypeRef | undefined = valueType(node, match);
    if (type && this.schemas.isPrimitive(type.code)) {
      this.primitive(node, type.code, valNode, value, range);
      return;
    }
    if (!isObject(value)) {
      this.at('fhir-type', range, `${describeNode(node)} expects ${type ? `a ${typeName(type.code)}` : 'an object'} (a JSON object), not ${jsonKind(valNode)}.`);
      return;
    }
    if (isResourceTyped(this.schemas, node)) {
      this.containedResource(node, valNode, value, keySpan, res);
      return;
    }
    if (type?.code === 'Extension') this.extensionAvailability(type, value, keySpan);
    const inside = insideValue(this.schemas, node, type, value);
    if (!inside) {
      if (type) this.unavailableOnce(type.code, keySpan, `The definition of ${type.code} is not available offline; ${describeNode(node)} is not checked inside.`);
      return;
    }
    this.object(valNode, value, inside, keySpan, res, node.id);
    if (this.fixedAndPattern(node, valNode, value) && type && node.raw.binding?.strength === 'required') this.binding(node, type.code, valNode, value);
    if (type?.code === 'Extension' || inside.path === 'Extension') this.extensionShape(valNode, value, keySpan, inside);
    this.invariants(node, inside !== node ? inside : undefined, value, keySpan, res);
  }

  private extensionAvailability(type: RawTypeRef, value: Record<string, unknown>, keySpan: Span): void {
    const declared = type.profile?.[0];
    const url = declared ? stripVersion(declared) : typeof value.url === 'string' ? value.url : undefined;
    // Relative urls name the parts of a complex extension, defined inside it.
    if (!url || !/^(https?|urn):/.test(url) || this.schemas.hasStructure(url)) return;
    this.unavailableOnce(url, keySpan, `The extension ${url} is not available offline; its content is checked only as an Extension.`);
  }

  /** ext-1 without FHIRPath: an extension has either nested extensions or a value, never both, never neither. Where
   *  the extension's own definition already requires or forbids one side, its cardinality says it (one cause, one
   *  problem). */
  private extensionShape(valNode: Node, value: Record<string, unknown>, keySpan: Span, inside: ElementNode): void {
    const hasExtensions = Array.isArray(value.extension) && value.extension.length > 0;
    let hasValue = false;
    for (const k of Object.keys(value)) if (k.length > 5 && k.startsWith('value') && k.charCodeAt(5) < 0x5b) hasValue = true;
    if (hasExtensions !== hasValue) return;
    const valueDef = inside.childByName.get('value[x]');
    const extensionDef = inside.childByName.get('extension');
    if (hasValue && (valueDef?.max === 0 || extensionDef?.max === 0)) return;
    if (!hasValue && ((valueDef?.min ?? 0) > 0 || (extensionDef?.min ?? 0) > 0)) return;
    this.at('fhir-invariant', hasValue ? valNode : keySpan, `ext-1: an extension has either nested extensions or a value[x], ${hasValue ? 'not both' : 'and this one has neither'}.`);
  }

  private containedResource(node: ElementNode, valNode: Node, value: Record<string, unknown>, keySpan: Span, res: ResourceContext): void {
    const rt = value.resourceType;
    const rtNode = propertyValueNode(valNode, 'resourceType');
    if (typeof rt !== 'string') {
      this.at('fhir-resource-type', keySpan, `${describeNode(node)} holds a resource: it needs a "resourceType".`);
      return;
    }
    const allowed = node.types.map((t) => t.code).filter((c) => c !== 'Resource' && c !== 'DomainResource');
    if (!isR4ResourceType(rt)) {
      this.at('fhir-resource-type', rtNode ? rtNode : keySpan, `"${rt}" is not a FHIR R4 resource type.`);
      return;
    }
    if (allowed.length > 0 && !allowed.includes(rt)) {
      this.at('fhir-resource-type', rtNode ? rtNode : keySpan, `${describeNode(node)} holds a ${allowed.join(' or ')}, not a ${rt}.`);
      return;
    }
    const profiles = resourceProfiles(this.schemas, value, node.types.flatMap((t) => t.profile ?? []));
    if (profiles.length === 0) {
      this.claimedProfiles(valNode, value);
      this.unavailableOnce(rt, rtNode ? rtNode : keySpan, `The definition of ${rt} is not carried offline; ${rt} resources are not checked.`);
      return;
    }
    // %rootResource is the container for a contained resource, the resource itself otherwise (a Bundle entry).
    this.resource(valNode, value, profiles, keySpan, node.name === 'contained' ? res.root : undefined);
  }

  private primitive(node: ElementNode, code: string, valNode: Node, value: unknown, range: Span): void {
    const want = BOOLEAN_TYPES.has(code) ? 'boolean' : NUMBER_TYPES.has(code) ? 'number' : 'string';
    if (valNode.type !== want) {
      this.at('fhir-type', range, `${describeNode(node)} is a ${typeName(code)}: expected a JSON ${want}, not ${jsonKind(valNode)}.`);
      return;
    }
    const regex = code.startsWith(SYSTEM) ? null : this.schemas.primitiveRegex(code);
    const lexical = want === 'string' ? (value as string) : this.text.slice(valNode.offset, valNode.offset + valNode.length);
    if (want === 'string' && lexical.length === 0) {
      this.at('fhir-empty', range, `An empty string: leave ${describeNode(node)} out instead.`);
      return;
    }
    if (regex && !regex.test(lexical)) {
      this.at('fhir-type', range, `${JSON.stringify(lexical.length > 60 ? lexical.slice(0, 57) + '...' : lexical)} is not a valid ${typeName(code)}${formatHint(code)}.`);
      return;
    }
    if (this.fixedAndPattern(node, valNode, value) && code === 'code' && node.raw.binding?.strength === 'required') this.binding(node, code, valNode, value);
  }

  /** False when a fixed value or pattern is broken (then the binding is not checked too: one cause, one problem). */
  private fixedAndPattern(node: ElementNode, valNode: Node, value: unknown): boolean {
    const raw = node.raw;
    if (raw.fixed !== undefined && !deepEqual(value, raw.fixed))
      this.profiled('fhir-fixed-value', valNode, node, `${describeNode(node)} is fixed to ${short(raw.fixed)}`);
    else if (raw.pattern !== undefined && !matchesPattern(value, raw.pattern))
      this.profiled('fhir-pattern-value', valNode, node, `${describeNode(node)} must contain ${short(raw.pattern)}`);
    else return true;
    return false;
  }

  private binding(node: ElementNode, code: string, valNode: Node, value: unknown): void {
    const url = node.raw.binding!.valueSet;
    const vs = this.schemas.valueSet(url);
    const x12 = x12FromValueSetUrl(url);
    if (!vs && !x12?.dataElement) return;
    const vsName = vs?.name ?? `X12 element ${x12!.dataElement}`;
    if (code === 'code') {
      if (typeof value !== 'string' || !vs) return;
      let enumerable = true;
      for (const list of vs.systems.values()) {
        if (list === null) enumerable = false;
        else if (list.has(value)) return;
      }
      if (enumerable)
        this.at('fhir-code-not-in-value-set', valNode, `"${value}" is not in ${vsName}; expected ${listCodes(vs.systems)}.`);
      return;
    }
    const codings: { node: Node; value: Record<string, unknown> }[] = [];
    if (code === 'Coding') codings.push({ node: valNode, value: value as Record<string, unknown> });
    else if (code === 'CodeableConcept') {
      const list = propertyValueNode(valNode, 'coding');
      const plain = (value as Record<string, unknown>).coding;
      if (list?.type === 'array' && Array.isArray(plain))
        list.children?.forEach((c, i) => {
          if (isObject(plain[i])) codings.push({ node: c, value: plain[i] as Record<string, unknown> });
        });
    } else return;
    if (codings.length === 0) return;
    const failures: { range: Span; message: string }[] = [];
    for (const c of codings) {
      const failure = this.codingFailure(vs, x12?.dataElement, vsName, c.node, c.value);
      if (!failure) return;
      failures.push(failure);
    }
    for (const f of failures) this.at('fhir-code-not-in-value-set', f.range, f.message);
  }

  /** Why a Coding is not in the bound value set, or undefined when it is (or cannot be told offline). */
  private codingFailure(
    vs: ReturnType<FhirSchemas['valueSet']>,
    x12Element: string | undefined,
    vsName: string,
    codingNode: Node,
    coding: Record<string, unknown>,
  ): { range: Span; message: string } | undefined {
    const system = coding.system;
    const code = coding.code;
    if (typeof system !== 'string' || typeof code !== 'string') return undefined;
    const systemNode = propertyValueNode(codingNode, 'system');
    const codeNode = propertyValueNode(codingNode, 'code');
    let element: string | undefined;
    if (vs) {
      if (!vs.systems.has(system))
        return { range: systemNode ? systemNode : codingNode, message: `The system ${system} is not in ${vsName}; expected ${[...vs.systems.keys()].join(' or ')}.` };
      const list = vs.systems.get(system);
      if (list && !list.has(code))
        return { range: codeNode ? codeNode : codingNode, message: `"${code}" is not in ${vsName} (${system}); expected ${listCodes(new Map([[system, list]]))}.` };
      element = vs.x12.get(system);
    } else {
      // X12's value sets are not published: only a code of the element's own X12 code system can be checked (against
      // the 278 tables, as a warning); other systems (NUBC's for admission codes, say) may well be in the set.
      if (system !== `https://codesystem.x12.org/005010/${x12Element}`) return undefined;
      element = x12Element;
    }
    if (element && x12HasCodeList(element) && x12CodeMeaning(element, code) === undefined && codeNode) {
      const name = x12ElementName(element);
      this.at('fhir-x12-code', codeNode, `"${code}" is not a code the 278 tables list for X12 element ${element}${name ? ` (${name})` : ''}.`);
    }
    return undefined;
  }

  private invariants(node: ElementNode, inside: ElementNode | undefined, value: Record<string, unknown>, range: Span, res: ResourceContext): void {
    const seen = inside ? new Set<string>() : undefined;
    for (const owner of inside ? [node, inside] : [node]) {
      for (const c of owner.constraints) {
        if (DIRECT_INVARIANTS.has(c.key)) continue;
        if (seen) {
          if (seen.has(c.key)) continue;
          seen.add(c.key);
        }
        if (this.frames.length > 0 && (c.key === 'ref-1' ? isLocalReference(value) : READS_CONTEXT.test(c.expression))) this.readsContext(res);
        const ok = evaluateInvariant(c.key, owner === node ? node.path : owner.path, c.expression, value, res.value, res.root);
        if (ok === false)
          this.at(c.severity === 'error' ? 'fhir-invariant' : 'fhir-invariant-guideline', range, `${c.key}: ${c.human}`);
      }
    }
  }
}

/** The keys that occur more than once among an object's properties. */
function repeated(props: readonly Node[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const p of props) {
    const key = String(p.children?.[0]?.value);
    if (seen.has(key)) twice.add(key);
    else seen.add(key);
  }
  return twice;
}

function isLocalReference(value: Record<string, unknown>): boolean {
  return typeof value.reference === 'string' && value.reference.startsWith('#');
}

function capital(code: string): string {
  return code[0]!.toUpperCase() + code.slice(1);
}

function jsonKind(node: Node): string {
  switch (node.type) {
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'null':
      return 'null';
    default:
      return `a ${node.type}`;
  }
}

function short(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 120 ? s.slice(0, 117) + '...' : s;
}

function listCodes(systems: ReadonlyMap<string, ReadonlyMap<string, string> | null>): string {
  const codes: string[] = [];
  for (const list of systems.values()) if (list) for (const c of list.keys()) codes.push(c);
  const shown = codes.slice(0, 12).join(', ');
  return codes.length > 12 ? `one of ${shown}, … (${codes.length} codes)` : `one of ${shown}`;
}

function formatHint(code: string): string {
  switch (code) {
    case 'date':
      return ' (YYYY, YYYY-MM or YYYY-MM-DD)';
    case 'dateTime':
      return ' (YYYY-MM-DD, or YYYY-MM-DDThh:mm:ss with a time zone)';
    case 'instant':
      return ' (YYYY-MM-DDThh:mm:ss with a time zone)';
    case 'time':
      return ' (hh:mm:ss)';
    case 'id':
      return ' (1-64 letters, digits, "-" and ".")';
    default:
      return '';
  }
}
