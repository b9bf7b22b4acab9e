// Problems of a converted JSON request find their field in linear time, and the same field a full scan finds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FieldSpan } from '../../server/src/convert';
import { jsonToX12 } from '../../server/src/convert';
import { analyzeDocument } from '../../server/src/validate/document';
import { FieldFinder } from '../../server/src/validate/fieldFinder';
import { FIXTURES } from '../helpers/fixtures';

/** The full scan the finder replaces: every field looked at for every problem. */
function scanAll(fields: readonly FieldSpan[], start: number, end: number): FieldSpan | undefined {
  let holding: FieldSpan | undefined;
  let starting: FieldSpan | undefined;
  const smaller = (f: FieldSpan, than: FieldSpan | undefined) => !than || f.end - f.start < than.end - than.start;
  for (const f of fields) {
    if (f.start <= start && end <= Math.max(f.end, f.start + 1) && smaller(f, holding)) holding = f;
    if (f.start <= start && start < Math.max(f.end, f.start + 1) && smaller(f, starting)) starting = f;
  }
  return holding && starting && smaller(starting, holding) && holding.end - holding.start > end - start + 1 ? starting : holding ?? starting;
}

test('the finder picks the field a full scan picks, for problems in any order', () => {
  const span = fc.tuple(fc.nat({ max: 200 }), fc.nat({ max: 40 })).map(([start, length]) => ({ start, end: start + length }));
  fc.assert(
    fc.property(fc.array(span, { maxLength: 40 }), fc.array(span, { maxLength: 30 }), fc.boolean(), (fields, problems, ordered) => {
      const named = fields.map((f, i) => ({ ...f, path: `f${i}` }));
      const finder = new FieldFinder(named);
      const asked = ordered ? [...problems].sort((a, b) => a.start - b.start) : problems;
      for (const p of asked) assert.equal(finder.at(p.start, p.end)?.path, scanAll(named, p.start, p.end)?.path);
    }),
    { seed: 7, numRuns: 500 },
  );
});

test('finding the fields of every problem is linear: 20,000 service lines with a bad date range take about 10× the work of 2,000', () => {
  const base = JSON.parse(readFileSync(join(FIXTURES, 'json/bad-service-date-range.inquiry.json'), 'utf8')) as { patientEventDetail: { serviceLevel: unknown[] } };
  const work = (lines: number) => {
    const body = structuredClone(base);
    body.patientEventDetail.serviceLevel = Array.from({ length: lines }, () => base.patientEventDetail.serviceLevel[0]);
    const converted = jsonToX12(body, 'inquiry');
    const finder = new FieldFinder(converted.fields);
    const problems = analyzeDocument(converted.x12).problems;
    for (const p of problems) finder.at(p.start, p.end);
    assert.ok(problems.length >= lines);
    return finder.work;
  };
  const ratio = work(20_000) / work(2_000);
  assert.ok(ratio > 5 && ratio < 15, `work grew ${ratio.toFixed(1)}× for 10× the service lines`);
});
