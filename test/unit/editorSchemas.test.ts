// The editor copies of the JSON schemas (schemas/editorSchemas.mjs → dist/schemas, what VS Code applies to request
// documents) together with the 278 rules of the language server: one cause, one problem. For each mistake, the editor
// schema and the 278 rules together report it exactly once; where both could speak, the 278 rules do. Codes keep their
// meanings in every completion row ("AR — Admission Review").

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import { analyzeJsonRequest } from '../../server/src/validate/jsonRequest';
import { everyChoiceExpansion, loadSnippetFile, prefixesOf } from '../helpers/snippets';

// The compiled test runs from out/test/unit.
const REPO = resolve(__dirname, '../../..');
const SCHEMAS = join(REPO, 'schemas');
const EXAMPLES = join(REPO, 'test/fixtures/optum-examples');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Kind = 'inquiry' | 'submission' | 'noa';

const FILES = ['common', 'inquiry', 'submission', 'noa', 'request'] as const;
const source = (f: string) => JSON.parse(readFileSync(join(SCHEMAS, `${f}.schema.json`), 'utf8')) as JsonObject;

let editor: Record<string, JsonObject>;
const validators = {} as Record<Kind, ValidateFunction>;

before(async () => {
  const url = pathToFileURL(join(SCHEMAS, 'editorSchemas.mjs')).href;
  const { editorSchema } = (await import(url)) as { editorSchema: (s: JsonObject) => JsonObject };
  editor = Object.fromEntries(FILES.map((f) => [f, editorSchema(source(f))]));
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const f of FILES) ajv.addSchema(editor[f], `${f}.schema.json`);
  for (const kind of ['inquiry', 'submission', 'noa'] as const) validators[kind] = ajv.getSchema(`${kind}.schema.json`)!;
});

function example(name: string): JsonObject {
  return JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), 'utf8')) as JsonObject;
}

function at(body: JsonObject, path: string): JsonObject {
  let node: Json = body;
  for (const key of path.split('.').filter(Boolean)) node = (node as JsonObject)[key];
  return node as JsonObject;
}

function rename(obj: JsonObject, from: string, to: string): void {
  obj[to] = obj[from];
  delete obj[from];
}

