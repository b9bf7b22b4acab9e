import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../server/src/x12/scanner';
import { detectDelimiters } from '../../server/src/x12/delimiters';
import { elementCount, elementValue, elementStart, segmentAt, elementAt } from '../../server/src/x12/segments';

const ISA = 'ISA*00*          *00*          *ZZ*943207296      *ZZ*INQDEMO        *230810*1021*^*00501*916040697*0*P*:~';

test('fixed-width ISA gives all four delimiters', () => {
  const found = detectDelimiters(ISA + 'GS*HI~');
  assert.equal(found.fixedWidth, true);
  assert.deepEqual(found.problems, []);
  assert.deepEqual(found.delimiters, { element: 42, component: 58, repetition: 94, segment: 126 });
});

test('collapsed ISA padding still yields delimiters and one isa-layout problem', () => {
  const collapsed = 'ISA*00**00**ZZ*943207296*ZZ*INQDEMO*230810*1021*^*00501*916040697*0*P*:~GS*HI~';
  const found = detectDelimiters(collapsed);
  assert.equal(found.fixedWidth, false);
  assert.deepEqual(found.delimiters, { element: 42, component: 58, repetition: 94, segment: 126 });
  assert.equal(found.problems.length, 1);
  assert.equal(found.problems[0].code, 'isa-layout');
  assert.match(found.problems[0].message, /ISA02 has 0, expected 10/);
});

test('BOM, leading whitespace and CRLF between segments are tolerated', () => {
  const text = '\uFEFF  \r\n' + ISA + '\r\nGS*HI*A*B~\r\n\r\nST*278*0001~\n';
  const { table, problems } = scan(text);
  assert.deepEqual(problems, []);
  assert.deepEqual(table.ids, ['ISA', 'GS', 'ST']);
  assert.equal(elementValue(table, 2, 2), '0001');
  assert.equal(text.slice(table.segStart[1], table.segEnd[1]), 'GS*HI*A*B');
});

test('newline as segment terminator drops the carriage return from the last element', () => {
  const isa = ISA.slice(0, -1) + '\n';
  const text = isa.replace('\n', '\r\n') + 'GS*HI*A\r\nST*278\r\n';
  const { table, problems } = scan(text);
  assert.deepEqual(problems.map((p) => p.code), []);
  assert.deepEqual(table.ids, ['ISA', 'GS', 'ST']);
  assert.equal(elementValue(table, 1, 2), 'A');
});

test('offsets of elements are exact, and absent elements read as empty', () => {
  const text = ISA + 'NM1*IL*1*DOE*JOE****MI*TST2~';
  const { table } = scan(text);
  assert.equal(elementCount(table, 1), 9);
  assert.equal(elementValue(table, 1, 3), 'DOE');
  assert.equal(elementValue(table, 1, 5), '');
  assert.equal(elementValue(table, 1, 12), '');
  const at = elementStart(table, 1, 9);
  assert.equal(text.slice(at, at + 4), 'TST2');
  assert.equal(segmentAt(table, at), 1);
  assert.equal(elementAt(table, 1, at + 2), 9);
});

test('no ISA gives one clear problem and no segments', () => {
  for (const junk of ['', 'hello world', '\u0000\u0001\u0002binary', '{"x12": 1}']) {
    const { table, problems } = scan(junk);
    assert.equal(table.segmentCount, 0);
    assert.equal(problems.length, 1, junk);
    assert.equal(problems[0].code, 'not-x12');
    assert.match(problems[0].message, /not an X12 interchange/);
  }
});

test('text before the ISA is reported and skipped', () => {
  const { table, problems } = scan('garbage line\n' + ISA + 'GS*HI~');
  assert.deepEqual(problems.map((p) => p.code), ['leading-content']);
  assert.deepEqual(table.ids, ['ISA', 'GS']);
});

test('a file ending without a terminator, and empty segments, are reported', () => {
  const { table, problems } = scan(ISA + 'GS*HI~~ST*278');
  assert.deepEqual(table.ids, ['ISA', 'GS', 'ST']);
  assert.deepEqual(problems.map((p) => p.code), ['empty-segment', 'missing-terminator']);
});

test('delimiters that clash are reported', () => {
  const bad = ISA.replace('*:~', '**~');
  const found = detectDelimiters(bad);
  assert.equal(found.delimiters, undefined);
  assert.equal(found.problems[0].code, 'delimiters-clash');
});
