// The JSON ⇄ X12 converter against Optum's example payloads and the project's examples: conversions the validator
// accepts, round trips in both directions, every Optum response pair, unmapped-field reporting, kind guessing, field
// spans, and junk input that must never throw.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { guessRequestKind, jsonToX12, x12ToJson, type FieldSpan, type RequestKind } from '../../server/src/convert';
import { layoutFor } from '../../server/src/convert/layouts';
import { ruleFields, type FieldRule, type SegmentRule } from '../../server/src/convert/rules';
import { COMPOSITES } from '../../server/src/guide/composites';
import { SEGMENTS } from '../../server/src/guide/segments';
import { analyzeDocument } from '../../server/src/validate/document';
import { bodySegments, coveredLeaves, leaves } from '../helpers/jsonLeaves';

// The compiled test runs from out/test/unit.
const REPO = resolve(__dirname, '../../..');
const OPTUM = join(REPO, 'test/fixtures/optum-examples');
const EXAMPLES = join(REPO, 'examples');
const DATE = new Date(2025, 4, 2, 15, 25);

type Json = Record<string, unknown>;

const readJson = (name: string): Json => JSON.parse(readFileSync(join(OPTUM, name), 'utf8')) as Json;
const readText = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');


/** The innermost span holding [start, end): how the language server puts an X12 problem on a JSON field. */
function fieldAt(fields: readonly FieldSpan[], start: number, end: number): string | undefined {
  const holding = fields.filter((f) => f.start <= start && end <= f.end);
  holding.sort((a, b) => a.end - a.start - (b.end - b.start));
  return holding[0]?.path;
}

const REQUESTS: readonly { file: string; kind: RequestKind }[] = [
  { file: 'user-inquiry-request-subscriber.json', kind: 'inquiry' },
  { file: 'user-inquiry-request-dependent.json', kind: 'inquiry' },
  { file: 'user-submission-request-subscriber.json', kind: 'submission' },
  { file: 'user-submission-request-dependent.json', kind: 'submission' },
  { file: 'user-noa-request.json', kind: 'noa' },
];

// Optum sends the requester's (and NOA source's, and one provider's) name twice; NM103 holds one of them.
const EXPECTED_REQUEST_ISSUES: Readonly<Record<string, readonly string[]>> = {
  'user-inquiry-request-subscriber.json': ['requester.lastName'],
  'user-inquiry-request-dependent.json': ['requester.lastName'],
  'user-submission-request-subscriber.json': ['requester.lastName'],
  'user-submission-request-dependent.json': ['requester.lastName'],
  'user-noa-request.json': ['source.lastName', 'patientEventDetail.patientEventProviderName[0].organizationName'],
};

for (const { file, kind } of REQUESTS) {
  test(`Optum's ${file}: guessed as ${kind}, converts to X12 the validator accepts, and round-trips`, () => {
    const body = readJson(file);
    assert.equal(guessRequestKind(body), kind);
    const result = jsonToX12(body, kind, { date: DATE, lineBreaks: true });
    assert.deepEqual(result.issues.map((i) => i.path).sort(), [...EXPECTED_REQUEST_ISSUES[file]].sort());
    assert.ok(result.issues.every((i) => i.severity === 'warning' && /left out/.test(i.message)));

    const errors = analyzeDocument(result.x12).problems.filter((p) => p.severity === 'error');
    if (file === 'user-inquiry-request-dependent.json') {
      // The README's defect: a 9-digit dependent date of birth. It must come out as a bad DMG02 on that field.
      assert.equal(errors.length, 1);
      assert.equal(result.x12.slice(errors[0].start, errors[0].end), '201001231');
      assert.equal(fieldAt(result.fields, errors[0].start, errors[0].end), 'dependent.dateOfBirth');
    } else {
      assert.deepEqual(errors, []);
    }

    const back = x12ToJson(result.x12);
    assert.equal(back.kind, kind);
    assert.equal(back.variant, 'request');
    assert.deepEqual(back.issues, []);
    const issuePaths = result.issues.map((i) => i.path);
    assert.deepEqual(Object.fromEntries(coveredLeaves(back.json, issuePaths)), Object.fromEntries(coveredLeaves(body, issuePaths)));
  });

  test(`Optum's ${file}: every written value has a span over exactly that value`, () => {
    const body = readJson(file);
    const result = jsonToX12(body, kind, { date: DATE });
    const written = coveredLeaves(body, result.issues.map((i) => i.path));
    for (const [path, value] of written) {
      const spans = result.fields.filter((f) => f.path === path);
      assert.ok(spans.length > 0, `no span for ${path}`);
      for (const s of spans) assert.equal(result.x12.slice(s.start, s.end), value, path);
    }
  });
}

