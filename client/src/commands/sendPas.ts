// Sending a Da Vinci PAS document: a request Bundle to Claim/$submit, an inquiry Bundle to Claim/$inquire, with the
// same checks as an X12 send (responses refused, errors ask with a safe default, production asks), the answer in the
// request's one decision view (decision/pas.ts), and a history entry. A pended answer is followed: a Subscription
// (PASSubscriptionTopic, rest-hook, id-only) notifies a listener on 127.0.0.1, and the final decision updates the same
// view and history entry; a payer that cannot reach the listener is said so plainly, with "Check again" ($inquire).

import { DiagnosticSeverity, ProgressLocation, languages, window, workspace, type TextDocument, type Uri } from 'vscode';
import { isApiError } from '../api/errors';
import type { PasAnswer, PasClient, PasOperation } from '../api/pasClient';
import type { PasDecision, PasReading } from '../api/pasDecision';
import { inquiryBundleFor } from '../api/pasInquiry';
import { pasOperationFor } from '../api/pasRoute';
import { unreachableListener, waitForFinalDecision } from '../api/pasSubscription';
import { errorDecision, type DecisionModel, type Exchange, type FollowState, type RawBody } from '../decision/model';
import { decisionFromPas } from '../decision/pas';
import { currentPasEnvironment, pasClientForSend } from '../pas/session';
import { confirmProductionSends } from '../settings';
import { refusedRequestNextStep } from '../sendChecks';
import type { ExtensionState } from '../state';
import type { LiveEntry } from '../views/history';
import { ENDPOINT_LABELS, type Endpoint } from '../api/route';

/** What goes out to a PAS server: kept with the answer, so Request History can show it and send it again. */
export interface PasOutgoingRequest {
  readonly kind: 'pas';
  readonly requestUri: Uri;
  readonly operation: PasOperation;
  /** The Bundle as parsed from the document when it was sent. */
  readonly bundle: unknown;
  /** The document's text as sent. */
  readonly text: string;
}

export function isPasRequest(request: unknown): request is PasOutgoingRequest {
  return typeof request === 'object' && request !== null && (request as { kind?: unknown }).kind === 'pas';
}

export const OPERATION_LABELS: Readonly<Record<PasOperation, string>> = { submit: 'PAS request ($submit)', inquire: 'PAS inquiry ($inquire)' };

/** Longest wait for a pended decision's final one; after it the view offers "Check again". */
const FINAL_DECISION_WAIT_MS = 15 * 60_000;

/** The follow of each request's pended decision (one at a time per request document). */
const following = new Map<string, AbortController>();

function stopFollowing(requestUri: Uri): void {
  following.get(requestUri.toString())?.abort();
  following.delete(requestUri.toString());
}

/** Stops every follow (the extension is deactivated): each removes its subscription and closes its listener. */
export function stopAllFollowing(): void {
  for (const controller of following.values()) controller.abort();
  following.clear();
}

const problemCount = (uri: Uri) => {
  const all = languages.getDiagnostics(uri);
  return { errors: all.filter((d) => d.severity === DiagnosticSeverity.Error).length, warnings: all.filter((d) => d.severity === DiagnosticSeverity.Warning).length };
};

const fileName = (uri: Uri) => uri.path.split('/').pop() || 'request';

/**
 * Send on a PAS document. `target` is the Optum endpoint of the Send Inquiry/Submission/Notice commands, which a PAS
 * document does not go to; `confirmErrors` is the X12 send's "errors ask" dialog (safe default first).
 */
export async function sendPasDocument(state: ExtensionState, doc: TextDocument, parsed: unknown, target: Endpoint | 'auto', confirmErrors: (doc: TextDocument) => Promise<boolean>): Promise<void> {
  if (target !== 'auto') {
    void window.showWarningMessage(`This is a Da Vinci PAS document: it goes to a PAS payer (Claim/$submit or Claim/$inquire), not to Optum's ${ENDPOINT_LABELS[target].toLowerCase()} endpoint. Use "Prior Auth: Send".`);
    return;
  }
  const route = pasOperationFor(parsed);
  if ('refusal' in route) {
    const response = /response/.test(route.refusal);
    void window.showWarningMessage(response ? `This file is a PAS response (${route.refusal.replace(/^this is /, '')}): there is nothing to send. Send the request it answers instead.` : `Not sent: ${route.refusal}.`);
    return;
  }
  if (!(await confirmErrors(doc))) return;
  await deliverPas(state, { kind: 'pas', requestUri: doc.uri, operation: route.operation, bundle: JSON.parse(doc.getText()) as unknown, text: doc.getText() });
}

