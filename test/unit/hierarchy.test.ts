// The HL hierarchy checks are linear in the number of HLs and report exactly what the earlier quadratic version
// reported (same codes, ranges, messages and fixes, same parent links), on every fixture and on random hierarchies.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { guessRequestKind, jsonToX12 } from '../../server/src/convert';
import { analyzeDocument, type DocumentAnalysis } from '../../server/src/validate/document';
import { checkHierarchy, hierarchyWork } from '../../server/src/validate/hierarchy';
import { buildNodes, LoopPool, type LoopNode } from '../../server/src/validate/loopPool';
import { Reporter } from '../../server/src/validate/reporter';
import type { TransactionAnalysis } from '../../server/src/validate/transaction';
import { buildNodesBefore, checkHierarchyBefore } from '../helpers/hierarchyBefore';
import { EXAMPLES, FIXTURES } from '../helpers/fixtures';

/** The transaction's loop nodes in a pool of their own, level parents unset, as the matcher leaves them. */
function matcherPool(tx: TransactionAnalysis): LoopPool {
  const pool = new LoopPool();
  for (let i = tx.nodeFrom; i < tx.nodeTo; i++) {
    const level = tx.pool.isLevel(i);
    const node = pool.add(tx.pool.def(i), level, tx.pool.first(i), level ? -1 : tx.pool.parent(i));
    pool.setLast(node, tx.pool.last(i));
  }
  return pool;
}

function hierarchyOf(analysis: DocumentAnalysis, tx: TransactionAnalysis, check: typeof checkHierarchy) {
  const pool = matcherPool(tx);
  const r = new Reporter();
  check(analysis.table, tx.span, tx.guide!, pool, 0, r);
  const parents = Array.from({ length: pool.size }, (_, i) => pool.parent(i));
  return { problems: r.problems, parents, pool };
}

function shape(nodes: readonly LoopNode[]): unknown[] {
  return nodes.map((n) => ({ id: n.def.id, level: n.level?.level, first: n.first, last: n.last, parent: n.parent?.first, children: shape(n.children) }));
}

/** Compares the linear checks with the quadratic ones on every transaction of `text`; returns the problems compared. */
function compare(text: string, name: string): number {
  const analysis = analyzeDocument(text);
  let compared = 0;
  for (const tx of analysis.transactions) {
    if (!tx.guide) continue;
    const before = hierarchyOf(analysis, tx, checkHierarchyBefore);
    const after = hierarchyOf(analysis, tx, checkHierarchy);
    assert.deepEqual(after.problems, before.problems, `${name}: hierarchy problems of the transaction at segment ${tx.span.st}`);
    assert.deepEqual(after.parents, before.parents, `${name}: parent links of the transaction at segment ${tx.span.st}`);
    assert.deepEqual(shape(buildNodes(after.pool, 0, after.pool.size, tx.span.st)), shape(buildNodesBefore(before.pool, 0, before.pool.size, tx.span.st)), `${name}: loop tree`);
    compared += after.problems.length;
  }
  return compared;
}

function filesUnder(dir: string, extension: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return filesUnder(path, extension);
    return entry.endsWith(extension) ? [path] : [];
  });
}

function convertedJson(path: string): string | undefined {
  try {
    const body: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const kind = guessRequestKind(body);
    return kind ? jsonToX12(body, kind).x12 : undefined;
  } catch {
    return undefined;
  }
}

test('every fixture and example gets the same hierarchy problems, parent links and loop tree as before', () => {
  const x12 = [...filesUnder(FIXTURES, '.x12'), ...filesUnder(EXAMPLES, '.x12')];
  const json = [...filesUnder(join(FIXTURES, 'json'), '.json'), ...filesUnder(join(FIXTURES, 'optum-examples'), '.json'), ...filesUnder(EXAMPLES, '.json')];
  let documents = 0;
  let problems = 0;
  for (const path of x12) {
    problems += compare(readFileSync(path, 'latin1'), path);
    documents++;
  }
  for (const path of json) {
    const text = convertedJson(path);
    if (text === undefined) continue;
    problems += compare(text, path);
    documents++;
  }
  assert.ok(documents > 100, `${documents} documents compared`);
  // The hl-* fixtures and loop-max-repeat must have been among them.
  assert.ok(problems >= 8, `${problems} hierarchy problems compared`);
});

