// The FHIR resources the local PAS payer answers with, shaped as the PAS packages' examples: response Bundles with the
// ClaimResponse first and the request's resources after it, inquiry-response Bundles, OperationOutcomes, the
// subscription notifications of the R4 backport, the CapabilityStatement and the SMART configuration.

import { randomUUID as cryptoRandomUuid } from 'node:crypto';
import type { PasRule, ReviewAction } from './rules';

export type Json = Record<string, any>;
export type PasVersion = '2.0.1' | '2.2.1';

const PAS = 'http://hl7.org/fhir/us/davinci-pas/';
const SD = PAS + 'StructureDefinition/';
const EXT = SD + 'extension-';
const X12 = 'https://codesystem.x12.org/005010/';
export const PAS_TOPIC = PAS + 'SubscriptionTopic/PASSubscriptionTopic';
const BACKPORT = 'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/';

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** FHIR instant/dateTime with an offset (UTC). */
export function instant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function fhirDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function operationOutcome(code: string, text: string, severity: 'error' | 'fatal' | 'information' = 'error', expression?: string): Json {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, details: { text }, ...(expression ? { expression: [expression] } : {}) }] };
}

/** The version a request is written for: from a versioned PAS canonical in meta.profile, else the payer's default. */
export function versionOf(bundle: Json, fallback: PasVersion): PasVersion {
  const profiles = [...list(bundle.entry).map((e) => e.resource), bundle].flatMap((r) => (isObject(r) && isObject(r.meta) && Array.isArray(r.meta.profile) ? r.meta.profile : []));
  for (const p of profiles) if (typeof p === 'string' && p.startsWith(PAS)) {
    const v = p.split('|')[1];
    if (v?.startsWith('2.0')) return '2.0.1';
    if (v?.startsWith('2.')) return '2.2.1';
  }
  return fallback;
}

export interface RequestFacts {
  readonly bundle: Json;
  readonly claim: Json;
  readonly claimFullUrl: string;
  readonly version: PasVersion;
  /** Patient.identifier values, then Coverage.subscriberId values: what the rule table looks up. */
  readonly memberIds: string[];
  readonly patientIds: string[];
  readonly subscriberIds: string[];
  /** Identifier values of the requesting organization (the subscription topic's orgIdentifier). */
  readonly requesterIds: string[];
}

function resolver(bundle: Json): (reference: unknown) => Json | undefined {
  const entries = list(bundle.entry);
  return (reference) => {
    if (typeof reference !== 'string') return undefined;
    const e = entries.find((x) => x.fullUrl === reference || (typeof x.fullUrl === 'string' && x.fullUrl.endsWith('/' + reference)) || (isObject(x.resource) && `${x.resource.resourceType}/${x.resource.id}` === reference));
    return e && isObject(e.resource) ? e.resource : undefined;
  };
}

