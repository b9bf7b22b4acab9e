// The "Get started" walkthrough's decision step says what the decision view shows: its badges, its sections and its
// buttons, read from the page the view renders (decision/html.ts) for an approval, a rejection and their bodies.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderDecisionHtml } from '../../client/src/decision/html';
import { OUTCOME_BADGES, type DecisionModel, type Exchange } from '../../client/src/decision/model';

// The compiled test runs from out/test/client.
const REPO = resolve(__dirname, '../../..');
const decisionStep = readFileSync(join(REPO, 'media/walkthrough/decision.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  contributes: { walkthroughs: { steps: { id: string; description: string }[] }[] };
};

const EXCHANGE: Exchange = { endpoint: 'Inquiry', environment: 'Local sandbox', production: false, at: Date.UTC(2026, 11, 4, 12), httpStatus: 200, traceId: 'Root=1-abc', request: 'inquiry-tst2.x12' };

const MODEL: DecisionModel = {
  outcome: 'rejected', headline: 'Rejected', certification: { issued: { from: '2026-12-04' }, effective: { from: '2026-12-04', to: '2027-03-04' }, expires: { from: '2027-03-04' } }, authorization: 'A1',
  event: { label: 'Patient event', outcome: 'certified', words: 'approved', code: 'A1' }, serviceLines: [],
  rejections: [{ where: 'subscriber name', reason: '72', reasonWords: 'Invalid member ID', followUp: 'C', followUpWords: 'correct and resubmit' }],
  exchange: EXCHANGE,
  bodies: [
    { kind: 'response-x12', title: 'Response X12', language: 'x12', text: 'ISA*…~' },
    { kind: 'response-json', title: 'Response JSON body', language: 'json', text: '{}' },
    { kind: 'sent', title: 'Sent X12 (inquiry)', language: 'x12', text: 'ISA*…~' },
  ],
};

/** The page's visible words, tags dropped. */
function pageText(model: DecisionModel): string {
  const html = renderDecisionHtml(model, { nonce: 'n', cspSource: 'x', canResend: true });
  return html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

test('walkthrough: the decision step names every badge the view shows, and no other', () => {
  const named = [...decisionStep.split('\n- ')[1].matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]);
  const badges = Object.entries(OUTCOME_BADGES).filter(([outcome]) => outcome !== 'unknown').map(([, b]) => b.label);
  assert.deepEqual([...named].sort(), [...badges].sort());
});

test('walkthrough: the buttons and sections the decision step names are on the page', () => {
  const text = pageText(MODEL);
  const quoted = [...decisionStep.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]).filter((w) => !Object.values(OUTCOME_BADGES).some((b) => b.label === w));
  // The view's own name and the history command are not words on the page.
  const onPage = quoted.filter((w) => w !== 'decision view' && !w.startsWith('Prior Auth:'));
  assert.ok(onPage.length >= 6, `names checked: ${onPage.join(', ')}`);
  for (const words of onPage) {
    assert.ok(text.includes(words.replace(/\s+/g, ' ')), `"${words}" is on the page: ${text.slice(0, 400)}`);
  }
  for (const field of ['Authorization', 'Issued', 'Effective', 'Expires', 'HTTP status', 'Time', 'Environment', 'Trace ID']) {
    assert.ok(text.includes(field), `the page shows ${field}`);
  }
});

test('walkthrough: the step\'s own description matches the view', () => {
  const step = manifest.contributes.walkthroughs[0].steps.find((s) => s.id === 'decision');
  assert.ok(step, 'a decision step');
  assert.match(step.description, /decision view/);
  for (const badge of step.description.match(/\(([^)]*)…\)/)?.[1].split(', ') ?? []) {
    assert.ok(Object.values(OUTCOME_BADGES).some((b) => b.label === badge), `"${badge}" is a badge of the view`);
  }
});
