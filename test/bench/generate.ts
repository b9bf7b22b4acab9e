// Deterministic generator of realistic 278 batches for the benchmark: one interchange, one functional group, N
// transaction sets mixing requests and responses with varied loops (dependents, providers, diagnoses, service lines,
// decisions and rejections). The same seed gives the same bytes.

import { writeInterchange, type SegmentValues } from '../../server/src/x12/writer';

export type BatchGuide = '005010X215' | '005010X217';

/** mulberry32: a small, fast, well-distributed PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LAST = ['SMITH', 'JOHNSON', 'WILLIAMS', 'BROWN', 'JONES', 'GARCIA', 'MILLER', 'DAVIS', 'RODRIGUEZ', 'MARTINEZ'];
const FIRST = ['JAMES', 'MARY', 'ROBERT', 'PATRICIA', 'JOHN', 'JENNIFER', 'MICHAEL', 'LINDA', 'DAVID', 'ELIZABETH'];
const CITIES: [string, string, string][] = [['NASHVILLE', 'TN', '37203'], ['BEDFORD', 'NY', '10506'], ['SACRAMENTO', 'CA', '95826'], ['ORANGEBURG', 'SC', '29115']];
const DIAGNOSES = ['C3432', 'R079', 'M5416', 'I10', 'E119', 'J189', 'N179', 'K219'];
const PROCEDURES = ['70488', '78452', '71260', '27447', '29881', '43239', '97110', '99213'];
const SERVICE_TYPES = ['1', '2', '3', '4', '62', '73', '56', '42'];
const DECISIONS = ['A1', 'A1', 'A1', 'A3', 'A4', 'A6', 'C'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

function digits(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(r() * 10);
  return s;
}

function date(r: () => number, fromYear: number, span: number): string {
  const y = fromYear + Math.floor(r() * span);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}

function transaction(r: () => number, guide: BatchGuide, index: number): SegmentValues[] {
  const inquiry = guide === '005010X215';
  const response = r() < 0.4;
  const body: SegmentValues[] = [];
  const id = String(100000 + index);
  // BHT06 of a response: X217 takes 18; the X215 response's list is 19, RD, RS, ZW (Optum's canned responses send RD).
  body.push(inquiry ? ['BHT', '0007', response ? '11' : '28', id, '20260115', '1200', ...(response ? ['RD'] : [])] : ['BHT', '0007', response ? '11' : '13', id, '20260115', '1200', ...(response ? ['18'] : [])]);
  const [city, state, zip] = pick(r, CITIES);
  const dependent = r() < 0.3;
  const rejected = response && r() < 0.15;
  const services = 1 + Math.floor(r() * 3);
  let hl = 1;
  body.push(['HL', '1', '', '20', '1']);
  body.push(['NM1', 'X3', '2', 'SAMPLE PAYER', '', '', '', '', 'PI', '87726']);
  body.push(['HL', String(++hl), '1', '21', '1']);
  body.push(['NM1', '1P', '2', 'GENERAL HOSPITAL', '', '', '', '', 'XX', '1234567893']);
  if (!response) {
    body.push(['REF', 'EI', digits(r, 9)]);
    body.push(['N3', `${1 + Math.floor(r() * 900)} MAIN ST`]);
    body.push(['N4', city, state, zip]);
    body.push(['PER', 'IC', '', 'TE', digits(r, 10)]);
  }
  const subscriberHl = ++hl;
  body.push(['HL', String(subscriberHl), '2', '22', rejected ? '0' : '1']);
  body.push(['NM1', 'IL', '1', pick(r, LAST), pick(r, FIRST), '', '', '', 'MI', `M${digits(r, 9)}`]);
  if (rejected) {
    body.push(['AAA', 'N', '', '75', 'C']);
    return body;
  }
  body.push(['REF', '6P', digits(r, 8)]);
  body.push(['DMG', 'D8', date(r, 1940, 60), ...(inquiry ? [] : [pick(r, ['F', 'M'])])]);
  let parent = subscriberHl;
  if (dependent) {
    parent = ++hl;
    body.push(['HL', String(parent), String(subscriberHl), '23', '1']);
    body.push(['NM1', 'QC', '1', pick(r, LAST), pick(r, FIRST)]);
    body.push(['DMG', 'D8', date(r, 2005, 15)]);
  }
  const event = ++hl;
  body.push(['HL', String(event), String(parent), 'EV', '1']);
  if (!response) body.push(['TRN', '1', digits(r, 10), `1${digits(r, 9)}`]);
  body.push(['UM', 'HS', 'I', pick(r, SERVICE_TYPES), ['11', 'B']]);
  if (response) {
    const decision = pick(r, DECISIONS);
    body.push(['HCR', decision, `A${digits(r, 9)}`]);
    body.push(['DTP', 'AAH', 'D8', date(r, 2026, 1)]);
    if (decision === 'A1' || decision === 'A6') {
      body.push(['DTP', '102', 'D8', '20260115']);
      body.push(['DTP', '036', 'D8', '20260715']);
    }
  } else {
    body.push(['DTP', 'AAH', 'RD8', `${date(r, 2026, 1).slice(0, 6)}01-${date(r, 2026, 1).slice(0, 4)}1231`]);
    const diagnoses = 1 + Math.floor(r() * 3);
    const hi: SegmentValues = ['HI', ['ABK', pick(r, DIAGNOSES)]];
    for (let i = 1; i < diagnoses; i++) (hi as unknown as unknown[]).push(['ABF', pick(r, DIAGNOSES)]);
    body.push(hi);
  }
  body.push(['NM1', 'SJ', '1', pick(r, LAST), pick(r, FIRST), '', '', '', 'XX', '1234567893']);
  if (r() < 0.5) body.push(['NM1', 'DN', '1', pick(r, LAST), pick(r, FIRST), '', '', '', 'XX', '1234567893']);
  for (let i = 0; i < services; i++) {
    body.push(['HL', String(++hl), String(event), 'SS', '0']);
    if (response) body.push(['HCR', pick(r, ['A1', 'A3', 'A4']), `A${digits(r, 9)}`]);
    body.push(['DTP', '472', 'D8', date(r, 2026, 1)]);
    body.push(['SV1', ['HC', pick(r, PROCEDURES)], '', 'UN', String(1 + Math.floor(r() * 5))]);
  }
  // The last SS closes the event: HL04 of the event says children follow, which they always do here.
  return body;
}

/** A batch of `count` transaction sets in one functional group, one segment per line. */
export function generateBatch(count: number, guide: BatchGuide = '005010X217', seed = 278): string {
  const r = prng(seed);
  const sets = Array.from({ length: count }, (_, i) => ({ controlNumber: String(i + 1).padStart(4, '0'), body: transaction(r, guide, i) }));
  return writeInterchange(
    { senderId: 'CLEARINGHOUSE', receiverId: 'PAYER', controlNumber: '000000001', groupControlNumber: '1', version: guide, usage: 'T', date: new Date(2026, 0, 15, 12, 0) },
    sets,
    { lineBreaks: true },
  );
}
