// Structural sanity of the guide tables (server/src/guide/x21*.ts), the guide lookup, and a walk of real Optum
// samples through the tables with a small model of the validator's matching rules (not the validator itself).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GUIDES, findGuide } from '../../server/src/guide/guides';
import type { ElementUse, Guide, GuideLevel, GuideLoop, GuideSegment, SegmentDef } from '../../server/src/guide/types';

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

test('there are five guide variants with distinct (id, BHT02) pairs', () => {
  assert.equal(GUIDES.length, 5);
  const seen = new Set<string>();
  for (const g of GUIDES) {
    for (const code of g.bht02) {
      const key = `${g.id}/${code}`;
      assert.ok(!seen.has(key), `${key} selects two variants`);
      seen.add(key);
    }
  }
});

test('X217 is confirmed; X215 and X216 are inferred at guide level', () => {
  for (const g of GUIDES) assert.equal(g.confidence, g.id === '005010X217' ? 'C' : 'I', g.name);
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
  assert.equal(pick('005010X216', '11'), undefined); // Optum's "X216" sample that is really an X217 response
  assert.equal(pick('005010X217A1', '13'), undefined);
  assert.equal(pick('005010x217', '13'), undefined);
  assert.equal(pick('004010X094A1', '13'), undefined);
  assert.equal(pick('', ''), undefined);
});

// ----------------------------------------------------------------------------------------------------------------
// Against the segment dictionary, when another helper has written it

test('guide segments exist in the segment dictionary and use only defined positions', (t) => {
  let SEGMENTS: Record<string, SegmentDef> | undefined;
  try {
    // Loaded at run time so this file compiles before segments.ts exists.
    SEGMENTS = (require('../../server/src/guide/segments') as { SEGMENTS?: Record<string, SegmentDef> }).SEGMENTS;
  } catch {
    SEGMENTS = undefined;
  }
  if (!SEGMENTS) {
    t.skip('server/src/guide/segments.ts is not there yet');
    return;
  }
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

// ----------------------------------------------------------------------------------------------------------------
// Real samples through the tables

interface Seg {
  readonly id: string;
  readonly el: readonly string[]; // el[1] = first element
}

function parse(x12: string): Seg[] {
  return x12
    .split('~')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const el = s.split('*');
      return { id: el[0], el };
    });
}

const val = (s: Seg, pos: number) => s.el[pos] ?? '';
const qualifies = (s: Seg, gs: GuideSegment) => !gs.qualifier || gs.qualifier.includes(val(s, gs.qualifierPosition ?? 1));

function checkElements(s: Seg, gs: GuideSegment, where: string, problems: string[]): void {
  const max = Math.max(s.el.length - 1, ...Object.keys(gs.elements ?? {}).map(Number));
  for (let pos = 1; pos <= max; pos++) {
    const use = gs.elements?.[pos];
    const usage = use?.usage ?? (gs.elementsComplete ? 'N' : 'S');
    const v = val(s, pos);
    const label = `${where} ${s.id}${String(pos).padStart(2, '0')}`;
    if (!v) {
      if (usage === 'R') problems.push(`${label} required`);
      continue;
    }
    if (usage === 'N') {
      problems.push(`${label} not used`);
      continue;
    }
    const reps = v.split('^');
    if (reps.length > (use?.repeat ?? 1)) problems.push(`${label} repeats`);
    for (const rep of reps) {
      if (use?.components) {
        const parts = rep.split(':');
        for (let i = 0; i < Math.max(parts.length, use.components.length); i++) {
          const cu = use.components[i];
          const cv = parts[i] ?? '';
          if (!cv) {
            if (cu?.usage === 'R') problems.push(`${label}-${i + 1} required`);
          } else if (!cu || cu.usage === 'N') problems.push(`${label}-${i + 1} not used`);
          else if (cu.codes && !cu.codes.includes(cv)) problems.push(`${label}-${i + 1} code ${cv}`);
        }
      } else if (use?.codes && !use.codes.includes(rep)) {
        problems.push(`${label} code ${rep}`);
      }
    }
  }
}

interface Place {
  readonly def: GuideLoop;
  position: number;
  readonly counts: Map<GuideSegment, number>;
  readonly loopCounts: Map<GuideLoop, number>;
}

