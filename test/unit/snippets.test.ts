// The snippets in snippets/x12.json and snippets/json.json: every whole-interchange X12 snippet, for every option of
// every choice, expands to a 278 that the validator accepts without errors or warnings and that carries the sandbox
// value it promises; every segment snippet fits into a valid example in place of the segment it stands for; every JSON
// body parses and routes to the canned sandbox value. The expander in ../helpers/snippets is tested first.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeDocument } from '../../server/src/validate/document';
import { analyzeJsonRequest } from '../../server/src/validate/jsonRequest';
import { INQDEMO_BY_MEMBER } from '../../sandbox/src/canned';
import type { Problem } from '../../server/src/problems/problem';
import {
  choicesOf, dateVariables, everyChoiceExpansion, expandSnippet, loadSnippetFile, prefixesOf,
  type SnippetDefinition, type SnippetFile,
} from '../helpers/snippets';

// The compiled test runs from out/test/unit.
const REPO = resolve(__dirname, '../../..');
const EXAMPLES = join(REPO, 'examples');

const X12_SNIPPETS = loadSnippetFile(join(REPO, 'snippets/x12.json'));
const JSON_SNIPPETS = loadSnippetFile(join(REPO, 'snippets/json.json'));

const NOW = new Date();
const VARS = dateVariables(NOW);
const TODAY = VARS.CURRENT_YEAR + VARS.CURRENT_MONTH + VARS.CURRENT_DATE;
const TODAY_SHORT = VARS.CURRENT_YEAR_SHORT + VARS.CURRENT_MONTH + VARS.CURRENT_DATE;
const HHMM = VARS.CURRENT_HOUR + VARS.CURRENT_MINUTE;

const TST_MEMBERS = ['TST1', 'TST2', 'TST3', 'TST4', 'TST5', 'TST6', 'TST7', 'TST8', 'TST9', 'TST10', 'TST11'];
const RECEIVERS = ['000000000000001', '000000000000002', '000000000000003', '000000000000004'];
const CLEARINGHOUSES = [
  '278_217_01_A1', '278_217_02_A2', '278_217_03_A3', '278_217_04_A4', '278_217_05_A6', '278_217_06_C', 'AAA_217_07_73',
];

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function byPrefix(file: SnippetFile, prefix: string): [string, SnippetDefinition] {
  const found = Object.entries(file).filter(([, def]) => prefixesOf(def)[0] === prefix);
  assert.equal(found.length, 1, `exactly one snippet has the main prefix ${prefix}`);
  return found[0];
}

/** Errors and warnings, each as `severity code "covered text" message`. */
function seriousProblems(text: string): string[] {
  return analyzeDocument(text)
    .problems.filter((p: Problem) => p.severity === 'error' || p.severity === 'warning')
    .map((p) => `${p.severity} ${p.code} ${JSON.stringify(text.slice(p.start, p.end))} ${p.message}`);
}

/** Segment lines of an expansion (one segment per line, `~` at the end of each). */
function segmentLines(text: string): string[] {
  return text.split('\n');
}

/** Elements of the first segment with this ID (index 0 = the ID), or of the first one whose text starts with `head`. */
function segment(text: string, head: string): string[] {
  const line = segmentLines(text).find((l) => l.startsWith(head.includes('*') ? head : `${head}*`));
  assert.ok(line, `a ${head} segment`);
  return line.replace(/~$/, '').split('*');
}

// ---------------------------------------------------------------------------------------------------------------
// The expander

test('expander: tabstops, defaults, mirrors before and after the definition, body arrays', () => {
  assert.equal(expandSnippet('a$1b${2}c'), 'abc');
  assert.equal(expandSnippet('$1 ${1:first} $1'), 'first first first');
  assert.equal(expandSnippet(['line one ${1:x}', 'line two $1$0']), 'line one x\nline two x');
});

