// The FHIR core's entry points on the packages' own examples: detection, locating elements, allowed children.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeFhirDocument, childElementsAt, detectPas, locateFhir } from '../../../server/src/fhir';
import { FIXTURES } from '../../helpers/fixtures';

const EXAMPLES = join(FIXTURES, 'fhir/examples');
const read = (version: string, name: string) => readFileSync(join(EXAMPLES, version, name), 'utf8');

test('detectPas: meta.profile with a version picks the profile and the version', () => {
  const info = detectPas(read('2.2.1', 'Bundle-ReferralAuthorizationBundleExample.json'), {});
  assert.equal(info?.profile, 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-pas-request-bundle');
  assert.equal(info?.resourceType, 'Bundle');
  assert.equal(info?.role, 'request');
});

test('detectPas: an unversioned canonical takes the default version; a plain JSON file is not PAS', () => {
  const text = JSON.stringify({ resourceType: 'Claim', meta: { profile: ['http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-claim'] } });
  assert.deepEqual(detectPas(text, { defaultVersion: '2.2.1' }), {
    version: '2.2.1',
    versionFromDocument: false,
    profile: 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-claim',
    resourceType: 'Claim',
    role: 'request',
  });
  assert.equal(detectPas(JSON.stringify({ resourceType: 'Claim' }), {}), undefined);
  assert.equal(detectPas('{"resourceType": "Claim"', {}), undefined);
  assert.equal(detectPas('ISA*00*', { uri: 'a.json' }), undefined);
  // A *.pas.json file is a PAS document even when it is not a resource, so that it is told what is wrong.
  assert.equal(detectPas('ISA*00*', { uri: 'a.pas.json' })?.resourceType, '');
});

test('detectPas: *.pas.json files get their profile from the resource, a Bundle from its first entry', () => {
  const bundle = JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'ClaimResponse' } }] });
  const info = detectPas(bundle, { uri: 'file:///w/decision.pas.json' });
  assert.equal(info?.profile, 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-pas-response-bundle');
  assert.equal(info?.role, 'response');
  assert.equal(info?.version, '2.0.1');
  assert.equal(detectPas(JSON.stringify({ resourceType: 'Claim' }), { uri: 'x.pas.json' })?.profile, 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-claim');
});

test('locateFhir: a Bundle entry resolves to its resource profile, choice types and extensions to their definitions', () => {
  const text = read('2.2.1', 'Bundle-ReferralAuthorizationResponseBundleExample.json');
  const analysis = analyzeFhirDocument(text, {});
  const at = text.indexOf('extension-reviewActionCode"');
  assert.ok(at > 0);
  const valueAt = text.indexOf('"valueCodeableConcept"', at);
  const loc = locateFhir(analysis, valueAt + 2);
  assert.ok(loc, 'a location');
  assert.equal(loc.onPropertyName, true);
  assert.equal(loc.element?.path, 'Extension.value[x]');
  assert.match(loc.element?.profile ?? '', /extension-reviewActionCode$/);
  assert.equal(loc.element?.x12?.segment, 'HCR');
  assert.equal(loc.element?.x12?.dataElement, '306');
  assert.ok(loc.element?.binding?.codes?.some((c) => c.code === 'A1'), 'HCR01 codes from the 278 tables');
  const status = text.indexOf('"status":"active"');
  const statusLoc = locateFhir(analysis, status + 3);
  assert.equal(statusLoc?.element?.path, 'ClaimResponse.status');
  assert.deepEqual(statusLoc?.jsonPath.slice(0, 3), ['entry', 0, 'resource']);
});

test('childElementsAt: the properties a Claim item allows, with enumerable binding codes', () => {
  const text = read('2.2.1', 'Bundle-ReferralAuthorizationBundleExample.json');
  const analysis = analyzeFhirDocument(text, {});
  const item = text.indexOf('"sequence"', text.indexOf('"item"'));
  const names = childElementsAt(analysis, item).map((e) => e.path);
  assert.ok(names.includes('Claim.item.productOrService'), names.join(', '));
  assert.ok(names.includes('Claim.item.category'));
  const top = childElementsAt(analysis, text.indexOf('"type"') - 1).map((e) => e.path);
  assert.ok(top.includes('Bundle.entry'), top.join(', '));
  const type = childElementsAt(analysis, 5).find((e) => e.path === 'Bundle.type');
  assert.ok(type?.binding?.codes?.some((c) => c.code === 'collection'));
});

