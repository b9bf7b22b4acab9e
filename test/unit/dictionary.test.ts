import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ELEMENTS } from '../../server/src/guide/elements';
import { COMPOSITES } from '../../server/src/guide/composites';
import { SEGMENTS } from '../../server/src/guide/segments';
import { CODE_LISTS, FOLLOW_UP_WORDS, HCR_DECISION_WORDS } from '../../server/src/guide/codeLists';

test('every key matches the number or id inside its definition', () => {
  for (const [key, def] of Object.entries(ELEMENTS)) assert.equal(def.number, key, `ELEMENTS[${key}]`);
  for (const [key, def] of Object.entries(COMPOSITES)) assert.equal(def.number, key, `COMPOSITES[${key}]`);
  for (const [key, def] of Object.entries(SEGMENTS)) assert.equal(def.id, key, `SEGMENTS[${key}]`);
  for (const [key, list] of Object.entries(CODE_LISTS)) assert.equal(list.id, key, `CODE_LISTS[${key}]`);
});

test('every segment position names a known element or composite', () => {
  for (const seg of Object.values(SEGMENTS)) {
    assert.ok(seg.elements.length > 0, `${seg.id} has no elements`);
    seg.elements.forEach((number, i) => {
      assert.ok(ELEMENTS[number] ?? COMPOSITES[number], `${seg.id}${String(i + 1).padStart(2, '0')} refers to unknown ${number}`);
    });
  }
});

test('every composite component is a known simple element', () => {
  for (const comp of Object.values(COMPOSITES)) {
    assert.ok(comp.components.length > 0, `${comp.number} has no components`);
    for (const number of comp.components) assert.ok(ELEMENTS[number], `${comp.number} component ${number} is unknown`);
  }
});

test('element lengths are sane', () => {
  for (const el of Object.values(ELEMENTS)) {
    assert.ok(el.min >= 1 && el.min <= el.max, `${el.number} min ${el.min} max ${el.max}`);
  }
});

test('every element code list exists', () => {
  for (const el of Object.values(ELEMENTS)) {
    if (el.codeList !== undefined) assert.ok(CODE_LISTS[el.codeList], `${el.number} refers to missing code list ${el.codeList}`);
  }
});

test('codes of an ID element fit its length and every code has a name', () => {
  for (const el of Object.values(ELEMENTS)) {
    if (!el.codeList) continue;
    const list = CODE_LISTS[el.codeList];
    for (const [code, name] of Object.entries(list.codes)) {
      assert.ok(name.trim().length > 0, `${list.id} ${code} has no name`);
      if (el.type !== 'ID') continue;
      assert.ok(code.length >= el.min && code.length <= el.max, `${list.id} code "${code}" does not fit ${el.number} (${el.min}/${el.max})`);
    }
  }
});

test('syntax rule positions are within the segment', () => {
  for (const seg of Object.values(SEGMENTS)) {
    for (const rule of seg.syntax ?? []) {
      assert.ok(rule.positions.length >= 2, `${seg.id} ${rule.kind} rule needs two or more positions`);
      for (const p of rule.positions) {
        assert.ok(Number.isInteger(p) && p >= 1 && p <= seg.elements.length, `${seg.id} ${rule.kind} position ${p}`);
      }
    }
  }
});

test('segment element counts match the base 5010 definitions', () => {
  const expected: Record<string, number> = {
    ISA: 16, IEA: 2, GS: 8, GE: 2, ST: 3, SE: 2, BHT: 6, HL: 4, NM1: 12, N2: 2, REF: 4, N3: 2, N4: 7, PER: 9, PRV: 6,
    DMG: 11, INS: 17, TRN: 4, AAA: 4, UM: 10, HCR: 4, DTP: 3, HI: 12, HSD: 8, CRC: 7, CL1: 4, CR1: 10, CR2: 12,
    CR5: 18, CR6: 21, PWK: 9, MSG: 3, SV1: 21, SV2: 10, SV3: 11, TOO: 3,
  };
  for (const [id, count] of Object.entries(expected)) {
    assert.ok(SEGMENTS[id], `missing segment ${id}`);
    assert.equal(SEGMENTS[id].elements.length, count, `${id} element count`);
  }
});

test('ISA element widths add up to a 106-character segment', () => {
  const isa = SEGMENTS.ISA;
  assert.equal(isa.elements.length, 16);
  let width = 0;
  for (const number of isa.elements) {
    const el = ELEMENTS[number];
    assert.equal(el.min, el.max, `${number} is fixed width`);
    width += el.max;
  }
  const separators = 16;
  const terminator = 1;
  assert.equal('ISA'.length + separators + width + terminator, 106);
  assert.deepEqual([ELEMENTS[isa.elements[10]].type, ELEMENTS[isa.elements[10]].max], ['AN', 1], 'ISA11 repetition separator');
  assert.deepEqual([ELEMENTS[isa.elements[15]].type, ELEMENTS[isa.elements[15]].max], ['AN', 1], 'ISA16 component separator');
});

test('278-specific code lists hold every value the guides use', () => {
  const need: Record<string, string> = {
    '306': 'A1 A2 A3 A4 A6 C CT NA',
    '353': '01 11 13 14 22 28 36 49 CN',
    '640': '18 19 AT NO RD RU',
    '735': '20 21 22 23 EV SS',
    '1525': 'AR HS IN SC',
    '1322': '1 2 3 4 I N R S',
    '889': 'C N P R S Y',
    '901': '04 15 33 35 41 42 43 44 45 46 47 49 51 52 56 57 58 60 61 62 64 65 66 67 68 71 72 73 74 75 76 77 78 79 80 95 97 AA AF AG AH AI AJ AK AM AN IP T4 T5',
    '374': '439 484 ABC 431 AAH 435 096 472 102 036 007 598',
    '98': '2B 36 PR X3 1P FA IL QC 71 72 73 77 AAJ DD DK DN G3 P3 QB QV SJ 45 FS ND PW R3 00 CA GG L5 1T DQ',
    '128': '1G 1J EI G5 N5 N7 SY ZH 1L 3L 6P DP EJ F6 HJ IG N6 NQ 0B BB NT ZZ',
  };
  for (const [id, codes] of Object.entries(need)) {
    for (const code of codes.split(' ')) assert.ok(CODE_LISTS[id].codes[code], `${id} lacks ${code}`);
  }
});

test('plain-word tables cover their code lists', () => {
  for (const code of Object.keys(CODE_LISTS['306'].codes)) assert.ok(HCR_DECISION_WORDS[code], `HCR01 ${code}`);
  for (const code of 'C N P R S Y'.split(' ')) assert.ok(FOLLOW_UP_WORDS[code], `AAA04 ${code}`);
});

test('place-of-service codes are two digits', () => {
  for (const code of Object.keys(CODE_LISTS.POS.codes)) assert.match(code, /^\d\d$/);
});