/** What the payer needs from a request or inquiry bundle, or why it is not one (words for an OperationOutcome). */
export function readRequest(body: unknown, kind: 'submit' | 'inquire', fallback: PasVersion): RequestFacts | { problem: string; expression?: string } {
  let bundle = body;
  if (isObject(body) && body.resourceType === 'Parameters') {
    const p = list(body.parameter).find((x) => x.name === 'resource');
    bundle = p?.resource;
    if (!isObject(bundle)) return { problem: 'The Parameters resource has no "resource" parameter holding the Bundle.', expression: 'Parameters.parameter' };
  }
  if (!isObject(bundle) || bundle.resourceType !== 'Bundle') {
    return { problem: `Claim/$${kind} takes a PAS ${kind === 'submit' ? 'request' : 'inquiry request'} Bundle (or Parameters with it as "resource"), not ${isObject(bundle) && typeof bundle.resourceType === 'string' ? `a ${bundle.resourceType}` : 'this JSON'}.` };
  }
  if (bundle.type !== 'collection') return { problem: `A PAS request Bundle has type "collection", not "${String(bundle.type)}".`, expression: 'Bundle.type' };
  const first = list(bundle.entry)[0];
  if (!first || !isObject(first.resource) || first.resource.resourceType !== 'Claim') return { problem: 'The first entry of a PAS request Bundle must be the Claim.', expression: 'Bundle.entry[0]' };
  const claim = first.resource;
  if (kind === 'submit' && claim.use !== 'preauthorization') return { problem: `Claim.use must be "preauthorization" for $submit, not "${String(claim.use)}".`, expression: 'Bundle.entry[0].resource.use' };
  const resolve = resolver(bundle);
  const patientIds: string[] = [];
  const subscriberIds: string[] = [];
  const patient = resolve(isObject(claim.patient) ? claim.patient.reference : undefined);
  for (const id of list(patient?.identifier)) if (typeof id.value === 'string') patientIds.push(id.value);
  for (const ins of list(claim.insurance)) {
    const coverage = resolve(isObject(ins.coverage) ? ins.coverage.reference : undefined);
    if (typeof coverage?.subscriberId === 'string') subscriberIds.push(coverage.subscriberId);
  }
  let provider = resolve(isObject(claim.provider) ? claim.provider.reference : undefined);
  if (provider?.resourceType === 'PractitionerRole') provider = resolve(isObject(provider.organization) ? provider.organization.reference : undefined) ?? provider;
  const requesterIds = list(provider?.identifier).flatMap((i) => (typeof i.value === 'string' ? [i.value] : []));
  return { bundle, claim, claimFullUrl: typeof first.fullUrl === 'string' ? first.fullUrl : '', version: versionOf(bundle, fallback), memberIds: [...patientIds, ...subscriberIds], patientIds, subscriberIds, requesterIds };
}

/** The fullUrl for a new resource next to the Claim (same server base, so the Claim's relative references still resolve). */
function siblingUrl(claimFullUrl: string, type: string, id: string): string {
  const m = /^(.*)\/Claim\/[^/]+$/.exec(claimFullUrl);
  return m ? `${m[1]}/${type}/${id}` : `urn:uuid:${id}`;
}

function reviewAction(action: ReviewAction, authorization: string | undefined): Json {
  return {
    url: EXT + 'reviewAction',
    extension: [
      ...(authorization ? [{ url: 'number', valueString: authorization }] : []),
      { url: EXT + 'reviewActionCode', valueCodeableConcept: { coding: [{ system: X12 + '306', code: action }] } },
    ],
  };
}

export interface DecisionInput {
  readonly facts: RequestFacts;
  readonly id: string;
  readonly action?: ReviewAction;
  readonly rule: PasRule;
  readonly disposition?: string;
  readonly authorization?: string;
  readonly nowMs: number;
  readonly profile: 'profile-claimresponse' | 'profile-claiminquiryresponse';
  /** Trace-number identifier system of the payer. */
  readonly identifierSystem: string;
}

function requestedQuantity(item: Json): number | undefined {
  return isObject(item.quantity) && typeof item.quantity.value === 'number' ? item.quantity.value : undefined;
}

