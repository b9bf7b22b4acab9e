// The decision model from the local sandbox's real answers (every canned INQDEMO member, a pended submission, a notice
// of admission), the page the decision view renders from it, and the checks made before a send, as plain functions.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PriorAuthClient } from '../../client/src/api/client';
import { localEnvironment } from '../../client/src/api/environments';
import { x12Body } from '../../client/src/api/payload';
import type { Endpoint } from '../../client/src/api/route';
import { contentSecurityPolicy, escapeHtml, renderDecisionHtml } from '../../client/src/decision/html';
import { dateSpan, errorDecision, OUTCOME_BADGES, type DecisionModel, type Exchange, type Outcome } from '../../client/src/decision/model';
import { decisionFromX12 } from '../../client/src/decision/x12';
import {
  chooseFixes, endpointMismatch, jsonResponseReason, refusedRequestNextStep, sendAnywayButtons, sendAnywayQuestion, x12ResponseReason,
} from '../../client/src/sendChecks';
import { signInText } from '../../client/src/views/signIn';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../sandbox/src/defaults';
import { INQDEMO_BY_MEMBER } from '../../sandbox/src/canned';
import { startSandbox, type Sandbox } from '../../sandbox/src/server';
import { EXAMPLES } from '../helpers/fixtures';
import { withMember } from '../helpers/x12edit';

let sandbox: Sandbox;
let api: PriorAuthClient;

before(async () => {
  sandbox = await startSandbox({ port: 0 });
  api = new PriorAuthClient({ environment: localEnvironment(sandbox.url), credentials: async () => ({ clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET }) });
});
after(async () => {
  await api.close();
  await sandbox.close();
});

const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');

const EXCHANGE: Exchange = { endpoint: 'Inquiry', environment: 'Local sandbox', production: false, at: Date.UTC(2026, 11, 4, 12), httpStatus: 200, elapsedMs: 12, traceId: 'Root=1-abc', request: 'inquiry-tst2.x12' };

/** Sends a request to the sandbox and returns the X12 of its answer. */
async function answer(endpoint: Endpoint, form: 'x12' | 'json', body: string): Promise<string> {
  const result = await api.send(endpoint, form, body);
  assert.equal(result.status, 200);
  const x12 = (result.body as Record<string, { x12: string }>)[endpoint].x12;
  assert.equal(typeof x12, 'string');
  return x12;
}

const MEMBER_OUTCOMES: Record<string, Outcome> = {
  TST1: 'certified', TST2: 'certified', TST3: 'denied', TST4: 'pended', TST5: 'partly', TST6: 'modified', TST7: 'cancelled', TST8: 'contact',
  TST9: 'rejected', TST10: 'rejected', TST11: 'not-required',
};

test('every canned INQDEMO member gets its outcome, authorization and rejection from the sandbox\'s real answer', async () => {
  assert.deepEqual(Object.keys(MEMBER_OUTCOMES).sort(), Object.keys(INQDEMO_BY_MEMBER).sort(), 'one expectation per canned member');
  for (const [member, outcome] of Object.entries(MEMBER_OUTCOMES)) {
    const x12 = await answer('inquiry', 'x12', x12Body(withMember(example('inquiry-tst2.x12'), member)));
    const model = decisionFromX12(x12, EXCHANGE, []);
    assert.equal(model.outcome, outcome, member);
    const canned = INQDEMO_BY_MEMBER[member];
    if (canned.decision) {
      assert.equal(model.event?.code, canned.decision.code, `${member} event code`);
      assert.equal(model.authorization, canned.decision.authorization, `${member} authorization`);
      assert.equal(model.event?.message, canned.message, `${member} MSG`);
      assert.equal(model.rejections.length, 0);
    } else {
      assert.equal(model.rejections[0].reason, canned.reject!.reason, `${member} AAA03`);
      assert.equal(model.rejections[0].followUp, canned.reject!.followUp, `${member} AAA04`);
      assert.ok(model.rejections[0].reasonWords.length > 5 && model.rejections[0].followUpWords.length > 5, `${member} rejection in words`);
      assert.equal(model.event, undefined);
    }
  }
});