test('the same JSON and date give the same X12; the control number option fills ISA13 and GS06', () => {
  const body = readJson('user-inquiry-request-subscriber.json');
  const a = jsonToX12(body, 'inquiry', { date: DATE });
  const b = jsonToX12(structuredClone(body), 'inquiry', { date: DATE });
  assert.equal(a.x12, b.x12);
  assert.ok(!a.x12.includes('\n'));
  const c = jsonToX12(body, 'inquiry', { date: DATE, controlNumber: '4711', lineBreaks: true });
  assert.match(c.x12, /\*00501\*000004711\*0\*P\*:~\nGS\*HI\*201985AAS\*000000000000001\*20250502\*1525\*4711\*X\*005010X215~\n/);
  assert.match(c.x12, /\nIEA\*1\*000004711~\n$/);
  const bad = jsonToX12(body, 'inquiry', { date: DATE, controlNumber: 'ABC' });
  assert.ok(bad.issues.some((i) => i.severity === 'error' && /controlNumber/.test(i.message)));
  assert.deepEqual(analyzeDocument(bad.x12).problems.filter((p) => p.severity === 'error'), []);
});

test('BHT02 and the UMO name follow the kind', () => {
  const bht = (kind: RequestKind) => jsonToX12({ payerId: 'P1', payerName: 'PAYER' }, kind, { date: DATE, lineBreaks: true }).x12;
  assert.match(bht('inquiry'), /\nBHT\*0007\*28\*\*20250502\*1525~\nHL\*1\*\*20\*1~\nNM1\*PR\*2\*PAYER\*\*\*\*\*PI\*P1~/);
  assert.match(bht('submission'), /\nBHT\*0007\*13\*\*20250502\*1525~\nHL\*1\*\*20\*1~\nNM1\*X3\*2\*PAYER\*\*\*\*\*PI\*P1~/);
  // X216: 2000A is the information source, 2000B the payer receiving the notice.
  assert.match(bht('noa'), /\nBHT\*0007\*CN\*\*20250502\*1525\*NO~\nHL\*1\*\*20\*1~\nNM1\*\*2~\nHL\*2\*1\*21\*1~\nNM1\*X3\*2\*PAYER\*\*\*\*\*PI\*P1~/);
});

// ---------------------------------------------------------------------------------------------------------------
// X12 → JSON → X12

const KNOWN_HL_DEFECTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // HL04 1 on a patient event without service lines; the writer says 0.
  'noa-x12-request.x12': { 'HL*4*3*EV*1': 'HL*4*3*EV*0' },
  // Service lines chained under service lines; the writer hangs every 2000F off the 2000E.
  'submission-x12-request.x12': { 'HL*6*5*SS*0': 'HL*6*4*SS*0', 'HL*7*6*SS*0': 'HL*7*4*SS*0' },
};

