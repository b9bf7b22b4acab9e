// The vocabulary of the JSON ⇄ X12 mapping tables: which JSON field sits in which element or component of which
// segment of which loop. Both directions of the converter read the same tables.

import type { RequestKind, Variant } from './types';

/** An element position (1 = the first element after the segment ID) and, in a composite, a 1-based component. */
export interface At {
  readonly element: number;
  readonly component?: number;
}

export interface Fixed {
  readonly at: At;
  readonly value: string;
}

/** One JSON string in one element or component. `with` is a qualifier written beside it (DMG01 D8 before a birth date). */
export interface ValueRule {
  readonly kind: 'value';
  readonly field: string;
  readonly at: At;
  readonly with?: Fixed;
}

/** A date, or a date range when both ends are given: format D8 or RD8 at `format`, CCYYMMDD[-CCYYMMDD] at `value`. */
export interface PeriodRule {
  readonly kind: 'period';
  readonly begin: string;
  readonly end?: string;
  readonly format: At;
  readonly value: At;
  /** The format element only takes RD8 (CR603, CR615). */
  readonly rangeOnly?: boolean;
}

export interface Choice {
  readonly code: string;
  readonly field: string;
}

/** An ID qualifier and ID (NM108/NM109) where each qualifier has its own JSON field; the first one given is written. */
export interface ChoiceRule {
  readonly kind: 'choice';
  readonly qualifier: At;
  readonly value: At;
  readonly choices: readonly Choice[];
}

/** Qualifier/value pairs from element `first` on (PER03–PER08): each given field takes the next free pair, in order. */
export interface PairsRule {
  readonly kind: 'pairs';
  readonly first: number;
  readonly count: number;
  readonly choices: readonly Choice[];
}

/**
 * An NM1 name whose entity type (NM102) follows from the fields given: an organisation (2, its name in NM103) when the
 * organisation name is given and no person field other than the last name is; otherwise a person (1). `unnamed` is
 * NM102 when no name is given at all.
 */
export interface NameRule {
  readonly kind: 'name';
  readonly organization: string;
  /** Person fields by NM1 position: last name 3, first 4, middle 5, prefix 6, suffix 7. */
  readonly person: readonly { readonly field: string; readonly element: number }[];
  readonly unnamed: '1' | '2';
}

export type FieldRule = ValueRule | PeriodRule | ChoiceRule | PairsRule | NameRule;

export interface SegmentRule {
  readonly id: string;
  /** Values that tell this segment from same-ID segments of its loop (REF01, DTP01, CRC01); always written. */
  readonly key?: readonly Fixed[];
  /** Values always written with the segment and expected when reading it (PER01 IC, TOO01 JP). */
  readonly fixed?: readonly Fixed[];
  readonly fields: readonly FieldRule[];
  /** A JSON array, relative to the loop's object, whose items are one segment each (AAA, PWK, TOO). */
  readonly each?: string;
}

/** A 2010x name loop and the JSON object (or array of objects) it holds. */
export interface NameLoopRule {
  readonly loop: string;
  /** Path relative to the level's JSON object; '' is the level's object itself. */
  readonly json: string;
  /** `json` is an array; each item is one loop. */
  readonly repeats?: boolean;
  /** Written even when the JSON has nothing for it (the loops every 278 needs). */
  readonly required?: boolean;
  /** segments[0] is the loop's trigger (NM1). */
  readonly segments: readonly SegmentRule[];
}

/** A 2000x hierarchical level. */
export interface LevelRule {
  readonly loop: string;
  /** HL03. */
  readonly code: string;
  /** HL03 codes of possible parents, nearest first (2000E hangs off the dependent when there is one). */
  readonly parents: readonly string[];
  /** Path relative to the parent level's JSON object; '' shares it. */
  readonly json: string;
  /** `json` is an array; each item is one level (2000F service lines). */
  readonly repeats?: boolean;
  /** Written even when the JSON has nothing for it. */
  readonly required?: boolean;
  readonly segments: readonly SegmentRule[];
  readonly loops: readonly NameLoopRule[];
}

/** Where the envelope values go: ISA06/GS02, ISA08/GS03 and BHT03. */
export interface EnvelopeRule {
  readonly senderId?: string;
  readonly receiverId: string;
  /** Where x12ToJson reads umClearingHouseId: the request's ISA08 (what Optum's sandbox selects by) or GS03. */
  readonly receiverFrom: 'ISA08' | 'GS03';
  readonly transactionId: string;
}

