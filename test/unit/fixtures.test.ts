// Every diagnostic fixture produces exactly its expected problems; every valid file and example produces none;
// every catalog code is exercised by at least one fixture.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeDocument, capProblems } from '../../server/src/validate/document';
import { analyzeJsonRequest, kindFromFileName } from '../../server/src/validate/jsonRequest';
import { analyzeJsonDocument } from '../../server/src/features/jsonDocument';
import { CATALOG } from '../../server/src/problems/catalog';
import { EXAMPLES, FIXTURES, describeAll, expectationFor, listFiles, loadFixture } from '../helpers/fixtures';

const DIAGNOSTICS = join(FIXTURES, 'diagnostics');
const diagnosticFixtures = listFiles(DIAGNOSTICS, '.x12').map(loadFixture);
const jsonFixtures = listFiles(join(FIXTURES, 'json'), '.json').map(loadFixture);

for (const fixture of jsonFixtures) {
  test(`JSON request diagnostics: ${fixture.name}`, () => {
    const actual = describeAll(fixture.text, analyzeJsonRequest(fixture.text, kindFromFileName(fixture.path)).problems);
    assert.deepEqual(actual, expectationFor(fixture, actual));
  });
}

for (const path of listFiles(EXAMPLES, '.json')) {
  test(`no problems: examples/${path.slice(path.lastIndexOf('/') + 1)}`, () => {
    const fixture = loadFixture(path);
    // Routed as the editor and the CLI route it: Optum request bodies, and PAS documents to the FHIR core.
    assert.deepEqual(describeAll(fixture.text, analyzeJsonDocument(fixture.text, { uri: path }).problems), []);
  });
}

for (const fixture of diagnosticFixtures) {
  test(`diagnostics: ${fixture.name}`, () => {
    const problems = capProblems(analyzeDocument(fixture.text).problems, fixture.maxProblems ?? 500);
    const actual = describeAll(fixture.text, problems);
    assert.deepEqual(actual, expectationFor(fixture, actual));
  });
}

for (const path of [...listFiles(join(FIXTURES, 'valid'), '.x12'), ...listFiles(EXAMPLES, '.x12')]) {
  test(`no problems: ${path.slice(path.lastIndexOf('/', path.lastIndexOf('/') - 1) + 1)}`, () => {
    const fixture = loadFixture(path);
    assert.deepEqual(describeAll(fixture.text, analyzeDocument(fixture.text).problems), []);
  });
}

test('every diagnostic code in the catalog has a failing fixture', () => {
  const seen = new Set([...diagnosticFixtures, ...jsonFixtures].flatMap((f) => f.expected.map((line) => line.split(' ')[2])));
  const missing = Object.keys(CATALOG).filter((code) => !seen.has(code));
  assert.deepEqual(missing, []);
});
