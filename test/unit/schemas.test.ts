// The JSON Schemas of Optum's JSON request bodies (schemas/*.schema.json): each compiles as draft-07, closes every
// object and describes every property; their code lists are the 278 guide tables' subsets with the project's names;
// Optum's own example bodies pass, except the one defect the fixtures README records, which fails exactly there; the
// mistakes the schemas exist to catch (misspelt or wrongly cased names, bad dates, codes from the wrong list, missing
// required fields) fail at the right instancePath; and the default snippets and JSON snippets validate as inserted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import * as shared from '../../server/src/guide/shared';
import { CODE_LISTS } from '../../server/src/guide/codeLists';
import { X216_NOTIFICATION } from '../../server/src/guide/x216Notification';
import { X217_REQUEST } from '../../server/src/guide/x217Request';
import { X217_RESPONSE } from '../../server/src/guide/x217Response';
import type { Guide, GuideLoop } from '../../server/src/guide/types';
import { everyChoiceExpansion, loadSnippetFile, prefixesOf } from '../helpers/snippets';

// The compiled test runs from out/test/unit.
const REPO = resolve(__dirname, '../../..');
const SCHEMAS = join(REPO, 'schemas');
const EXAMPLES = join(REPO, 'test/fixtures/optum-examples');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Kind = 'inquiry' | 'submission' | 'noa';

const FILES = ['common', 'inquiry', 'submission', 'noa'] as const;
const SCHEMA: Record<(typeof FILES)[number], JsonObject> = Object.fromEntries(
  FILES.map((f) => [f, JSON.parse(readFileSync(join(SCHEMAS, `${f}.schema.json`), 'utf8')) as JsonObject]),
) as Record<(typeof FILES)[number], JsonObject>;
const DEFS = SCHEMA.common.definitions as Record<string, JsonObject>;

// Schemas are registered under their file names, so the file-relative $refs ("common.schema.json#/definitions/date")
// resolve the way VS Code resolves them next to each other on disk.
const ajv = new Ajv({ allErrors: true, strict: false });
for (const f of FILES) ajv.addSchema(SCHEMA[f], `${f}.schema.json`);
const validators = {} as Record<Kind, ValidateFunction>;
for (const kind of ['inquiry', 'submission', 'noa'] as const) {
  const v = ajv.getSchema(`${kind}.schema.json`);
  assert.ok(v, `${kind}.schema.json compiles`);
  validators[kind] = v;
}

function example(name: string): JsonObject {
  return JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), 'utf8')) as JsonObject;
}

/** Errors as "instancePath keyword detail", sorted; detail names the property for required/additional/dependencies. */
function errorsOf(kind: Kind, body: Json): string[] {
  const v = validators[kind];
  if (v(body)) return [];
  return (v.errors ?? []).map(describe).sort();
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const detail = p.missingProperty ?? p.additionalProperty ?? '';
  return `${e.instancePath} ${e.keyword}${detail ? ` ${String(detail)}` : ''}`;
}

/** Walks to the object or array at `path` ("patientEventDetail.serviceLevel.0") inside a copy of `body`. */
function at(body: JsonObject, path: string): JsonObject {
  let node: Json = body;
  for (const key of path.split('.').filter(Boolean)) node = (node as JsonObject)[key];
  return node as JsonObject;
}

function edited(body: JsonObject, edit: (copy: JsonObject) => void): JsonObject {
  const copy = structuredClone(body);
  edit(copy);
  return copy;
}

function rename(obj: JsonObject, from: string, to: string): void {
  obj[to] = obj[from];
  delete obj[from];
}

// ---------------------------------------------------------------------------------------------------------------
// The schema files themselves

test('schemas: every file is draft-07 and the three request schemas compile with their shared definitions', () => {
  for (const f of FILES) {
    assert.equal(SCHEMA[f].$schema, 'http://json-schema.org/draft-07/schema#', `${f}.schema.json declares draft-07`);
    assert.equal(SCHEMA[f].$id, undefined, `${f}.schema.json has no $id, so $refs resolve against its location`);
    assert.ok(ajv.validateSchema(SCHEMA[f]), `${f}.schema.json is a valid draft-07 schema`);
  }
  for (const kind of ['inquiry', 'submission', 'noa'] as const) assert.equal(typeof validators[kind], 'function');
});

