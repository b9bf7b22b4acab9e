// Re-validation after an edit (reanalyzeFhirDocument) gives exactly what a whole analysis of the same text gives:
// the same problems in the same order, the same JSON tree and value, the same located element. Random edit sequences
// over every package example of both versions (fixed seed; FHIR_FUZZ_RUNS for longer runs): characters replaced in
// names, strings and numbers, text inserted or deleted (often breaking the JSON), array items copied or removed and
// properties repeated (keeping it valid), each with the exact change range or none (then the texts are compared). And the work an edit
// costs: one edited Claim item of a 300-item bundle is walked again, the others replayed.

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { findNodeAtOffset, parseTree, type Node } from 'jsonc-parser';
import { analyzeFhirDocument, locateFhir, reanalyzeFhirDocument, type FhirAnalysis, type FhirTextChange } from '../../../server/src/fhir';
import { internals } from '../../../server/src/fhir/analysis';
import { generatePasRequest } from '../../bench/generatePas';
import { FIXTURES } from '../../helpers/fixtures';

const RUNS = Number(process.env.FHIR_FUZZ_RUNS ?? 150);
const EXAMPLES = join(FIXTURES, 'fhir/examples');
const documents = (['2.0.1', '2.2.1'] as const).flatMap((version) =>
  readdirSync(join(EXAMPLES, version))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: `${version}/${f}`, version, text: readFileSync(join(EXAMPLES, version, f), 'utf8') })),
);

interface Edit {
  readonly kind: 'replace' | 'insert' | 'delete' | 'copy-item' | 'remove-item' | 'copy-property';
  /** Where, as a fraction of the text's length. */
  readonly at: number;
  readonly payload: string;
  readonly length: number;
}

const INSERTS = ['a', 'Z', '7', '0', ' ', '\n', ',', '"', '{', '}', '[', ']', ':', '{}', '[]', '"x": 1, ', '"extension": [], ', 'null', '\\'];
const LETTERS = 'abcdeXYZ0123456789-.';

const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('replace', 'replace', 'insert', 'delete', 'copy-item', 'remove-item', 'copy-property'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  payload: fc.oneof(fc.constantFrom(...INSERTS), fc.constantFrom(...LETTERS.split(''))),
  length: fc.integer({ min: 1, max: 12 }),
});

/** The innermost array item around `offset`, if any. */
function arrayItemAt(root: Node | undefined, offset: number): Node | undefined {
  let node = root ? findNodeAtOffset(root, offset, true) : undefined;
  while (node && node.parent?.type !== 'array') node = node.parent;
  return node;
}

/** The edited text and the exact range that changed, or undefined when the edit does not apply here. */
function apply(text: string, e: Edit): { text: string; change: FhirTextChange } | undefined {
  const at = Math.min(text.length, Math.floor(e.at * text.length));
  const splice = (start: number, end: number, insert: string) => ({ text: text.slice(0, start) + insert + text.slice(end), change: { start, oldEnd: end, newEnd: start + insert.length } });
  switch (e.kind) {
    case 'replace': {
      // A name, string or number character: mostly keeps the JSON valid, and renames or re-values something.
      let i = at;
      while (i < text.length && !/[A-Za-z0-9]/.test(text[i]!)) i++;
      if (i >= text.length) return undefined;
      const letter = LETTERS[(text.charCodeAt(i) + e.length) % LETTERS.length]!;
      return splice(i, i + 1, letter);
    }
    case 'insert':
      return splice(at, at, e.payload);
    case 'delete':
      return splice(at, Math.min(text.length, at + e.length), '');
    case 'copy-property': {
      // The same key twice in one object: JSON.parse keeps the last, so the first's items are checked with its value.
      const root = parseTree(text, [], { disallowComments: true });
      let node = root ? findNodeAtOffset(root, at, true) : undefined;
      while (node && node.type !== 'property') node = node.parent;
      if (!node) return undefined;
      const end = node.offset + node.length;
      return splice(end, end, `, ${text.slice(node.offset, end)}`);
    }
    case 'copy-item':
    case 'remove-item': {
      const item = arrayItemAt(parseTree(text, [], { disallowComments: true }), at);
      if (!item) return undefined;
      const end = item.offset + item.length;
      const own = text.slice(item.offset, end);
      if (e.kind === 'copy-item') return splice(end, end, `, ${own}`);
      const siblings = item.parent!.children!;
      const index = siblings.indexOf(item);
      // The item and the comma after it (or before it, for the last of several).
      if (index < siblings.length - 1) return splice(item.offset, siblings[index + 1]!.offset, '');
      if (index > 0) return splice(siblings[index - 1]!.offset + siblings[index - 1]!.length, end, '');
      return splice(item.offset, end, '');
    }
  }
}

