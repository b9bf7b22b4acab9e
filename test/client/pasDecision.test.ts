// The decision view's PAS adapter from the local PAS payer's real answers over HTTP: every rule-table outcome (both
// PAS versions), the OperationOutcome path (HTTP 422 business rule, HTTP 400 structure), a pended answer followed to
// its final decision through the subscription, "Check again" as an $inquire built from the request, and the page the
// view renders from a PAS model (the follow state and its buttons). The X12 adapter's tests are decision.test.ts.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PasClient, type PasAnswer } from '../../client/src/api/pasClient';
import type { PasDecision, PasReading } from '../../client/src/api/pasDecision';
import { inquiryBundleFor } from '../../client/src/api/pasInquiry';
import { waitForFinalDecision } from '../../client/src/api/pasSubscription';
import { renderDecisionHtml } from '../../client/src/decision/html';
import type { DecisionModel, Exchange, Outcome, RawBody } from '../../client/src/decision/model';
import { decisionFromPas } from '../../client/src/decision/pas';
import { analyzeFhirDocument } from '../../server/src/fhir';
import { PAS_RULES } from '../../sandbox/src/pas/rules';
import { startSandbox, type Sandbox } from '../../sandbox/src/server';
import { FIXTURES } from '../helpers/fixtures';

const EXAMPLES_DIR = join(FIXTURES, 'fhir/examples');
const HTTP = { connectTimeoutMs: 5000, requestTimeoutMs: 15000, maxRetries: 0, maxRetryWaitMs: 0 };

let sandbox: Sandbox;
let client: PasClient;

before(async () => {
  sandbox = await startSandbox({ port: 0, pas: { releaseDelayMs: 200 } });
  client = new PasClient({ environment: { label: 'local PAS payer', baseUrl: sandbox.pasBaseUrl, production: false }, auth: { kind: 'none' }, http: HTTP });
});
after(async () => {
  await client.close();
  await sandbox.close();
});

/** A request bundle from the packages' examples with the patient's member identifier set to `member`. */
function requestFor(member: string, version = '2.2.1'): Record<string, any> {
  const bundle = JSON.parse(readFileSync(join(EXAMPLES_DIR, version, 'Bundle-ReferralAuthorizationBundleExample.json'), 'utf8'));
  for (const entry of bundle.entry) if (entry.resource.resourceType === 'Patient') for (const id of entry.resource.identifier ?? []) id.value = member;
  const mark = (r: any) => {
    if (r?.meta?.profile) r.meta.profile = r.meta.profile.map((p: string) => (p.includes('/davinci-pas/') && !p.includes('|') ? `${p}|${version}` : p));
  };
  mark(bundle);
  for (const e of bundle.entry) mark(e.resource);
  return bundle;
}

function decisionsOf(reading: PasReading): readonly PasDecision[] {
  assert.equal(reading.kind, 'decision', reading.headline);
  return reading.kind === 'decision' ? reading.decisions : [];
}

function exchangeOf(answer: PasAnswer): Exchange {
  return { endpoint: 'PAS request ($submit)', environment: 'local PAS payer', production: false, at: Date.UTC(2026, 11, 5, 9), httpStatus: answer.status, elapsedMs: answer.elapsedMs, traceId: answer.traceId ?? answer.requestId, request: 'request.pas.json' };
}

function bodiesOf(answer: PasAnswer): RawBody[] {
  return [{ kind: 'response-json', title: 'Response (FHIR JSON)', language: 'json', text: JSON.stringify(answer.body, null, 2) }];
}

async function submitted(member: string, version = '2.2.1'): Promise<{ answer: PasAnswer; model: DecisionModel }> {
  const answer = await client.submit(requestFor(member, version));
  return { answer, model: decisionFromPas(answer.reading, exchangeOf(answer), bodiesOf(answer)) };
}

/** The badge each rule of the local payer's table gives, and its per-item review action. */
const EXPECTED: Record<string, { outcome: Outcome; code?: string }> = {
  'PAS-A1': { outcome: 'certified', code: 'A1' },
  'PAS-A2': { outcome: 'partly', code: 'A2' },
  'PAS-A3': { outcome: 'denied', code: 'A3' },
  'PAS-A6': { outcome: 'modified', code: 'A6' },
  'PAS-CT': { outcome: 'contact', code: 'CT' },
  'PAS-NA': { outcome: 'not-required', code: 'NA' },
  'PAS-PEND': { outcome: 'pended', code: 'A4' },
  'PAS-PEND-DENY': { outcome: 'pended', code: 'A4' },
  'PAS-HOLD': { outcome: 'pended', code: 'A4' },
  'PAS-REJECT': { outcome: 'rejected' },
  'PAS-OO': { outcome: 'error' },
};