test('profile choice: a Claim in a request bundle is a PASClaim unless it declares PASClaimUpdate (both versions)', () => {
  const PAS = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';
  const base = readFileSync(join(FIXTURES, 'features/pas/request.json'), 'utf8').replace(/‸/g, '');
  const claimProfile = `"${PAS}profile-claim|2.0.1"`;
  assert.ok(base.includes(claimProfile));
  const variants: { name: string; text: string; uri?: string; expected: string }[] = [];
  for (const version of ['2.0.1', '2.2.1']) {
    const versioned = base.replaceAll('|2.0.1"', `|${version}"`);
    const own = `"${PAS}profile-claim|${version}"`;
    variants.push({ name: `${version} declared PASClaim`, text: versioned, expected: 'profile-claim' });
    variants.push({ name: `${version} declared PASClaimUpdate`, text: versioned.replace(own, `"${PAS}profile-claim-update|${version}"`), expected: 'profile-claim-update' });
    // A *.pas.json request bundle whose Claim declares nothing: a new request.
    const undeclared = JSON.parse(versioned) as { entry: { resource: { meta?: unknown } }[] };
    delete undeclared.entry[0]!.resource.meta;
    variants.push({ name: `${version} *.pas.json, undeclared`, text: JSON.stringify(undeclared, null, 2), uri: 'file:///w/request.pas.json', expected: 'profile-claim' });
  }
  for (const v of variants) {
    const analysis = analyzeFhirDocument(v.text, { uri: v.uri });
    const loc = locateFhir(analysis, v.text.indexOf('"status": "active"') + 2);
    assert.equal(loc?.element?.path, 'Claim.status', v.name);
    assert.equal(loc?.element?.profile, PAS + v.expected, v.name);
    // A defect's message names the profile the Claim is checked against.
    const broken = v.text.replace('"status": "active",', '');
    const messages = analyzeFhirDocument(broken, { uri: v.uri }).problems.map((p) => p.message);
    const expectedName = v.expected === 'profile-claim' ? 'PASClaim' : 'PASClaimUpdate';
    assert.ok(messages.some((m) => m === `Claim.status is required (1..1) in ${expectedName}, but missing.`), `${v.name}: ${messages.join(' | ')}`);
  }
});

test('extension values resolve through the extension\'s own definition (by its slice or url), nested ones too', () => {
  const text = readFileSync(join(FIXTURES, 'features/pas/response.json'), 'utf8').replace(/‸/g, '');
  const analysis = analyzeFhirDocument(text, {});
  const PAS = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';
  const at = (needle: string, after = 0) => {
    const i = text.indexOf(needle, after);
    assert.ok(i > 0, needle);
    return locateFhir(analysis, i + 2)?.element;
  };
  const issued = at('"valueDate"', text.indexOf('extension-itemPreAuthIssueDate'));
  assert.equal(issued?.profile, `${PAS}extension-itemPreAuthIssueDate`);
  assert.deepEqual(issued?.types, ['date']);
  const number = at('"valueString"', text.indexOf('"url": "number"'));
  assert.equal(number?.id, 'Extension.extension:number.value[x]');
  assert.equal(number?.profile, `${PAS}extension-reviewAction`);
  const code = at('"valueCodeableConcept"', text.indexOf('extension-reviewActionCode'));
  assert.equal(code?.profile, `${PAS}extension-reviewActionCode`);
  assert.equal(code?.binding?.strength, 'required');
  assert.equal(code?.x12?.element, 'HCR01');
  // Completion inside the nested "number" extension offers its own value type only.
  const inside = childElementsAt(analysis, text.indexOf('"url": "number"') + 1).find((e) => e.id === 'Extension.extension:number.value[x]');
  assert.deepEqual(inside?.types, ['string']);
});