/** A tree without parent links, to compare two trees. */
function plain(node: Node | undefined): unknown {
  if (!node) return undefined;
  return { type: node.type, offset: node.offset, length: node.length, colonOffset: node.colonOffset, value: node.value, children: node.children?.map(plain) };
}

function assertSame(incremental: FhirAnalysis, full: FhirAnalysis, text: string, offset: number, label: string): void {
  assert.deepEqual(incremental.problems, full.problems, `${label}: problems`);
  assert.deepEqual(incremental.pas, full.pas, `${label}: PAS document info`);
  const a = internals(incremental);
  const b = internals(full);
  assert.deepEqual(plain(a?.root), plain(b?.root), `${label}: JSON tree`);
  assert.deepEqual(a?.value, b?.value, `${label}: plain value`);
  const at = Math.min(offset, text.length);
  assert.deepEqual(locateFhir(incremental, at), locateFhir(full, at), `${label}: location`);
}

test('random edits of the package examples: re-validation equals a whole validation of the same text', () => {
  assert.ok(documents.length > 80, `${documents.length} examples`);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: documents.length - 1 }), fc.array(fc.tuple(edit, fc.boolean()), { minLength: 1, maxLength: 5 }), (which, edits) => {
      const doc = documents[which]!;
      const options = { uri: `file:///w/${doc.name.replace('/', '-')}`, defaultVersion: doc.version };
      let text = doc.text;
      let previous = analyzeFhirDocument(text, options);
      for (const [e, tellChange] of edits) {
        const applied = apply(text, e);
        if (!applied) continue;
        const incremental = reanalyzeFhirDocument(previous, applied.text, options, tellChange ? applied.change : undefined);
        const full = analyzeFhirDocument(applied.text, options);
        assertSame(incremental, full, applied.text, applied.change.start, `${doc.name} after ${e.kind} at ${applied.change.start}`);
        // An analysis whose tree was taken over answers nothing (rather than from a tree that now describes another text).
        if (!internals(previous)?.root) assert.equal(locateFhir(previous, 10), undefined);
        text = applied.text;
        previous = incremental;
      }
    }),
    { seed: 16016, numRuns: RUNS },
  );
});

test('an edit inside one Claim item of a 300-item bundle walks that item again and replays the others', () => {
  const text = generatePasRequest(300, '2.0.1');
  const first = analyzeFhirDocument(text, {});
  const walkedAtOpen = internals(first)!.memo!.walked;
  assert.ok(walkedAtOpen > 300, `${walkedAtOpen} units recorded at open`);
  // Item 150's quantity: 1..10 becomes 1..10 with another first digit.
  const items = [...text.matchAll(/"quantity": \{\s*"value": (\d+)/g)];
  const target = items[150]!;
  const at = target.index! + target[0].length - target[1]!.length;
  const edited = text.slice(0, at) + (target[1] === '7' ? '8' : '7') + text.slice(at + 1);
  const second = reanalyzeFhirDocument(first, edited, {}, { start: at, oldEnd: at + 1, newEnd: at + 1 });
  const memo = internals(second)!.memo!;
  // The Bundle entry holding the Claim and the edited item (and the units inside it) are walked again.
  assert.ok(memo.walked <= 6, `${memo.walked} units walked again`);
  assert.ok(memo.replayed >= 299, `${memo.replayed} units replayed`);
  assert.deepEqual(second.problems, analyzeFhirDocument(edited, {}).problems);
  // A second edit continues from the first one's records.
  const again = edited.slice(0, at) + '3' + edited.slice(at + 1);
  const third = reanalyzeFhirDocument(second, again, {});
  assert.ok(internals(third)!.memo!.walked <= 6);
  assert.deepEqual(third.problems, analyzeFhirDocument(again, {}).problems);
});

test('an invariant that reads the resource around a value keeps that resource\'s items from being replayed', () => {
  // ref-1 on a "#" reference reads the root resource's contained list: an item holding one is walked again on every
  // edit of its resource, so a contained resource added elsewhere resolves it.
  const text = generatePasRequest(3, '2.0.1');
  const bundle = JSON.parse(text) as { entry: { resource: Record<string, unknown> }[] };
  const claim = bundle.entry[0]!.resource;
  (claim.item as Record<string, unknown>[])[1]!.encounter = [{ reference: '#enc-1' }];
  const before = JSON.stringify(bundle, null, 2);
  const first = analyzeFhirDocument(before, {});
  assert.ok(first.problems.some((p) => p.message.startsWith('ref-1')), 'the local reference does not resolve yet');
  claim.contained = [{ resourceType: 'Encounter', id: 'enc-1', status: 'planned', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' } }];
  const after = JSON.stringify(bundle, null, 2);
  const second = reanalyzeFhirDocument(first, after, {});
  assert.deepEqual(second.problems, analyzeFhirDocument(after, {}).problems);
  assert.ok(!second.problems.some((p) => p.message.startsWith('ref-1')), 'resolved once the Claim contains it');
});
