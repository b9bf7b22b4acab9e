// Deterministic generator of a Da Vinci PAS request Bundle for the benchmark: one Claim with N service items (varied
// categories, CPT codes, places of service, dates), the requester, the payer, the coverage and the patient. The same
// seed gives the same text; the bundle validates without errors (checked by the benchmark before it measures).

import type { PasVersion } from '../../server/src/fhir/api';
import { prng } from './generate';

const PAS = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';
const X12 = 'https://codesystem.x12.org/005010/';
const BASE = 'http://example.org/fhir/';
const CATEGORIES = ['1', '2', '3', '4', '42', '56', '62', '73'];
const CPT = ['70488', '78452', '71260', '27447', '29881', '43239', '97110', '99213'];
const PLACES = ['11', '19', '21', '22', '12'];
const CERTIFICATION = ['I', 'I', 'I', 'R', 'S'];

const concept = (system: string, code: string, display?: string) => ({ coding: [{ system, code, ...(display ? { display } : {}) }] });
const extension = (name: string, value: Record<string, unknown>) => ({ url: `${PAS}extension-${name}`, ...value });

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

export function generatePasRequest(items: number, version: PasVersion, seed = 278): string {
  const r = prng(seed);
  const profile = (name: string) => [`${PAS}${name}|${version}`];
  const day = (offset: number) => new Date(Date.UTC(2026, 0, 5 + offset)).toISOString().slice(0, 10);
  const claimItems = [];
  for (let i = 1; i <= items; i++) {
    const start = Math.floor(r() * 300);
    claimItems.push({
      extension: [
        extension('serviceItemRequestType', { valueCodeableConcept: concept(`${X12}1525`, 'HS', 'Health Services Review') }),
        extension('certificationType', { valueCodeableConcept: concept(`${X12}1322`, pick(r, CERTIFICATION)) }),
      ],
      sequence: i,
      category: concept(`${X12}1365`, pick(r, CATEGORIES)),
      productOrService: concept('http://www.ama-assn.org/go/cpt', pick(r, CPT)),
      servicedPeriod: { start: day(start), end: day(start + 1 + Math.floor(r() * 30)) },
      locationCodeableConcept: concept('https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set', pick(r, PLACES)),
      quantity: { value: 1 + Math.floor(r() * 10) },
    });
  }
  const member = String(1000000000 + Math.floor(r() * 8999999999));
  const resources = [
    {
      resourceType: 'Claim', id: 'claim-1', meta: { profile: profile('profile-claim') },
      identifier: [{ system: 'http://example.org/PATIENT_EVENT_TRACE_NUMBER', value: `TRACE${seed}` }],
      status: 'active', type: concept('http://terminology.hl7.org/CodeSystem/claim-type', 'professional'), use: 'preauthorization',
      patient: { reference: 'Patient/patient-1' }, created: '2026-01-05T10:00:00-05:00',
      insurer: { reference: 'Organization/payer-1' }, provider: { reference: 'Organization/requester-1' },
      priority: concept('http://terminology.hl7.org/CodeSystem/processpriority', 'normal'),
      insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/coverage-1' } }],
      item: claimItems,
    },
    {
      resourceType: 'Organization', id: 'requester-1', meta: { profile: profile('profile-requestor') },
      identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }], active: true,
      type: [concept(`${X12}98`, 'X3')], name: 'REQUESTING CLINIC',
    },
    { resourceType: 'Organization', id: 'payer-1', meta: { profile: profile('profile-insurer') }, active: true, type: [concept(`${X12}98`, 'PR')], name: 'EXAMPLE HEALTH PLAN' },
    {
      resourceType: 'Coverage', id: 'coverage-1', meta: { profile: profile('profile-coverage') },
      identifier: [{ type: concept('http://terminology.hl7.org/CodeSystem/v2-0203', 'MB'), value: member }],
      status: 'active', subscriberId: member, beneficiary: { reference: 'Patient/patient-1' },
      relationship: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: 'self' }, { system: `${X12}1069`, code: '18', display: 'Self' }] },
      payor: [{ reference: 'Organization/payer-1' }],
    },
    {
      resourceType: 'Patient', id: 'patient-1', meta: { profile: profile('profile-subscriber') },
      identifier: [{ system: 'http://example.org/MIN', value: member }], name: [{ family: 'SMITH', given: ['JOE'] }], gender: 'male', birthDate: '1970-01-01',
    },
  ];
  return JSON.stringify(
    {
      resourceType: 'Bundle', meta: { profile: profile('profile-pas-request-bundle') },
      identifier: { system: 'http://example.org/SUBMITTER_TRANSACTION_IDENTIFIER', value: `BENCH${seed}` },
      type: 'collection', timestamp: '2026-01-05T10:00:00-05:00',
      entry: resources.map((resource) => ({ fullUrl: `${BASE}${resource.resourceType}/${resource.id}`, resource })),
    },
    null,
    2,
  );
}
