// The inquiry that asks a payer for the current decision on a request already sent ("Check again" after a pended
// answer): the request Bundle turned into a PAS inquiry request Bundle — its Claim under the claim-inquiry profile,
// with the identifiers, parties, insurance and items (service and request type) a payer matches on, and the resources
// the Claim references. Pure: JSON in, JSON out; undefined when the request has no Claim to ask about.

type Json = Record<string, unknown>;

const SD = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** The `|2.2.1` the request's own PAS canonicals carry, if any (the inquiry states the same version). */
function versionSuffix(bundle: Json): string {
  const profiles = isObject(bundle.meta) && Array.isArray(bundle.meta.profile) ? bundle.meta.profile : [];
  for (const p of profiles) if (typeof p === 'string' && p.startsWith(SD) && p.includes('|')) return p.slice(p.indexOf('|'));
  return '';
}

/** Claim elements the claim-inquiry profile keeps; the rest (supportingInfo, diagnoses, care team…) is the request's. */
const CLAIM_KEEP = ['id', 'identifier', 'status', 'type', 'subType', 'use', 'patient', 'billablePeriod', 'created', 'insurer', 'provider', 'priority', 'insurance'];
/** Item elements an inquiry matches on. */
const ITEM_KEEP = ['sequence', 'category', 'productOrService', 'modifier', 'servicedDate', 'servicedPeriod', 'locationCodeableConcept', 'quantity'];
const ITEM_EXTENSIONS = new Set([SD + 'extension-serviceItemRequestType', SD + 'extension-certificationType']);

function references(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) references(v, found);
  else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'reference' && typeof v === 'string') found.add(v);
      else references(v, found);
    }
  }
}

/** The inquiry Bundle for a request Bundle, or undefined when it holds no Claim. */
export function inquiryBundleFor(request: unknown, now: Date = new Date()): Json | undefined {
  if (!isObject(request) || request.resourceType !== 'Bundle') return undefined;
  const entries = list(request.entry);
  const claimEntry = entries.find((e) => isObject(e.resource) && e.resource.resourceType === 'Claim');
  if (!claimEntry || !isObject(claimEntry.resource)) return undefined;
  const version = versionSuffix(request);
  const claim = claimEntry.resource;
  const inquiry: Json = { resourceType: 'Claim' };
  for (const key of CLAIM_KEEP) {
    if (key === 'id' || claim[key] !== undefined) inquiry[key] = claim[key];
    if (key === 'id') inquiry.meta = { profile: [`${SD}profile-claim-inquiry${version}`] };
  }
  if (inquiry.id === undefined) delete inquiry.id;
  const items = list(claim.item).map((item) => {
    const kept: Json = {};
    const extension = list(item.extension).filter((e) => typeof e.url === 'string' && ITEM_EXTENSIONS.has(e.url));
    if (extension.length) kept.extension = extension;
    for (const key of ITEM_KEEP) if (item[key] !== undefined) kept[key] = item[key];
    return kept;
  });
  if (items.length) inquiry.item = items;

  // The Claim first, then every resource it reaches through references (by fullUrl, Type/id or a trailing Type/id).
  const byReference = (reference: string) =>
    entries.find((e) => {
      const r = isObject(e.resource) ? e.resource : {};
      const fullUrl = typeof e.fullUrl === 'string' ? e.fullUrl : '';
      return fullUrl === reference || fullUrl.endsWith('/' + reference) || `${String(r.resourceType)}/${String(r.id)}` === reference;
    });
  const kept: Json[] = [{ ...claimEntry, resource: inquiry }];
  const seen = new Set<Json>([claimEntry]);
  for (let i = 0; i < kept.length; i++) {
    const found = new Set<string>();
    references(kept[i].resource, found);
    for (const reference of found) {
      const entry = byReference(reference);
      if (entry && !seen.has(entry)) {
        seen.add(entry);
        kept.push(entry);
      }
    }
  }
  return {
    resourceType: 'Bundle',
    meta: { profile: [`${SD}profile-pas-inquiry-request-bundle${version}`] },
    ...(request.identifier !== undefined ? { identifier: request.identifier } : {}),
    type: 'collection',
    timestamp: now.toISOString(),
    entry: kept.map((e) => (e.resource === inquiry ? e : { ...e })),
  };
}