/** Problems found walking one transaction set through its guide (empty = the tables accept it). */
function walk(x12: string): { guide?: Guide; problems: string[] } {
  const segs = parse(x12);
  const problems: string[] = [];
  const st = segs[0];
  const bhtSeg = segs[1];
  const guide = findGuide(val(st, 3), val(bhtSeg, 2));
  if (!guide) return { problems: ['no guide'] };
  checkElements(st, guide.header[0], 'header', problems);
  checkElements(bhtSeg, guide.header[1], 'header', problems);

  const levelOf = new Map<string, string>(); // HL01 -> HL03
  const levelCounts = new Map<string, number>();
  const perParent = new Map<string, number>();
  let level: Place | undefined;
  let loop: Place | undefined;

  const place = (p: Place, gs: GuideSegment, s: Seg) => {
    const n = (p.counts.get(gs) ?? 0) + 1;
    p.counts.set(gs, n);
    if (n > gs.max) problems.push(`${p.def.id} ${gs.id} max use`);
    if (gs.position < p.position) problems.push(`${p.def.id} ${gs.id} out of order`);
    p.position = gs.position;
    checkElements(s, gs, p.def.id, problems);
  };
  const closeRequired = (p: Place | undefined) => {
    if (!p) return;
    for (const gs of p.def.segments.slice(1)) if (gs.usage === 'R' && !p.counts.has(gs)) problems.push(`${p.def.id} missing ${gs.id}`);
    for (const child of p.def.loops ?? []) if (child.usage === 'R' && !p.loopCounts.has(child)) problems.push(`${p.def.id} missing ${child.id}`);
  };

  for (const s of segs.slice(2)) {
    if (s.id === 'SE' || s.id === 'GE' || s.id === 'IEA') {
      if (s.id === 'SE') checkElements(s, guide.trailer, 'trailer', problems);
      continue;
    }
    if (s.id === 'HL') {
      closeRequired(loop);
      closeRequired(level);
      loop = undefined;
      const def = guide.levels.find((l) => l.level === val(s, 3));
      if (!def) {
        problems.push(`HL03 ${val(s, 3)} unknown`);
        level = undefined;
        continue;
      }
      const parentCode = levelOf.get(val(s, 2));
      if (def.parents.length > 0 && (!parentCode || !def.parents.includes(parentCode))) problems.push(`${def.id} parent ${parentCode}`);
      levelOf.set(val(s, 1), def.level);
      const total = (levelCounts.get(def.level) ?? 0) + 1;
      levelCounts.set(def.level, total);
      if (total > (guide.levelMax?.[def.level] ?? Infinity)) problems.push(`${def.id} level cap`);
      const key = `${val(s, 2)}/${def.level}`;
      const siblings = (perParent.get(key) ?? 0) + 1;
      perParent.set(key, siblings);
      if (siblings > def.max) problems.push(`${def.id} max under parent`);
      level = { def, position: 0, counts: new Map(), loopCounts: new Map() };
      place(level, def.segments[0], s);
      continue;
    }
    if (!level) {
      problems.push(`${s.id} outside a level`);
      continue;
    }
    const inLoop = loop?.def.segments.slice(1).find((gs) => gs.id === s.id && qualifies(s, gs));
    if (loop && inLoop) {
      place(loop, inLoop, s);
      continue;
    }
    const next = level.def.loops?.find((l) => l.segments[0].id === s.id && qualifies(s, l.segments[0]));
    if (next) {
      closeRequired(loop);
      const n = (level.loopCounts.get(next) ?? 0) + 1;
      level.loopCounts.set(next, n);
      if (n > next.max) problems.push(`${next.id} repeats`);
      if (next.segments[0].position < level.position) problems.push(`${next.id} out of order`);
      level.position = next.segments[0].position;
      loop = { def: next, position: 0, counts: new Map(), loopCounts: new Map() };
      place(loop, next.segments[0], s);
      continue;
    }
    const own = level.def.segments.slice(1).find((gs) => gs.id === s.id && qualifies(s, gs));
    if (own) {
      closeRequired(loop);
      loop = undefined;
      place(level, own, s);
      continue;
    }
    problems.push(`${s.id}*${val(s, 1)} not allowed in ${loop?.def.id ?? level.def.id}`);
  }
  closeRequired(loop);
  closeRequired(level);
  for (const code of guide.requiredLevels) if (!levelCounts.has(code)) problems.push(`missing level ${code}`);
  return { guide, problems };
}