test('an approval has its certification dates as ISO dates and a row per service line', async () => {
  const x12 = await answer('inquiry', 'x12', x12Body(withMember(example('inquiry-tst2.x12'), 'TST1')));
  const model = decisionFromX12(x12, EXCHANGE, []);
  assert.equal(model.headline, 'Approved (certified in total) · A062583941');
  assert.match(model.certification.issued!.from, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(model.certification.effective!.to, 'the effective dates are a range');
  assert.match(model.certification.expires!.from, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(model.serviceLines.length, 1);
  assert.equal(model.serviceLines[0].label, 'HC 70488');
  assert.equal(model.serviceLines[0].outcome, 'certified');
});

test('a pended JSON submission and a notice of admission read as pended and notification received', async () => {
  const pended = decisionFromX12(await answer('submission', 'json', example('submission-pended.submission.json')), EXCHANGE, []);
  assert.equal(pended.outcome, 'pended');
  assert.match(pended.headline, /^Pended/);
  assert.equal(pended.serviceLines[0].outcome, 'pended');
  const notice = decisionFromX12(await answer('noa', 'x12', x12Body(example('notice-of-admission.x12'))), { ...EXCHANGE, endpoint: 'Notice of Admission' }, []);
  assert.equal(notice.outcome, 'notification');
  assert.match(notice.headline, /^Notification received/);
  assert.match(notice.authorization ?? '', /^N216/, 'the receipt number (HCR02, or REF*BB when the acknowledgment has no HCR)');
  if (notice.event) assert.equal(notice.event.words, 'notification received');
  assert.equal(OUTCOME_BADGES[notice.outcome].label, 'Notification received');
});

test('the page escapes every value, loads nothing, and carries its nonce on its only script and style', () => {
  const hostile = '<img src=https://evil.example/x onerror=alert(1)>';
  const model: DecisionModel = {
    ...decisionFromX12('ISA*00*          *00*          *ZZ*A              *ZZ*B              *260101*1200*^*00501*000000001*0*T*:~GS*HI*A*B*20260101*1200*1*X*005010X215~ST*278*0001*005010X215~BHT*0007*11*1*20260101*1200~HL*1**20*1~HL*2*1*21*1~HL*3*2*22*1~HL*4*3*EV*0~HCR*A3*X1~MSG*<b>no</b>~SE*9*0001~GE*1*1~IEA*1*000000001~', { ...EXCHANGE, request: hostile, traceId: hostile }, [{ kind: 'response-json', title: 'JSON', language: 'json', text: `{"a": "${hostile}"}` }]),
  };
  const html = renderDecisionHtml(model, { nonce: 'n0nce', cspSource: 'https://webview.test', canResend: true });
  assert.ok(!html.includes('<img'), 'no markup from the values');
  assert.ok(!html.includes('<b>no</b>'), 'MSG text is escaped');
  assert.ok(html.includes(escapeHtml(hostile)));
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, /<script nonce="n0nce">/);
  assert.match(html, /<style nonce="n0nce">/);
  assert.ok(!/\son[a-z]+=/i.test(html.split(escapeHtml(hostile)).join('')), 'no inline event handlers');
  assert.ok(!/ style="/.test(html), 'no style attributes (the policy would block them)');
  assert.ok(!/(src|href)="https?:/.test(html), 'no remote content');
  const csp = contentSecurityPolicy({ nonce: 'n0nce', cspSource: 'https://webview.test' });
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-n0nce'/);
  assert.ok(!csp.includes('unsafe'), 'no unsafe-inline or unsafe-eval');
  assert.match(html, /data-outcome="denied"/);
  assert.match(html, /data-command="resend"/);
  assert.match(html, /data-command="copyTrace"/);
});

test('the page of an error, of a rejection and of a production answer', () => {
  const error = errorDecision({ ...EXCHANGE, httpStatus: 400 }, { message: 'The API rejected the request (HTTP 400).', nextStep: 'Fix it.', details: ['ST02 missing'] });
  const html = renderDecisionHtml(error, { nonce: 'n', cspSource: 'x' });
  assert.match(html, /data-outcome="error"/);
  assert.match(html, /ST02 missing/);
  assert.ok(!html.includes('data-command="resend"'), 'no re-send without a request');
  const production = renderDecisionHtml({ ...error, exchange: { ...EXCHANGE, environment: 'Optum production', production: true } }, { nonce: 'n', cspSource: 'x' });
  assert.match(production, /class="production">Optum production \(PRODUCTION\)/);
  const long = renderDecisionHtml({ ...error, bodies: [{ kind: 'sent', title: 'Sent', language: 'x12', text: 'A'.repeat(500) }] }, { nonce: 'n', cspSource: 'x', maxInlineChars: 100 });
  assert.match(long, /Showing the first 100 characters of 500/);
});

test('dates: D8 and RD8 become ISO dates or ranges; other text is kept', () => {
  assert.deepEqual(dateSpan('20261204'), { from: '2026-12-04' });
  assert.deepEqual(dateSpan('20261204-20270602'), { from: '2026-12-04', to: '2027-06-02' });
  assert.deepEqual(dateSpan('2026'), { from: '2026' });
  assert.equal(dateSpan(undefined), undefined);
});

test('response documents are recognised, requests are not', async () => {
  assert.equal(x12ResponseReason(example('inquiry-tst2.x12')), undefined);
  assert.equal(x12ResponseReason(example('notice-of-admission.x12')), undefined);
  assert.equal(x12ResponseReason(example('submission-ambulance-a1.x12')), undefined);
  assert.match(x12ResponseReason(example('inquiry-response-approved.x12')) ?? '', /BHT02 is (11|49)/);
  assert.match(x12ResponseReason(example('submission-response-certified.x12')) ?? '', /BHT02 is 11/);
  assert.match(x12ResponseReason('ISA*00*          *00*          *ZZ*A              *ZZ*B              *260101*1200*^*00501*000000001*0*T*:~ST*278*0001*005010X215~BHT*0007*13*1*20260101*1200~HL*1**20*1~AAA*N**72*C~SE*4*0001~') ?? '', /AAA/);
  assert.equal(jsonResponseReason(JSON.parse(example('inquiry-tst1.inquiry.json'))), undefined);
  assert.equal(jsonResponseReason(JSON.parse(example('submission-pended.submission.json'))), undefined);
  const result = await api.send('inquiry', 'x12', x12Body(withMember(example('inquiry-tst2.x12'), 'TST9')));
  assert.match(jsonResponseReason(result.body) ?? '', /authorizationId/);
  assert.match(jsonResponseReason((result.body as { inquiry: { json: unknown } }).inquiry.json) ?? '', /subscriberRequestValidation/);
  const approved = await api.send('inquiry', 'x12', x12Body(withMember(example('inquiry-tst2.x12'), 'TST1')));
  assert.match(jsonResponseReason((approved.body as { inquiry: { json: unknown } }).inquiry.json) ?? '', /certificationActionCode/);
});

test('an endpoint that does not match the guide is questioned, with the right endpoint offered first', () => {
  assert.equal(endpointMismatch('inquiry', 'inquiry', 'x12'), undefined);
  assert.equal(endpointMismatch('submission', undefined, 'json'), undefined, 'a shape that tells nothing is not questioned');
  const q = endpointMismatch('submission', 'inquiry', 'x12')!;
  assert.equal(q.message, 'This file is an 005010X215 inquiry (ST03), not a submission.');
  assert.match(q.detail, /expects 005010X217/);
  assert.equal(q.useDetected, 'Send as Inquiry');
  assert.equal(q.sendAnyway, 'Send to Submission Anyway');
});

test('"Send anyway?": the safe answer first, "Fix and Send" only when every error has a fix', () => {
  assert.deepEqual(sendAnywayButtons(false), ['Show Problems', 'Send Anyway']);
  assert.deepEqual(sendAnywayButtons(true), ['Show Problems', 'Fix and Send', 'Send Anyway']);
  assert.match(sendAnywayQuestion(1, false), /^1 error in this file/);
  assert.match(sendAnywayQuestion(2, true), /^2 errors in this file, each with a quick fix/);
  const errors = [{ message: 'SE01 is 25' }, { message: 'bad date' }];
  const fix = (title: string, fixes: string[], extra: { isPreferred?: boolean; hasEdit?: boolean } = {}) => ({ title, fixes, hasEdit: extra.hasEdit ?? true, isPreferred: extra.isPreferred });
  assert.equal(chooseFixes(errors, [[fix('Change SE01 to 24', ['SE01 is 25'])], []]), undefined, 'one error without a fix: none offered');
  assert.equal(chooseFixes(errors, [[fix('a', ['SE01 is 25'])], [fix('b', ['other problem'])]]), undefined, 'a fix for another problem does not count');
  assert.equal(chooseFixes(errors, [[fix('a', ['SE01 is 25'])], [fix('b', ['bad date'], { hasEdit: false })]]), undefined, 'a fix without an edit does not count');
  const chosen = chooseFixes(errors, [[fix('a', ['SE01 is 25']), fix('pref', ['SE01 is 25'], { isPreferred: true })], [fix('b', ['bad date'])]]);
  assert.deepEqual(chosen?.map((c) => c.title), ['pref', 'b']);
});

test('a refused request points at what is there: the file\'s errors, its warnings, or the API\'s messages', () => {
  assert.match(refusedRequestNextStep({ errors: 2, warnings: 0 }, true), /Problems view lists 2 errors/);
  assert.match(refusedRequestNextStep({ errors: 0, warnings: 1 }, true), /no errors, but the Problems view lists 1 warning/);
  const clean = refusedRequestNextStep({ errors: 0, warnings: 0 }, true);
  assert.ok(!/Problems view/.test(clean), `no pointer at an empty Problems view: ${clean}`);
  assert.match(clean, /API's messages/);
  assert.match(refusedRequestNextStep({ errors: 0, warnings: 0 }, false), /log/);
});

test('"signed in" only once a token was issued', () => {
  const environment = localEnvironment();
  assert.equal(signInText({ environment, signedIn: false }, undefined), 'signed out');
  assert.equal(signInText({ environment, signedIn: true }, undefined), 'credentials saved, not verified');
  assert.equal(signInText({ environment, signedIn: true, refused: true }, undefined), 'sign-in refused');
  assert.equal(signInText({ environment, signedIn: true, verified: true }, 42), 'signed in · token 42 min');
  assert.equal(signInText({ environment, signedIn: true, verified: true }, undefined), 'signed in');
});
