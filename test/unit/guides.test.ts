// Structural sanity of the guide tables (server/src/guide/x21*.ts) and the guide lookup. Real samples run through
// the real validator in fixtures.test.ts (test/fixtures/valid).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GUIDES, findGuide } from '../../server/src/guide/guides';
import { SEGMENTS } from '../../server/src/guide/segments';
import { ELEMENTS } from '../../server/src/guide/elements';
import { COMPOSITES } from '../../server/src/guide/composites';
import { BASE_CODE_LISTS } from '../../server/src/guide/baseCodeLists';
import type { ElementUse, Guide, GuideLevel, GuideLoop, GuideSegment } from '../../server/src/guide/types';

// ----------------------------------------------------------------------------------------------------------------
// Helpers

function* allLoops(guide: Guide): Generator<{ loop: GuideLoop; level: GuideLevel; isLevel: boolean }> {
  for (const level of guide.levels) {
    yield { loop: level, level, isLevel: true };
    const visit = function* (loops: readonly GuideLoop[] | undefined): Generator<{ loop: GuideLoop; level: GuideLevel; isLevel: boolean }> {
      for (const loop of loops ?? []) {
        yield { loop, level, isLevel: false };
        yield* visit(loop.loops);
      }
    };
    yield* visit(level.loops);
  }
}

function allSegments(guide: Guide): { seg: GuideSegment; where: string }[] {
  const out = [...guide.header, guide.trailer].map((seg) => ({ seg, where: `${guide.name} envelope` }));
  for (const { loop } of allLoops(guide)) for (const seg of loop.segments) out.push({ seg, where: `${guide.name} ${loop.id}` });
  return out;
}

// ----------------------------------------------------------------------------------------------------------------
// Structure

test('there are six guide variants with distinct (id, BHT02) pairs', () => {
  assert.equal(GUIDES.length, 6);
  const seen = new Set<string>();
  for (const g of GUIDES) {
    for (const code of g.bht02) {
      const key = `${g.id}/${code}`;
      assert.ok(!seen.has(key), `${key} selects two variants`);
      seen.add(key);
    }
  }
});

/** The confidence each element entry resolves to: its own, else its segment's, else its loop's, else confirmed. */
function elementConfidences(g: Guide): { what: string; confidence: string }[] {
  const out: { what: string; confidence: string }[] = [];
  const add = (seg: GuideSegment, outer: string | undefined, where: string) => {
    const own = seg.confidence ?? outer ?? 'C';
    out.push({ what: `${where} ${seg.id}`, confidence: own });
    for (const [pos, use] of Object.entries(seg.elements ?? {}) as [string, ElementUse][]) {
      out.push({ what: `${where} ${seg.id}${pos.padStart(2, '0')}`, confidence: use.confidence ?? own });
    }
  };
  for (const seg of [...g.header, g.trailer]) add(seg, undefined, 'header');
  for (const { loop } of allLoops(g)) for (const seg of loop.segments) add(seg, loop.confidence, loop.id);
  return out;
}

test('confidence is per fact: X217 and the X215 response are confirmed entry by entry, X215 inquiry and X216 inferred except the 278-wide facts', () => {
  for (const g of GUIDES) {
    const inferredGuide = g.id === '005010X216' || (g.id === '005010X215' && g.variant === 'request');
    for (const { what, confidence } of elementConfidences(g)) {
      const wide = /^header (ST|SE)|^header BHT01$|HL03$/.test(what);
      if (wide) assert.equal(confidence, 'W', `${g.name} ${what}`);
      else if (inferredGuide) assert.equal(confidence, 'I', `${g.name} ${what}`);
    }
    for (const { loop, isLevel } of allLoops(g)) {
      if (inferredGuide) assert.equal(loop.confidence, 'I', `${g.name} ${loop.id}`);
      // The top level occurs once in every 278 guide.
      if (isLevel && (loop as GuideLevel).parents.length === 0) assert.equal(loop.repeatConfidence, 'W', `${g.name} ${loop.id}`);
    }
    assert.equal(g.requiredLevelsConfidence, g.id === '005010X217' ? 'C' : 'I', g.name);
  }
  // The X215 response map confirms segments, elements and codes; loop usage, BHT06's list and HI01-3…9 stay inferred.
  const x215Response = GUIDES.find((g) => g.id === '005010X215' && g.variant === 'response')!;
  const inferred = elementConfidences(x215Response).filter((e) => e.confidence === 'I').map((e) => e.what);
  assert.deepEqual(inferred, ['header BHT06']);
  for (const { loop } of allLoops(x215Response)) {
    assert.equal(loop.confidence ?? 'C', 'C', loop.id);
    if (loop.usage === 'R' || /^2000[A-F]$/.test(loop.id)) assert.equal(loop.usageConfidence, 'I', loop.id);
  }
  const hi = x215Response.levels.find((l) => l.level === 'EV')!.segments.find((s) => s.id === 'HI')!;
  assert.deepEqual(hi.elements?.[1]?.components?.map((c) => c.confidence ?? 'C'), ['C', 'C', 'I', 'I', 'I', 'I', 'I', 'I', 'I']);
});

