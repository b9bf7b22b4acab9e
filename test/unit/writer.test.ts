import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseDelimiters, composeInterchange, DEFAULT_DELIMITERS, writeInterchange, writeSegment } from '../../server/src/x12/writer';
import { elementValue } from '../../server/src/x12/segments';
import { analyzeDocument } from '../../server/src/validate/document';
import { EXAMPLES } from '../helpers/fixtures';

test('writeSegment drops trailing empty elements and components', () => {
  assert.equal(writeSegment(['NM1', 'IL', '1', 'DOE', 'JOE', '', '', '', 'MI', 'TST2', '', '']), 'NM1*IL*1*DOE*JOE****MI*TST2');
  assert.equal(writeSegment(['UM', 'HS', 'I', '1', ['11', 'B', '']]), 'UM*HS*I*1*11:B');
});

test('writeInterchange reproduces an example byte for byte', () => {
  const example = readFileSync(join(EXAMPLES, 'inquiry-tst2.x12'), 'utf8');
  const lines = example.trim().split('\n').map((l) => l.replace(/~$/, ''));
  const body = lines.slice(3, -3).map((l) => l.split('*').map((e) => (e.includes(':') ? e.split(':') : e)));
  const text = writeInterchange(
    { senderId: '943207296', receiverId: 'INQDEMO', controlNumber: '916040697', groupControlNumber: '3294199', version: '005010X215', date: new Date(2023, 7, 10, 10, 21) },
    [{ controlNumber: '0001', body }],
    { lineBreaks: true },
  );
  // The example's GS05 has seconds (102137); the writer writes HHMM.
  assert.equal(text, example.replace('20230810*102137*3294199', '20230810*1021*3294199'));
  assert.deepEqual(analyzeDocument(text).problems, []);
});

test('the writer moves off a delimiter a value holds, and says when no delimiters are left', () => {
  const header = { senderId: 'SENDER', receiverId: 'RECEIVER', controlNumber: '1', groupControlNumber: '1', version: '005010X215', date: new Date(2026, 0, 2, 3, 4) };
  const body = [['BHT', '0007', '13', 'REF', '20260102', '0304'], ['NM1', 'IL', '1', 'O*BRIEN', 'JO~E', '', '', '', 'MI', 'A:B^C']];
  const written = composeInterchange(header, [{ controlNumber: '0001', body }]);
  assert.equal(written.wellFormed, true);
  for (const c of ['*', '~', ':', '^']) assert.ok(!Object.values(written.delimiters).includes(c), `"${c}" is in a value, so it cannot separate`);
  const analysis = analyzeDocument(written.text);
  assert.deepEqual(analysis.problems.filter((p) => ['se01-count', 'delimiters-clash', 'not-x12', 'too-many-elements'].includes(p.code)), []);
  const t = analysis.table;
  const nm1 = Array.from({ length: t.segmentCount }, (_, s) => s).find((s) => t.ids[s] === 'NM1')!;
  assert.deepEqual([3, 4, 9].map((pos) => elementValue(t, nm1, pos)), ['O*BRIEN', 'JO~E', 'A:B^C']);

  assert.deepEqual(chooseDelimiters(['PLAIN VALUES']), DEFAULT_DELIMITERS, 'the usual set when it fits');
  const piped = { element: '|', component: '>', repetition: '{', segment: '!' };
  assert.deepEqual(chooseDelimiters(['O*BRIEN'], [DEFAULT_DELIMITERS, piped]), piped, 'the first preferred set that fits');
  const everything = '~*:^|>!`{}\\@#$%&+=;?<[]"\'_,/().-';
  assert.equal(chooseDelimiters([everything]), undefined);
  assert.equal(composeInterchange(header, [{ controlNumber: '0001', body: [['NM1', 'IL', '1', everything]] }]).wellFormed, false);
});
