// The PAS snippets (snippets/pas.json): each expands, for every choice, to a JSON document that the server routes to
// the FHIR core as the PAS version and role its prefix promises, and that validates without errors or warnings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { analyzeJsonDocument } from '../../server/src/features/jsonDocument';
import { everyChoiceExpansion, loadSnippetFile, prefixesOf } from '../helpers/snippets';

const REPO = resolve(__dirname, '../../..');
const SNIPPETS = loadSnippetFile(join(REPO, 'snippets/pas.json'));

const EXPECTED: Record<string, { version: string; role: string }> = {
  'pas-request-2.0.1': { version: '2.0.1', role: 'request' },
  'pas-request-2.2.1': { version: '2.2.1', role: 'request' },
  'pas-inquiry-2.0.1': { version: '2.0.1', role: 'inquiry' },
  'pas-inquiry-2.2.1': { version: '2.2.1', role: 'inquiry' },
};

test('snippets/pas.json has a request and an inquiry bundle for each PAS version', () => {
  assert.deepEqual(Object.values(SNIPPETS).map((d) => prefixesOf(d)[0]).sort(), Object.keys(EXPECTED).sort());
});

for (const [name, definition] of Object.entries(SNIPPETS)) {
  const prefix = prefixesOf(definition)[0];
  test(`snippet ${prefix} validates without errors or warnings as inserted, for every choice`, () => {
    const expansions = everyChoiceExpansion(definition.body, new Date());
    assert.ok(expansions.length >= 1);
    for (const { text, label } of expansions) {
      JSON.parse(text);
      // An untitled document: only its content makes it a PAS document (as when the snippet goes into a new file),
      // and the setting says the other version: the canonicals' |version decides.
      const other = EXPECTED[prefix].version === '2.0.1' ? '2.2.1' : '2.0.1';
      const analysis = analyzeJsonDocument(text, { uri: 'untitled:Untitled-1', pasVersion: other });
      assert.equal(analysis.kind, 'pas', `${name} is a PAS document`);
      if (analysis.kind !== 'pas') continue;
      assert.equal(analysis.fhir.pas?.version, EXPECTED[prefix].version);
      assert.equal(analysis.fhir.pas?.versionFromDocument, true);
      assert.equal(analysis.fhir.pas?.role, EXPECTED[prefix].role);
      const serious = analysis.problems
        .filter((p) => p.severity === 'error' || p.severity === 'warning')
        .map((p) => `${p.severity} ${p.code} ${JSON.stringify(text.slice(p.start, p.end))} ${p.message}`);
      assert.deepEqual(serious, [], `${prefix} with ${label}`);
    }
  });
}