async function confirmPasProduction(label: string, operation: PasOperation): Promise<boolean> {
  if (!confirmProductionSends()) return true;
  const answer = await window.showWarningMessage(
    `Send this ${OPERATION_LABELS[operation]} to ${label} (PRODUCTION)?`,
    { modal: true, detail: 'Production requests reach a real payer with real patient data. (priorAuth.production.confirmEachSend turns this question off.)' },
    'Send to Production',
  );
  return answer === 'Send to Production';
}

function exchangeOf(client: PasClient, request: PasOutgoingRequest, endpoint: string, how: { at: number; elapsedMs?: number; httpStatus?: number; traceId?: string }): Exchange {
  const environment = client.environment;
  return { endpoint, environment: environment.label, production: environment.production, request: fileName(request.requestUri), ...how };
}

function sentBody(request: PasOutgoingRequest): RawBody {
  return { kind: 'sent', title: `Sent PAS bundle (Claim/$${request.operation})`, language: 'json', text: request.text };
}

function responseBody(title: string, body: unknown, text: string): RawBody {
  return { kind: 'response-json', title, language: 'json', text: typeof body === 'object' && body !== null ? JSON.stringify(body, null, 2) + '\n' : text };
}

/** Sends a PAS request (a document's, or one from Request History) to the current PAS server and shows the answer. */
export async function deliverPas(state: ExtensionState, request: PasOutgoingRequest): Promise<void> {
  if (!state.requireTrust('send requests')) return;
  const environment = currentPasEnvironment();
  if (environment.production && !(await confirmPasProduction(environment.label, request.operation))) return;
  const client = await pasClientForSend(state, { interactive: true });
  if (!client) return;
  stopFollowing(request.requestUri);
  const label = OPERATION_LABELS[request.operation];
  const started = Date.now();
  let answer: PasAnswer;
  try {
    answer = await window.withProgress(
      { location: ProgressLocation.Notification, title: `Sending ${label} to the ${client.environment.label}…`, cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return client.operation(request.operation, request.bundle, controller.signal);
      },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    let model: DecisionModel | undefined;
    if (isApiError(error) && error.kind === 'http') {
      const nextStep = error.status === 400 || error.status === 422 ? refusedRequestNextStep(problemCount(request.requestUri), error.details.length > 0) : error.nextStep;
      model = errorDecision(exchangeOf(client, request, label, { at: Date.now(), elapsedMs: Date.now() - started, httpStatus: error.status }), { message, nextStep, details: error.details }, [sentBody(request)]);
      showPasDecision({ state, request, model });
      state.showError(Object.assign(error, { nextStep }));
    } else {
      state.showError(error, () => deliverPas(state, request));
    }
    const status = isApiError(error) && error.status ? `HTTP ${error.status}` : isApiError(error) ? error.kind : 'failed';
    state.history.add({ time: Date.now(), environment: client.environment.label, endpoint: label, status, decision: message, request: fileName(request.requestUri) }, { sent: request, model });
    return;
  }
  const exchange = exchangeOf(client, request, label, { at: Date.now(), elapsedMs: answer.elapsedMs, httpStatus: answer.status, traceId: answer.traceId ?? answer.requestId });
  let model = decisionFromPas(answer.reading, exchange, [responseBody('Response (FHIR JSON)', answer.body, answer.text), sentBody(request)]);
  const pended = request.operation === 'submit' ? pendedDecision(answer.reading) : undefined;
  const unreachable = pended ? unreachableWords(client) : undefined;
  if (pended) model = { ...model, follow: unreachable ? { state: 'unreachable', message: unreachable, canCheck: true } : WAITING };
  const entry = state.history.add({ time: Date.now(), environment: exchange.environment, endpoint: label, status: `HTTP ${answer.status}`, decision: model.headline, request: exchange.request }, { sent: request, model });
  const follow: Follow & { client: PasClient } = { state, request, client, entry, model, pended };
  showPasDecision(follow);
  for (const line of readingLines(answer.reading)) state.log.info(`  ${line}`);
  const message = `${model.headline} — HTTP ${answer.status} in ${answer.elapsedMs} ms`;
  const bad = model.outcome === 'rejected' || model.outcome === 'denied' || model.outcome === 'error';
  void (bad ? window.showWarningMessage(message) : window.showInformationMessage(message));
  if (pended && unreachable) void offerCheck(follow, unreachable);
  else if (pended) void followPended(follow, pended);
}

function readingLines(reading: PasReading): string[] {
  if (reading.kind === 'operation-outcome') return reading.issues.map((i) => `${i.severity} ${i.code}: ${i.text}`);
  if (reading.kind !== 'decision') return [reading.headline];
  return reading.decisions.flatMap((d) => [d.headline, ...d.items.map((i) => `item ${i.sequence ?? '?'}: ${i.code ?? '?'} ${i.words}${i.authorization ? ` · ${i.authorization}` : ''}`)]);
}

function pendedDecision(reading: PasReading): PasDecision | undefined {
  return reading.kind === 'decision' ? reading.decisions.find((d) => d.pended) : undefined;
}

const WAITING: FollowState = {
  state: 'waiting',
  message: "Waiting for the payer's final decision: a subscription asks it to notify Prior Auth's listener on 127.0.0.1 (this view updates when it arrives).",
  canCheck: true,
};

/** Why the payer cannot post the final decision to a 127.0.0.1 listener, in the editor's words; undefined when it can. */
function unreachableWords(client: PasClient): string | undefined {
  const base = client.environment.baseUrl;
  if (!unreachableListener(base, 'http://127.0.0.1:1/pas-notifications')) return undefined;
  const host = (() => {
    try {
      return new URL(base).host;
    } catch {
      return base;
    }
  })();
  return `The ${client.environment.label} (${host}) is not on this machine, so it cannot post the final decision to Prior Auth's listener on 127.0.0.1: it will not arrive by itself. Use "Check again" to ask the payer for it ($inquire).`;
}

/** A PAS answer shown in a decision view: where it is kept, and for a pended one what the follow needs. */
export interface Follow {
  readonly state: ExtensionState;
  readonly request: PasOutgoingRequest;
  model: DecisionModel;
  /** The history entry the answer is kept in (updated when the final decision arrives). */
  entry?: LiveEntry;
  client?: PasClient;
  /** The pended decision whose final one is awaited. */
  pended?: PasDecision;
}

/** Shows a PAS model in the request's decision view, with Re-send and, for a pended answer, Check again / Stop waiting. */
export function showPasDecision(follow: Follow): void {
  const { state, request, model } = follow;
  const x = model.exchange;
  const status = [x.httpStatus !== undefined ? `HTTP ${x.httpStatus}` : undefined, x.elapsedMs !== undefined ? `${x.elapsedMs} ms` : undefined, x.environment, x.endpoint].filter(Boolean).join(' · ');
  const uris = state.responses.publish(request.requestUri, model.bodies, { headline: model.headline, status, traceId: x.traceId });
  const key = request.requestUri.toString();
  state.decisions.show({
    requestUri: request.requestUri,
    model,
    openBody: (index, column) => state.responses.open(uris[index], column),
    resend: () => deliverPas(state, request),
    checkAgain: model.follow?.canCheck ? () => checkAgain(follow) : undefined,
    stopWaiting: model.follow?.state === 'waiting' && following.has(key) ? () => stopFollowing(request.requestUri) : undefined,
  });
}

/** Shows the follow's new model in the view (if the view is still open) and keeps it in the history entry. */
function update(follow: Follow, model: DecisionModel, status?: string): void {
  follow.model = model;
  if (follow.entry) follow.entry = follow.state.history.update(follow.entry, { model, decision: model.headline, ...(status ? { status } : {}) }) ?? follow.entry;
  if (follow.state.decisions.has(follow.request.requestUri)) showPasDecision(follow);
  else follow.state.responses.publish(follow.request.requestUri, model.bodies, { headline: model.headline, status: status ?? '' });
}

async function offerCheck(follow: Follow, message: string): Promise<void> {
  const choice = await window.showWarningMessage(message, 'Check Again');
  if (choice === 'Check Again') await checkAgain(follow);
}

/** Subscribes and waits (with a cancellable notification) for the final decision on a pended answer. */
async function followPended(follow: Follow & { readonly client: PasClient }, pended: PasDecision): Promise<void> {
  const { state, request, client } = follow;
  const controller = new AbortController();
  const key = request.requestUri.toString();
  following.set(key, controller);
  // The view offers "Stop waiting" now that the follow is registered.
  if (state.decisions.has(request.requestUri)) showPasDecision(follow);
  try {
    const result = await window.withProgress(
      { location: ProgressLocation.Notification, title: "Waiting for the payer's final decision…", cancellable: true },
      (_progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        return waitForFinalDecision({
          client,
          pended,
          request: request.bundle,
          payload: 'id-only',
          version: pasVersionOf(request.bundle),
          timeoutMs: FINAL_DECISION_WAIT_MS,
          signal: controller.signal,
          log: { info: (m) => state.log.info(m), trace: (m) => state.log.trace(m) },
        });
      },
    );
    const arrived: FollowState = { state: 'arrived', message: `The final decision arrived at ${new Date().toLocaleTimeString('en-GB')} through the payer's notification${result.notifications ? '' : ' (read once after subscribing: it was made meanwhile)'}; the pended answer was ${follow.model.headline}.`, canCheck: false };
    const exchange = exchangeOf(client, request, `${OPERATION_LABELS[request.operation]} · final decision`, { at: Date.now() });
    const reading: PasReading = { kind: 'decision', decisions: [result.decision], headline: result.decision.headline };
    const model = { ...decisionFromPas(reading, exchange, [responseBody('Final response (FHIR JSON)', result.body, ''), sentBody(request)]), follow: arrived };
    update(follow, model, 'final decision');
    const message = `Final decision on ${fileName(request.requestUri)}: ${model.headline}`;
    const bad = model.outcome === 'denied' || model.outcome === 'rejected';
    // The view was closed meanwhile: the notification offers to show it again.
    const actions = state.decisions.has(request.requestUri) ? [] : ['Show Decision'];
    void (bad ? window.showWarningMessage(message, ...actions) : window.showInformationMessage(message, ...actions)).then((choice) => {
      if (choice === 'Show Decision') showPasDecision(follow);
    });
  } catch (error) {
    const stopped = controller.signal.aborted && following.get(key) !== controller; // replaced by a new send
    if (stopped) return;
    const words = isApiError(error) ? `${error.message} ${error.nextStep}` : error instanceof Error ? error.message : String(error);
    const kind = isApiError(error) ? error.kind : 'failed';
    const followState: FollowState =
      kind === 'cancelled'
        ? { state: 'stopped', message: 'Stopped waiting for the final decision (the subscription was removed). The payer still has the request: use "Check again" to ask for the decision.', canCheck: true }
        : kind === 'connection'
          ? { state: 'unreachable', message: `The payer cannot reach Prior Auth's listener, so the final decision will not arrive by itself: ${error instanceof Error ? error.message : words} Use "Check again" to ask for it.`, canCheck: true }
          : kind === 'timeout'
            ? { state: 'timed-out', message: `${words.replace(/ \(--wait-timeout\)/, '')} Use "Check again" to ask for it.`, canCheck: true }
            : { state: 'failed', message: `Waiting for the final decision failed: ${words} Use "Check again" to ask for it.`, canCheck: true };
    update(follow, { ...follow.model, follow: followState });
    if (kind !== 'cancelled') void offerCheck(follow, followState.message);
  } finally {
    if (following.get(key) === controller) following.delete(key);
  }
}

/** `2.0.1` or `2.2.1` from the request's own canonicals, else the setting the editor checks PAS documents with. */
function pasVersionOf(bundle: unknown): '2.0.1' | '2.2.1' {
  const text = JSON.stringify((bundle as { meta?: unknown })?.meta ?? {});
  if (text.includes('|2.0.1')) return '2.0.1';
  if (text.includes('|2.2.1')) return '2.2.1';
  return workspace.getConfiguration('priorAuth').get<string>('pas.version') === '2.2.1' ? '2.2.1' : '2.0.1';
}

function sameClaim(a: PasDecision, b: PasDecision): boolean {
  if (a.claimResponseId && a.claimResponseId === b.claimResponseId) return true;
  return a.identifiers.some((x) => b.identifiers.some((y) => x.value === y.value && (x.system ?? '') === (y.system ?? '')));
}

/** "Check again": asks the payer for the current decision with an inquiry built from the request ($inquire). */
async function checkAgain(follow: Follow): Promise<void> {
  const { state, request } = follow;
  const pended = follow.pended ?? pendedOf(follow.model);
  const inquiry = inquiryBundleFor(request.bundle);
  if (!inquiry) {
    void window.showWarningMessage('The request holds no Claim to ask about.');
    return;
  }
  const client = follow.client ?? (await pasClientForSend(state, { interactive: true }));
  if (!client) return;
  stopFollowing(request.requestUri);
  const label = 'Check again ($inquire)';
  let answer: PasAnswer;
  try {
    answer = await window.withProgress({ location: ProgressLocation.Notification, title: `Asking the ${client.environment.label} for the decision…`, cancellable: true }, (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return client.inquire(inquiry, controller.signal);
    });
  } catch (error) {
    state.showError(error);
    return;
  }
  const exchange = exchangeOf(client, request, label, { at: Date.now(), elapsedMs: answer.elapsedMs, httpStatus: answer.status, traceId: answer.traceId ?? answer.requestId });
  let reading = answer.reading;
  if (reading.kind === 'decision' && pended) {
    const mine = reading.decisions.filter((d) => sameClaim(d, pended));
    if (mine.length) reading = { kind: 'decision', decisions: mine.slice(-1), headline: mine[mine.length - 1].headline };
  }
  const inquiryBody: RawBody = { kind: 'sent', title: 'Sent inquiry bundle (Claim/$inquire)', language: 'json', text: JSON.stringify(inquiry, null, 2) + '\n' };
  let model = decisionFromPas(reading, exchange, [responseBody('Inquiry response (FHIR JSON)', answer.body, answer.text), inquiryBody, sentBody(request)]);
  const at = new Date().toLocaleTimeString('en-GB');
  const stillPended = reading.kind === 'decision' && reading.decisions.some((d) => d.pended);
  const found = reading.kind === 'decision' && reading.decisions.length > 0;
  model = {
    ...model,
    follow: stillPended
      ? { state: 'stopped', message: `Still pended when asked at ${at}. Use "Check again" later.`, canCheck: true }
      : found
        ? { state: 'arrived', message: `The payer's current decision, asked for at ${at} ($inquire).`, canCheck: false }
        : { state: 'failed', message: `The payer found no matching prior authorization when asked at ${at}: ${reading.headline}`, canCheck: true },
  };
  follow.client = client;
  follow.pended = stillPended ? pended : undefined;
  update(follow, model, `HTTP ${answer.status} (inquiry)`);
  void window.showInformationMessage(`${fileName(request.requestUri)}: ${model.headline}`);
}

/** The pended ClaimResponse a shown model names (a history pick keeps the model, not the reading). */
function pendedOf(model: DecisionModel): PasDecision | undefined {
  const id = model.facts?.find((f) => f.label.startsWith('ClaimResponse'))?.value;
  return id ? { claimResponseId: id, identifiers: [], items: [], errors: [], pended: true, headline: '' } : undefined;
}
