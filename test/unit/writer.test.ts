import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeInterchange, writeSegment } from '../../server/src/x12/writer';
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
