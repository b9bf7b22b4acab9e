// Steps shared by validation and lookups: an array item's slice, the definition inside a value, the profile of a
// resource found inside another (Bundle.entry.resource, contained, Parameters.parameter.resource).

import type { RawTypeRef } from '../packages/data';
import type { FhirSchemas } from './registry';
import { stripVersion } from './registry';
import { choiceSlice, type PropertyMatch } from './resolve';
import { sliceFor } from './slicing';
import type { CompiledProfile, ElementNode } from './types';

export function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** The slice an item of `node` falls in (or the node itself when unsliced or unmatched). */
export function itemNode(schemas: FhirSchemas, node: ElementNode, property: string, type: RawTypeRef | undefined, item: unknown): ElementNode {
  if (node.slices.length === 0) return node;
  if (node.isChoice) return choiceSlice(node, property, type) ?? node;
  return sliceFor(schemas, node, item) ?? node;
}

/**
 * The type of one value of `node` (the element or the slice its item fell in): a slice narrows the type (an extension
 * slice names its extension's definition in type.profile), else the type the property named, else the single type.
 */
export function valueType(node: ElementNode, match: PropertyMatch): RawTypeRef | undefined {
  return node !== match.node && node.types.length === 1 ? node.types[0] : (match.type ?? (node.types.length === 1 ? node.types[0] : undefined));
}

export function isResourceTyped(schemas: FhirSchemas, node: ElementNode): boolean {
  const t = node.types[0];
  return !!t && node.types.length === 1 && (t.code === 'Resource' || t.code === 'DomainResource' || schemas.isResourceType(t.code));
}

const PAS = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';

/**
 * A PAS request bundle's Claim entry is a new request (PASClaim) or an update (PASClaimUpdate): 2.2.1's slice names
 * both, 2.0.1's only the update, which derives from PASClaim and adds optional slices for changed and cancelled
 * information. A Claim that does not declare itself an update (meta.profile) is a new request.
 */
const ALTERNATIVES: Readonly<Record<string, readonly string[]>> = {
  [`${PAS}profile-claim-update`]: [`${PAS}profile-claim`, `${PAS}profile-claim-update`],
};

/**
 * The profiles a resource value is checked against: the one of the slice's type profiles its meta.profile names
 * (else the first, a new Claim before an update), then the others it claims in meta.profile that the package
 * carries, else its base definition. The resource's own claim comes first: it names the profile in messages and hover.
 */
export function resourceProfiles(schemas: FhirSchemas, value: unknown, declared: readonly string[]): CompiledProfile[] {
  if (!isObject(value) || typeof value.resourceType !== 'string') return [];
  const claimed = isObject(value.meta) && Array.isArray(value.meta.profile) ? value.meta.profile.filter((p): p is string => typeof p === 'string').map(stripVersion) : [];
  const out: CompiledProfile[] = [];
  const add = (url: string) => {
    const p = schemas.profile(url);
    if (p && p.sd.type === value.resourceType && !out.includes(p)) out.push(p);
  };
  const declaredUrls = [...new Set(declared.map(stripVersion).flatMap((d) => ALTERNATIVES[d] ?? [d]))];
  const chosen = claimed.find((c) => declaredUrls.includes(c)) ?? declaredUrls[0];
  if (chosen) add(chosen);
  for (const c of claimed) add(c);
  if (out.length === 0) {
    const base = schemas.base(value.resourceType);
    if (base) out.push(base);
  }
  return out;
}

/** The node whose children describe the inside of `value`, a value of `node` (after slice selection). */
export function insideValue(schemas: FhirSchemas, node: ElementNode, type: RawTypeRef | undefined, value: unknown): ElementNode | undefined {
  if (isResourceTyped(schemas, node) && isObject(value) && typeof value.resourceType === 'string')
    return resourceProfiles(schemas, value, node.types.flatMap((t) => t.profile ?? []))[0]?.root;
  const t = type ?? (node.types.length === 1 ? node.types[0] : undefined);
  if (t?.code === 'Extension' && !t.profile?.length && node.sliceName === undefined && isObject(value) && typeof value.url === 'string') {
    const ext = schemas.profile(value.url);
    if (ext) return ext.root;
  }
  return schemas.inside(node, t);
}