test('expander: nested placeholders resolve inside their parent and mirror on their own', () => {
  assert.equal(expandSnippet('<${1:a${2:b${3:c}}d}>|$2|$3'), '<abcd>|bc|c');
  assert.equal(expandSnippet('SV1*HC:${1:70488}${2::${3:26}}**UN*1~'), 'SV1*HC:70488:26**UN*1~');
});

test('expander: choices take the first option unless a value or an index is picked', () => {
  const body = 'x=${1|one,two\\,2,thr\\|ee|} again $1';
  assert.equal(expandSnippet(body), 'x=one again one');
  assert.equal(expandSnippet(body, { choices: { 1: 'two,2' } }), 'x=two,2 again two,2');
  assert.equal(expandSnippet(body, { choices: { 1: 2 } }), 'x=thr|ee again thr|ee');
  assert.deepEqual([...choicesOf(body)], [[1, ['one', 'two,2', 'thr|ee']]]);
  assert.throws(() => expandSnippet(body, { choices: { 1: 'four' } }), /no option/);
  assert.throws(() => expandSnippet('${1:a}', { choices: { 1: 'a' } }), /not a choice/);
});

test('expander: placeholder transforms apply to the resolved value, including a picked choice', () => {
  assert.equal(expandSnippet('[${1:ABC    }][${1/\\s+$//}]'), '[ABC    ][ABC]');
  const padded = '${1|AA  ,BBB |}/${1/\\s+$//}/';
  assert.equal(expandSnippet(padded), 'AA  /AA/');
  assert.equal(expandSnippet(padded, { choices: { 1: 'BBB ' } }), 'BBB /BBB/');
  assert.equal(expandSnippet('${1:a-b-c} ${1/-/_/g} ${1/-/_/}'), 'a-b-c a_b_c a_b-c');
  assert.equal(expandSnippet('${1:ab} ${1/(a)(x)?/${1:/upcase}${2:?X:-}/}'), 'ab A-b');
  assert.equal(expandSnippet('${1:ab} ${1/(a)(x)?/${2:+yes}${2:-no}/}'), 'ab nob');
});

test('expander: date variables, with and without braces, also inside defaults and with transforms', () => {
  const at = new Date(2024, 0, 5, 7, 8, 9);
  assert.equal(
    expandSnippet('$CURRENT_YEAR ${CURRENT_YEAR_SHORT}$CURRENT_MONTH${CURRENT_DATE} $CURRENT_HOUR:$CURRENT_MINUTE', { now: at }),
    '2024 240105 07:08',
  );
  assert.equal(expandSnippet('${1:${CURRENT_YEAR}${CURRENT_MONTH}${CURRENT_DATE}}|$1', { now: at }), '20240105|20240105');
  assert.equal(expandSnippet('${CURRENT_YEAR/^20//}', { now: at }), '24');
  assert.equal(expandSnippet('${UNKNOWN_THING:fallback}', { now: at }), 'fallback');
  assert.throws(() => expandSnippet('$UNKNOWN_THING'), /unknown snippet variable/);
});

test('expander: escapes and plain dollars', () => {
  assert.equal(expandSnippet('\\$1 \\} \\\\ ${1:a\\}b} $ 5$'), '$1 } \\ a}b $ 5$');
  assert.throws(() => expandSnippet('${1:unclosed'), /snippet syntax/);
});

// ---------------------------------------------------------------------------------------------------------------
// Whole X12 interchanges

interface InterchangeCase {
  readonly prefix: string;
  readonly version: string;
  /** Checks the sandbox routing values for one expansion. */
  readonly routing: (text: string, picks: Record<number, string>) => void;
  readonly expansions: number;
}