interface Visit {
  readonly file: string;
  readonly path: string;
  readonly node: JsonObject;
}

/** Every schema object in every file, with a readable path. */
function visitAll(): Visit[] {
  const out: Visit[] = [];
  const walk = (file: string, path: string, node: Json): void => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(file, `${path}/${i}`, n));
    else if (node && typeof node === 'object') {
      out.push({ file, path, node });
      for (const [k, v] of Object.entries(node)) {
        if (k === 'defaultSnippets' || k === 'examples' || k === 'enum' || k === 'const') continue;
        walk(file, `${path}/${k}`, v);
      }
    }
  };
  for (const f of FILES) walk(f, '', SCHEMA[f]);
  return out;
}

test('schemas: every property is described, every object closed, every code named, every rule on real fields', () => {
  let properties = 0;
  for (const { file, path, node } of visitAll()) {
    const props = node.properties as Record<string, JsonObject> | undefined;
    if (props && typeof props === 'object' && !path.endsWith('/properties')) {
      // Objects that only restrict (if/then) carry properties without a type: skip them.
      if (node.type === 'object') {
        assert.equal(node.additionalProperties, false, `${file}${path} closes additionalProperties`);
        for (const [name, prop] of Object.entries(props)) {
          properties++;
          assert.equal(typeof prop.description, 'string', `${file}${path}/properties/${name} has a description`);
          assert.ok((prop.description as string).length >= 20, `${file}${path}/properties/${name}: a real description`);
          assert.match(name, /^[a-z][A-Za-z0-9]*$/, `${file}${path}: ${name} is camelCase`);
        }
        for (const name of (node.required as string[] | undefined) ?? []) {
          assert.ok(name in props, `${file}${path}: required ${name} is a property`);
        }
        for (const [name, needs] of Object.entries((node.dependencies as Record<string, string[]>) ?? {})) {
          assert.ok(name in props, `${file}${path}: dependency ${name} is a property`);
          for (const n of needs) assert.ok(n in props, `${file}${path}: ${name} needs ${n}, a property`);
        }
      }
    }
    if (Array.isArray(node.enum) && !path.includes('/if')) {
      const names = node.markdownEnumDescriptions as string[] | undefined;
      assert.ok(Array.isArray(names), `${file}${path} names its codes`);
      assert.equal(names.length, node.enum.length, `${file}${path}: one name per code`);
      for (const n of names) assert.ok(typeof n === 'string' && n.length > 0, `${file}${path}: names are not empty`);
      assert.equal(new Set(node.enum).size, node.enum.length, `${file}${path}: no code twice`);
    }
    if (typeof node.$ref === 'string') {
      const form = /^((common|submission)\.schema\.json)?#\/definitions\/[A-Za-z0-9]+$/;
      assert.match(node.$ref, form, `${file}${path}: a $ref to a definition of this file, common or submission`);
    }
  }
  assert.ok(properties > 600, `the files describe ${properties} properties`);
});