test('every guide code subset lies inside the base X12 code list of its element', () => {
  for (const g of GUIDES) {
    for (const { seg, where } of allSegments(g)) {
      const def = SEGMENTS[seg.id];
      for (const [key, use] of Object.entries(seg.elements ?? {}) as [string, ElementUse][]) {
        const number = def.elements[Number(key) - 1];
        const base = BASE_CODE_LISTS[number];
        if (base && use.codes) for (const c of use.codes) assert.ok(base.includes(c), `${where} ${seg.id}${key} "${c}" is not in base list ${number}`);
        (use.components ?? []).forEach((cu, i) => {
          const component = COMPOSITES[number]?.components[i];
          const list = component ? BASE_CODE_LISTS[component] : undefined;
          if (list && cu.codes) for (const c of cu.codes) assert.ok(list.includes(c), `${where} ${seg.id}${key}-${i + 1} "${c}" not in base list ${component}`);
        });
      }
    }
  }
  // Each base list belongs to a dictionary element of type ID.
  for (const number of Object.keys(BASE_CODE_LISTS)) assert.equal(ELEMENTS[number]?.type, 'ID', number);
});

test('header is ST, BHT and trailer is SE, with ST03 = the guide id and BHT02 = the variant codes', () => {
  for (const g of GUIDES) {
    assert.deepEqual(g.header.map((s) => s.id), ['ST', 'BHT'], g.name);
    assert.equal(g.trailer.id, 'SE', g.name);
    assert.deepEqual(g.header[0].elements?.[3]?.codes, [g.id], g.name);
    assert.deepEqual(g.header[1].elements?.[2]?.codes, g.bht02, g.name);
  }
});

test("every level starts with HL whose qualifier is the level's HL03 code; level codes are unique", () => {
  for (const g of GUIDES) {
    const codes = new Set<string>();
    for (const level of g.levels) {
      assert.ok(!codes.has(level.level), `${g.name}: two levels with HL03 ${level.level}`);
      codes.add(level.level);
      const hl = level.segments[0];
      assert.equal(hl.id, 'HL', `${g.name} ${level.id}`);
      assert.equal(hl.qualifierPosition, 3, `${g.name} ${level.id}`);
      assert.deepEqual(hl.qualifier, [level.level], `${g.name} ${level.id}`);
      assert.deepEqual(hl.elements?.[4]?.codes, level.childCodes, `${g.name} ${level.id} HL04`);
      assert.equal(hl.elements?.[2] === undefined, level.parents.length === 0, `${g.name} ${level.id} HL02 usage`);
      assert.ok(level.childCodes.every((c) => c === '0' || c === '1'), `${g.name} ${level.id} childCodes`);
    }
  }
});

test('every parent, required level and level cap names a level of the guide', () => {
  for (const g of GUIDES) {
    const codes = new Set(g.levels.map((l) => l.level));
    for (const level of g.levels) for (const p of level.parents) assert.ok(codes.has(p), `${g.name} ${level.id} parent ${p}`);
    for (const code of g.requiredLevels) assert.ok(codes.has(code), `${g.name} requires ${code}`);
    for (const code of Object.keys(g.levelMax ?? {})) assert.ok(codes.has(code), `${g.name} caps ${code}`);
    assert.equal(g.levels.filter((l) => l.parents.length === 0).length, 1, `${g.name}: one top level`);
  }
});

test("every name loop's first segment carries a qualifier, and sibling loop triggers do not overlap", () => {
  for (const g of GUIDES) {
    for (const { loop } of allLoops(g)) {
      const triggers = new Map<string, string>();
      for (const child of loop.loops ?? []) {
        const first = child.segments[0];
        assert.ok(first.qualifier && first.qualifier.length > 0, `${g.name} ${child.id}: trigger without qualifier`);
        for (const q of first.qualifier) {
          const key = `${first.id}*${q}`;
          assert.ok(!triggers.has(key), `${g.name}: ${key} triggers both ${triggers.get(key)} and ${child.id}`);
          triggers.set(key, child.id);
        }
      }
    }
  }
});

test('positions never decrease within a segment list, and child loops come after their parent\'s segments', () => {
  for (const g of GUIDES) {
    for (const { loop } of allLoops(g)) {
      for (let i = 1; i < loop.segments.length; i++) {
        assert.ok(
          loop.segments[i].position >= loop.segments[i - 1].position,
          `${g.name} ${loop.id}: ${loop.segments[i].id} at ${loop.segments[i].position} after ${loop.segments[i - 1].id} at ${loop.segments[i - 1].position}`,
        );
      }
      const last = loop.segments[loop.segments.length - 1].position;
      for (const child of loop.loops ?? []) {
        assert.ok(child.segments[0].position >= last, `${g.name} ${child.id} starts before the end of ${loop.id}`);
      }
    }
  }
});

