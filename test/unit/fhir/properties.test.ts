// The FHIR core never throws and stays inside the document, on mutated package examples (fixed seeds; longer runs
// only by raising FHIR_FUZZ_RUNS): values swapped for other JSON kinds, properties deleted or renamed, text cut.

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzeFhirDocument, childElementsAt, locateFhir } from '../../../server/src/fhir';
import { FIXTURES } from '../../helpers/fixtures';

const RUNS = Number(process.env.FHIR_FUZZ_RUNS ?? 60);
const EXAMPLES = join(FIXTURES, 'fhir/examples');
const documents = (['2.0.1', '2.2.1'] as const).flatMap((v) =>
  readdirSync(join(EXAMPLES, v))
    .filter((f) => f.startsWith('Bundle-') || f.startsWith('Claim'))
    .map((f) => ({ version: v, value: JSON.parse(readFileSync(join(EXAMPLES, v, f), 'utf8')) as unknown })),
);

type Json = unknown;

/** Every (container, key) pair of a JSON value, so a mutation can pick one. */
function slots(value: Json, out: [Record<string, Json> | Json[], string | number][] = []): [Record<string, Json> | Json[], string | number][] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([value, i]), slots(v, out)));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push([value as Record<string, Json>, k]), slots(v, out);
  return out;
}

const replacement = fc.oneof(fc.constant(null), fc.constant({}), fc.constant([]), fc.constant(''), fc.integer(), fc.boolean(), fc.string({ maxLength: 8 }), fc.constant({ resourceType: 'Claim' }));

function check(text: string, version: '2.0.1' | '2.2.1', offsets: number[]): void {
  const analysis = analyzeFhirDocument(text, { uri: 'fuzz.pas.json', defaultVersion: version });
  for (const p of analysis.problems) assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, `${p.code} inside the text`);
  for (const o of offsets) {
    const at = Math.min(o, text.length);
    locateFhir(analysis, at);
    childElementsAt(analysis, at);
  }
}

test('FHIR core: mutated package examples never throw, problems stay inside the document', () => {
  fc.assert(
    fc.property(fc.nat(documents.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(2), replacement, fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(20000), { maxLength: 3 }), (which, mutations, offsets) => {
      const doc = documents[which]!;
      const value = structuredClone(doc.value);
      for (const [pick, kind, replace, name] of mutations) {
        const all = slots(value);
        if (all.length === 0) break;
        const [container, key] = all[pick % all.length]!;
        if (kind === 0) (container as Record<string | number, Json>)[key] = replace;
        else if (kind === 1 && !Array.isArray(container)) delete container[key as string];
        else if (!Array.isArray(container)) (container[(key as string) + name] = container[key as string]), delete container[key as string];
      }
      check(JSON.stringify(value, null, 1), doc.version, offsets);
    }),
    { seed: 1616, numRuns: RUNS },
  );
});

test('FHIR core: cut and spliced text never throws', () => {
  fc.assert(
    fc.property(fc.nat(documents.length - 1), fc.nat(), fc.nat(), fc.string({ maxLength: 4 }), (which, a, b, insert) => {
      const doc = documents[which]!;
      const text = JSON.stringify(doc.value, null, 1);
      const from = a % text.length;
      const to = Math.min(text.length, from + (b % 200));
      check(text.slice(0, from) + insert + text.slice(to), doc.version, [from, to]);
    }),
    { seed: 1617, numRuns: RUNS },
  );
});