/** The ClaimResponse for a Claim: every item gets the action; or the rule's error. */
export function claimResponse(input: DecisionInput): Json {
  const { facts, rule, nowMs } = input;
  const claim = facts.claim;
  const action = input.action ?? rule.action;
  const pended = action === 'A4';
  const certified = action === 'A1' || action === 'A2' || action === 'A6';
  const created = instant(nowMs);
  const issued = fhirDate(nowMs);
  const items = rule.reject
    ? []
    : list(claim.item).map((item) => {
        const extension: Json[] = [];
        if (certified) {
          const start = isObject(item.servicedPeriod) && typeof item.servicedPeriod.start === 'string' ? item.servicedPeriod.start : typeof item.servicedDate === 'string' ? item.servicedDate : issued;
          const end = isObject(item.servicedPeriod) && typeof item.servicedPeriod.end === 'string' ? item.servicedPeriod.end : fhirDate(Date.parse(start.slice(0, 10) + 'T00:00:00Z') + 90 * 86_400_000);
          extension.push({ url: EXT + 'itemPreAuthIssueDate', valueDate: issued }, { url: EXT + 'itemPreAuthPeriod', valuePeriod: { start: start.slice(0, 10), end: end.slice(0, 10) } });
        }
        const quantity = requestedQuantity(item);
        if ((action === 'A2' || action === 'A6') && rule.authorizedShare) {
          const coding = isObject(item.productOrService) ? list(item.productOrService.coding)[0] : undefined;
          const authorized = Math.max(1, Math.floor((quantity ?? 2) * rule.authorizedShare));
          extension.push({
            url: EXT + 'itemAuthorizedDetail',
            extension: [...(coding ? [{ url: 'productOrServiceCode', valueCodeableConcept: { coding: [{ ...coding }] } }] : []), { url: 'quantity', valueQuantity: { value: authorized } }],
          });
        }
        if (pended) extension.push({ url: EXT + 'administrationReferenceNumber', valueString: `PEND-${input.id.slice(0, 8).toUpperCase()}` });
        return {
          ...(extension.length ? { extension } : {}),
          itemSequence: typeof item.sequence === 'number' ? item.sequence : 1,
          adjudication: [{ extension: [reviewAction(action ?? 'CT', certified ? input.authorization : undefined)], category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'submitted' }] } }],
        };
      });
  const response: Json = {
    resourceType: 'ClaimResponse',
    id: input.id,
    meta: { profile: [`${SD}${input.profile}|${facts.version}`] },
    identifier: [{ system: input.identifierSystem, value: input.id }],
    status: 'active',
    type: claim.type ?? { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
    use: 'preauthorization',
    patient: claim.patient,
    created,
    insurer: claim.insurer,
    ...(isObject(claim.provider) ? { requestor: claim.provider } : {}),
    request: { reference: facts.claimFullUrl.startsWith('urn:') ? facts.claimFullUrl : `Claim/${String(claim.id ?? '')}`.replace(/\/$/, '') },
    outcome: rule.reject ? 'error' : pended && facts.version === '2.0.1' ? 'queued' : 'complete',
    ...(input.disposition ?? rule.disposition ? { disposition: input.disposition ?? rule.disposition } : {}),
    ...(certified && input.authorization ? { preAuthRef: input.authorization } : {}),
    ...(items.length ? { item: items } : {}),
  };
  if (!claim.id && !facts.claimFullUrl.startsWith('urn:')) response.request = { identifier: list(claim.identifier)[0] ?? { value: 'unknown' } };
  if (rule.reject) {
    response.error = [
      {
        extension: [
          { url: EXT + 'errorPath', valueString: rule.reject.path },
          { url: EXT + 'errorFollowupAction', valueCodeableConcept: { coding: [{ system: X12 + '889', code: rule.reject.followUp }] } },
        ],
        code: { coding: [{ system: X12 + '901', code: rule.reject.reason }] },
      },
    ];
  }
  return response;
}

