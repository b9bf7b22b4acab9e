// What the walk found inside each array item ("unit": a Bundle entry, a Claim item, an extension…), kept so that the
// next analysis of an edited text replays the units whose text did not change instead of walking them again.
//
// A unit's record is the exact sequence of reports its walk made (offsets relative to the unit), with the units inside
// it as references, so replaying goes through the same reporter calls as a walk would: the reporter's duplicate
// filter, its cap and the "one unavailable message per canonical" rule give the same problems in the same order.
// A unit is only kept when its walk depended on nothing but its own text, the element it is checked against and
// its type: an invariant that reads the resource around it (%resource, %rootResource, resolve(), ref-1 on a "#"
// reference) makes every unit inside that resource one that is walked again, and so does a report outside the unit.

import type { FhirProblemCode } from '../../problems/fhirCatalog';
import type { FhirTextChange } from '../api';
import type { RawTypeRef } from '../packages/data';
import type { ElementNode } from '../schema/types';

export type MemoEvent =
  | { readonly kind: 'report'; start: number; end: number; readonly code: FhirProblemCode; readonly message: string; readonly dedupe: string | undefined }
  | { readonly kind: 'unavailable'; start: number; end: number; readonly key: string; readonly message: string }
  | { readonly kind: 'unit'; at: number; readonly unit: MemoUnit };

export interface MemoUnit {
  /** The element (slice) the item was checked against, the type its property named, and the property's name. */
  readonly node: ElementNode;
  readonly type: RawTypeRef | undefined;
  readonly key: string;
  readonly length: number;
  readonly events: readonly MemoEvent[];
}

/** Items shorter than this are walked again rather than recorded: their records would cost more than they save. */
export const MIN_UNIT_LENGTH = 96;

/** The Reference.reference strings under one array item (offsets relative to the item), for the bundle rules. */
export interface ItemReferences {
  readonly length: number;
  readonly references: readonly { readonly reference: string; readonly start: number; readonly length: number }[];
}

export class WalkMemo {
  /** This walk's units by absolute offset, replayed or new: what the next analysis looks up. */
  readonly units = new Map<number, MemoUnit>();
  /** The references under each array item (of the Bundle's request or inquiry entries) by the item's offset. */
  private readonly referencesAt = new Map<number, ItemReferences>();
  /** Units walked (and recorded) by this walk, and units replayed from the previous one (outermost only). */
  walked = 0;
  replayed = 0;

  /**
   * `previous`: the previous analysis's memo, by offsets in its text; `change`: where the two texts differ
   * (everything outside it is the same text, moved by the change's difference in length).
   */
  constructor(
    private readonly previous?: WalkMemo,
    private readonly change?: FhirTextChange,
  ) {}

  /** The offset in the previous text of the unchanged text at `[offset, offset + length)`, if it is unchanged. */
  private before(offset: number, length: number): number | undefined {
    const change = this.change;
    if (!this.previous || !change) return undefined;
    if (offset + length <= change.start) return offset;
    if (offset >= change.newEnd) return offset - (change.newEnd - change.oldEnd);
    return undefined;
  }

  /** The previous record of the item at `offset`, when its text is unchanged and it was checked the same way. */
  reusable(offset: number, length: number, node: ElementNode, type: RawTypeRef | undefined, key: string): MemoUnit | undefined {
    const old = this.before(offset, length);
    const unit = old === undefined ? undefined : this.previous!.units.get(old);
    return unit && unit.length === length && unit.node === node && unit.type === type && unit.key === key ? unit : undefined;
  }

  /** The references under the array item at `offset`, from the previous analysis when the item's text is unchanged. */
  references(offset: number, length: number, collect: () => ItemReferences): ItemReferences {
    const old = this.before(offset, length);
    let found = old === undefined ? undefined : this.previous!.referencesAt.get(old);
    if (!found || found.length !== length) found = collect();
    this.referencesAt.set(offset, found);
    return found;
  }
}
