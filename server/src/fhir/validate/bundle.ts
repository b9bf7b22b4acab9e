// The PAS bundle rules the package states in words (its requirements list, Basic-fromNarrative): the first entry is
// the Claim (spec-12; inquiry) or the ClaimResponse (spec-30); a request or inquiry bundle carries every resource its
// Claim references, and the resources those reference, all the way down (spec-13, spec-67), while a response states
// no such rule (it may point at the request's Claim and the request's resources outside it); an entry's fullUrl
// agrees with its resource's type and id.

import type { Node } from 'jsonc-parser';
import type { FhirReporter } from './reporter';
import type { DocumentInput } from './document';
import { MIN_UNIT_LENGTH, type WalkMemo } from './memo';

const FIRST: Readonly<Record<string, string>> = { request: 'Claim', inquiry: 'Claim', response: 'ClaimResponse', 'inquiry-response': 'ClaimResponse' };

function prop(object: Node | undefined, name: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  for (const p of object.children ?? []) if (p.children?.[0]?.value === name) return p.children[1];
  return undefined;
}

interface Entry {
  readonly node: Node;
  readonly fullUrl?: string;
  readonly resource?: Node;
  readonly type?: string;
  readonly id?: string;
}

export function checkPasBundle(input: DocumentInput, reporter: FhirReporter): void {
  const root = input.root;
  if (!root || input.pas.resourceType !== 'Bundle' || !input.pas.profile.includes('/profile-pas-')) return;
  const role = input.pas.role;
  const entriesNode = prop(root, 'entry');
  const entries: Entry[] = [];
  for (const e of entriesNode?.type === 'array' ? entriesNode.children ?? [] : []) {
    const resource = prop(e, 'resource');
    const fullUrl = prop(e, 'fullUrl');
    const type = prop(resource, 'resourceType');
    const id = prop(resource, 'id');
    entries.push({
      node: e,
      ...(fullUrl?.type === 'string' ? { fullUrl: String(fullUrl.value) } : {}),
      ...(resource ? { resource } : {}),
      ...(type?.type === 'string' ? { type: String(type.value) } : {}),
      ...(id?.type === 'string' ? { id: String(id.value) } : {}),
    });
  }
  const first = FIRST[role];
  if (first && entries.length > 0 && entries[0]!.type !== first) {
    const at = prop(entries[0]!.resource, 'resourceType') ?? entries[0]!.node;
    reporter.report('fhir-bundle-first-entry', at.offset, at.offset + at.length, `The first entry of a PAS ${role} bundle must be the ${first}; found ${entries[0]!.type ?? 'no resource'}.`);
  }
  for (const e of entries) {
    if (!e.fullUrl || !e.type || !e.id || /^urn:(uuid|oid):/.test(e.fullUrl)) continue;
    const tail = e.fullUrl.replace(/\/_history\/[^/]+$/, '').split('/').slice(-2).join('/');
    if (tail !== `${e.type}/${e.id}`) {
      const at = prop(e.node, 'fullUrl')!;
      reporter.report('fhir-bundle-fullurl', at.offset, at.offset + at.length, `fullUrl should end with ${e.type}/${e.id} (the resource's type and id).`);
    }
  }
  if (role !== 'request' && role !== 'inquiry') return;
  const index = new Set<string>();
  for (const e of entries) {
    if (e.fullUrl) index.add(e.fullUrl);
    if (e.type && e.id) index.add(`${e.type}/${e.id}`);
    if (e.fullUrl) {
      const m = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/.exec(e.fullUrl);
      if (m) index.add(m[1]!);
    }
  }
  for (const e of entries) {
    if (!e.resource) continue;
    const resource = e.resource;
    const base = e.node.offset;
    const collect = () => {
      const inside: Reference[] = [];
      collectReferences(resource, inside, input.memo);
      return { length: e.node.length, references: inside.map((r) => ({ ...r, start: r.start - base })) };
    };
    // An unchanged entry's references (offsets relative to the entry) come from the previous analysis.
    const found = input.memo ? input.memo.references(base, e.node.length, collect) : collect();
    for (const { reference: ref, start, length } of found.references) {
      const node = { offset: base + start, length };
      if (ref.startsWith('#')) continue;
      const key = ref.replace(/\/_history\/[^/]+$/, '');
      if (index.has(key)) continue;
      const relative = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(key)?.[1];
      if (!/^(urn:|https?:)/.test(key) && relative && index.has(relative)) continue;
      reporter.report('fhir-bundle-reference', node.offset, node.offset + node.length, `${ref} does not resolve to an entry of this bundle; a PAS ${role} bundle carries every resource its Claim references, directly or through other entries (add the entry, or fix the reference).`);
    }
  }
}

interface Reference {
  readonly reference: string;
  readonly start: number;
  readonly length: number;
}

/**
 * Every Reference.reference string under a resource (contained resources included), in text order. The references
 * under an array item the memo knows from the previous analysis (an unchanged Claim item, say) are taken from it.
 */
function collectReferences(node: Node, out: Reference[], memo: WalkMemo | undefined): void {
  if (node.type === 'array') {
    for (const item of node.children ?? []) {
      if (!memo || item.type !== 'object' || item.length < MIN_UNIT_LENGTH) {
        collectReferences(item, out, memo);
        continue;
      }
      const base = item.offset;
      const known = memo.references(base, item.length, () => {
        const inside: Reference[] = [];
        collectReferences(item, inside, memo);
        return { length: item.length, references: inside.map((r) => ({ ...r, start: r.start - base })) };
      });
      for (const r of known.references) out.push({ reference: r.reference, start: base + r.start, length: r.length });
    }
    return;
  }
  if (node.type !== 'object') return;
  for (const p of node.children ?? []) {
    const key = p.children?.[0];
    const value = p.children?.[1];
    if (!key || !value) continue;
    if (key.value === 'reference' && value.type === 'string') out.push({ reference: String(value.value), start: value.offset, length: value.length });
    else if (value.type === 'object' || value.type === 'array') collectReferences(value, out, memo);
  }
}