const HEADER = [
  'ISA*00*          *00*          *ZZ*6546564        *ZZ*278_217_01_A1  *250502*1525*^*00501*000000001*0*T*:~',
  'GS*HI*6546564*278_217_01_A1*20250502*1525*1*X*005010X217~',
];
const BODIES: Record<string, string> = {
  '20': 'NM1*X3*2*ABC PAYER*****PI*1234560010~',
  '21': 'NM1*1P*1*XYZ AMBULANCE SVC*****24*775962187~',
  '22': 'NM1*IL*1*SMITH*JOE****MI*12345689001~',
  '23': 'NM1*QC*1*SMITH*ANN~',
  EV: 'UM*HS*I*56*41:B~',
  SS: 'SV1*HC:A0428:RX**UN*5~',
  ZZ: '',
};
const ID = fc.oneof(fc.constantFrom('1', '2', '3', '4', '5', '01', '001', '12345678', '9999999', 'A', 'a b', ''), fc.nat({ max: 40 }).map(String));
const HL = fc.record({ id: ID, parent: ID, code: fc.constantFrom('20', '21', '22', '23', 'EV', 'SS', 'ZZ', ''), children: fc.constantFrom('0', '1', '', '2') });

test('random hierarchies (duplicate, non-numeric, long and self-referencing IDs) get the same problems as before', () => {
  let problems = 0;
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom('005010X217*13', '005010X215*13', '005010X217*11'), fc.array(HL, { maxLength: 30 })), { minLength: 1, maxLength: 3 }), (transactions) => {
      const lines = [...HEADER];
      transactions.forEach(([guide, hls], n) => {
        const [version, purpose] = guide.split('*');
        lines.push(`ST*278*${1000 + n}*${version}~`, `BHT*0007*${purpose}*165932*20250502*1525~`);
        for (const hl of hls) lines.push(`HL*${hl.id}*${hl.parent}*${hl.code}*${hl.children}~`, BODIES[hl.code] ?? '');
        lines.push(`SE*${hls.length * 2 + 3}*${1000 + n}~`);
      });
      lines.push('GE*1*1~', 'IEA*1*000000001~');
      problems += compare(lines.filter((l) => l).join('\n'), 'random hierarchy');
    }),
    { seed: 1414, numRuns: 300 },
  );
  assert.ok(problems > 300, `${problems} hierarchy problems compared`);
});

function serviceLines(fixture: string, kind: 'inquiry' | 'submission', lines: number): string {
  const base = JSON.parse(readFileSync(join(FIXTURES, 'json', fixture), 'utf8')) as { patientEventDetail: { serviceLevel: unknown[] } };
  base.patientEventDetail.serviceLevel = Array.from({ length: lines }, () => base.patientEventDetail.serviceLevel[0]);
  return jsonToX12(base, kind).x12;
}

function hierarchyWorkOf(text: string): number {
  const before = hierarchyWork();
  analyzeDocument(text);
  return hierarchyWork() - before;
}

for (const [fixture, kind] of [['clean-submission.278.json', 'submission'], ['bad-service-date-range.inquiry.json', 'inquiry']] as const) {
  test(`the hierarchy checks are linear: 20,000 service lines (${fixture}) take about 10× the work of 2,000`, () => {
    const small = hierarchyWorkOf(serviceLines(fixture, kind, 2_000));
    const large = hierarchyWorkOf(serviceLines(fixture, kind, 20_000));
    assert.ok(small >= 2_000, `${small} steps for 2,000 service lines`);
    const ratio = large / small;
    assert.ok(ratio > 5 && ratio < 15, `work grew ${ratio.toFixed(1)}× for 10× the service lines`);
  });
}

test('a clean 20,000-line transaction links every service line to its parent once', () => {
  const analysis = analyzeDocument(serviceLines('clean-submission.278.json', 'submission', 20_000));
  assert.equal(analysis.problems.length, 0);
  const [tx] = analysis.transactions;
  const events = tx.roots[0].children.find((n) => n.level)!.children.find((n) => n.level)!.children.filter((n) => n.level);
  assert.equal(events.length, 1);
  assert.equal(events[0].children.filter((n) => n.level?.level === 'SS').length, 20_000);
});