const X215_INQUIRY =
  'ST*278*0001*005010X215~BHT*0007*28*1402448037*20230810*102137~HL*1**20*1~NM1*PR*2*INQDEMO*****PI*INQDEMO~' +
  'HL*2*1*21*1~NM1*1P*2*Demo Hospital*****XX*1234567890~REF*EI*123456789~N4*Nashville*TN*12345~' +
  'PER*IC**TE*1112223333*FX*2223334444~HL*3*2*22*1~NM1*IL*1*DOE*JOE****MI*TST1~REF*6P*00000000~DMG*D8*19010101~' +
  'HL*4*3*EV*1~UM*HS*I*1*11:B~DTP*AAH*D8*20230802~HI*ABK:C34.32~NM1*SJ*2*Demo Hospital*****XX*1234567890~' +
  'NM1*DN*2*Demo Hospital*****XX*1234567890~REF*ZH*123456789~HL*5*4*SS*0~DTP*472*D8*20160615~SV1*HC:70488~SE*24*0001~';

const X215_INQUIRY_NO_SERVICE =
  'ST*278*0001*005010X215~BHT*0007*28*1402448037*20230810*102137~HL*1**20*1~NM1*PR*2*Humana*****PI*HUMANA~' +
  'HL*2*1*21*1~NM1*1P*2*North Memorial Health*****XX*1851344907~REF*EI*410729979~N4*Robbinsdale*MN*55422~' +
  'PER*IC**TE*7635814480*FX*7635814480~HL*3*2*22*1~NM1*IL*1*DOE*JOE****MI*H1111111~REF*6P*00000000~' +
  'DMG*D8*19010101~HL*4*3*EV*0~UM*HS*I*1*11:B~DTP*AAH*D8*20230802~HI*ABK:C34.32~' +
  'NM1*SJ*2*North Memorial Medical Center*****XX*1851344907~NM1*DN*2*North Memorial Medical Center*****XX*1851344907~' +
  'REF*ZH*410729979~SE*21*0001~';

const X215_INQUIRY_DEPENDENT =
  'ST*278*0001*005010X215~BHT*0007*28*1402448037*20230810*102137~HL*1**20*1~NM1*PR*2*INQDEMO*****PI*INQDEMO~' +
  'HL*2*1*21*1~NM1*1P*2*Demo Hospital*****XX*1234567890~REF*EI*123456789~N4*Nashville*TN*12345~' +
  'PER*IC**TE*1112223333*FX*2223334444~HL*3*2*22*1~NM1*IL*1*DOE*JOE****MI*TST1~REF*6P*00000000~DMG*D8*19010101~' +
  'HL*4*3*23*1~NM1*QC*1*DOE*JANE~DMG*D8*20100101~HL*5*4*EV*0~UM*HS*I*1*11:B~DTP*AAH*D8*20230802~HI*ABK:C34.32~' +
  'NM1*SJ*2*Demo Hospital*****XX*1234567890~SE*22*0001~';

const X215_INQUIRY_TWO_SERVICES =
  'ST*278*0001*005010X215~BHT*0007*28*1234567890*20260220*223147~HL*1**20*1~NM1*PR*2*UHCDIRECT*****PI*UHCDIRECT~' +
  'HL*2*1*21*1~NM1*1P*2*Regional Medical Center*****XX*1234567890~REF*EI*123456789~N4*Orangeburg*SC*12345~' +
  'PER*IC**TE*803-555-2200~HL*3*2*22*1~NM1*IL*1*TEST*BRITTANY****MI*multi-01-approved~REF*6P*123456789~' +
  'REF*SY*111223333~DMG*D8*19701231~HL*4*3*EV*1~UM*HS*I*1*11:B~DTP*AAH*RD8*20231017-20231017~' +
  'NM1*SJ*1*TEST*STEVEN****XX*1234567890~NM1*DN*1*TEST*STEVEN****XX*1234567890~HL*5*4*SS*0~UM*HS***11:B~' +
  'DTP*472*RD8*20230101-20230105~SV1*HC:6789T~HL*6*4*SS*0~UM*HS***11:B~DTP*472*RD8*20231017-20231017~' +
  'SV1*HC:9876T~SE*28*0001~';

const X215_RESPONSE_HEAD =
  'ST*278*0001*005010X215~BHT*0007*49*1234567890*20240220*205925*RD~HL*1**20*1~NM1*PR*2*MEDSOLUTIONS*****PI*CIGNA~' +
  'PER*IC**UR*https//www.evicore.com/provider#login~';