/** A field of Optum's schema (or example) that has no place in the X12, and why. */
export interface UnmappedField {
  readonly field: string;
  readonly reason: string;
}

/** The whole mapping for one request or response kind. */
export interface Layout {
  readonly kind: RequestKind;
  readonly variant: Variant;
  /** Optum's schema name, for messages. */
  readonly schema: string;
  readonly version: string;
  readonly bht02: string;
  readonly bht06?: string;
  readonly envelope: EnvelopeRule;
  readonly levels: readonly LevelRule[];
  readonly unmapped: readonly UnmappedField[];
  /** Other names accepted for a JSON object on input (e.g. a NOA's `requester` for its `source`). */
  readonly aliases?: Readonly<Record<string, { readonly name: string; readonly fields: Readonly<Record<string, string>> }>>;
}

// ---------------------------------------------------------------------------------------------------------------
// Constructors used by the tables. Positions are written as labels ("DMG02", "UM04-1") so each row reads like the
// correspondence tables in shared/reference/optum-prior-auth-api.md §9.

/** "UM04-1" → element 4, component 1. The segment ID is for the reader; tests check every position exists. */
export function at(label: string): At {
  const match = /^[A-Z][A-Z0-9]{1,2}(\d{2})(?:-(\d+))?$/.exec(label);
  if (!match) return { element: 0 };
  return match[2] ? { element: Number(match[1]), component: Number(match[2]) } : { element: Number(match[1]) };
}

export function v(field: string, label: string, withQualifier?: readonly [string, string]): ValueRule {
  return withQualifier
    ? { kind: 'value', field, at: at(label), with: { at: at(withQualifier[0]), value: withQualifier[1] } }
    : { kind: 'value', field, at: at(label) };
}

export function fixed(label: string, value: string): Fixed {
  return { at: at(label), value };
}

export function seg(id: string, fields: readonly FieldRule[], opts: { key?: readonly Fixed[]; fixed?: readonly Fixed[]; each?: string } = {}): SegmentRule {
  return { id, fields, ...opts };
}

export function period(begin: string, end: string | undefined, formatLabel: string, valueLabel: string, rangeOnly = false): PeriodRule {
  const rule: PeriodRule = { kind: 'period', begin, format: at(formatLabel), value: at(valueLabel), ...(rangeOnly ? { rangeOnly } : {}) };
  return end ? { ...rule, end } : rule;
}

/** DTP identified by its DTP01, D8 or RD8. */
export function dtp(qualifier: string, begin: string, end?: string): SegmentRule {
  return seg('DTP', [period(begin, end, 'DTP02', 'DTP03')], { key: [fixed('DTP01', qualifier)] });
}

/** One REF per field, identified by its REF01; `prefix` is the JSON object holding the fields. */
export function refs(qualifiers: Readonly<Record<string, string>>, prefix = ''): SegmentRule[] {
  return Object.entries(qualifiers).map(([field, code]) =>
    seg('REF', [v(prefix + field, 'REF02')], { key: [fixed('REF01', code)] }),
  );
}

/** NM102–NM107 from an organisation name and person names keyed by their NM1 label ("NM104"). */
export function name(organization: string, person: Readonly<Record<string, string>>, unnamed: '1' | '2' = '2'): NameRule {
  return {
    kind: 'name', organization, unnamed,
    person: Object.entries(person).map(([field, label]) => ({ field, element: at(label).element })),
  };
}

export function choice(qualifierLabel: string, valueLabel: string, choices: Readonly<Record<string, string>>): ChoiceRule {
  return {
    kind: 'choice', qualifier: at(qualifierLabel), value: at(valueLabel),
    choices: Object.entries(choices).map(([field, code]) => ({ field, code })),
  };
}

export function pairs(first: number, count: number, choices: Readonly<Record<string, string>>): PairsRule {
  return { kind: 'pairs', first, count, choices: Object.entries(choices).map(([field, code]) => ({ field, code })) };
}

/** Every JSON field a rule reads or writes. */
export function ruleFields(rule: FieldRule): string[] {
  switch (rule.kind) {
    case 'value':
      return [rule.field];
    case 'period':
      return rule.end ? [rule.begin, rule.end] : [rule.begin];
    case 'choice':
    case 'pairs':
      return rule.choices.map((c) => c.field);
    case 'name':
      return [rule.organization, ...rule.person.map((p) => p.field)];
  }
}
