// Slicing on the published profiles (extension value discriminators, FHIRPath-style paths, type discriminators on
// Bundle entries) and the closed-slicing rule, which no published PAS, US Core or R4 profile can trigger (their
// closed slicings are all on fully covered choice types): it is tested on profile-claim with Claim.extension closed.

import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseTree } from 'jsonc-parser';
import { loadPackageData } from '../../../server/src/fhir/packages/load';
import { FhirSchemas, schemasFor } from '../../../server/src/fhir/schema/registry';
import { sliceFor } from '../../../server/src/fhir/schema/slicing';
import { FhirReporter } from '../../../server/src/fhir/validate/reporter';
import { FhirWalker } from '../../../server/src/fhir/validate/walk';

const PAS = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';

test('Claim.careTeam slices by the careTeamClaimScope extension value (a FHIRPath discriminator)', () => {
  const schemas = schemasFor('2.2.1')!;
  const careTeam = schemas.profile(PAS + 'profile-claim')!.byId.get('Claim.careTeam')!;
  const member = (scope: boolean) => ({ extension: [{ url: PAS + 'extension-careTeamClaimScope', valueBoolean: scope }], sequence: 1 });
  assert.equal(sliceFor(schemas, careTeam, member(true))?.sliceName, 'OverallClaimMember');
  assert.equal(sliceFor(schemas, careTeam, member(false))?.sliceName, 'ItemClaimMember');
  assert.equal(sliceFor(schemas, careTeam, { sequence: 1 }), undefined);
});

test('Bundle.entry slices by the resource type; Claim.item.extension by url', () => {
  const schemas = schemasFor('2.0.1')!;
  const entry = schemas.profile(PAS + 'profile-pas-request-bundle')!.byId.get('Bundle.entry')!;
  assert.equal(sliceFor(schemas, entry, { resource: { resourceType: 'Claim' } })?.sliceName, 'Claim');
  assert.equal(sliceFor(schemas, entry, { resource: { resourceType: 'Patient' } }), undefined);
  const ext = schemas.profile(PAS + 'profile-claim')!.byId.get('Claim.item.extension')!;
  assert.equal(sliceFor(schemas, ext, { url: PAS + 'extension-certificationType' })?.sliceName, 'certificationType');
  assert.equal(sliceFor(schemas, ext, { url: 'http://example.org/other' }), undefined);
});

test('an item matching no slice of a closed slicing is fhir-slice-unmatched', () => {
  const data = loadPackageData('2.2.1')!;
  const claim = data.structureDefinitions.find((sd) => sd.url === PAS + 'profile-claim')!;
  const closed = {
    ...claim,
    url: 'http://example.org/StructureDefinition/claim-closed-extensions',
    elements: claim.elements.map((e) => (e.id === 'Claim.extension' && e.slicing ? { ...e, slicing: { ...e.slicing, rules: 'closed' as const } } : e)),
  };
  const schemas = new FhirSchemas('2.2.1', { ...data, structureDefinitions: [...data.structureDefinitions, closed] });
  const resource = {
    resourceType: 'Claim',
    extension: [
      { url: PAS + 'extension-levelOfServiceCode', valueCodeableConcept: { coding: [{ system: 'https://codesystem.x12.org/005010/1338', code: 'U' }] } },
      { url: 'http://example.org/fhir/StructureDefinition/local', valueString: 'not a slice' },
    ],
  };
  const text = JSON.stringify(resource, null, 2);
  const reporter = new FhirReporter();
  new FhirWalker(schemas, reporter, text).resource(parseTree(text)!, resource, [schemas.profile(closed.url)!], { offset: 0, length: 1 });
  const unmatched = reporter.finish().filter((p) => p.code === 'fhir-slice-unmatched');
  assert.equal(unmatched.length, 1);
  assert.match(text.slice(unmatched[0]!.start, unmatched[0]!.end), /"url": "http:\/\/example.org\/fhir\/StructureDefinition\/local"/);
});