test('same-ID segments at one place are all qualified and share no qualifier value', () => {
  for (const g of GUIDES) {
    for (const { loop } of allLoops(g)) {
      const byId = new Map<string, GuideSegment[]>();
      // segments[0] is the trigger; the validator matches it only as a loop start.
      for (const seg of loop.segments.slice(1)) byId.set(seg.id, [...(byId.get(seg.id) ?? []), seg]);
      for (const [id, segs] of byId) {
        if (segs.length < 2) continue;
        const seen = new Set<string>();
        for (const seg of segs) {
          assert.ok(seg.qualifier && seg.qualifier.length > 0, `${g.name} ${loop.id}: ${id} "${seg.name}" needs a qualifier`);
          for (const q of seg.qualifier) {
            assert.ok(!seen.has(q), `${g.name} ${loop.id}: ${id} qualifier ${q} used twice`);
            seen.add(q);
          }
        }
      }
    }
  }
});

test('qualifier elements list their codes, and element tables are well formed', () => {
  for (const g of GUIDES) {
    for (const { seg, where } of allSegments(g)) {
      assert.ok(seg.max >= 1, `${where} ${seg.id} max`);
      if (seg.qualifier) {
        const codes = seg.elements?.[seg.qualifierPosition ?? 1]?.codes;
        assert.ok(codes, `${where} ${seg.id}: qualifier element has no codes`);
        for (const q of seg.qualifier) assert.ok(codes.includes(q), `${where} ${seg.id}: qualifier ${q} not in its element codes`);
      }
      for (const [key, use] of Object.entries(seg.elements ?? {}) as [string, ElementUse][]) {
        const pos = Number(key);
        assert.ok(Number.isInteger(pos) && pos >= 1, `${where} ${seg.id}: bad element key ${key}`);
        if (use.codes) assert.ok(use.codes.length > 0 && new Set(use.codes).size === use.codes.length, `${where} ${seg.id}${pos} codes`);
        for (const c of use.components ?? []) {
          if (c.codes) assert.ok(c.codes.length > 0, `${where} ${seg.id}${pos} component codes`);
        }
      }
    }
    for (const { loop } of allLoops(g)) assert.ok(loop.max >= 1, `${g.name} ${loop.id} max`);
  }
});

test('X217 loop caps and level repeats follow the structure reference', () => {
  const loopMax = (g: Guide, id: string) => [...allLoops(g)].find((l) => l.loop.id === id)?.loop.max;
  const req = findGuide('005010X217', '13')!;
  const res = findGuide('005010X217', '11')!;
  assert.equal(loopMax(req, '2010EA'), 14);
  assert.equal(loopMax(req, '2010EB'), 5);
  assert.equal(loopMax(req, '2010EC'), 3);
  assert.equal(loopMax(req, '2010F'), 10);
  assert.equal(loopMax(res, '2010B'), 2);
  assert.equal(loopMax(res, '2010FA'), 12);
  assert.equal(req.levels.find((l) => l.level === 'EV')?.max, 1);
  assert.equal(res.levels.find((l) => l.level === 'EV')?.max, Infinity);
  assert.deepEqual(req.requiredLevels, ['20', '21', '22', 'EV']);
  assert.deepEqual(res.requiredLevels, ['20']);
});

// ----------------------------------------------------------------------------------------------------------------
// Lookup

test('findGuide picks the variant by exact version and BHT02', () => {
  const pick = (v: string, b: string) => findGuide(v, b);
  for (const b of ['01', '13', '36']) assert.equal(pick('005010X217', b)?.variant, 'request');
  assert.equal(pick('005010X217', '11')?.variant, 'response');
  assert.equal(pick('005010X215', '28')?.variant, 'request');
  for (const b of ['11', '49']) assert.equal(pick('005010X215', b)?.variant, 'response');
  for (const b of ['CN', '14', '22']) assert.equal(pick('005010X216', b)?.id, '005010X216');
  for (const g of GUIDES) for (const b of g.bht02) assert.equal(pick(g.id, b), g);

  assert.equal(pick('005010X217', '28'), undefined);
  assert.equal(pick('005010X215', '13'), undefined);
  // The acknowledgment reuses the X217 response levels (Optum's NOA response is shaped that way), inferred.
  assert.equal(pick('005010X216', '11')?.variant, 'response');
  assert.equal(pick('005010X216', '11')?.levels[1].confidence, 'I');
  assert.equal(pick('005010X217A1', '13'), undefined);
  assert.equal(pick('005010x217', '13'), undefined);
  assert.equal(pick('004010X094A1', '13'), undefined);
  assert.equal(pick('', ''), undefined);
});

test('guide segments exist in the segment dictionary and use only defined positions', () => {
  for (const g of GUIDES) {
    for (const { seg, where } of allSegments(g)) {
      const def = SEGMENTS[seg.id];
      assert.ok(def, `${where}: ${seg.id} is not in SEGMENTS`);
      for (const key of Object.keys(seg.elements ?? {})) {
        assert.ok(Number(key) <= def.elements.length, `${where}: ${seg.id}${key} beyond its ${def.elements.length} elements`);
      }
    }
  }
});