const X215_RESPONSE_REQUESTER = 'HL*2*1*21*1~NM1*1P*2*WESTCHESTER MEDICAL CENTER*****XX*1234567890~REF*EI*123456789~';
const X215_RESPONSE_SUBSCRIBER =
  'HL*3*2*22*1~NM1*IL*1*SMITH*TOM****MI* U1234567890~REF*SY*123121234~REF*3L*12345-1702~REF*1L*CIGNA SI-PPO/OAP~' +
  'N3*SOME ROAD~N4*BEDFORD*NY*12345~DMG*D8*19700101~';
const X215_RESPONSE =
  X215_RESPONSE_HEAD + X215_RESPONSE_REQUESTER + X215_RESPONSE_SUBSCRIBER +
  'HL*4*3*EV*1~HCR*A1*A12345678~REF*BB*A12345678~REF*NT*52598960~DTP*102*D8*20240220~DTP*036*D8*20240818~' +
  'DTP*007*D8*20240220~DTP*881*D8*20240220~HI*ABK:R07.9~MSG*APPROVED~NM1*FA*2*TEST, DOMINICA*****XX*1234567890~' +
  'N3*100 DEMO RD~N4*VALHALLA*NY*12345~PER*IC**TE*2223334444*FX*1112223333~NM1*DN*1*TEST*DOMINICA****XX*1234567890~' +
  'N3*100 DEMO RD~N4*VALHALLA*NY*12345~PER*IC**TE*3334445555~HL*5*4*SS*0~HCR*A1*A12345678~SV1*HC:78452**UN*1~' +
  'MSG*MYOCARDIAL PERFUSION IMAGING (SPECT); MULTIPLE STUDIES~SE*39*0001~';

const X216_NOA =
  'ST*278*0001*005010X216~BHT*0007*CN*222438911WEB*20260203*0815*NO~HL*1**20*1~' +
  'NM1*FA*2*Benefis Health System*****XX*1881650737~PER*IC**TE*4064552959~HL*2*1*21*1~NM1*X3*2*AETNA*****PI*60054~' +
  'HL*3*2*22*1~NM1*IL*1*LNAME*FNAME****MI*NOA-01-SUCCESS~REF*6P*0123456789012~DMG*D8*19700101~HL*4*3*EV*1~' +
  'UM*AR*I*1*11:A~DTP*435*D8*20260101~HI*ABJ:N1330~MSG*AT=061500;ICD=N1330~NM1*71*1*SLATER*RICHARD****XX*1285928754~' +
  'NM1*FA*2*Benefis Health System*****XX*1881650737~NM1*AAJ*1*SLATER*RICHARD****XX*1285928754~SE*20*0001~';

const X217_AMBULANCE_REQUEST =
  'ST*278*0001*005010X217~BHT*0007*13*165932*20050502*1525~HL*1**20*1~NM1*X3*2*ABC PAYER*****PI*1234560010~' +
  'HL*2*1*21*1~NM1*1P*1*XYZ AMBULANCE SVC*****24*7759621873~HL*3*2*22*1~NM1*IL*1*SMITH*JOE****MI*12345689001~' +
  'REF*EJ*1234567890~DMG*D8*19700101*M~HL*4*3*EV*1~UM*HS*I*56*41:B~DTP*AAH*D8*20250101~CRC*07*Y*09~' +
  'CR1***X*D*DH*27***TRIP FROM HOME TO OFFICE VISIT TO DIALYSIS TREATMENT AND BACK HOME~NM1*PW*2*HOME~' +
  'N3*123 SOME ROAD~N4*SACRAMENTO*CA*95826~NM1*ND*2*DOCTOR OFFICE~N3*SOME AVENUE~N4*SACRAMENTO*CA*95624~' +
  'NM1*R3*2*SOME DIALYSIS CENTER~N3*7622 SOME ROAD~N4*SACRAMENTO*CA*95826~NM1*FS*2*HOME~N3*123 SOME ROAD~' +
  'N4*SACRAMENTO*CA*95826~HL*5*4*SS*0~SV1*HC:A0428:RX**UN*5~HL*6*4*SS*0~SV1*HC:A0428:PD**UN*8~HL*7*4*SS*0~' +
  'SV1*HC:A0428:DR**UN*14~SE*34*0001~';

