// Which JSON documents are PAS documents, which profile their top-level resource is validated against, and which
// PAS version is in force. Cheap and total: reads only the root object's resourceType, meta.profile and, for
// *.pas.json Bundles, the first entry's resourceType.

import type { Node } from 'jsonc-parser';
import { findNodeAtLocation, getNodeValue, parseTree } from 'jsonc-parser';
import type { FhirOptions, PasDocumentInfo, PasVersion } from './api';

export const PAS_PREFIX = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';
const VERSIONS: readonly PasVersion[] = ['2.0.1', '2.2.1'];

/** The profile a *.pas.json resource without a PAS meta.profile is validated against, by resourceType. */
const DEFAULT_PROFILES: Readonly<Record<string, string>> = {
  Claim: 'profile-claim',
  ClaimResponse: 'profile-claimresponse',
  Patient: 'profile-beneficiary',
  Coverage: 'profile-coverage',
  Organization: 'profile-organization',
  Practitioner: 'profile-practitioner',
  PractitionerRole: 'profile-practitionerrole',
  Encounter: 'profile-encounter',
  Location: 'profile-location',
  ServiceRequest: 'profile-servicerequest',
  DeviceRequest: 'profile-devicerequest',
  MedicationRequest: 'profile-medicationrequest',
  NutritionOrder: 'profile-nutritionorder',
  CommunicationRequest: 'profile-communicationrequest',
  DocumentReference: 'profile-documentreference',
  Task: 'profile-task',
  Subscription: 'profile-subscription',
};

const ROLES: Readonly<Record<string, PasDocumentInfo['role']>> = {
  'profile-pas-request-bundle': 'request',
  'profile-pas-inquiry-request-bundle': 'inquiry',
  'profile-pas-response-bundle': 'response',
  'profile-pas-inquiry-response-bundle': 'inquiry-response',
  'profile-claim': 'request',
  'profile-claim-update': 'request',
  'profile-claim-inquiry': 'inquiry',
  'profile-claimresponse': 'response',
  'profile-claiminquiryresponse': 'inquiry-response',
};

export function isPasFileName(uri: string | undefined): boolean {
  return !!uri && /\.pas\.json$/i.test(uri.replace(/[?#].*$/, ''));
}

function stringAt(root: Node, path: (string | number)[]): string | undefined {
  const node = findNodeAtLocation(root, path);
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/** Detection over an already parsed tree (the analysis parses once). */
export function detectPasInTree(root: Node | undefined, options: FhirOptions): PasDocumentInfo | undefined {
  const named = isPasFileName(options.uri);
  if (!root || root.type !== 'object') return named ? notAResource(options) : undefined;
  const resourceType = stringAt(root, ['resourceType']);
  if (!resourceType && named) return notAResource(options);
  const profiles = findNodeAtLocation(root, ['meta', 'profile']);
  const claimed = profiles?.type === 'array' ? (getNodeValue(profiles) as unknown[]).filter((p): p is string => typeof p === 'string') : [];
  const pasProfile = claimed.find((p) => p.startsWith(PAS_PREFIX));
  let profile: string | undefined;
  let version: PasVersion | undefined;
  if (pasProfile) {
    const [url, v] = pasProfile.split('|') as [string, string | undefined];
    profile = url;
    version = VERSIONS.find((known) => known === v);
  } else if (isPasFileName(options.uri) && resourceType) {
    profile = fileProfile(root, resourceType);
  } else return undefined;
  if (!resourceType) return undefined;
  const name = profile.startsWith(PAS_PREFIX) ? profile.slice(PAS_PREFIX.length) : '';
  return {
    version: version ?? options.defaultVersion ?? '2.0.1',
    versionFromDocument: version !== undefined,
    profile,
    resourceType,
    role: ROLES[name] ?? 'other',
  };
}

/** A *.pas.json file that is not a resource: still a PAS document, so that it gets told what is wrong. */
function notAResource(options: FhirOptions): PasDocumentInfo {
  return { version: options.defaultVersion ?? '2.0.1', versionFromDocument: false, profile: '', resourceType: '', role: 'other' };
}

function fileProfile(root: Node, resourceType: string): string {
  if (resourceType === 'Bundle') {
    const first = stringAt(root, ['entry', 0, 'resource', 'resourceType']);
    const firstProfiles = findNodeAtLocation(root, ['entry', 0, 'resource', 'meta', 'profile']);
    const inquiry = firstProfiles?.type === 'array' && JSON.stringify(getNodeValue(firstProfiles)).includes('inquiry');
    if (first === 'ClaimResponse') return PAS_PREFIX + (inquiry ? 'profile-pas-inquiry-response-bundle' : 'profile-pas-response-bundle');
    if (first === 'Claim') return PAS_PREFIX + (inquiry ? 'profile-pas-inquiry-request-bundle' : 'profile-pas-request-bundle');
    return 'http://hl7.org/fhir/StructureDefinition/Bundle';
  }
  const known = DEFAULT_PROFILES[resourceType];
  return known ? PAS_PREFIX + known : `http://hl7.org/fhir/StructureDefinition/${resourceType}`;
}

export function parseJson(text: string): { root: Node | undefined; errors: { error: number; offset: number; length: number }[] } {
  const errors: { error: number; offset: number; length: number }[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  } catch {
    root = undefined;
  }
  return { root, errors };
}

export function detectPas(text: string, options: FhirOptions): PasDocumentInfo | undefined {
  try {
    if (!isPasFileName(options.uri) && (!/^\s*\{/.test(text.slice(0, 4096)) || !text.includes(PAS_PREFIX))) return undefined;
    return detectPasInTree(parseJson(text).root, options);
  } catch {
    return undefined;
  }
}
