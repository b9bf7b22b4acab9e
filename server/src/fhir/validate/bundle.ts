// The PAS bundle rules the profiles state in words: the first entry is the Claim (request, inquiry) or the
// ClaimResponse (response, inquiry response); every reference inside a request bundle resolves to an entry (a
// response may point at the request's Claim outside it); an entry's fullUrl agrees with its resource's type and id.

import type { Node } from 'jsonc-parser';
import type { FhirReporter } from './reporter';
import type { DocumentInput } from './document';

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
  if (!first) return;
  const index = new Set<string>();
  for (const e of entries) {
    if (e.fullUrl) index.add(e.fullUrl);
    if (e.type && e.id) index.add(`${e.type}/${e.id}`);
    if (e.fullUrl) {
      const m = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/.exec(e.fullUrl);
      if (m) index.add(m[1]!);
    }
  }
  entries.forEach((e, i) => {
    if (!e.resource) return;
    collectReferences(e.resource, (ref, node, top) => {
      if (ref.startsWith('#')) return;
      // A response (and an inquiry response) may point at the request's Claim, which is not in the bundle.
      if ((role === 'response' || role === 'inquiry-response') && i === 0 && top === 'request') return;
      const key = ref.replace(/\/_history\/[^/]+$/, '');
      if (index.has(key)) return;
      const relative = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(key)?.[1];
      if (!/^(urn:|https?:)/.test(key) && relative && index.has(relative)) return;
      reporter.report('fhir-bundle-reference', node.offset, node.offset + node.length, `${ref} does not resolve to an entry of this bundle; a PAS ${role} bundle carries every resource it references (add the entry, or fix the reference).`);
    });
  });
}

/** Calls back for every Reference.reference string under a resource (contained resources included), with the
 *  resource's top-level property it sits under. */
function collectReferences(node: Node, visit: (ref: string, at: Node, top: string) => void, top = ''): void {
  if (node.type === 'array') {
    for (const c of node.children ?? []) collectReferences(c, visit, top);
    return;
  }
  if (node.type !== 'object') return;
  for (const p of node.children ?? []) {
    const key = p.children?.[0];
    const value = p.children?.[1];
    if (!key || !value) continue;
    const name = String(key.value);
    if (name === 'reference' && value.type === 'string' && top) visit(String(value.value), value, top);
    else collectReferences(value, visit, top || name);
  }
}
