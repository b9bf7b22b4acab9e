// Every example of both published PAS packages, validated as a PAS document: no errors, except the real defects
// listed here, each with the element and the rule it breaks. A rule is never loosened to silence one.

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { getLocation } from 'jsonc-parser';
import { analyzeFhirDocument, type PasVersion } from '../../../server/src/fhir';
import { FHIR_CATALOG } from '../../../server/src/problems/fhirCatalog';
import { FIXTURES } from '../../helpers/fixtures';

interface Defect {
  readonly version: PasVersion;
  readonly file: string;
  readonly code: string;
  /** JSON path of the offending value. */
  readonly path: string;
  /** The element and the rule it breaks, in words. */
  readonly rule: string;
}

const PRACTITIONER_ROLE_REFS =
  'Bundle.entry[6] PractitionerRole (SurgicalPractitionerRoleExample) references a Practitioner and a Location that are not entries of the request bundle: PAS spec-13 (additional entries SHALL carry every resource the Claim references, fully traversing references)';

export const EXAMPLE_DEFECTS: readonly Defect[] = [
  { version: '2.0.1', file: 'Bundle-SurgicalRequestBundleExample.json', code: 'fhir-bundle-reference', path: 'entry.6.resource.practitioner.reference', rule: PRACTITIONER_ROLE_REFS },
  { version: '2.0.1', file: 'Bundle-SurgicalRequestBundleExample.json', code: 'fhir-bundle-reference', path: 'entry.6.resource.location.0.reference', rule: PRACTITIONER_ROLE_REFS },
  { version: '2.2.1', file: 'Bundle-SurgicalRequestBundleExample.json', code: 'fhir-bundle-reference', path: 'entry.6.resource.practitioner.reference', rule: PRACTITIONER_ROLE_REFS },
  { version: '2.2.1', file: 'Bundle-SurgicalRequestBundleExample.json', code: 'fhir-bundle-reference', path: 'entry.6.resource.location.0.reference', rule: PRACTITIONER_ROLE_REFS },
];

const EXAMPLES = join(FIXTURES, 'fhir/examples');

for (const version of ['2.0.1', '2.2.1'] as const) {
  const files = readdirSync(join(EXAMPLES, version)).filter((f) => f.endsWith('.json')).sort();
  test(`PAS ${version}: the package's ${files.length} examples validate without errors but their listed defects`, () => {
    assert.ok(files.length >= 39, 'the examples are in the tree');
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(EXAMPLES, version, file), 'utf8');
      // Named *.pas.json so that every example is a PAS document, with or without a PAS meta.profile.
      const analysis = analyzeFhirDocument(text, { uri: file.replace(/\.json$/, '.pas.json'), defaultVersion: version });
      assert.ok(analysis.pas, `${file} is analysed as PAS`);
      for (const p of analysis.problems) {
        assert.ok(p.code in FHIR_CATALOG, `${p.code} is a catalog code`);
        if (p.severity === 'error') found.push(`${file} ${p.code} ${getLocation(text, p.start + 1).path.join('.')}`);
      }
    }
    const expected = EXAMPLE_DEFECTS.filter((d) => d.version === version).map((d) => `${d.file} ${d.code} ${d.path}`);
    assert.deepEqual(found.sort(), expected.sort());
  });
}

test('each listed example defect names its element and rule', () => {
  for (const d of EXAMPLE_DEFECTS) assert.match(d.rule, /^[A-Z].+: .+/);
});
