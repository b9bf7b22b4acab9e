// The shape of the 278 guide knowledge. Everything under server/src/guide/ is plain data of these types,
// written so that a reviewer can check each table against shared/reference/x12-278*.md.

/** X12 data types used by the 278 elements. */
export type DataType = 'ID' | 'AN' | 'DT' | 'TM' | 'N0' | 'N2' | 'R';

/** Required, situational, or not used (in a given guide context). */
export type Usage = 'R' | 'S' | 'N';

/**
 * How sure the reference is of one fact (docs/architecture.md, "confidence per fact"):
 * - 'W' = confirmed for every 278 guide (ST01 278, BHT01 0007, the HL03 level codes): an error in any guide, even when
 *   the content reads as another guide than ST03 names;
 * - 'C' = confirmed for this guide by a named source (a machine-readable guide map): an error;
 * - 'I' = inferred (samples or analogy only): a warning, never an error; the message says so.
 * An entry without a mark is confirmed; inferred tables mark each of their entries (see `inferredTree` in shared.ts).
 */
export type Confidence = 'W' | 'C' | 'I';

/** A simple data element of the base X12 5010 dictionary (e.g. 98 Entity Identifier Code). */
export interface ElementDef {
  readonly number: string;
  readonly name: string;
  readonly type: DataType;
  readonly min: number;
  readonly max: number;
  /** Id of the code list in codeLists.ts giving names for the values, when one exists. */
  readonly codeList?: string;
}

/** A composite data element (e.g. C022 Health Care Code Information). */
export interface CompositeDef {
  readonly number: string;
  readonly name: string;
  /** Element numbers of the components, in order. */
  readonly components: readonly string[];
}

/**
 * An X12 syntax note on a segment: P = all or none, R = at least one, C = if the first then all others,
 * E = not more than one, L = if the first then at least one of the others. Positions are 1-based.
 */
export interface SyntaxRule {
  readonly kind: 'P' | 'R' | 'C' | 'E' | 'L';
  readonly positions: readonly number[];
}

/** A segment of the base X12 5010 dictionary. */
export interface SegmentDef {
  readonly id: string;
  readonly name: string;
  /** One or two sentences, in the project's own words, on what the segment is for in a 278. */
  readonly purpose: string;
  /** Element or composite numbers by position: elements[0] is position 01. */
  readonly elements: readonly string[];
  readonly syntax?: readonly SyntaxRule[];
}

/** A list of code values with short names (names are short facts; longer text is our own). */
export interface CodeList {
  readonly id: string;
  readonly name: string;
  readonly codes: Readonly<Record<string, string>>;
}

/** Usage of one component of a composite in a guide context. */
export interface ComponentUse {
  readonly usage: Usage;
  /** Allowed values in this context (the guide's subset). */
  readonly codes?: readonly string[];
  /** Confidence of this component's usage and codes, when it differs from its element's. */
  readonly confidence?: Confidence;
}

/** Usage of one element position of a segment in a guide context. */
export interface ElementUse {
  readonly usage: Usage;
  /** Allowed values in this context (the guide's subset). Absent = any value of the right type. */
  readonly codes?: readonly string[];
  /** For composites: per-component usage, index 0 = component 1. */
  readonly components?: readonly ComponentUse[];
  /** Maximum repetitions (separated by the repetition separator); default 1. */
  readonly repeat?: number;
  /** Confidence of this element's usage, code subset and repeat, when it differs from the segment's. */
  readonly confidence?: Confidence;
}

