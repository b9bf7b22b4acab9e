// Property tests for the JSON ⇄ X12 converter: generated requests of every kind (any field of the mapping, names and
// IDs of X12-safe characters, real CCYYMMDD dates) survive JSON → X12 → JSON and X12 → JSON → X12, every written
// value has a span over exactly that value, and nothing the writer produces is unreadable.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonToX12, x12ToJson, type RequestKind } from '../../server/src/convert';
import { fieldIndex, layoutFor } from '../../server/src/convert/layouts';
import { EVENT_PROVIDER_ENTITY, SERVICE_PROVIDER_ENTITY, TRANSPORT_ENTITY } from '../../server/src/guide/shared';
import { bodySegments, coveredLeaves } from '../helpers/jsonLeaves';

type Json = Record<string, unknown>;

const DATE = new Date(2025, 4, 2, 15, 25);

/** Printable ASCII without the delimiters the writer uses (* ~ : ^). */
const SAFE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).filter((c) => !'*~:^'.includes(c));
const ALNUM = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'];

const text = fc.string({ unit: fc.constantFrom(...SAFE), minLength: 1, maxLength: 20 });
const isaId = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: 15 });
const date = fc
  .record({ y: fc.integer({ min: 1900, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`);

/** NM101 codes decide which loop a name starts, so they come from the guide's lists. */
const ENTITY_BY_ARRAY: Readonly<Record<string, readonly string[]>> = {
  patientEventProviderName: EVENT_PROVIDER_ENTITY,
  serviceProviderName: SERVICE_PROVIDER_ENTITY,
  patientEventTransportInformation: TRANSPORT_ENTITY,
  patientEventOtherUmoName: ['00', 'CA', 'GG'],
};

/** Fields every generated object of a path carries: loop qualifiers, and one value so array items are not empty. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  '': ['senderId', 'umClearingHouseId', 'requester', 'source'],
  requester: ['requesterType'],
  source: ['sourceType'],
  'patientEventDetail.serviceLevel[]': ['requestCategoryCode'],
  'patientEventDetail.attachments[]': ['reportTypeCode'],
  'patientEventDetail.serviceLevel[].attachments[]': ['reportTypeCode'],
  'patientEventDetail.serviceLevel[].toothInformation[]': ['toothCode'],
};

interface Shape {
  readonly leaves: string[];
  readonly objects: Map<string, Shape>;
  readonly arrays: Map<string, Shape>;
}

const emptyShape = (): Shape => ({ leaves: [], objects: new Map(), arrays: new Map() });

/** The object tree of a request kind, from the mapping's own field index (mapped and unmapped fields alike). */
function shapeOf(kind: RequestKind): Shape {
  const root = emptyShape();
  for (const [path, what] of fieldIndex(layoutFor(kind, 'request')).kinds) {
    if (what !== 'leaf' && what !== 'unmapped') continue;
    const parts = path.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const isArray = part.endsWith('[]');
      const key = isArray ? part.slice(0, -2) : part;
      const map = isArray ? node.arrays : node.objects;
      let child = map.get(key);
      if (!child) {
        child = emptyShape();
        map.set(key, child);
      }
      node = child;
    }
    node.leaves.push(parts[parts.length - 1]);
  }
  return root;
}

function leafArbitrary(path: string, key: string): fc.Arbitrary<string> {
  if (key === 'requesterType') return fc.constantFrom('1P', '2B', '36', 'FA', 'PR');
  if (key === 'sourceType') return fc.constantFrom('1P', '2B', '36', 'FA', 'PR', 'X3');
  if (key === 'entityIdentifierCode') {
    const array = /(\w+)\[\]$/.exec(path)?.[1] ?? '';
    return fc.constantFrom(...(ENTITY_BY_ARRAY[array] ?? ['SJ']));
  }
  if (key === 'senderId' || key === 'umClearingHouseId') return isaId;
  if (/[dD]ate|Begin$|End$/.test(key)) return date;
  return text;
}

function arbitraryOf(shape: Shape, path: string): fc.Arbitrary<Json> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of shape.leaves) model[key] = leafArbitrary(path, key);
  for (const [key, child] of shape.objects) model[key] = arbitraryOf(child, path ? `${path}.${key}` : key);
  for (const [key, child] of shape.arrays) {
    model[key] = fc.array(arbitraryOf(child, `${path ? `${path}.${key}` : key}[]`), { minLength: 1, maxLength: 2 });
  }
  const required = (REQUIRED[path] ?? []).filter((k) => k in model);
  const entity = shape.leaves.includes('entityIdentifierCode') ? ['entityIdentifierCode'] : [];
  return fc.record(model, { requiredKeys: [...required, ...entity] }) as fc.Arbitrary<Json>;
}

const REQUESTS: Readonly<Record<RequestKind, fc.Arbitrary<Json>>> = {
  inquiry: arbitraryOf(shapeOf('inquiry'), ''),
  submission: arbitraryOf(shapeOf('submission'), ''),
  noa: arbitraryOf(shapeOf('noa'), ''),
};


for (const [n, kind] of (['inquiry', 'submission', 'noa'] as const).entries()) {
  test(`${kind}: JSON → X12 → JSON keeps every field the mapping wrote, each at its span`, () => {
    fc.assert(
      fc.property(REQUESTS[kind], fc.boolean(), (body, lineBreaks) => {
        const out = jsonToX12(body, kind, { date: DATE, lineBreaks });
        assert.deepEqual(out.issues.filter((i) => i.severity === 'error'), []);
        const back = x12ToJson(out.x12);
        assert.equal(back.kind, kind);
        assert.deepEqual(back.issues, []);
        const issuePaths = out.issues.map((i) => i.path);
        const written = coveredLeaves(body, issuePaths);
        assert.deepEqual(Object.fromEntries(coveredLeaves(back.json, issuePaths)), Object.fromEntries(written));
        for (const [path, value] of written) {
          const spans = out.fields.filter((f) => f.path === path);
          assert.ok(spans.length > 0, `no span for ${path}`);
          for (const s of spans) assert.equal(out.x12.slice(s.start, s.end), value, path);
        }
      }),
      { seed: 2010 + n, numRuns: 150 },
    );
  });

  test(`${kind}: X12 → JSON → X12 gives the same segments`, () => {
    fc.assert(
      fc.property(REQUESTS[kind], (body) => {
        const first = jsonToX12(body, kind, { date: DATE }).x12;
        const json = x12ToJson(first);
        assert.ok(json.json);
        const second = jsonToX12(json.json, kind, { date: DATE });
        assert.deepEqual(second.issues, []);
        assert.deepEqual(bodySegments(second.x12), bodySegments(first));
        assert.equal(second.x12, first);
      }),
      { seed: 2020 + n, numRuns: 150 },
    );
  });
}
