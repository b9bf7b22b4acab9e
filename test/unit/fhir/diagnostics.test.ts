// Data-driven FHIR diagnostics: each test/fixtures/fhir/diagnostics/<code>.pas.json beside <code>.pas.expected
// (LINE:COL severity code "covered text"), a minimal valid PAS request bundle broken the way the code names.
// UPDATE_FIXTURES=1 rewrites the expectations (review the diff). Every catalog code has a fixture.

import { strict as assert } from 'node:assert';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { analyzeFhirDocument } from '../../../server/src/fhir';
import { FHIR_CATALOG } from '../../../server/src/problems/fhirCatalog';
import { describeAll, expectationFor, FIXTURES, listFiles, loadFixture } from '../../helpers/fixtures';

const DIR = join(FIXTURES, 'fhir/diagnostics');
const VALID = join(FIXTURES, 'fhir/valid');
/** Codes no published profile can trigger (every closed slicing in PAS, US Core and R4 is a choice type's, fully
 *  covered): tested on a synthetic profile in slicing.test.ts instead. */
const UNREACHABLE_WITH_PUBLISHED_PROFILES = new Set(['fhir-slice-unmatched']);

const fixtures = listFiles(DIR, '.pas.json').map(loadFixture);

for (const fixture of fixtures) {
  test(`FHIR diagnostics: ${fixture.name}`, () => {
    const analysis = analyzeFhirDocument(fixture.text, { uri: fixture.path, ...(fixture.maxProblems ? { maxProblems: fixture.maxProblems } : {}) });
    assert.ok(analysis.pas, 'a PAS document');
    const actual = describeAll(fixture.text, analysis.problems);
    assert.deepEqual(actual, expectationFor(fixture, actual));
    for (const p of analysis.problems) {
      assert.ok(p.code in FHIR_CATALOG, `${p.code} is in the FHIR catalog`);
      assert.ok(p.start <= p.end && p.end <= fixture.text.length, 'the range is inside the document');
      assert.ok(p.message.length > 10, 'a message in words');
    }
    const code = basename(fixture.path, '.pas.json');
    if (code in FHIR_CATALOG) assert.ok(analysis.problems.some((p) => p.code === code), `the fixture shows ${code}`);
  });
}

test('every FHIR catalog code has a failing fixture', () => {
  const shown = new Set(fixtures.flatMap((f) => f.expected.map((line) => line.split(' ')[2])));
  for (const code of Object.keys(FHIR_CATALOG)) {
    if (UNREACHABLE_WITH_PUBLISHED_PROFILES.has(code)) continue;
    assert.ok(shown.has(code), `a fixture expects ${code}`);
  }
});

for (const path of listFiles(VALID, '.pas.json')) {
  test(`valid PAS document: ${basename(path)} has no problems`, () => {
    const fixture = loadFixture(path);
    const analysis = analyzeFhirDocument(fixture.text, { uri: path });
    assert.deepEqual(describeAll(fixture.text, analysis.problems), []);
    assert.equal(analysis.pas?.versionFromDocument, true);
  });
}
