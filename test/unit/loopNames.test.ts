// Element names in their loop (server/src/guide/elementNames.ts) and the sandbox meanings of canned values, as the X12
// hover shows them: every named place exists in a guide, and every canned value reads as the sandbox answers it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GUIDES } from '../../server/src/guide/guides';
import type { GuideLoop } from '../../server/src/guide/types';
import { ELEMENT_NAMES_IN_LOOP } from '../../server/src/guide/elementNames';
import { elementNameInLoop, sandboxMeaning } from '../../server/src/features/loopNames';
import { INQDEMO_BY_MEMBER, INQUIRY_BY_RECEIVER, NOA_BY_MEMBER, SUBMISSION_BY_CLEARINGHOUSE } from '../../sandbox/src/canned';

/** "NM1 Subscriber Name" → the element positions any guide uses in it. */
function guidePlaces(): Map<string, Set<number>> {
  const places = new Map<string, Set<number>>();
  const walk = (loop: GuideLoop) => {
    for (const s of loop.segments) {
      const key = `${s.id} ${s.name}`;
      const positions = places.get(key) ?? new Set<number>();
      for (const p of Object.keys(s.elements ?? {})) positions.add(Number(p));
      places.set(key, positions);
    }
    for (const l of loop.loops ?? []) walk(l);
  };
  for (const g of GUIDES) {
    for (const l of g.levels) walk(l);
    for (const s of g.header) places.set(`${s.id} ${s.name}`, new Set(Object.keys(s.elements ?? {}).map(Number)));
  }
  return places;
}

test('element names: every named segment is a segment of a guide, and every named position one it can use', () => {
  const places = guidePlaces();
  for (const [key, names] of Object.entries(ELEMENT_NAMES_IN_LOOP)) {
    const positions = places.get(key);
    assert.ok(positions, `${key} is a segment in some guide`);
    for (const p of Object.keys(names).map(Number)) {
      // NM1 names list every position of a party's name; the guide may leave some out (e.g. no NM106).
      if (!key.startsWith('NM1 ')) assert.ok(positions.has(p), `${key} position ${p} is used by a guide`);
    }
  }
});

test('element names: the member ID, dates by their segment, HL by level, and nothing for unknown places', () => {
  assert.equal(elementNameInLoop('NM1', 'Subscriber Name', 9), 'Subscriber\'s member ID (on the insurance card)');
  assert.equal(elementNameInLoop('NM1', 'UMO Name', 9), 'Payer (UMO) ID');
  assert.equal(elementNameInLoop('DTP', 'Event Date', 3), 'Event Date');
  assert.equal(elementNameInLoop('DTP', 'Event Date', 1), 'Kind of date (qualifier)');
  assert.equal(elementNameInLoop('REF', 'Previous Authorization Number', 2), 'Previous Authorization Number');
  assert.equal(elementNameInLoop('HL', 'Subscriber Level', 2), 'Parent level\'s ID');
  assert.equal(elementNameInLoop('HCR', 'Review Outcome', 2), 'Authorization number (the certification\'s ID)');
  assert.equal(elementNameInLoop('NM1', undefined, 9), undefined, 'a segment the guide did not match has no loop name');
  assert.equal(elementNameInLoop('NM1', 'Subscriber Name', 12), undefined);
});

test('sandbox meanings: every TST member, receiver, clearinghouse and notice member reads as the sandbox answers', () => {
  for (const [member, outcome] of Object.entries(INQDEMO_BY_MEMBER)) {
    const text = sandboxMeaning('NM1', 'Subscriber Name', 9, member);
    assert.ok(text?.includes(outcome.summary), `${member}: ${text}`);
    if (outcome.decision?.authorization) assert.ok(text?.includes(outcome.decision.authorization));
  }
  for (const [member, outcome] of Object.entries(NOA_BY_MEMBER)) assert.ok(sandboxMeaning('NM1', 'Subscriber Name', 9, member)?.includes(outcome.summary));
  for (const [receiver, outcome] of Object.entries(INQUIRY_BY_RECEIVER)) {
    for (const [id, name, pos] of [['ISA', 'Interchange Control Header', 8], ['GS', 'Functional Group Header', 3], ['NM1', 'UMO Name', 9]] as const) {
      assert.ok(sandboxMeaning(id, name, pos, receiver.padEnd(15, ' '))?.includes(outcome.summary), `${id}${pos} ${receiver}`);
    }
  }
  for (const [clearinghouse, outcome] of Object.entries(SUBMISSION_BY_CLEARINGHOUSE)) {
    assert.ok(sandboxMeaning('ISA', undefined, 8, clearinghouse.padEnd(15, ' '))?.includes(outcome.summary), clearinghouse);
  }
  assert.match(sandboxMeaning('ISA', undefined, 8, 'INQDEMO        ') ?? '', /member ID: TST1 to TST11/);
  assert.ok(sandboxMeaning('ISA', undefined, 8, '278_217_05_A5  ')?.includes(SUBMISSION_BY_CLEARINGHOUSE['278_217_05_A6'].summary), 'the _A5 alias');
  // Values elsewhere, or other values, say nothing.
  assert.equal(sandboxMeaning('NM1', 'Requester Name', 9, 'TST1'), undefined);
  assert.equal(sandboxMeaning('NM1', 'Subscriber Name', 9, 'ZCS12345678'), undefined);
  assert.equal(sandboxMeaning('ISA', undefined, 6, '000000000000001'), undefined);
});