/** Schema errors as "instancePath keyword" (an anyOf's failing branches count as one: VS Code shows one). */
function schemaErrors(kind: Kind, body: Json): string[] {
  const v = validators[kind];
  if (v(body)) return [];
  const errors = (v.errors ?? []).filter((e) => !/\/anyOf\/\d+\//.test(e.schemaPath));
  return errors.map((e) => `${e.instancePath} ${e.keyword}`);
}

/** 278 problems (errors and warnings) of the edited body that the unedited one does not have. */
function newRuleProblems(kind: Kind, before: JsonObject, after: JsonObject): string[] {
  const key = (p: { code: string; message: string }) => `${p.code} ${p.message}`;
  const serious = (b: JsonObject) => analyzeJsonRequest(JSON.stringify(b, null, 2), kind).problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
  const known = new Set(serious(before).map(key));
  return serious(after).map(key).filter((k) => !known.has(k));
}

const INQ = 'user-inquiry-request-subscriber';
const SUB = 'user-submission-request-dependent';
const NOA = 'user-noa-request';

interface Cause {
  readonly name: string;
  readonly kind: Kind;
  readonly from: string;
  readonly edit: (b: JsonObject) => void;
  /** Who reports it: the 278 rules (the schema stays silent) or the schema (the rules have nothing to say). */
  readonly by: '278' | 'schema';
  /** A word the one message must hold. */
  readonly says: RegExp;
}

const CAUSES: readonly Cause[] = [
  // Names: the converter says which field was meant.
  { name: 'FirstName for firstName', kind: 'inquiry', from: INQ, edit: (b) => rename(at(b, 'subscriber'), 'firstName', 'FirstName'), by: '278', says: /Did you mean "firstName"/ },
  { name: 'serviceTypecode for serviceTypeCode', kind: 'submission', from: SUB, edit: (b) => rename(at(b, 'patientEventDetail'), 'serviceTypeCode', 'serviceTypecode'), by: '278', says: /Did you mean "serviceTypeCode"/ },
  { name: 'ProfessionalService in a service line', kind: 'submission', from: SUB, edit: (b) => rename(at(b, 'patientEventDetail.serviceLevel.0'), 'professionalService', 'ProfessionalService'), by: '278', says: /Did you mean "professionalService"/ },
  { name: 'an unknown name', kind: 'inquiry', from: INQ, edit: (b) => { at(b, 'subscriber').favouriteColour = 'blue'; }, by: '278', says: /"favouriteColour" is not a field/ },
  // Dates: the real calendar, with the element's name.
  { name: 'month 13 in a date of birth', kind: 'inquiry', from: INQ, edit: (b) => { at(b, 'subscriber').dateOfBirth = '19011301'; }, by: '278', says: /month 13 does not exist/ },
  { name: '30 February', kind: 'inquiry', from: INQ, edit: (b) => { at(b, 'subscriber').dateOfBirth = '19010230'; }, by: '278', says: /day 30 does not exist/ },
  { name: 'a date as MM/DD/CCYY', kind: 'submission', from: SUB, edit: (b) => { at(b, 'subscriber').dateOfBirth = '01/01/1970'; }, by: '278', says: /CCYYMMDD/ },
  { name: 'an event date as CCYY-MM-DD', kind: 'inquiry', from: INQ, edit: (b) => { at(b, 'patientEventDetail').eventDateBegin = '2023-10-17'; }, by: '278', says: /CCYYMMDD/ },
  { name: 'an end date without a begin date', kind: 'inquiry', from: INQ, edit: (b) => { delete at(b, 'patientEventDetail').eventDateBegin; }, by: '278', says: /eventDateEnd needs eventDateBegin/ },
  // Codes: the loop and the allowed codes.
  { name: 'lower-case hs', kind: 'inquiry', from: INQ, edit: (b) => { at(b, 'patientEventDetail').requestCategoryCode = 'hs'; }, by: '278', says: /UM01 "hs" is not allowed/ },
  { name: 'service type ZZ', kind: 'submission', from: SUB, edit: (b) => { at(b, 'patientEventDetail').serviceTypeCode = 'ZZ'; }, by: '278', says: /UM03 "ZZ"/ },
  { name: 'gender X', kind: 'submission', from: SUB, edit: (b) => { at(b, 'dependent').genderCode = 'X'; }, by: '278', says: /DMG03 "X"/ },
  { name: 'unit DA on a professional line', kind: 'submission', from: SUB, edit: (b) => { at(b, 'patientEventDetail.serviceLevel.0.professionalService').unitOrBasisForMeasurementCode = 'DA'; }, by: '278', says: /SV103 "DA"/ },
  // JSON types.
  { name: 'units as a JSON number', kind: 'submission', from: SUB, edit: (b) => { (at(b, 'patientEventDetail.serviceLevel.0.professionalService') as Record<string, Json>).serviceUnitCount = 14; }, by: '278', says: /write "14" in quotes/ },
  // Required fields: the 278 rules find the element they fill empty, and name the field (the schema stays silent).
  { name: 'no memberId', kind: 'submission', from: SUB, edit: (b) => { delete at(b, 'subscriber').memberId; }, by: '278', says: /^required-element subscriber\.memberId is missing: NM109/ },
  { name: 'no memberId (inquiry)', kind: 'inquiry', from: INQ, edit: (b) => { delete at(b, 'subscriber').memberId; }, by: '278', says: /^required-element subscriber\.memberId is missing: NM109/ },
  { name: 'no memberId (notice of admission)', kind: 'noa', from: NOA, edit: (b) => { delete at(b, 'subscriber').memberId; }, by: '278', says: /^required-element subscriber\.memberId is missing: NM109/ },
  { name: 'memberID for a required memberId', kind: 'submission', from: SUB, edit: (b) => rename(at(b, 'subscriber'), 'memberId', 'memberID'), by: '278', says: /^json-field .*Did you mean "memberId"/ },
  { name: 'no subscriber', kind: 'inquiry', from: INQ, edit: (b) => { delete b.subscriber; }, by: '278', says: /^required-element subscriber is missing: NM109/ },
  { name: 'no patientEventDetail', kind: 'submission', from: SUB, edit: (b) => { delete b.patientEventDetail; }, by: '278', says: /^required-segment patientEventDetail is missing: UM/ },
  { name: 'no submitterTransactionIdentifier', kind: 'noa', from: NOA, edit: (b) => { delete b.submitterTransactionIdentifier; }, by: '278', says: /submitterTransactionIdentifier is missing: BHT03/ },
  { name: 'no senderId', kind: 'inquiry', from: INQ, edit: (b) => { delete b.senderId; }, by: '278', says: /^json-field senderId is missing/ },
  { name: 'no payerId', kind: 'submission', from: SUB, edit: (b) => { delete b.payerId; }, by: '278', says: /payerId is missing: NM109/ },
  { name: 'no requester ID', kind: 'submission', from: SUB, edit: (b) => { delete at(b, 'requester').npi; }, by: '278', says: /requester needs one of npi, employersId, ssn, etin or servicesPlanID: NM109/ },
  { name: 'no requestCategoryCode', kind: 'inquiry', from: INQ, edit: (b) => { delete at(b, 'patientEventDetail').requestCategoryCode; }, by: '278', says: /patientEventDetail\.requestCategoryCode is missing: UM01/ },
  { name: 'no procedureCode in a service line', kind: 'inquiry', from: INQ, edit: (b) => { delete at(b, 'patientEventDetail.serviceLevel.1.professionalService').procedureCode; }, by: '278', says: /serviceLevel\[1\]\.professionalService\.procedureCode is missing: SV101-2/ },
  { name: 'no entityIdentifierCode in a provider', kind: 'inquiry', from: INQ, edit: (b) => { delete at(b, 'patientEventDetail.patientEventProviderName.1').entityIdentifierCode; }, by: '278', says: /^json-field entityIdentifierCode is missing: NM101 tells which 2010EA loop/ },
  { name: 'a provider ID without its qualifier', kind: 'inquiry', from: INQ, edit: (b) => { delete at(b, 'patientEventDetail.patientEventProviderName.0').identificationCodeQualifier; }, by: '278', says: /identificationCodeQualifier is missing: NM108 and NM109 go together/ },
  // What only the schema knows.
  { name: 'a requester without a name', kind: 'inquiry', from: INQ, edit: (b) => { delete at(b, 'requester').organizationName; delete at(b, 'requester').lastName; }, by: 'schema', says: /anyOf|required/ },
  { name: 'a 9-digit NPI', kind: 'inquiry', from: INQ, edit: (b) => { at(b, 'patientEventDetail.patientEventProviderName.1').identifier = '123456789'; }, by: 'schema', says: /pattern|if/ },
];

for (const c of CAUSES) {
  test(`one cause, one problem: ${c.name} (${c.kind}) is reported by the ${c.by === '278' ? '278 rules' : 'schema'} only`, () => {
    const original = example(c.from);
    const body = structuredClone(original);
    c.edit(body);
    const schema = schemaErrors(c.kind, body);
    const rules = newRuleProblems(c.kind, original, body);
    if (c.by === '278') {
      assert.deepEqual(schema, [], 'the editor schema stays silent');
      assert.equal(rules.length, 1, `one 278 problem: ${rules.join(' | ')}`);
      assert.match(rules[0], c.says);
    } else {
      assert.deepEqual(rules, [], 'the 278 rules have nothing to say');
      assert.ok(schema.length > 0 && schema.every((e) => c.says.test(e)), `the schema reports it: ${schema.join(' | ')}`);
    }
  });
}

test('editor schemas: Optum\'s examples, the default snippets and the JSON snippets are clean', () => {
  for (const [kind, name] of [['inquiry', INQ], ['submission', SUB], ['submission', 'user-submission-request-subscriber'], ['noa', NOA]] as const) {
    assert.deepEqual(schemaErrors(kind, example(name)), [], name);
  }
  const now = new Date();
  for (const [name, def] of Object.entries(loadSnippetFile(join(REPO, 'snippets/json.json')))) {
    const prefix = prefixesOf(def)[0];
    const kind: Kind = prefix.includes('inquiry') ? 'inquiry' : prefix.includes('noa') ? 'noa' : 'submission';
    for (const e of everyChoiceExpansion(def.body, now)) assert.deepEqual(schemaErrors(kind, JSON.parse(e.text) as Json), [], `${name} (${e.label})`);
  }
});

/** Every schema node that suggests codes (its code list in an `if`, its rows in defaultSnippets), with its path. */
function suggestions(file: string): { path: string; node: JsonObject; list: JsonObject }[] {
  const out: { path: string; node: JsonObject; list: JsonObject }[] = [];
  const walk = (path: string, node: Json) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(`${path}/${i}`, n));
    else if (node && typeof node === 'object') {
      const list = node.if as JsonObject | undefined;
      if (list && Array.isArray(list.enum) && Array.isArray(node.defaultSnippets)) out.push({ path, node, list });
      for (const [k, v] of Object.entries(node)) if (k !== 'if' && k !== 'defaultSnippets') walk(`${path}/${k}`, v);
    }
  };
  walk('', editor[file]);
  return out;
}