/** A segment as a guide uses it at one place (e.g. NM1 "Subscriber Name" in 2010C). */
export interface GuideSegment {
  readonly id: string;
  /** The guide-context name, in our own words (e.g. "Subscriber Name"). */
  readonly name: string;
  readonly usage: 'R' | 'S';
  /** Maximum use within one loop instance; Infinity for unbounded. */
  readonly max: number;
  /** Base position number (e.g. 1700). Segments sharing a position may come in any order. */
  readonly position: number;
  /**
   * Values of the qualifier element that identify this segment among same-ID siblings
   * (NM101, REF01, DTP01, CRC01, HL03, TRN01…). Absent = the segment ID alone identifies it.
   */
  readonly qualifier?: readonly string[];
  /** Which element position holds the qualifier; default 1 (3 for HL). */
  readonly qualifierPosition?: number;
  /**
   * Per-position element usage (key = 1-based position). Positions not listed are 'S' with no code subset
   * when `elementsComplete` is false, or 'N' (not used) when it is true.
   */
  readonly elements?: Readonly<Record<number, ElementUse>>;
  /** True when `elements` lists every used position, so unlisted ones are not used. */
  readonly elementsComplete?: boolean;
  /** Optional extra sentence for hover, in our own words. */
  readonly note?: string;
  /**
   * Confidence of the segment's place in its loop: usage, max use, position and qualifier codes, and the usage of the
   * positions `elements` leaves out; element entries inherit it unless they carry their own.
   */
  readonly confidence?: Confidence;
}

/** A loop: a trigger segment (segments[0]) followed by its segments and child loops. */
export interface GuideLoop {
  /** Loop id as the guides number it, e.g. "2010C". */
  readonly id: string;
  /** Loop name in our own words, e.g. "Subscriber Name". */
  readonly name: string;
  readonly usage: 'R' | 'S';
  /** Maximum repeats within its parent; Infinity for unbounded. */
  readonly max: number;
  /** segments[0] is the loop's first (trigger) segment. */
  readonly segments: readonly GuideSegment[];
  /** Child loops (2010x name loops inside a 2000x level). */
  readonly loops?: readonly GuideLoop[];
  /** Confidence of the loop's contents (which segments and loops it holds), its repeat and, for a level, its parents. */
  readonly confidence?: Confidence;
  /** Confidence of the loop's usage (whether it is required), when it differs from `confidence`. */
  readonly usageConfidence?: Confidence;
  /** Confidence of the loop's repeat (`max`), when it differs from `confidence`. */
  readonly repeatConfidence?: Confidence;
}

/**
 * A hierarchical level (2000A … 2000F). The loop's trigger is an HL whose HL03 is `level`; its HL02 must point at an HL
 * whose level is one of `parents` (none for the top level).
 */
export interface GuideLevel extends GuideLoop {
  /** HL03 code of this level, e.g. "22". */
  readonly level: string;
  /** HL03 codes allowed for the parent HL; empty for the top level. */
  readonly parents: readonly string[];
  /** Allowed HL04 values; '1' means children follow, '0' means none. */
  readonly childCodes: readonly string[];
  /** Short role name used in outlines, e.g. "Subscriber". */
  readonly role: string;
}

export type GuideId = '005010X215' | '005010X216' | '005010X217';
export type GuideVariant = 'request' | 'response';

/** One implementation guide variant: e.g. X217 request. */
export interface Guide {
  readonly id: GuideId;
  readonly variant: GuideVariant;
  /** Human name, e.g. "Prior authorization request (X217)". */
  readonly name: string;
  /** BHT02 values that select this variant. */
  readonly bht02: readonly string[];
  /** ST and BHT, in order. */
  readonly header: readonly GuideSegment[];
  /** Hierarchical levels, in the order they usually appear. */
  readonly levels: readonly GuideLevel[];
  /** SE. */
  readonly trailer: GuideSegment;
  /** Level codes that must each appear at least once in a transaction (e.g. 20, 21, 22, EV for a request). */
  readonly requiredLevels: readonly string[];
  /** Confidence of `requiredLevels` (loop usage; the X215 response's map does not give it). */
  readonly requiredLevelsConfidence: Confidence;
  /** Maximum count of HL loops per level code within one transaction, where the guide caps it. */
  readonly levelMax?: Readonly<Record<string, number>>;
}