test('every rule of the local PAS payer has an expected badge', () => {
  assert.deepEqual(Object.keys(EXPECTED).sort(), Object.keys(PAS_RULES).sort());
});

for (const version of ['2.2.1', '2.0.1']) {
  for (const [member, expected] of Object.entries(EXPECTED)) {
    test(`PAS ${version}, member ${member}: the decision view shows "${expected.outcome}"`, async () => {
      const { answer, model } = await submitted(member, version);
      assert.equal(model.outcome, expected.outcome, model.headline);
      assert.match(model.exchange.traceId ?? '', /^[0-9a-f-]{36}$/, 'the payer\'s X-Request-Id as the trace ID');
      assert.equal(model.exchange.httpStatus, answer.status);
      if (expected.code) {
        assert.equal(model.serviceLines.length, 1);
        const line = model.serviceLines[0];
        assert.equal(line.code, expected.code);
        assert.equal(line.outcome, expected.outcome);
        assert.match(line.label, /^Item 1 · /, 'the item names its service from the Claim in the bundle');
        assert.ok(line.words.length > 8, 'the decision in words');
        assert.ok(model.facts?.some((f) => f.label === 'Disposition'), 'the disposition is shown');
      }
      if (['A1', 'A2', 'A6'].includes(expected.code ?? '')) {
        assert.match(model.authorization ?? '', /^PA\d{8}$/);
        assert.match(model.certification.issued?.from ?? '', /^\d{4}-\d{2}-\d{2}$/);
        assert.match(model.certification.effective?.from ?? '', /^\d{4}-\d{2}-\d{2}$/);
        assert.match(model.certification.expires?.from ?? '', /^\d{4}-\d{2}-\d{2}$/);
        assert.match(model.headline, new RegExp(`· ${model.authorization}`));
      }
      if (expected.code === 'A2' || expected.code === 'A6') assert.match(model.serviceLines[0].message ?? '', /authorized quantity/);
      if (expected.code === 'A4') {
        assert.match(model.serviceLines[0].authorization ?? '', /^PEND-/, 'the payer\'s reference of a pended item');
        assert.match(model.headline, /^Pended/);
      }
      if (member === 'PAS-REJECT') {
        assert.equal(model.rejections.length, 1);
        assert.equal(model.rejections[0].reason, '75');
        assert.equal(model.rejections[0].reasonWords, 'Subscriber/Insured Not Found');
        assert.equal(model.rejections[0].followUpWords, 'correct and resubmit');
        assert.match(model.rejections[0].where, /subscriberId/);
      }
      if (member === 'PAS-OO') {
        assert.equal(answer.status, 422);
        assert.match(model.error?.message ?? '', /business rule \(HTTP 422\): The payer cannot accept this request/);
        assert.match(model.error?.details[0] ?? '', /^error business-rule: /);
      }
      const html = renderDecisionHtml(model, { nonce: 'n', cspSource: 'vscode-webview:' });
      assert.match(html, new RegExp(`data-outcome="${expected.outcome}"`));
    });
  }
}

test('a body that is not a PAS request: HTTP 400 OperationOutcome in words, with where', async () => {
  const answer = await client.operation('submit', { resourceType: 'Bundle', type: 'batch', entry: [] });
  assert.equal(answer.status, 400);
  const model = decisionFromPas(answer.reading, exchangeOf(answer), []);
  assert.equal(model.outcome, 'error');
  assert.match(model.error!.message, /^The payer refused the request \(HTTP 400\): A PAS request Bundle has type "collection"/);
  assert.match(model.error!.details[0], /\(at Bundle\.type\)$/);
  assert.equal(model.serviceLines.length, 0);
});