const INTERCHANGES: readonly InterchangeCase[] = [
  {
    prefix: 'x12-inquiry-inqdemo',
    version: '005010X215',
    expansions: TST_MEMBERS.length,
    routing: (text, picks) => {
      assert.equal(segment(text, 'ISA')[8], 'INQDEMO        ');
      assert.equal(segment(text, 'GS')[3], 'INQDEMO');
      assert.deepEqual(segment(text, 'NM1*PR').slice(8, 10), ['PI', 'INQDEMO']);
      assert.equal(segment(text, 'NM1*IL')[9], picks[1]);
    },
  },
  {
    prefix: 'x12-inquiry-receiver',
    version: '005010X215',
    expansions: RECEIVERS.length,
    routing: (text, picks) => {
      assert.equal(segment(text, 'ISA')[8], picks[1]);
      assert.equal(segment(text, 'GS')[3], picks[1]);
      assert.deepEqual(segment(text, 'NM1*PR').slice(8, 10), ['PI', picks[1]]);
    },
  },
  {
    prefix: 'x12-submission',
    version: '005010X217',
    expansions: CLEARINGHOUSES.length + 3,
    routing: (text, picks) => {
      const clearinghouse = (picks[1] ?? CLEARINGHOUSES[0]).trimEnd();
      assert.equal(segment(text, 'ISA')[8], clearinghouse.padEnd(15, ' '));
      assert.equal(segment(text, 'GS')[3], clearinghouse);
      if (picks[14]) assert.equal(segment(text, 'DMG')[3], picks[14]);
    },
  },
  {
    prefix: 'x12-noa',
    version: '005010X216',
    expansions: 1,
    routing: (text) => {
      assert.equal(segment(text, 'ISA')[8], 'IMNDIRECT      ');
      assert.equal(segment(text, 'GS')[3], 'IMNDIRECT');
      assert.equal(segment(text, 'NM1*IL')[9], 'NOA-01-SUCCESS');
    },
  },
];

test('x12 snippets: the choice lists hold exactly the canned sandbox values, in order', () => {
  assert.deepEqual(choicesOf(byPrefix(X12_SNIPPETS, 'x12-inquiry-inqdemo')[1].body).get(1), TST_MEMBERS);
  assert.deepEqual(choicesOf(byPrefix(X12_SNIPPETS, 'x12-inquiry-receiver')[1].body).get(1), RECEIVERS);
  const padded = choicesOf(byPrefix(X12_SNIPPETS, 'x12-submission')[1].body).get(1);
  assert.deepEqual(padded?.map((v) => v.length), CLEARINGHOUSES.map(() => 15));
  assert.deepEqual(padded?.map((v) => v.trimEnd()), CLEARINGHOUSES);
});

test('snippets: every snippet has a description and exactly one prefix, no two alike in a file', () => {
  for (const file of [X12_SNIPPETS, JSON_SNIPPETS]) {
    const prefixes = Object.values(file).flatMap((def) => prefixesOf(def));
    assert.equal(prefixes.length, Object.keys(file).length, 'one prefix per snippet: the completion list shows each snippet once');
    assert.equal(new Set(prefixes).size, prefixes.length, `prefixes are distinct: ${prefixes.join(', ')}`);
    for (const [name, def] of Object.entries(file)) assert.ok((def.description ?? '').length > 20, `${name} has a description`);
  }
  const x12 = Object.values(X12_SNIPPETS).map((def) => prefixesOf(def)[0]);
  for (const expected of ['x12-inquiry-inqdemo', 'x12-inquiry-receiver', 'x12-submission', 'x12-noa', 'nm1-subscriber', 'um', 'hi', 'dtp-event', 'dtp-event-range', 'dtp-service', 'sv1']) {
    assert.ok(x12.includes(expected), `a snippet with prefix ${expected}`);
  }
});