/** A response (or inquiry-response) Bundle: the ClaimResponse first, then the request's resources. */
export function responseBundle(facts: RequestFacts, response: Json, bundleId: string, nowMs: number, profile: 'profile-pas-response-bundle' | 'profile-pas-inquiry-response-bundle'): Json {
  const rest = list(facts.bundle.entry).map((e) => ({ fullUrl: e.fullUrl, resource: e.resource }));
  return {
    resourceType: 'Bundle',
    id: bundleId,
    meta: { profile: [`${SD}${profile}|${facts.version}`] },
    identifier: isObject(facts.bundle.identifier) ? facts.bundle.identifier : { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${bundleId}` },
    type: 'collection',
    timestamp: instant(nowMs),
    entry: [{ fullUrl: siblingUrl(facts.claimFullUrl, 'ClaimResponse', String(response.id)), resource: response }, ...rest],
  };
}

/** The R4 backport SubscriptionStatus (a Parameters) inside a notification Bundle. */
export function notificationBundle(options: {
  subscriptionUrl: string;
  type: 'handshake' | 'heartbeat' | 'event-notification' | 'query-status';
  status: string;
  eventsSinceStart: number;
  event?: { number: number; focus?: string; resource?: Json; nowMs: number };
  nowMs: number;
  bundleType?: 'history' | 'searchset';
}): Json {
  const parameter: Json[] = [
    { name: 'subscription', valueReference: { reference: options.subscriptionUrl } },
    { name: 'topic', valueCanonical: PAS_TOPIC },
    { name: 'status', valueCode: options.status },
    { name: 'type', valueCode: options.type },
    { name: 'events-since-subscription-start', valueString: String(options.eventsSinceStart) },
  ];
  if (options.event) {
    parameter.push({ name: 'notification-event', part: [{ name: 'event-number', valueString: String(options.event.number) }, { name: 'timestamp', valueInstant: instant(options.event.nowMs) }, ...(options.event.focus ? [{ name: 'focus', valueReference: { reference: options.event.focus } }] : [])] });
  }
  const entry: Json[] = [{ fullUrl: `urn:uuid:${cryptoRandomUuid()}`, resource: { resourceType: 'Parameters', meta: { profile: [BACKPORT + 'backport-subscription-status-r4'] }, parameter } }];
  if (options.event?.resource && options.event.focus) entry.push({ fullUrl: options.event.focus, resource: options.event.resource });
  const bundle: Json = { resourceType: 'Bundle', meta: { profile: [BACKPORT + 'backport-subscription-notification-r4'] }, type: options.bundleType ?? 'history', timestamp: instant(options.nowMs), entry };
  if (bundle.type === 'history') for (const e of entry) Object.assign(e, { request: { method: 'GET', url: `${options.subscriptionUrl}/$status` }, response: { status: '200' } });
  return bundle;
}

export function capabilityStatement(baseUrl: string, tokenUrl: string, nowMs: number): Json {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: fhirDate(nowMs),
    publisher: 'prior-auth-278 local sandbox',
    kind: 'instance',
    implementation: { description: 'Local Da Vinci PAS payer (decisions from a rule table; no real data)', url: baseUrl },
    instantiates: [PAS + 'CapabilityStatement/IntermediaryCapabilities'],
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          extension: [{ url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris', extension: [{ url: 'token', valueUri: tokenUrl }] }],
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          description: 'SMART Backend Services (private_key_jwt, RS384/ES384) or the local client secret; anonymous requests are accepted unless the payer was started with auth required.',
        },
        resource: [
          { type: 'Claim', operation: [{ name: 'submit', definition: PAS + 'OperationDefinition/Claim-submit' }, { name: 'inquire', definition: PAS + 'OperationDefinition/Claim-inquiry' }] },
          { type: 'ClaimResponse', interaction: [{ code: 'read' }] },
          { type: 'Bundle', interaction: [{ code: 'read' }] },
          {
            extension: [{ url: BACKPORT + 'capabilitystatement-subscriptiontopic-canonical', valueCanonical: PAS_TOPIC }],
            type: 'Subscription',
            interaction: [{ code: 'create' }, { code: 'read' }, { code: 'delete' }],
            operation: [{ name: 'status', definition: 'http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/backport-subscription-status' }],
          },
        ],
      },
    ],
  };
}

export function smartConfiguration(tokenUrl: string, registrationUrl: string): Json {
  return {
    token_endpoint: tokenUrl,
    registration_endpoint: registrationUrl,
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    grant_types_supported: ['client_credentials'],
    scopes_supported: ['system/*.read', 'system/*.write', 'system/Claim.write', 'system/ClaimResponse.read', 'system/Bundle.read', 'system/Subscription.read', 'system/Subscription.write'],
    capabilities: ['client-confidential-asymmetric', 'client-confidential-symmetric'],
  };
}
