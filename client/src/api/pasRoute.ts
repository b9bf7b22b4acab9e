// Which PAS operation a document goes to: a request bundle to Claim/$submit, an inquiry bundle to Claim/$inquire; a
// response, a bare resource or anything else is refused with words. Reads meta.profile canonicals first, then the
// shape (the Claim's profile and use). Pure; shared by the CLI and the extension.

import type { PasOperation } from './pasClient';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function profiles(resource: unknown): string[] {
  return isObject(resource) && isObject(resource.meta) && Array.isArray(resource.meta.profile) ? resource.meta.profile.filter((p): p is string => typeof p === 'string').map((p) => p.split('|')[0]) : [];
}

const SD = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';

/** True when the JSON value is a FHIR resource (it has a resourceType), i.e. not an Optum request body. */
export function isFhirResource(value: unknown): boolean {
  return isObject(value) && typeof value.resourceType === 'string';
}

/** The operation for a PAS document, or words for why it cannot be sent. */
export function pasOperationFor(value: unknown): { operation: PasOperation } | { refusal: string } {
  if (!isObject(value) || value.resourceType !== 'Bundle') {
    const what = isObject(value) && typeof value.resourceType === 'string' ? `a ${value.resourceType}` : 'not a FHIR resource';
    return { refusal: `this is ${what}; PAS sends a request or inquiry Bundle` };
  }
  const bundleProfiles = profiles(value);
  if (bundleProfiles.includes(SD + 'profile-pas-inquiry-request-bundle')) return { operation: 'inquire' };
  if (bundleProfiles.includes(SD + 'profile-pas-request-bundle')) return { operation: 'submit' };
  if (bundleProfiles.some((p) => p === SD + 'profile-pas-response-bundle' || p === SD + 'profile-pas-inquiry-response-bundle')) return { refusal: 'this is a response bundle; responses are not sent' };
  const first = Array.isArray(value.entry) && isObject(value.entry[0]) ? value.entry[0].resource : undefined;
  if (!isObject(first)) return { refusal: 'the Bundle has no first entry; a PAS request starts with its Claim' };
  if (first.resourceType === 'ClaimResponse') return { refusal: 'this is a response bundle (its first entry is a ClaimResponse); responses are not sent' };
  if (first.resourceType !== 'Claim') return { refusal: `the first entry is a ${String(first.resourceType)}; a PAS request starts with its Claim` };
  if (profiles(first).includes(SD + 'profile-claim-inquiry')) return { operation: 'inquire' };
  if (first.use === 'preauthorization') return { operation: 'submit' };
  return { refusal: 'cannot tell a request from an inquiry: give the Bundle its PAS profile (meta.profile)' };
}