test('snippets: the TST member choice is explained member by member, as the sandbox answers', () => {
  // A snippet choice cannot carry descriptions, so the snippet's description says what each member returns.
  for (const [file, prefix] of [[X12_SNIPPETS, 'x12-inquiry-inqdemo'], [JSON_SNIPPETS, 'optum-inquiry-inqdemo']] as const) {
    const description = byPrefix(file, prefix)[1].description ?? '';
    for (const [member, outcome] of Object.entries(INQDEMO_BY_MEMBER)) {
      const code = outcome.decision ? outcome.decision.code : `AAA ${outcome.reject!.reason}`;
      assert.match(description, new RegExp(`\\b${member} [^,;(]+\\(${code}\\)`), `${prefix} says what ${member} returns (${code})`);
    }
  }
});

let interchangeExpansions = 0;
for (const c of INTERCHANGES) {
  const [name, def] = byPrefix(X12_SNIPPETS, c.prefix);
  const expansions = everyChoiceExpansion(def.body, NOW);
  test(`x12 snippet "${name}" has ${c.expansions} expansions to validate`, () => {
    assert.equal(expansions.length, c.expansions);
  });
  for (const e of expansions) {
    interchangeExpansions++;
    test(`x12 snippet ${c.prefix} (${e.label}) validates clean`, () => {
      const text = e.text;
      const lines = segmentLines(text);
      for (const line of lines) assert.match(line, /^[A-Z][A-Z0-9]{1,2}\*[^~\n]*~$/, 'one segment per line, ended by ~');
      assert.equal(lines[0].slice(0, 4), 'ISA*');
      assert.equal(lines[0].length, 106, 'the ISA is 106 characters with its terminator');
      assert.equal(lines[0].slice(103, 106), '*:~', 'component separator : and terminator ~');
      assert.equal(lines[0][82], '^', 'repetition separator ^');

      const isa = segment(text, 'ISA');
      const gs = segment(text, 'GS');
      const st = segment(text, 'ST');
      const bht = segment(text, 'BHT');
      const se = segment(text, 'SE');
      const ge = segment(text, 'GE');
      const iea = segment(text, 'IEA');
      assert.equal(isa[9], TODAY_SHORT, 'ISA09 is today as YYMMDD');
      assert.equal(isa[10], HHMM, 'ISA10 is now as HHMM');
      assert.equal(gs[4], TODAY, 'GS04 is today as CCYYMMDD');
      assert.equal(gs[5], HHMM);
      assert.equal(bht[4], TODAY, 'BHT04 is today as CCYYMMDD');
      assert.equal(gs[2], isa[6].trimEnd(), 'GS02 is ISA06 without its padding');
      assert.equal(gs[8], c.version);
      assert.equal(st[3], c.version);
      assert.equal(iea[2], isa[13], 'IEA02 = ISA13');
      assert.equal(ge[2], gs[6], 'GE02 = GS06');
      assert.equal(se[2], st[2], 'SE02 = ST02');
      assert.equal(ge[1], '1');
      assert.equal(iea[1], '1');
      const stIndex = lines.findIndex((l) => l.startsWith('ST*'));
      const seIndex = lines.findIndex((l) => l.startsWith('SE*'));
      assert.equal(se[1], String(seIndex - stIndex + 1), 'SE01 counts ST through SE');
      for (const dtp of lines.filter((l) => l.startsWith('DTP*'))) assert.equal(dtp.split('*')[3], `${TODAY}~`, `${dtp} is today`);

      c.routing(text, e.choices);
      assert.deepEqual(seriousProblems(text), []);
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Segment snippets, each put in place of the segment it stands for in a valid example

interface SegmentCase {
  readonly prefix: string;
  readonly example: string;
  readonly replaces: string;
}

const SEGMENT_CASES: readonly SegmentCase[] = [
  { prefix: 'nm1-subscriber', example: 'inquiry-tst2.x12', replaces: 'NM1*IL*1*DOE*JOE****MI*TST2~' },
  { prefix: 'nm1-subscriber', example: 'submission-ambulance-a1.x12', replaces: 'NM1*IL*1*SMITH*JOE****MI*12345689001~' },
  { prefix: 'nm1-subscriber', example: 'notice-of-admission.x12', replaces: 'NM1*IL*1*LNAME*FNAME****MI*NOA-01-SUCCESS~' },
  { prefix: 'um', example: 'inquiry-tst2.x12', replaces: 'UM*HS*I*1*11:B~' },
  { prefix: 'um', example: 'submission-ambulance-a1.x12', replaces: 'UM*HS*I*56*41:B~' },
  { prefix: 'um', example: 'notice-of-admission.x12', replaces: 'UM*AR*I*1*11:A~' },
  { prefix: 'hi', example: 'inquiry-tst2.x12', replaces: 'HI*ABK:C34.32~' },
  { prefix: 'hi', example: 'notice-of-admission.x12', replaces: 'HI*ABJ:N1330~' },
  { prefix: 'dtp-event', example: 'inquiry-tst2.x12', replaces: 'DTP*AAH*D8*20230802~' },
  { prefix: 'dtp-event', example: 'submission-ambulance-a1.x12', replaces: 'DTP*AAH*D8*20250601~' },
  { prefix: 'dtp-event-range', example: 'inquiry-tst2.x12', replaces: 'DTP*AAH*D8*20230802~' },
  { prefix: 'dtp-event-range', example: 'submission-ambulance-a1.x12', replaces: 'DTP*AAH*D8*20250601~' },
  { prefix: 'dtp-service', example: 'inquiry-tst2.x12', replaces: 'DTP*472*D8*20160615~' },
  { prefix: 'sv1', example: 'inquiry-tst2.x12', replaces: 'SV1*HC:70488~' },
  { prefix: 'sv1', example: 'submission-ambulance-a1.x12', replaces: 'SV1*HC:A0428:RX**UN*5~' },
];

test('every segment snippet is exercised by at least one example', () => {
  const covered = new Set(SEGMENT_CASES.map((c) => c.prefix));
  const segmentSnippets = Object.values(X12_SNIPPETS)
    .filter((def) => !expandSnippet(def.body, { now: NOW }).startsWith('ISA'))
    .map((def) => prefixesOf(def)[0]);
  assert.deepEqual(segmentSnippets.filter((p) => !covered.has(p)), []);
});

let segmentExpansions = 0;
for (const c of SEGMENT_CASES) {
  const [, def] = byPrefix(X12_SNIPPETS, c.prefix);
  const original = readFileSync(join(EXAMPLES, c.example), 'utf8');
  for (const e of everyChoiceExpansion(def.body, NOW)) {
    segmentExpansions++;
    test(`segment snippet ${c.prefix} (${e.label}) in ${c.example} validates clean`, () => {
      assert.match(e.text, /^[A-Z][A-Z0-9]{1,2}\*[^~\n]*~$/, 'one segment, ended by ~');
      assert.equal(original.split(c.replaces).length, 2, `${c.example} holds ${c.replaces} once`);
      assert.deepEqual(seriousProblems(original), [], `${c.example} is clean to begin with`);
      const text = original.replace(c.replaces, e.text);
      assert.deepEqual(seriousProblems(text), []);
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// JSON request bodies

interface JsonCase {
  readonly prefix: string;
  readonly expansions: number;
  readonly routing: (body: Record<string, unknown>, picks: Record<number, string>) => void;
}

const JSON_CASES: readonly JsonCase[] = [
  {
    prefix: 'optum-inquiry-inqdemo',
    expansions: TST_MEMBERS.length,
    routing: (body, picks) => {
      assert.equal(body.payerId, 'INQDEMO');
      assert.equal(body.umClearingHouseId, 'INQDEMO');
      assert.equal((body.subscriber as Record<string, unknown>).memberId, picks[1]);
    },
  },
  {
    prefix: 'optum-inquiry-receiver',
    expansions: RECEIVERS.length,
    routing: (body, picks) => {
      assert.equal(body.payerId, picks[1]);
      assert.equal(body.umClearingHouseId, picks[1]);
    },
  },
  {
    prefix: 'optum-submission',
    expansions: CLEARINGHOUSES.length + 3,
    routing: (body, picks) => {
      const clearinghouse = picks[1] ?? CLEARINGHOUSES[0];
      assert.equal(body.senderId, clearinghouse);
      assert.equal(body.umClearingHouseId, clearinghouse);
      if (picks[12]) assert.equal((body.subscriber as Record<string, unknown>).genderCode, picks[12]);
    },
  },
];

test('json snippets: the choice lists hold exactly the canned sandbox values, in order', () => {
  assert.deepEqual(choicesOf(byPrefix(JSON_SNIPPETS, 'optum-inquiry-inqdemo')[1].body).get(1), TST_MEMBERS);
  assert.deepEqual(choicesOf(byPrefix(JSON_SNIPPETS, 'optum-inquiry-receiver')[1].body).get(1), RECEIVERS);
  assert.deepEqual(choicesOf(byPrefix(JSON_SNIPPETS, 'optum-submission')[1].body).get(1), CLEARINGHOUSES);
  assert.equal(Object.keys(JSON_SNIPPETS).length, JSON_CASES.length);
});

/** Every leaf of a parsed body, with its path. */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [[path, value]];
}

let jsonExpansions = 0;
for (const c of JSON_CASES) {
  const [name, def] = byPrefix(JSON_SNIPPETS, c.prefix);
  const expansions = everyChoiceExpansion(def.body, NOW);
  test(`json snippet "${name}" has ${c.expansions} expansions`, () => {
    assert.equal(expansions.length, c.expansions);
  });
  for (const e of expansions) {
    jsonExpansions++;
    test(`json snippet ${c.prefix} (${e.label}) parses, routes to the canned value and has no errors or warnings`, () => {
      const body = JSON.parse(e.text) as Record<string, unknown>;
      const all = leaves(body);
      for (const [path, v] of all) assert.equal(typeof v, 'string', `${path} is a string, as every field of Optum's request is`);
      for (const [path, v] of all.filter(([p]) => /(eventDate|serviceDate)(Begin|End)$/.test(p))) {
        assert.equal(v, TODAY, `${path} is today as CCYYMMDD`);
      }
      assert.match(String((body.subscriber as Record<string, unknown>).dateOfBirth), /^\d{8}$/);
      const event = body.patientEventDetail as Record<string, unknown>;
      for (const field of ['requestCategoryCode', 'certificationTypeCode', 'serviceTypeCode', 'facilityTypeCode', 'facilityCodeQualifier', 'eventDateBegin', 'eventDateEnd']) {
        assert.ok(event[field], `patientEventDetail.${field} is set`);
      }
      assert.ok(Array.isArray(event.patientEventProviderName) && event.patientEventProviderName.length > 0);
      assert.ok(Array.isArray(event.serviceLevel) && event.serviceLevel.length > 0);
      assert.ok(body.requester && body.submitterTransactionIdentifier && body.senderId && body.payerName);
      c.routing(body, e.choices);
      // As inserted, the body passes the 278 rules without an error or a warning.
      const kind = c.prefix.includes('inquiry') ? 'inquiry' : c.prefix.includes('noa') ? 'noa' : 'submission';
      const serious = analyzeJsonRequest(e.text, kind).problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
      assert.deepEqual(serious.map((p) => `${p.severity} ${p.code} ${p.message}`), []);
    });
  }
}

test('snippet expansions validated: whole interchanges, segments in examples, JSON bodies', () => {
  // 11 INQDEMO members + 4 receivers + (7 clearinghouses + 3 genders) + 1 notice of admission.
  assert.equal(interchangeExpansions, 26);
  assert.ok(segmentExpansions >= SEGMENT_CASES.length);
  // 11 members + 4 receivers + 7 clearinghouses + 3 genders.
  assert.equal(jsonExpansions, 25);
});