const X217_AMBULANCE_RESPONSE =
  'ST*278*0001*005010X217~BHT*0007*11*165932*20055002*0815*18~HL*1**20*1~NM1*X3*2*ABC PAYER*****PI*1234560010~' +
  'HL*2*1*21*1~NM1*1P*1*XYZ AMBULANCE SVC*****24*7759621873~HL*3*2*22*1~NM1*IL*1*SMITH*JOE****MI*12345689001~' +
  'REF*EJ*1234567890~DMG*D8*19700101*M~HL*4*3*EV*1~UM*HS*I*56*41:B~HCR*A1*1234567890123~DTP*AAH*D8*20250101~' +
  'CR1***X**DH*27~NM1*PW*2*HOME~N3*123 SOME ROAD~N4*SACRAMENTO*CA*95826~NM1*ND*2*DOCTOR OFFICE~' +
  'N3*123 SOME AVENUE~N4*SACRAMENTO*CA*95624~NM1*R3*2*SOME DIALYSIS CENTER~N3*123 SOME ROAD~' +
  'N4*SACRAMENTO*CA*95826~NM1*FS*2*HOME~N3*123 SOME ROAD~N4*SACRAMENTO*CA*95826~HL*5*4*SS*0~' +
  'SV1*HC:A0428:RX**UN*5~HL*6*4*SS*0~SV1*HC:A0428:PD**UN*8~HL*7*4*SS*0~SV1*HC:A0428:DR**UN*14~SE*34*0001~';

const accepted: Record<string, string> = {
  'X215 inquiry with a service line': X215_INQUIRY,
  'X215 inquiry without service lines': X215_INQUIRY_NO_SERVICE,
  'X215 inquiry for a dependent': X215_INQUIRY_DEPENDENT,
  'X215 inquiry with two service lines, UM and RD8': X215_INQUIRY_TWO_SERVICES,
  'X215 canned response': X215_RESPONSE,
  'X215 response rejected at 2000A': X215_RESPONSE_HEAD.replace('HL*1**20*1~', 'HL*1**20*0~AAA*N**42*P~') + 'SE*6*0001~',
  'X215 response rejected in 2010A': X215_RESPONSE_HEAD.replace('HL*1**20*1~', 'HL*1**20*0~') + 'AAA*N**42*P~SE*6*0001~',
  'X215 response rejected in 2010B':
    X215_RESPONSE_HEAD + X215_RESPONSE_REQUESTER.replace('21*1', '21*0') + 'AAA*N**51*C~SE*9*0001~',
  'X215 response rejected in 2010C':
    X215_RESPONSE_HEAD + X215_RESPONSE_REQUESTER +
    'HL*3*2*22*0~NM1*IL*1*SMITH*TOM****MI*U1234567890~AAA*N**75*C~DMG*D8*19700101~SE*12*0001~',
  'X215 response rejected in 2010D':
    X215_RESPONSE_HEAD + X215_RESPONSE_REQUESTER + 'HL*3*2*22*1~NM1*IL*1*SMITH*TOM****MI*U1234567890~' +
    'HL*4*3*23*0~NM1*QC*1*SMITH*ANN~AAA*N**67*C~SE*13*0001~',
  'X215 response rejected at 2000E and 2000F':
    X215_RESPONSE_HEAD + X215_RESPONSE_REQUESTER + X215_RESPONSE_SUBSCRIBER +
    'HL*4*3*EV*1~TRN*2*1234*9012345678~AAA*N**AA*N~UM*HS~HL*5*4*SS*0~AAA*N**AG*C~SV1*HC:78452~SE*24*0001~',
  'X216 notice of admission': X216_NOA,
  'X217 ambulance request': X217_AMBULANCE_REQUEST,
  'X217 ambulance response': X217_AMBULANCE_RESPONSE,
};

for (const [name, x12] of Object.entries(accepted)) {
  test(`the tables accept: ${name}`, () => {
    const { guide, problems } = walk(x12);
    assert.ok(guide, 'guide found');
    assert.deepEqual(problems, []);
  });
}

test('the walk does find problems (so the acceptance tests mean something)', () => {
  assert.ok(walk(X215_INQUIRY.replace('UM*HS*I*1*11:B', 'UM*XX*I*1*11:B')).problems.some((p) => p.includes('UM01')));
  assert.ok(walk(X215_INQUIRY.replace('REF*6P', 'CRC*6P')).problems.some((p) => p.includes('not allowed')));
  assert.ok(walk(X217_AMBULANCE_REQUEST.replace('HL*4*3*EV*1~UM*HS*I*56*41:B~', 'HL*4*3*EV*1~')).problems.includes('2000E missing UM'));
  assert.ok(walk(X216_NOA.replace('HL*3*2*22*1', 'HL*3*2*ZZ*1')).problems.some((p) => p.startsWith('HL03')));
});
