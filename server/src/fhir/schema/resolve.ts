// From a JSON property name to the element definition that governs it (direct children, choice types, `_name`
// primitive extensions), and from an element definition to the ElementInfo features show.

import type { ElementInfo } from '../api';
import type { RawTypeRef } from '../packages/data';
import { x12Codes, x12FromDefinition, x12FromValueSetUrl } from '../x12Codes';
import type { FhirSchemas } from './registry';
import { capitalize } from './slicing';
import type { ElementNode } from './types';

export interface PropertyMatch {
  readonly node: ElementNode;
  /** The type of the value: the single type, or the one a choice property names. */
  readonly type: RawTypeRef | undefined;
  /** "_birthDate": the id/extension part of a primitive. */
  readonly primitiveExtension: boolean;
  /** A choice property whose type suffix the element does not allow ("valueFoo"). */
  readonly badChoiceType?: string;
}

export function resolveProperty(container: ElementNode, property: string): PropertyMatch | undefined {
  const primitiveExtension = property.length > 1 && property.charCodeAt(0) === 0x5f; /* _ */
  const name = primitiveExtension ? property.slice(1) : property;
  const direct = container.childByName.get(name);
  if (direct && !direct.isChoice) return { node: direct, type: direct.types.length === 1 ? direct.types[0] : undefined, primitiveExtension };
  for (const child of container.children) {
    if (!child.isChoice) continue;
    const stem = child.name.slice(0, -3);
    if (name.length <= stem.length || !name.startsWith(stem)) continue;
    const suffix = name.slice(stem.length);
    if (suffix[0] !== suffix[0]!.toUpperCase()) continue;
    const type = child.types.find((t) => capitalize(t.code) === suffix);
    return type ? { node: child, type, primitiveExtension } : { node: child, type: undefined, primitiveExtension, badChoiceType: suffix };
  }
  return undefined;
}

/** For a sliced choice element (value[x]:valueQuantity), the slice a concrete type falls into. */
export function choiceSlice(node: ElementNode, property: string, type: RawTypeRef | undefined): ElementNode | undefined {
  for (const s of node.slices) {
    if (s.sliceName === property) return s;
    if (type && s.types.length === 1 && s.types[0]!.code === type.code) return s;
  }
  return undefined;
}

function typeLabel(t: RawTypeRef): string {
  const code = t.code.startsWith('http://hl7.org/fhirpath/System.') ? t.code.slice('http://hl7.org/fhirpath/System.'.length).toLowerCase() : t.code;
  if (code === 'Reference' || code === 'canonical') {
    const targets = (t.targetProfile ?? []).map((p) => p.split('|')[0]!.split('/').pop()).join(' | ');
    return targets ? `${code}(${targets})` : code;
  }
  return code;
}

const infoCache = new WeakMap<ElementNode, ElementInfo>();

export function elementInfo(schemas: FhirSchemas, node: ElementNode): ElementInfo {
  const cached = infoCache.get(node);
  if (cached) return cached;
  const raw = node.raw;
  let binding: ElementInfo['binding'];
  let x12 = x12FromDefinition(raw.definition ?? raw.short);
  if (raw.binding) {
    const fromUrl = x12FromValueSetUrl(raw.binding.valueSet);
    if (fromUrl) x12 = { ...x12, ...fromUrl };
    const vs = schemas.valueSet(raw.binding.valueSet);
    let codes: { system?: string; code: string; display?: string }[] | undefined;
    if (vs) {
      codes = [];
      for (const [system, list] of vs.systems) {
        const element = vs.x12.get(system);
        if (list) for (const [code, display] of list) codes.push(display ? { system, code, display } : { system, code });
        else if (element) for (const c of x12Codes(element)) codes.push({ system, code: c.code, display: c.display });
      }
      if (codes.length === 0) codes = undefined;
      const element = [...vs.x12.values()][0];
      if (element && !x12?.dataElement) x12 = { ...x12, dataElement: element };
    } else if (fromUrl?.dataElement) {
      const system = `https://codesystem.x12.org/005010/${fromUrl.dataElement}`;
      const list = x12Codes(fromUrl.dataElement).map((c) => ({ system, code: c.code, display: c.display }));
      codes = list.length ? list : undefined;
    }
    binding = { strength: raw.binding.strength, valueSet: raw.binding.valueSet, ...(codes ? { codes } : {}) };
  }
  const info: ElementInfo = {
    id: node.id,
    path: node.path,
    ...(raw.short ? { short: raw.short } : {}),
    ...(raw.definition ? { definition: raw.definition } : {}),
    min: node.min,
    max: raw.max,
    types: node.types.map(typeLabel),
    mustSupport: !!raw.mustSupport,
    ...(binding ? { binding } : {}),
    profile: node.profile.url,
    ...(x12 && (x12.segment || x12.dataElement) ? { x12 } : {}),
  };
  infoCache.set(node, info);
  return info;
}