for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.x12')).sort()) {
  test(`examples/${file}: X12 → JSON → X12 keeps the transaction body`, () => {
    const text = readText(EXAMPLES, file);
    const result = x12ToJson(text);
    assert.ok(result.json);
    if (result.variant === 'response') {
      // Responses are read, never written; the one segment without a JSON field is the response TRN.
      assert.ok(result.issues.every((i) => i.path === 'x12:2000E/TRN'), JSON.stringify(result.issues));
      return;
    }
    assert.ok(result.kind);
    assert.ok(result.issues.every((i) => i.severity === 'warning' && /^x12:GS0[23]$/.test(i.path)), JSON.stringify(result.issues));
    const back = jsonToX12(result.json, result.kind, { date: DATE });
    assert.deepEqual(back.issues, []);
    assert.deepEqual(bodySegments(back.x12, true), bodySegments(text, true));
  });
}

for (const file of ['inquiry-x12-request.x12', 'noa-x12-request.x12', 'submission-x12-request.x12']) {
  test(`Optum's ${file}: X12 → JSON → X12 keeps the body except the known HL defects`, () => {
    const text = readText(OPTUM, file);
    const result = x12ToJson(text);
    assert.equal(result.variant, 'request');
    assert.ok(result.json && result.kind);
    const back = jsonToX12(result.json, result.kind, { date: DATE });
    assert.deepEqual(back.issues, []);
    const fixes = KNOWN_HL_DEFECTS[file] ?? {};
    assert.deepEqual(bodySegments(back.x12, true), bodySegments(text, true).map((s) => fixes[s] ?? s));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Optum's example responses

// Optum's "dependent" response examples carry a dependent (JANE) in the JSON that their X12 half does not have: the
// .x12 files are byte-for-byte the subscriber examples' (no 2000D/2010D).
const DEPENDENT_ONLY_IN_JSON = /^dependent\./;

for (const name of [
  'user-inquiry-response-subscriber', 'user-inquiry-response-dependent', 'user-submission-response-subscriber',
  'user-submission-response-dependent', 'user-noa-response',
]) {
  test(`Optum's ${name}: x12ToJson(.x12) matches the .json`, () => {
    const result = x12ToJson(readText(OPTUM, `${name}.x12`));
    assert.equal(result.variant, 'response');
    assert.equal(result.kind, name.includes('inquiry') ? 'inquiry' : name.includes('noa') ? 'noa' : 'submission');
    assert.deepEqual(result.issues, []);
    const got = leaves(result.json);
    const want = leaves(readJson(`${name}.json`));
    const differing = [...new Set([...got.keys(), ...want.keys()])].filter((k) => got.get(k) !== want.get(k));
    if (name.endsWith('-dependent')) {
      assert.ok(differing.length > 0 && differing.every((k) => DEPENDENT_ONLY_IN_JSON.test(k) && !got.has(k)), differing.join(', '));
    } else {
      assert.deepEqual(differing, []);
    }
  });
}

test('an X215 response reads as Optum shows it: decision, dates, providers and service lines', () => {
  const json = x12ToJson(readText(EXAMPLES, 'inquiry-response-approved.x12')).json as Json;
  const event = json.patientEventDetail as Json;
  assert.equal(event.certificationActionCode, 'A1');
  assert.equal(event.reviewIdentificationNumber, 'A12345678');
  assert.equal(event.certificationEffectiveDateBegin, '20240220');
  assert.equal(json.contactUrl, 'https//www.evicore.com/provider#login');
  assert.equal((json.subscriber as Json).memberId, ' U1234567890');
});

test('an X217 response with a date range and a response TRN', () => {
  const result = x12ToJson(readText(EXAMPLES, 'submission-response-certified.x12'));
  const event = (result.json as Json).patientEventDetail as Json;
  assert.equal(event.certificationEffectiveDateBegin, '20250601');
  assert.equal(event.certificationEffectiveDateEnd, '20251029');
  assert.equal((event.serviceLevel as Json[]).length, 2);
  assert.deepEqual(result.issues.map((i) => i.path), ['x12:2000E/TRN']);
});

test('AAA rejections and HCR reasons land in the *RequestValidation arrays and decision fields', () => {
  const text = readText(EXAMPLES, 'submission-response-certified.x12')
    .replace('HL*1**20*1~\n', 'HL*1**20*1~\nAAA*Y**42*P~\n')
    .replace('MI*12345689001~\n', 'MI*12345689001~\nAAA*N**73*C~\nAAA*N**75*N~\n')
    .replace('HCR*A1*A062583941~\nSV1*HC:A0428:RX', 'HCR*A3*A062583941*ZZ~\nSV1*HC:A0428:RX');
  const json = x12ToJson(text).json as Json;
  assert.deepEqual(json.requestValidation, [{ responseCode: 'Y', rejectReasonCode: '42', followupActionCode: 'P' }]);
  assert.deepEqual((json.subscriber as Json).subscriberRequestValidation, [
    { responseCode: 'N', rejectReasonCode: '73', followupActionCode: 'C' },
    { responseCode: 'N', rejectReasonCode: '75', followupActionCode: 'N' },
  ]);
  const line = ((json.patientEventDetail as Json).serviceLevel as Json[])[0];
  assert.deepEqual([line.certificationActionCode, line.reviewIdentificationNumber, line.reviewDecisionReasonCode], ['A3', 'A062583941', 'ZZ']);
});

test("a NOA's other-UMO loop, which the X216 table lacks, is written and read back", () => {
  const body = readJson('user-noa-request.json');
  (body.patientEventDetail as Json).patientEventOtherUmoName = [{
    entityIdentifierCode: 'GG', otherUmoName: 'OTHER UMO', otherUmoDenialReason1: 'R1', otherUmoDenialReason3: 'R3', otherUmoDenialDate: '20251231',
  }];
  const result = jsonToX12(body, 'noa', { date: DATE, lineBreaks: true });
  assert.match(result.x12, /\nNM1\*GG\*2\*OTHER UMO~\nREF\*ZZ\*R1\*\*::ZZ:R3~\nDTP\*598\*D8\*20251231~\n/);
  const back = x12ToJson(result.x12);
  assert.deepEqual(back.issues, []);
  assert.deepEqual((back.json?.patientEventDetail as Json).patientEventOtherUmoName, (body.patientEventDetail as Json).patientEventOtherUmoName);
});

// ---------------------------------------------------------------------------------------------------------------
// Unmapped, unknown and conflicting fields

function inquiry(extra: (b: Json) => void): Json {
  const body = readJson('user-inquiry-request-subscriber.json');
  extra(body);
  return body;
}

const issueFor = <T extends { path: string }>(issues: readonly T[], path: string): T | undefined => issues.find((i) => i.path === path);

test('a schema field the mapping has no place for is reported, not dropped silently', () => {
  const body = inquiry((b) => {
    (b.requester as Json).requesterIdentification = { federalTaxpayerIdentificationNumber: '999999999' };
    (b.dependent = { lastName: 'DOE', supplementalIdentification: { employeeIdentificationNumber: 'E1' } });
  });
  const { issues, x12 } = jsonToX12(body, 'inquiry', { date: DATE });
  for (const path of ['requester.requesterIdentification.federalTaxpayerIdentificationNumber', 'dependent.supplementalIdentification.employeeIdentificationNumber']) {
    const issue = issueFor(issues, path);
    assert.ok(issue, path);
    assert.equal(issue.severity, 'warning');
    assert.match(issue.message, /is not mapped to X12 and was left out/);
  }
  assert.ok(!x12.includes('999999999'));
});

test('unknown and wrongly cased names are reported with a hint, and left out', () => {
  const body = inquiry((b) => {
    (b.subscriber as Json).memberID = 'X1';
    b.extraThing = { a: 1 };
    ((b.patientEventDetail as Json).serviceLevel as Json[])[0].professionalService = { procedureCode: '71260', procedureModifier1: 'RT' };
  });
  const { issues, x12 } = jsonToX12(body, 'inquiry', { date: DATE });
  assert.match(issueFor(issues, 'subscriber.memberID')?.message ?? '', /Did you mean "memberId"\?/);
  assert.ok(issueFor(issues, 'extraThing'));
  // procedureModifier1 is a submission field; the inquiry schema has none.
  assert.ok(issueFor(issues, 'patientEventDetail.serviceLevel[0].professionalService.procedureModifier1'));
  assert.ok(!x12.includes('X1~') && !x12.includes(':RT'));
});

test('one NM108/NM109 pair, three PER pairs and one NM103: the rest is reported', () => {
  const body = inquiry((b) => {
    Object.assign(b.requester as Json, {
      ssn: '123456789', contactFacsimile: '1', contactElectronicMail: 'a@b.c', contactTelephoneExtension: '2', firstName: 'ANN',
    });
  });
  const { issues, x12 } = jsonToX12(body, 'inquiry', { date: DATE, lineBreaks: true });
  assert.match(x12, /\nNM1\*1P\*1\*Regional Medical Center\*ANN\*\*\*\*XX\*1234567890~\n/);
  assert.match(x12, /\nPER\*IC\*\*TE\*8033952200\*EX\*2\*FX\*1~\n/);
  assert.deepEqual(issues.map((i) => i.path).sort(), ['requester.contactElectronicMail', 'requester.organizationName', 'requester.ssn']);
});

test('an end date without its begin date, and values of the wrong type', () => {
  const body = inquiry((b) => {
    const event = b.patientEventDetail as Json;
    delete event.eventDateBegin;
    event.serviceTypeCode = 1;
    event.facilityTypeCode = { code: '11' };
    (b.subscriber as Json).lastName = 'A*B';
    b.dependent = 'none';
  });
  const { issues, x12 } = jsonToX12(body, 'inquiry', { date: DATE, lineBreaks: true });
  assert.equal(issueFor(issues, 'patientEventDetail.eventDateEnd')?.severity, 'warning');
  assert.equal(issueFor(issues, 'patientEventDetail.serviceTypeCode')?.severity, 'warning');
  assert.match(x12, /\nUM\*HS\*I\*1\*:B~\n/);
  assert.equal(issueFor(issues, 'patientEventDetail.facilityTypeCode')?.severity, 'error');
  assert.equal(issueFor(issues, 'subscriber.lastName')?.severity, 'error');
  assert.equal(issueFor(issues, 'dependent')?.severity, 'error');
  assert.ok(!x12.includes('DTP*AAH'));
  assert.ok(!x12.includes('A*B'));
});

test('a NOA given as the schema has it (requester) is written as the information source', () => {
  const body = readJson('user-noa-request.json');
  const { sourceType, ...rest } = body.source as Json;
  delete body.source;
  body.requester = { requesterType: sourceType, ...rest };
  const result = jsonToX12(body, 'noa', { date: DATE, lineBreaks: true });
  assert.match(result.x12, /\nHL\*1\*\*20\*1~\nNM1\*FA\*2\*B'enefits Health System'\*\*\*\*\*XX\*1881650737~\n/);
  assert.ok(result.fields.some((f) => f.path === 'requester.requesterType' && result.x12.slice(f.start, f.end) === 'FA'));
  assert.ok(issueFor(result.issues, 'requester.lastName'));
  assert.equal((x12ToJson(result.x12).json?.source as Json).sourceType, 'FA');
  const both = jsonToX12({ ...body, source: { sourceType: 'FA' } }, 'noa', { date: DATE });
  assert.ok(issueFor(both.issues, 'requester'));
});

test('X12 segments and elements without a JSON field are reported by loop', () => {
  const text = readText(EXAMPLES, 'inquiry-tst2.x12')
    .replace('NM1*IL*1*DOE*JOE****MI*TST2~', 'NM1*IL*1*DOE*JOE**MR**MI*TST2~')
    .replace('DMG*D8*19010101~', 'DMG*D8*19010101~\nINS*Y*18~');
  const result = x12ToJson(text);
  assert.ok(issueFor(result.issues, 'x12:2010C/INS'));
  assert.match(issueFor(result.issues, 'x12:2010C/NM106')?.message ?? '', /"MR"/);
  assert.equal((result.json?.subscriber as Json).memberId, 'TST2');
});

// ---------------------------------------------------------------------------------------------------------------
// Field spans for diagnostics

test('a problem in the produced X12 lands on the JSON field it came from, or on its object', () => {
  const body = inquiry((b) => {
    (b.subscriber as Json).dateOfBirth = '19701331';
    delete (b.subscriber as Json).memberId;
  });
  const { x12, fields } = jsonToX12(body, 'inquiry', { date: DATE });
  const onFields = analyzeDocument(x12).problems.map((p) => fieldAt(fields, p.start, p.end));
  assert.ok(onFields.includes('subscriber.dateOfBirth'), JSON.stringify(onFields));
  assert.ok(onFields.includes('subscriber'), JSON.stringify(onFields));
});

// ---------------------------------------------------------------------------------------------------------------
// Guessing

test('guessRequestKind uses the shape first, then the sandbox selectors', () => {
  assert.equal(guessRequestKind({ patientEventDetail: { diagnosisTypeCode1: 'ABK' } }), 'submission');
  assert.equal(guessRequestKind({ patientEventDetail: { certificationIssueDateBegin: '20250101' } }), 'inquiry');
  assert.equal(guessRequestKind({ source: { sourceType: 'FA' } }), 'noa');
  assert.equal(guessRequestKind({ umClearingHouseId: 'INQDEMO', payerId: 'INQDEMO' }), 'inquiry');
  assert.equal(guessRequestKind({ senderId: '278_217_03_A3', umClearingHouseId: '278_217_03_A3' }), 'submission');
  assert.equal(guessRequestKind({ subscriber: { lastName: 'DOE' } }), undefined);
  for (const junk of [null, undefined, 42, 'x', [], [{ source: {} }]]) assert.equal(guessRequestKind(junk), undefined);
});

// ---------------------------------------------------------------------------------------------------------------
// Junk never throws

function deeplyNested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { next: value, list: [value] };
  return value;
}

test('jsonToX12 never throws on junk and says what is wrong', () => {
  const deep = deeplyNested(5000);
  const cyclic: Json = { subscriber: {} };
  (cyclic.subscriber as Json).self = cyclic;
  const junk: unknown[] = [
    null, undefined, 0, 42, 'ISA*', true, [], [{}], deep, { subscriber: deep }, { patientEventDetail: { serviceLevel: deep } },
    { patientEventDetail: { serviceLevel: [deep, null, 7] } }, cyclic, Object.create(null), { __proto__: { payerId: 'X' } },
  ];
  for (const body of junk) {
    for (const kind of ['inquiry', 'submission', 'noa', 'bogus'] as RequestKind[]) {
      const result = jsonToX12(body, kind, { date: DATE });
      assert.equal(typeof result.x12, 'string');
      assert.ok(Array.isArray(result.issues) && Array.isArray(result.fields));
      if (typeof body !== 'object' || body === null || Array.isArray(body) || kind === ('bogus' as RequestKind)) {
        assert.equal(result.x12, '');
        assert.equal(result.issues[0]?.severity, 'error');
      }
    }
  }
  assert.ok(jsonToX12({ subscriber: deep }, 'inquiry').issues.some((i) => i.path === 'subscriber.next'));
  assert.ok(jsonToX12({ payerId: 'X' }, 'inquiry', { date: new Date(Number.NaN) }).issues.some((i) => /options\.date/.test(i.message)));
});

test('x12ToJson never throws on text that is not X12 and says what is wrong', () => {
  const junk = [
    '', '   ', 'hello', 'ISA*00', '{"x12": "ISA"}', '~~~***:::', 'ISA'.repeat(1000), '\u0000\uFFFF'.repeat(50),
    readText(EXAMPLES, 'inquiry-tst2.x12').replace(/005010X215/g, '004010X094'),
  ];
  for (const text of junk) {
    const result = x12ToJson(text);
    assert.equal(result.json, undefined, JSON.stringify(text.slice(0, 40)));
    assert.equal(result.issues[0].severity, 'error');
  }
  // Cut or scrambled X12 gives what could be read.
  const example = readText(EXAMPLES, 'submission-ambulance-a1.x12');
  for (let cut = 0; cut < example.length; cut += 37) {
    const result = x12ToJson(example.slice(0, cut) + example.slice(cut + 11));
    assert.ok(result.json !== undefined || result.issues.length > 0);
  }
  for (const value of [null, undefined, 42, {}, []] as unknown as string[]) {
    const result = x12ToJson(value);
    assert.equal(result.json, undefined);
    assert.equal(result.issues[0].severity, 'error');
  }
});

// ---------------------------------------------------------------------------------------------------------------
// The tables themselves

function allSegmentRules(): { where: string; rule: SegmentRule }[] {
  const out: { where: string; rule: SegmentRule }[] = [];
  for (const kind of ['inquiry', 'submission', 'noa'] as const) {
    for (const variant of ['request', 'response'] as const) {
      for (const level of layoutFor(kind, variant).levels) {
        for (const rule of level.segments) out.push({ where: `${kind} ${variant} ${level.loop}`, rule });
        for (const loop of level.loops) for (const rule of loop.segments) out.push({ where: `${kind} ${variant} ${loop.loop}`, rule });
      }
    }
  }
  return out;
}

function positions(rule: FieldRule): { element: number; component?: number }[] {
  switch (rule.kind) {
    case 'value':
      return rule.with ? [rule.at, rule.with.at] : [rule.at];
    case 'period':
      return [rule.format, rule.value];
    case 'choice':
      return [rule.qualifier, rule.value];
    case 'pairs':
      return Array.from({ length: rule.count * 2 }, (_, i) => ({ element: rule.first + i }));
    case 'name':
      // The organization name shares NM103 with the last name by design.
      return [{ element: 2 }, ...rule.person.map((p) => ({ element: p.element }))];
  }
}

test('every mapped position exists in the segment dictionary, composites with components only', () => {
  for (const { where, rule } of allSegmentRules()) {
    const def = SEGMENTS[rule.id];
    assert.ok(def, `${where}: ${rule.id}`);
    const all = [...(rule.key ?? []).map((k) => k.at), ...(rule.fixed ?? []).map((k) => k.at), ...rule.fields.flatMap(positions)];
    for (const at of all) {
      const element = def.elements[at.element - 1];
      assert.ok(element, `${where}: ${rule.id}${at.element} does not exist`);
      const composite = COMPOSITES[element];
      if (at.component) assert.ok(composite && at.component <= composite.components.length, `${where}: ${rule.id}${at.element}-${at.component}`);
      else assert.ok(!composite, `${where}: ${rule.id}${at.element} is a composite; name its component`);
    }
  }
});

test('no two fields of a segment share a position, and no field appears twice in a layout', () => {
  for (const { where, rule } of allSegmentRules()) {
    const seen = new Set<string>();
    for (const field of rule.fields) {
      if (field.kind === 'choice' || field.kind === 'pairs') continue;
      for (const at of positions(field)) {
        const key = `${at.element}.${at.component ?? 0}`;
        assert.ok(!seen.has(key), `${where}: ${rule.id} position ${key} used twice`);
        seen.add(key);
      }
    }
  }
  for (const kind of ['inquiry', 'submission', 'noa'] as const) {
    for (const variant of ['request', 'response'] as const) {
      const seen = new Set<string>();
      for (const level of layoutFor(kind, variant).levels) {
        const rules = [...level.segments.map((r) => ({ base: level.json, r })), ...level.loops.flatMap((l) => l.segments.map((r) => ({ base: `${level.json}/${l.json}`, r })))];
        for (const { base, r } of rules) {
          for (const field of r.fields.flatMap(ruleFields)) {
            const key = `${base}/${r.each ?? ''}/${field}`;
            assert.ok(!seen.has(key), `${kind} ${variant}: ${key} mapped twice`);
            seen.add(key);
          }
        }
      }
    }
  }
});