test('a pended answer followed to its final decision: pended badge, then certified from the notification', async () => {
  const request = requestFor('PAS-PEND');
  const answer = await client.submit(request);
  const pendedModel = decisionFromPas(answer.reading, exchangeOf(answer), []);
  assert.equal(pendedModel.outcome, 'pended');
  const pended = decisionsOf(answer.reading)[0];
  const result = await waitForFinalDecision({ client, pended, request, payload: 'id-only', timeoutMs: 20_000 });
  const final = decisionFromPas({ kind: 'decision', decisions: [result.decision], headline: result.decision.headline }, exchangeOf(answer), []);
  assert.equal(final.outcome, 'certified');
  assert.match(final.authorization ?? '', /^PA\d{8}$/);
  assert.equal(final.facts?.find((f) => f.label === 'ClaimResponse')?.value, pended.claimResponseId, 'the same ClaimResponse, now final');
});

test('"Check again": the inquiry built from a request validates clean and $inquire finds its decision (held, then released)', async () => {
  for (const version of ['2.2.1', '2.0.1']) {
    const request = requestFor(`PAS-HOLD`, version);
    const inquiry = inquiryBundleFor(request, new Date(Date.UTC(2026, 11, 5)))!;
    const analysis = analyzeFhirDocument(JSON.stringify(inquiry, null, 2), { uri: 'inquiry.pas.json' });
    assert.ok(analysis.pas);
    assert.deepEqual(analysis.problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.message}`), [], `${version} inquiry validates`);
    assert.equal((inquiry.entry as any[])[0].resource.meta.profile[0], `http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-claim-inquiry|${version}`);
  }
  // The inquiry answers every decision on file for the patient: the one asked about is picked by its ClaimResponse.
  const request = requestFor('PAS-HOLD');
  const submittedAnswer = await client.submit(request);
  const pended = decisionsOf(submittedAnswer.reading)[0];
  const ask = async () => {
    const answer = await client.inquire(inquiryBundleFor(request)!);
    assert.equal(answer.status, 200);
    assert.equal(answer.reading.kind, 'decision');
    const mine = decisionsOf(answer.reading).filter((d) => d.claimResponseId === pended.claimResponseId);
    assert.equal(mine.length, 1, 'the inquiry answer holds the pended claim');
    return decisionFromPas({ kind: 'decision', decisions: mine, headline: mine[0].headline }, exchangeOf(answer), []);
  };
  assert.equal((await ask()).outcome, 'pended');
  const res = await fetch(`${sandbox.pasBaseUrl}/ClaimResponse/${pended.claimResponseId}/$release`, { method: 'POST' });
  await res.arrayBuffer();
  assert.equal(res.status, 200);
  const after = await ask();
  assert.equal(after.outcome, 'certified');
  assert.match(after.authorization ?? '', /^PA\d{8}$/);
});

test('an answer that holds no PAS response, and an inquiry that finds nothing, say so', () => {
  const exchange: Exchange = { endpoint: 'x', environment: 'y', production: false, at: 0, request: 'r' };
  assert.equal(decisionFromPas({ kind: 'not-pas', headline: 'The answer is a Patient, not a PAS response.' }, exchange, []).outcome, 'unknown');
  const none = decisionFromPas({ kind: 'decision', decisions: [], headline: 'No matching prior authorization was found.' }, exchange, []);
  assert.equal(none.outcome, 'unknown');
  assert.equal(none.headline, 'No matching prior authorization was found.');
});

test('the page shows the follow state: waiting offers Check again and Stop waiting; arrived offers neither', async () => {
  const { model } = await submitted('PAS-HOLD');
  const waiting = renderDecisionHtml({ ...model, follow: { state: 'waiting', message: "Waiting for the payer's final decision…", canCheck: true } }, { nonce: 'n', cspSource: 'c', canStopWaiting: true });
  assert.match(waiting, /id="follow" data-state="waiting"/);
  assert.match(waiting, /data-command="checkAgain"/);
  assert.match(waiting, /data-command="stopWaiting"/);
  const unreachable = renderDecisionHtml({ ...model, follow: { state: 'unreachable', message: 'The <payer> cannot reach 127.0.0.1', canCheck: true } }, { nonce: 'n', cspSource: 'c', canStopWaiting: true });
  assert.match(unreachable, /The &lt;payer&gt; cannot reach/, 'escaped');
  assert.doesNotMatch(unreachable, /stopWaiting/);
  const arrived = renderDecisionHtml({ ...model, follow: { state: 'arrived', message: 'The final decision arrived', canCheck: false } }, { nonce: 'n', cspSource: 'c' });
  assert.doesNotMatch(arrived, /checkAgain|stopWaiting/);
  assert.match(arrived, /<dt>Disposition<\/dt>/);
});