test('schemas: shared definitions carry no description, so each property keeps its own in VS Code', () => {
  for (const [name, def] of Object.entries(DEFS)) {
    assert.equal(def.description, undefined, `common definitions.${name} has no description`);
    assert.equal(typeof def.$comment, 'string', `common definitions.${name} says what it is in $comment`);
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Code lists against the guide tables and the project's code names

function loopById(g: Guide, id: string): GuideLoop {
  const stack: GuideLoop[] = [...g.levels];
  while (stack.length > 0) {
    const l = stack.pop() as GuideLoop;
    if (l.id === id) return l;
    stack.push(...(l.loops ?? []));
  }
  throw new Error(`${g.id} ${g.variant} has no loop ${id}`);
}

/** The guide's code subset at loop / segment (qualifier) / position / component. */
function codesAt(g: Guide, loopId: string, seg: string, position: number, component?: number): readonly string[] {
  const [segId, qualifier] = seg.split(':');
  const found = loopById(g, loopId).segments.find(
    (s) => s.id === segId && (!qualifier || s.qualifier?.includes(qualifier)),
  );
  assert.ok(found, `${g.id} ${loopId} has ${seg}`);
  const el = found.elements?.[position];
  const codes = component === undefined ? el?.codes : el?.components?.[component]?.codes;
  assert.ok(codes, `${g.id} ${loopId} ${seg}${String(position).padStart(2, '0')} has a code subset`);
  return codes;
}

const Q = X217_REQUEST;
const GUIDE_SUBSETS: Record<string, readonly string[]> = {
  requestCategoryCode: codesAt(Q, '2000E', 'UM', 1),
  serviceRequestCategoryCode: codesAt(Q, '2000F', 'UM', 1),
  certificationTypeCode: codesAt(Q, '2000E', 'UM', 2),
  eventServiceTypeCode: codesAt(Q, '2000E', 'UM', 3),
  serviceServiceTypeCode: codesAt(Q, '2000F', 'UM', 3),
  facilityCodeQualifier: codesAt(Q, '2000E', 'UM', 4, 1),
  relatedCausesCode1: codesAt(Q, '2000E', 'UM', 5, 0),
  relatedCausesCode2: codesAt(Q, '2000E', 'UM', 5, 1),
  relatedCausesCode3: codesAt(Q, '2000E', 'UM', 5, 2),
  levelOfServiceCode: codesAt(Q, '2000E', 'UM', 6),
  currentHealthConditionCode: codesAt(Q, '2000E', 'UM', 7),
  prognosisCode: codesAt(Q, '2000E', 'UM', 8),
  releaseOfInformationCode: codesAt(Q, '2000E', 'UM', 9),
  delayReasonCode: codesAt(Q, '2000E', 'UM', 10),
  eventCertificationActionCode: codesAt(X217_RESPONSE, '2000E', 'HCR', 1),
  serviceCertificationActionCode: codesAt(X217_RESPONSE, '2000F', 'HCR', 1),
  genderCode: codesAt(Q, '2010C', 'DMG', 3),
  requesterType: codesAt(Q, '2010B', 'NM1', 1),
  notificationSourceType: codesAt(X216_NOTIFICATION, '2010A', 'NM1', 1),
  eventProviderEntityCode: codesAt(Q, '2010EA', 'NM1', 1),
  serviceProviderEntityCode: codesAt(Q, '2010F', 'NM1', 1),
  transportEntityCode: codesAt(Q, '2010EB', 'NM1', 1),
  otherUmoEntityCode: codesAt(Q, '2010EC', 'NM1', 1),
  providerIdQualifier: codesAt(Q, '2010EA', 'NM1', 8),
  requesterProviderCode: codesAt(Q, '2010B', 'PRV', 1),
  eventProviderCode: codesAt(Q, '2010EA', 'PRV', 1),
  serviceProviderCode: codesAt(Q, '2010F', 'PRV', 1),
  principalDiagnosisQualifier: codesAt(Q, '2000E', 'HI', 1, 0),
  secondDiagnosisQualifier: codesAt(Q, '2000E', 'HI', 2, 0),
  otherDiagnosisQualifier: codesAt(Q, '2000E', 'HI', 12, 0),
  quantityQualifier: codesAt(Q, '2000E', 'HSD', 1),
  deliveryUnitCode: codesAt(Q, '2000E', 'HSD', 3),
  timePeriodQualifier: codesAt(Q, '2000E', 'HSD', 5),
  deliveryPatternTimeCode: codesAt(Q, '2000E', 'HSD', 8),
  yesNo: codesAt(Q, '2000E', 'CRC:07', 2),
  ambulanceConditionCode: codesAt(Q, '2000E', 'CRC:07', 3),
  chiropracticConditionCode: codesAt(Q, '2000E', 'CRC:08', 3),
  oxygenConditionCode: codesAt(Q, '2000E', 'CRC:11', 3),
  activitiesPermittedConditionCode: codesAt(Q, '2000E', 'CRC:76', 3),
  nursingHomeResidentialStatusCode: codesAt(Q, '2000E', 'CL1', 4),
  serviceNursingHomeResidentialStatusCode: codesAt(Q, '2000F', 'SV2', 9),
  nursingHomeLevelOfCare: codesAt(Q, '2000F', 'SV1', 20),
  transportCode: codesAt(Q, '2000E', 'CR1', 3),
  transportReasonCode: codesAt(Q, '2000E', 'CR1', 4),
  subluxationLevelCode: codesAt(Q, '2000E', 'CR2', 3),
  patientConditionCode: codesAt(Q, '2000E', 'CR2', 8),
  oxygenEquipmentTypeCode: codesAt(Q, '2000E', 'CR5', 3),
  oxygenTestConditionCode: codesAt(Q, '2000E', 'CR5', 12),
  oxygenTestFindingsCode: codesAt(Q, '2000E', 'CR5', 13),
  oxygenDeliverySystemCode: codesAt(Q, '2000E', 'CR5', 17),
  medicareCoverageIndicator: codesAt(Q, '2000E', 'CR6', 7),
  homeHealthCertificationTypeCode: codesAt(Q, '2000E', 'CR6', 8),
  surgicalProcedureQualifier: codesAt(Q, '2000E', 'CR6', 10),
  patientLocationCode: codesAt(Q, '2000E', 'CR6', 17),
  reportTypeCode: codesAt(Q, '2000E', 'PWK', 1),
  reportTransmissionCode: codesAt(Q, '2000E', 'PWK', 2),
  professionalServiceQualifier: codesAt(Q, '2000F', 'SV1', 1, 0),
  professionalUnitCode: codesAt(Q, '2000F', 'SV1', 3),
  institutionalServiceQualifier: codesAt(Q, '2000F', 'SV2', 2, 0),
  institutionalUnitCode: codesAt(Q, '2000F', 'SV2', 4),
  dentalServiceQualifier: codesAt(Q, '2000F', 'SV3', 1, 0),
  prosthesisCrownOrInlayCode: codesAt(Q, '2000F', 'SV3', 5),
  toothSurfaceCode: codesAt(Q, '2000F', 'TOO', 3, 0),
  subscriberInsuredIndicator: codesAt(Q, '2010C', 'INS', 1),
  militaryStatusCode: codesAt(Q, '2010C', 'INS', 8),
  dependentInsuredIndicator: codesAt(Q, '2010D', 'INS', 1),
  relationshipToInsuredCode: codesAt(Q, '2010D', 'INS', 2),
  // Whole lists rather than guide subsets.
  stateCode: Object.keys(CODE_LISTS['156'].codes),
  // Optum's inquiry JSON-to-EDI table adds 2A and X3 to the X217 requester codes.
  inquiryRequesterType: [...codesAt(Q, '2010B', 'NM1', 1), '2A', 'X3'],
};

/** Code list (codeLists.ts id) that names each definition's codes; 584 and 1321 are named in the schema only. */
const NAME_LISTS: Record<string, string> = {
  requestCategoryCode: '1525', serviceRequestCategoryCode: '1525', certificationTypeCode: '1322',
  eventServiceTypeCode: '1365', serviceServiceTypeCode: '1365', facilityCodeQualifier: '1332',
  relatedCausesCode1: '1362', relatedCausesCode2: '1362', relatedCausesCode3: '1362', levelOfServiceCode: '1338',
  currentHealthConditionCode: '1213', prognosisCode: '923', releaseOfInformationCode: '1363',
  delayReasonCode: '1514', eventCertificationActionCode: '306', serviceCertificationActionCode: '306',
  genderCode: '1068', stateCode: '156', inquiryRequesterType: '98', requesterType: '98',
  notificationSourceType: '98', eventProviderEntityCode: '98', serviceProviderEntityCode: '98',
  transportEntityCode: '98', otherUmoEntityCode: '98', providerIdQualifier: '66', requesterProviderCode: '1221',
  eventProviderCode: '1221', serviceProviderCode: '1221', principalDiagnosisQualifier: '1270',
  secondDiagnosisQualifier: '1270', otherDiagnosisQualifier: '1270', quantityQualifier: '673',
  deliveryUnitCode: '355', timePeriodQualifier: '615', deliveryPatternTimeCode: '679', yesNo: '1073',
  nursingHomeResidentialStatusCode: '1345', serviceNursingHomeResidentialStatusCode: '1345',
  nursingHomeLevelOfCare: '1337', transportCode: '1316', transportReasonCode: '1317', subluxationLevelCode: '1367',
  patientConditionCode: '1342', oxygenEquipmentTypeCode: '1348', oxygenTestConditionCode: '1349',
  oxygenTestFindingsCode: '1350', oxygenDeliverySystemCode: '1382', medicareCoverageIndicator: '1073',
  homeHealthCertificationTypeCode: '1322', surgicalProcedureQualifier: '235', patientLocationCode: '1384',
  reportTypeCode: '755', reportTransmissionCode: '756', professionalServiceQualifier: '235',
  professionalUnitCode: '355', institutionalServiceQualifier: '235', institutionalUnitCode: '355',
  dentalServiceQualifier: '235', prosthesisCrownOrInlayCode: '1358', toothSurfaceCode: '1369',
  subscriberInsuredIndicator: '1073', dependentInsuredIndicator: '1073', relationshipToInsuredCode: '1069',
};

/** Suggested (open) lists: anyOf [named enum, shape pattern]. */
const SUGGESTED: Record<string, string> = {
  facilityTypeCode: 'POS', admissionTypeCode: '1315', admissionSourceCode: '1314', patientStatusCode: '1352',
};

function closedCodes(name: string): { codes: string[]; names: string[] } {
  const def = DEFS[name];
  return { codes: def.enum as string[], names: def.markdownEnumDescriptions as string[] };
}

test('schemas: every closed code list is the guide subset of its place', () => {
  const closed = Object.keys(DEFS).filter((n) => Array.isArray(DEFS[n].enum));
  assert.deepEqual([...closed].sort(), Object.keys(GUIDE_SUBSETS).sort(), 'every enum definition is checked here');
  for (const [name, subset] of Object.entries(GUIDE_SUBSETS)) {
    assert.deepEqual([...closedCodes(name).codes].sort(), [...subset].sort(), `definitions.${name} = the guide subset`);
  }
  // A few subsets also appear in a second place of the guide: same codes there.
  assert.deepEqual(codesAt(Q, '2000F', 'UM', 2), GUIDE_SUBSETS.certificationTypeCode);
  assert.deepEqual(codesAt(Q, '2000E', 'HI', 3, 0), GUIDE_SUBSETS.otherDiagnosisQualifier);
  assert.deepEqual(codesAt(Q, '2000F', 'SV2', 10), GUIDE_SUBSETS.nursingHomeLevelOfCare);
  assert.deepEqual(codesAt(Q, '2000E', 'CR5', 18), GUIDE_SUBSETS.oxygenEquipmentTypeCode);
  assert.deepEqual([...shared.UM03_SERVICE].sort(), [...GUIDE_SUBSETS.serviceServiceTypeCode].sort());
});

test('schemas: code names are the project code-list names', () => {
  for (const [name, listId] of Object.entries(NAME_LISTS)) {
    const { codes, names } = closedCodes(name);
    codes.forEach((code, i) => {
      const known = CODE_LISTS[listId]?.codes[code];
      if (known !== undefined) {
        assert.equal(names[i], known, `definitions.${name}: ${code} is named as codeLists.ts list ${listId} names it`);
      }
    });
  }
  for (const [name, listId] of Object.entries(SUGGESTED)) {
    const branches = DEFS[name].anyOf as JsonObject[];
    assert.equal(branches.length, 2, `definitions.${name} suggests codes and accepts others of the right shape`);
    assert.deepEqual(
      [...(branches[0].enum as string[])].sort(), Object.keys(CODE_LISTS[listId].codes).sort(),
      `definitions.${name} suggests list ${listId}`,
    );
    (branches[0].enum as string[]).forEach((code, i) => {
      assert.equal((branches[0].markdownEnumDescriptions as string[])[i], CODE_LISTS[listId].codes[code]);
    });
    assert.equal(typeof branches[1].pattern, 'string');
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Optum's example bodies

test("optum examples: the subscriber inquiry, both submissions and the notice of admission validate", () => {
  assert.deepEqual(errorsOf('inquiry', example('user-inquiry-request-subscriber')), []);
  assert.deepEqual(errorsOf('submission', example('user-submission-request-subscriber')), []);
  assert.deepEqual(errorsOf('submission', example('user-submission-request-dependent')), []);
  assert.deepEqual(errorsOf('noa', example('user-noa-request')), []);
});

test("optum examples: the dependent inquiry fails only on its 9-digit dependent dateOfBirth (README defect)", () => {
  const body = example('user-inquiry-request-dependent');
  assert.equal(at(body, 'dependent').dateOfBirth, '201001231');
  const v = validators.inquiry;
  assert.equal(v(body), false);
  assert.deepEqual(
    (v.errors ?? []).map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, schemaPath: e.schemaPath })),
    [{
      instancePath: '/dependent/dateOfBirth', keyword: 'pattern',
      schemaPath: 'common.schema.json#/definitions/date/pattern',
    }],
  );
  // With the date written as CCYYMMDD the example is otherwise clean.
  assert.deepEqual(errorsOf('inquiry', edited(body, (b) => { at(b, 'dependent').dateOfBirth = '20101231'; })), []);
});

test("optum examples: the NOA example's certification dates pass, flagged by a deprecation message only", () => {
  const noaDefs = SCHEMA.noa.definitions as Record<string, JsonObject>;
  const pe = noaDefs.patientEventDetail.properties as Record<string, JsonObject>;
  const dates = ['certificationIssueDateBegin', 'certificationExpirationDateBegin', 'certificationEffectiveDateBegin'];
  for (const f of dates) {
    assert.ok(f in at(example('user-noa-request'), 'patientEventDetail'), `Optum's NOA example sends ${f}`);
    assert.match(String(pe[f].deprecationMessage), /Not in Optum's NOA schema/);
  }
  const sub = (SCHEMA.submission.definitions as Record<string, JsonObject>).patientEventDetail.properties as JsonObject;
  assert.ok(!('certificationIssueDateBegin' in sub), 'the submission schema does not take them');
});

// ---------------------------------------------------------------------------------------------------------------
// Mistakes the schemas catch

interface Case {
  readonly name: string;
  readonly kind: Kind;
  readonly from: string;
  readonly edit: (b: JsonObject) => void;
  readonly errors: readonly string[];
}

const INQ = 'user-inquiry-request-subscriber';
const SUB = 'user-submission-request-dependent';
const NOA = 'user-noa-request';

const CASES: readonly Case[] = [
  // Misspelt and wrongly cased names.
  {
    name: 'memberID for memberId', kind: 'inquiry', from: INQ,
    edit: (b) => rename(at(b, 'subscriber'), 'memberId', 'memberID'),
    errors: ['/subscriber additionalProperties memberID', '/subscriber required memberId'],
  },
  {
    name: 'PayerId for payerId (payerName still there)', kind: 'submission', from: SUB,
    edit: (b) => rename(b, 'payerId', 'PayerId'),
    errors: [' additionalProperties PayerId'],
  },
  {
    name: 'serviceTypecode for serviceTypeCode', kind: 'submission', from: SUB,
    edit: (b) => rename(at(b, 'patientEventDetail'), 'serviceTypeCode', 'serviceTypecode'),
    errors: ['/patientEventDetail additionalProperties serviceTypecode'],
  },
  {
    name: 'ProfessionalService in a service line', kind: 'submission', from: SUB,
    edit: (b) => rename(at(b, 'patientEventDetail.serviceLevel.0'), 'professionalService', 'ProfessionalService'),
    errors: ['/patientEventDetail/serviceLevel/0 additionalProperties ProfessionalService'],
  },
  {
    name: 'sourceTYPE in the NOA source', kind: 'noa', from: NOA,
    edit: (b) => rename(at(b, 'source'), 'sourceType', 'sourceTYPE'),
    errors: ['/source additionalProperties sourceTYPE'],
  },
  {
    name: 'lower-case code value hs', kind: 'inquiry', from: INQ,
    edit: (b) => { at(b, 'patientEventDetail').requestCategoryCode = 'hs'; },
    errors: ['/patientEventDetail/requestCategoryCode enum'],
  },
  // Dates.
  {
    name: 'event date as CCYY-MM-DD', kind: 'inquiry', from: INQ,
    edit: (b) => { at(b, 'patientEventDetail').eventDateBegin = '2023-10-17'; },
    errors: ['/patientEventDetail/eventDateBegin pattern'],
  },
  {
    name: 'month 13 in a service date', kind: 'inquiry', from: INQ,
    edit: (b) => { at(b, 'patientEventDetail.serviceLevel.1').serviceDateEnd = '20231317'; },
    errors: ['/patientEventDetail/serviceLevel/1/serviceDateEnd pattern'],
  },
  {
    name: 'date of birth as MM/DD/CCYY', kind: 'submission', from: SUB,
    edit: (b) => { at(b, 'subscriber').dateOfBirth = '01/01/1970'; },
    errors: ['/subscriber/dateOfBirth pattern'],
  },
  {
    name: 'event end date without a begin date', kind: 'inquiry', from: INQ,
    edit: (b) => { delete at(b, 'patientEventDetail').eventDateBegin; },
    errors: ['/patientEventDetail dependencies eventDateBegin'],
  },
  // Codes outside the list of their place.
  {
    name: 'service type ZZ', kind: 'submission', from: SUB,
    edit: (b) => { at(b, 'patientEventDetail').serviceTypeCode = 'ZZ'; },
    errors: ['/patientEventDetail/serviceTypeCode enum'],
  },
  {
    name: 'admission review (AR) on a service line', kind: 'inquiry', from: INQ,
    edit: (b) => { at(b, 'patientEventDetail.serviceLevel.0').requestCategoryCode = 'AR'; },
    errors: ['/patientEventDetail/serviceLevel/0/requestCategoryCode enum'],
  },
  {
    name: 'facility code qualifier C', kind: 'inquiry', from: INQ,
    edit: (b) => { at(b, 'patientEventDetail').facilityCodeQualifier = 'C'; },
    errors: ['/patientEventDetail/facilityCodeQualifier enum'],
  },
  {
    name: 'gender X', kind: 'submission', from: SUB, edit: (b) => { at(b, 'dependent').genderCode = 'X'; },
    errors: ['/dependent/genderCode enum'],
  },
  {
    name: 'transport code PW for an event provider', kind: 'inquiry', from: INQ,
    edit: (b) => { at(b, 'patientEventDetail.patientEventProviderName.0').entityIdentifierCode = 'PW'; },
    errors: ['/patientEventDetail/patientEventProviderName/0/entityIdentifierCode enum'],
  },
  {
    name: 'provider code SJ for a transport location', kind: 'submission', from: SUB,
    edit: (b) => { at(b, 'patientEventDetail.patientEventTransportInformation.0').entityIdentifierCode = 'SJ'; },
    errors: ['/patientEventDetail/patientEventTransportInformation/0/entityIdentifierCode enum'],
  },
  {
    name: 'principal diagnosis (ABK) in the second diagnosis', kind: 'noa', from: NOA,
    edit: (b) => Object.assign(at(b, 'patientEventDetail'), { diagnosisTypeCode2: 'ABK', diagnosisCode2: 'R079' }),
    errors: ['/patientEventDetail/diagnosisTypeCode2 enum'],
  },
  {
    name: 'ambulance condition 12 (a DME code)', kind: 'submission', from: SUB,
    edit: (b) => { at(b, 'patientEventDetail').ambulanceCertificationConditionCode1 = '12'; },
    errors: ['/patientEventDetail/ambulanceCertificationConditionCode1 enum'],
  },
  {
    name: 'unit code DA on a professional line', kind: 'submission', from: SUB,
    edit: (b) => {
      at(b, 'patientEventDetail.serviceLevel.0.professionalService').unitOrBasisForMeasurementCode = 'DA';
    },
    errors: ['/patientEventDetail/serviceLevel/0/professionalService/unitOrBasisForMeasurementCode enum'],
  },
  // Values of the wrong type or shape.
  {
    name: 'units as a JSON number', kind: 'submission', from: SUB,
    edit: (b) => {
      (at(b, 'patientEventDetail.serviceLevel.0.professionalService') as Record<string, Json>).serviceUnitCount = 14;
    },
    errors: ['/patientEventDetail/serviceLevel/0/professionalService/serviceUnitCount type'],
  },
  {
    name: 'a 9-digit NPI for an XX identifier', kind: 'inquiry', from: INQ,
    edit: (b) => { at(b, 'patientEventDetail.patientEventProviderName.1').identifier = '123456789'; },
    errors: [
      '/patientEventDetail/patientEventProviderName/1 if',
      '/patientEventDetail/patientEventProviderName/1/identifier pattern',
    ],
  },
  // Missing required fields.
  {
    name: 'no memberId', kind: 'submission', from: SUB, edit: (b) => { delete at(b, 'subscriber').memberId; },
    errors: ['/subscriber required memberId'],
  },
  {
    name: 'no requestCategoryCode', kind: 'noa', from: NOA,
    edit: (b) => { delete at(b, 'patientEventDetail').requestCategoryCode; },
    errors: ['/patientEventDetail required requestCategoryCode'],
  },
  {
    name: 'no senderId', kind: 'inquiry', from: INQ, edit: (b) => { delete b.senderId; },
    errors: [' required senderId'],
  },
  {
    name: 'neither payerId nor payerName', kind: 'submission', from: SUB,
    edit: (b) => { delete b.payerId; delete b.payerName; },
    errors: [' anyOf', ' required payerId', ' required payerName'],
  },
  {
    name: 'no requester', kind: 'inquiry', from: INQ, edit: (b) => { delete b.requester; },
    errors: [' required requester'],
  },
  {
    name: 'a requester without any identifier', kind: 'submission', from: SUB,
    edit: (b) => { delete at(b, 'requester').npi; },
    errors: [
      '/requester anyOf', '/requester required employersId', '/requester required etin', '/requester required npi',
      '/requester required servicesPlanID', '/requester required ssn',
    ],
  },
  {
    name: 'a notice without source or requester', kind: 'noa', from: NOA, edit: (b) => { delete b.source; },
    errors: [' anyOf', ' required requester', ' required source'],
  },
  {
    name: 'an ambulance transport without its trip code', kind: 'submission', from: SUB,
    edit: (b) => { delete at(b, 'patientEventDetail.ambulanceTransport').transportCode; },
    errors: ['/patientEventDetail/ambulanceTransport required transportCode'],
  },
];

for (const c of CASES) {
  test(`schema catches: ${c.name} (${c.kind})`, () => {
    const body = edited(example(c.from), c.edit);
    assert.deepEqual(errorsOf(c.kind, body), [...c.errors].sort());
  });
}

test('schemas accept: every canned sandbox selector, and a requester known by name and EIN only', () => {
  const inq = example(INQ);
  for (const id of ['000000000000001', '000000000000002', '000000000000003', '000000000000004', 'INQDEMO']) {
    const body = edited(inq, (b) => Object.assign(b, { payerId: id, umClearingHouseId: id }));
    assert.deepEqual(errorsOf('inquiry', body), [], `payerId = umClearingHouseId = ${id}`);
  }
  const sub = example(SUB);
  for (const id of ['278_217_01_A1', '278_217_05_A5', 'AAA_217_07_73', 'ANYTHING']) {
    const body = edited(sub, (b) => Object.assign(b, { senderId: id, umClearingHouseId: id }));
    assert.deepEqual(errorsOf('submission', body), [], `senderId = umClearingHouseId = ${id}`);
  }
  const byEin = edited(sub, (b) => {
    b.requester = { organizationName: 'XYZ AMBULANCE SVC', employersId: '123456789' };
  });
  assert.deepEqual(errorsOf('submission', byEin), []);
});

// ---------------------------------------------------------------------------------------------------------------
// Snippets

test('schemas: the defaultSnippets of each root expand to a valid body', () => {
  const now = new Date();
  for (const kind of ['inquiry', 'submission', 'noa'] as const) {
    const snippets = SCHEMA[kind].defaultSnippets as JsonObject[];
    assert.ok(Array.isArray(snippets) && snippets.length > 0, `${kind}.schema.json offers a default snippet`);
    for (const s of snippets) {
      for (const e of everyChoiceExpansion(JSON.stringify(s.body, null, 2), now)) {
        const body = JSON.parse(e.text) as JsonObject;
        assert.deepEqual(errorsOf(kind, body), [], `${kind} default snippet "${String(s.label)}" (${e.label})`);
      }
    }
  }
});

test('schemas: every expansion of the JSON snippets in snippets/json.json validates', () => {
  const file = loadSnippetFile(join(REPO, 'snippets/json.json'));
  const now = new Date();
  let checked = 0;
  for (const [name, def] of Object.entries(file)) {
    const prefix = prefixesOf(def)[0];
    const kind: Kind = prefix.includes('inquiry') ? 'inquiry' : prefix.includes('noa') ? 'noa' : 'submission';
    for (const e of everyChoiceExpansion(def.body, now)) {
      checked++;
      const body = JSON.parse(e.text) as Json;
      assert.deepEqual(errorsOf(kind, body), [], `snippet "${name}" (${e.label}) against ${kind}.schema.json`);
    }
  }
  assert.ok(checked > 0);
});