test('editor schemas: every code list is still offered, each completion row reading "code — meaning"', () => {
  let lists = 0;
  for (const file of FILES) {
    for (const { path, node, list } of suggestions(file)) {
      lists++;
      const codes = list.enum as string[];
      const names = list.markdownEnumDescriptions as string[];
      const rows = node.defaultSnippets as JsonObject[];
      assert.deepEqual(rows.map((r) => r.body), codes, `${file}${path}: one row per code, inserting the code`);
      rows.forEach((r, i) => assert.equal(r.label, `${codes[i]} — ${names[i].replace(/[`*_]/g, '')}`, `${file}${path}: ${codes[i]} shows its name`));
      assert.equal(node.enum, undefined, `${file}${path}: no enum beside the rows (VS Code would list each code twice)`);
    }
  }
  const sourceLists = FILES.reduce((n, f) => n + JSON.stringify(source(f)).split('"markdownEnumDescriptions"').length - 1, 0);
  assert.equal(lists, sourceLists, 'every named code list of the source schemas is offered in the editor copy');
  const gender = (editor.common.definitions as Record<string, JsonObject>).genderCode;
  assert.equal((gender.type as string[])[0], 'string', 'completion inserts a quoted string');
  assert.deepEqual((gender.defaultSnippets as JsonObject[]).slice(0, 3).map((r) => r.label), ['F — Female', 'M — Male', 'U — Unknown']);
});

test('editor schemas: what only the schema knows stays (the NPI shape, a requester\'s name, descriptions)', () => {
  const body = example(SUB);
  delete at(body, 'subscriber').memberId;
  assert.deepEqual(schemaErrors('submission', body), [], 'a missing memberId is the 278 rules\' to name');
  const unnamed = example(SUB);
  delete at(unnamed, 'requester').organizationName;
  delete at(unnamed, 'requester').lastName;
  assert.ok(schemaErrors('submission', unnamed).length > 0, 'a requester without a name: NM103 is situational in the guide');
  const defs = editor.common.definitions as Record<string, JsonObject>;
  assert.equal(typeof defs.npi.pattern, 'string');
  assert.equal(defs.date.pattern, undefined, 'dates are the 278 rules\' to check');
  assert.equal(JSON.stringify(editor.inquiry).includes('"additionalProperties":false'), false, 'names are the 278 rules\' to check');
  assert.equal(JSON.stringify(editor.inquiry).split('"description"').length, JSON.stringify(source('inquiry')).split('"description"').length);
});

// Every field a source schema requires, taken away, is one problem: the 278 rules name it, or (for the few they have no
// word for) the editor schema reports it. The list comes from the source schemas, so a new required field needs a place
// here before this test passes.

/** Where each definition's object sits in the bodies below ('' = the body itself). */
const OBJECT_AT: Record<string, string> = {
  '': '', requester: 'requester', source: 'source', subscriber: 'subscriber', patientEventDetail: 'patientEventDetail',
  eventProvider: 'patientEventDetail.patientEventProviderName.0', professionalService: 'patientEventDetail.serviceLevel.0.professionalService',
  dentalService: 'patientEventDetail.serviceLevel.2.dentalService', toothInformation: 'patientEventDetail.serviceLevel.2.toothInformation',
  serviceProvider: 'patientEventDetail.serviceLevel.0.serviceProviderName.0', ambulanceTransport: 'patientEventDetail.ambulanceTransport',
  spinalManipulation: 'patientEventDetail.spinalManipulation', homeOxygenTherapyInformation: 'patientEventDetail.homeOxygenTherapyInformation',
  homeHealth: 'patientEventDetail.homeHealth', attachment: 'patientEventDetail.attachments.0',
  transportLocation: 'patientEventDetail.patientEventTransportInformation.0', otherUmo: 'patientEventDetail.patientEventOtherUmoName.0',
};

/** An example with every object a source schema requires something in. */
function fullBody(kind: Kind): JsonObject {
  const body = example(kind === 'inquiry' ? INQ : kind === 'noa' ? NOA : 'user-submission-request-subscriber');
  const event = at(body, 'patientEventDetail');
  const lines = (event.serviceLevel ?? (event.serviceLevel = [{ requestCategoryCode: 'HS', professionalService: { productOrServiceIDQualifier: 'HC', procedureCode: '71260' } }])) as JsonObject[];
  lines[0].serviceProviderName = [{ entityIdentifierCode: 'SJ', lastName: 'TEST', identificationCodeQualifier: 'XX', identifier: '1234567893' }];
  while (lines.length < 2) lines.push(structuredClone(lines[0]));
  const tooth: JsonObject = kind === 'inquiry' ? { toothCode: '1', toothSurfaceCode: 'B' } : { toothCode: '1', toothSurfaceCode1: 'B' };
  // The inquiry has one tooth per service line, the submission a list.
  lines[2] = { requestCategoryCode: 'HS', dentalService: { procedureCode: 'D0120', serviceUnitCount: '1' }, toothInformation: kind === 'inquiry' ? tooth : [tooth] };
  event.patientEventProviderName ??= [{ entityIdentifierCode: 'SJ', lastName: 'TEST', identificationCodeQualifier: 'XX', identifier: '1234567893' }];
  if (kind === 'submission') {
    event.spinalManipulation = { treatmentSeriesNumber: '1', treatmentCount: '12', patientConditionCode: 'A', complicationIndicator: 'N' };
    event.homeOxygenTherapyInformation = { equipmentTypeCode1: 'A', flowRate: '2', deliverySystemCode: 'A' };
    event.homeHealth = { prognosisCode: '1', startDate: '20250101', medicareCoverageIndicator: 'W', certificationTypeCode: '1' };
    event.attachments = [{ reportTypeCode: '03', transmissionCode: 'AA', controlNumber: '12345' }];
    event.patientEventOtherUmoName = [{ entityIdentifierCode: 'X3', otherUmoName: 'OTHER UMO', otherUmoDenialDate: '20250101' }];
  }
  return body;
}

/** Each required name (or "one of" group) of a source schema: the definition it belongs to and the names. */
function requiredOf(kind: Kind): { definition: string; names: string[] }[] {
  const out: { definition: string; names: string[] }[] = [];
  const walk = (node: Json, definition: string, path: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, definition, `${path}/${i}`));
    if (!node || typeof node !== 'object') return;
    const group = node.anyOf;
    const isGroup = Array.isArray(group) && group.every((b) => b && typeof b === 'object' && !Array.isArray(b) && Object.keys(b).length === 1 && Array.isArray(b.required));
    if (isGroup) out.push({ definition, names: (group as JsonObject[]).flatMap((b) => b.required as string[]) });
    else if (Array.isArray(node.required)) for (const name of node.required as string[]) out.push({ definition, names: [name] });
    for (const [key, value] of Object.entries(node)) {
      if (key === 'if' || (key === 'anyOf' && isGroup)) continue;
      walk(value, path === '/definitions' ? key : definition, `${path}/${key}`);
    }
  };
  walk(source(kind), '', '');
  return out;
}

for (const kind of ['inquiry', 'submission', 'noa'] as const) {
  test(`one cause, one problem: every field the ${kind} schema requires, taken away, is reported once and by name`, () => {
    const full = fullBody(kind);
    let checked = 0;
    for (const { definition, names } of requiredOf(kind)) {
      const where = OBJECT_AT[definition];
      assert.notEqual(where, undefined, `${definition}: say where its object sits in the body`);
      const body = structuredClone(full);
      const object = where ? at(body, definition === 'toothInformation' && kind !== 'inquiry' ? `${where}.0` : where) : body;
      if (!object || names.every((n) => object[n] === undefined)) continue;
      for (const name of names) delete object[name];
      const schema = schemaErrors(kind, body);
      const rules = newRuleProblems(kind, full, body);
      const label = `${kind} ${definition || 'body'}: ${names.join(' | ')} → schema [${schema.join(' | ')}], 278 [${rules.join(' | ')}]`;
      assert.equal(schema.length + rules.length, 1, label);
      if (rules.length === 1) assert.ok(names.some((n) => rules[0].includes(n)), `the one problem names the field: ${label}`);
      checked++;
    }
    assert.ok(checked >= 10, `checked ${checked} required fields`);
  });
}
