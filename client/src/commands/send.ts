// Sending the open X12 or JSON file: refuse responses, pick (or question) the endpoint, check the file, confirm
// production, send with progress and Cancel, and show the decision beside the request in its decision view.

import {
  CodeActionKind, DiagnosticSeverity, Position, ProgressLocation, Range, WorkspaceEdit, commands, env, languages, window, workspace,
  type CodeAction, type Command, type Diagnostic, type TextDocument, type Uri,
} from 'vscode';
import { isApiError } from '../api/errors';
import { endpointForJson, endpointForX12, ENDPOINT_LABELS, type Endpoint } from '../api/route';
import { jsonBody, oneLine, x12Body } from '../api/payload';
import { summarizeResponse, summaryLines } from '../api/summary';
import type { ApiResult } from '../api/client';
import { errorDecision, type DecisionModel, type Exchange, type RawBody } from '../decision/model';
import { decisionFromX12 } from '../decision/x12';
import {
  chooseFixes, endpointMismatch, jsonResponseReason, refusedRequestNextStep, responseBlockedMessage, sendAnywayButtons, sendAnywayQuestion,
  x12ResponseReason, type FixCandidate,
} from '../sendChecks';
import { RESPONSE_SCHEME, segmentPerLine } from '../views/responseView';
import { isFhirResource } from '../api/pasRoute';
import { sendPasDocument } from './sendPas';
import { cannedChoices, jsonWithChoice, sandboxProblem, x12ChoiceEdits } from '../sandboxValues';
import { confirmProductionSends } from '../settings';
import type { ExtensionState } from '../state';

export type SendTarget = Endpoint | 'auto';

function formOf(doc: TextDocument): 'x12' | 'json' | undefined {
  if (doc.languageId === 'x12') return 'x12';
  if (doc.languageId === 'json' || doc.languageId === 'jsonc') return 'json';
  return /^\s*(\uFEFF)?ISA/.test(doc.getText(new Range(0, 0, 2, 0))) ? 'x12' : undefined;
}

async function chooseEndpoint(): Promise<Endpoint | undefined> {
  const pick = await window.showQuickPick(
    (Object.keys(ENDPOINT_LABELS) as Endpoint[]).map((e) => ({ label: ENDPOINT_LABELS[e], endpoint: e })),
    { placeHolder: 'Which endpoint is this request for? Its shape does not tell.' },
  );
  return pick?.endpoint;
}

const problemCount = (uri: Uri) => {
  const all = languages.getDiagnostics(uri);
  return { errors: all.filter((d) => d.severity === DiagnosticSeverity.Error).length, warnings: all.filter((d) => d.severity === DiagnosticSeverity.Warning).length };
};

/** The quick fixes the language server offers for each error, one per error, or undefined when some error has none. */
async function fixesFor(doc: TextDocument, errors: readonly Diagnostic[]): Promise<CodeAction[] | undefined> {
  const candidates: (CodeAction & FixCandidate)[][] = [];
  for (const error of errors) {
    const actions = (await commands.executeCommand<(CodeAction | Command)[]>('vscode.executeCodeActionProvider', doc.uri, error.range, CodeActionKind.QuickFix.value)) ?? [];
    candidates.push(
      actions
        .filter((a): a is CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'))
        // Asked for the error's own range: an action that names no problem is taken to fix the one asked about.
        .map((a) => Object.assign(a, { fixes: a.diagnostics?.length ? a.diagnostics.map((d) => d.message) : [error.message], hasEdit: !!a.edit })),
    );
  }
  return chooseFixes(errors, candidates);
}

function editStart(action: CodeAction): Position | undefined {
  const edits = action.edit?.entries().flatMap(([, e]) => e) ?? [];
  return edits.map((e) => e.range.start).sort((a, b) => a.compareTo(b))[0];
}

/** Applies fixes bottom-up (each edit is local to its problem, so earlier positions stay put), then waits for fresh diagnostics. */
async function applyFixes(doc: TextDocument, fixes: readonly CodeAction[]): Promise<boolean> {
  const start = (a: CodeAction) => editStart(a) ?? a.diagnostics?.[0]?.range.start ?? new Position(0, 0);
  const ordered = [...fixes].sort((a, b) => start(b).compareTo(start(a)));
  const refreshed = new Promise<void>((resolve) => {
    const timer = setTimeout(() => done(), 15_000);
    const listener = languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === doc.uri.toString())) done();
    });
    function done() {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
  for (const fix of ordered) if (fix.edit && !(await workspace.applyEdit(fix.edit))) return false;
  await refreshed;
  return true;
}

/**
 * Errors in the Problems view for this file: ask before sending something the payer will reject. The safe answer is
 * the default (Enter shows the problems); "Fix and Send" applies the language server's quick fixes and checks again.
 */
export async function confirmDespiteErrors(doc: TextDocument): Promise<boolean> {
  for (let round = 0; round < 3; round++) {
    const errors = languages.getDiagnostics(doc.uri).filter((d) => d.severity === DiagnosticSeverity.Error);
    if (errors.length === 0) return true;
    const fixes = await fixesFor(doc, errors);
    const answer = await window.showWarningMessage(
      sendAnywayQuestion(errors.length, !!fixes),
      { modal: true, detail: errors.slice(0, 3).map((e) => `Line ${e.range.start.line + 1}: ${e.message}`).join('\n') + (errors.length > 3 ? `\n… and ${errors.length - 3} more in the Problems view` : '') },
      ...sendAnywayButtons(!!fixes),
    );
    if (answer === 'Show Problems') await commands.executeCommand('workbench.actions.view.problems');
    if (answer === 'Send Anyway') return true;
    if (answer !== 'Fix and Send' || !fixes) return false;
    if (!(await applyFixes(doc, fixes))) {
      void window.showWarningMessage('The fixes could not be applied (the file changed meanwhile); nothing was sent.');
      return false;
    }
  }
  return languages.getDiagnostics(doc.uri).every((d) => d.severity !== DiagnosticSeverity.Error);
}

/** Asks when the chosen endpoint is not the one the file's guide (or shape) is for; returns the endpoint to use. */
async function confirmEndpoint(chosen: Endpoint, detected: Endpoint | undefined, form: 'x12' | 'json'): Promise<Endpoint | undefined> {
  const mismatch = endpointMismatch(chosen, detected, form);
  if (!mismatch) return chosen;
  const answer = await window.showWarningMessage(mismatch.message, { modal: true, detail: mismatch.detail }, mismatch.useDetected, mismatch.sendAnyway);
  if (answer === mismatch.useDetected) return detected;
  return answer === mismatch.sendAnyway ? chosen : undefined;
}

/** In Optum's sandbox, offers the canned values when the file uses others; may rewrite the file. Returns false to stop. */
async function checkSandboxValues(doc: TextDocument, form: 'x12' | 'json', endpoint: Endpoint, parsed: unknown): Promise<boolean> {
  const problem = sandboxProblem(doc.getText(), form, endpoint, parsed);
  if (!problem) return true;
  const choices = cannedChoices(endpoint);
  const asIs = { label: '$(arrow-right) Send as it is', description: 'the sandbox will answer with an error', choice: undefined };
  const pick = await window.showQuickPick([...choices.map((c) => ({ label: c.label, description: c.description, choice: c })), asIs], {
    placeHolder: `Optum's sandbox only answers canned values: ${problem}. Pick one to use, or send as it is.`,
    ignoreFocusOut: true,
  });
  if (!pick) return false;
  if (!pick.choice) return true;
  const edit = new WorkspaceEdit();
  if (form === 'x12') {
    for (const e of x12ChoiceEdits(doc.getText(), pick.choice)) edit.replace(doc.uri, new Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  } else {
    edit.replace(doc.uri, new Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), jsonWithChoice(doc.getText(), endpoint, pick.choice));
  }
  return workspace.applyEdit(edit);
}

async function confirmProduction(state: ExtensionState, endpoint: Endpoint): Promise<boolean> {
  if (!state.environment().production || !confirmProductionSends()) return true;
  const answer = await window.showWarningMessage(
    `Send this ${ENDPOINT_LABELS[endpoint].toLowerCase()} to Optum PRODUCTION?`,
    { modal: true, detail: 'Production requests reach a real payer with real patient data. (priorAuth.production.confirmEachSend turns this question off.)' },
    'Send to Production',
  );
  return answer === 'Send to Production';
}

/** What goes out: kept with the answer, so Request History can show it and send it again. */
export interface OutgoingRequest {
  readonly requestUri: Uri;
  readonly endpoint: Endpoint;
  readonly form: 'x12' | 'json';
  /** The HTTP body as sent (X12 wrapped as {"x12": "…"}). */
  readonly body: string;
  /** The request as the user reads it: the X12 one segment per line, or the JSON as written. */
  readonly text: string;
}

export async function sendDocument(state: ExtensionState, target: SendTarget, uri?: Uri): Promise<void> {
  if (!state.requireTrust('send requests')) return;
  const doc = uri ? await workspace.openTextDocument(uri) : window.activeTextEditor?.document;
  if (!doc) {
    void window.showInformationMessage('Open an X12 278, a JSON prior-auth request or a PAS request bundle first, then send it.');
    return;
  }
  if (doc.uri.scheme === RESPONSE_SCHEME) {
    void window.showWarningMessage('This is an answer from the API, shown read-only: there is nothing to send. Send the request it answers instead.');
    return;
  }
  const form = formOf(doc);
  if (!form) {
    void window.showWarningMessage('This file is neither X12 nor JSON. Prior Auth can send X12 278 files and Optum JSON request bodies.');
    return;
  }
  let parsed: unknown;
  try {
    if (form === 'json') parsed = jsonBody(doc.getText()).value;
  } catch (error) {
    state.showError(error);
    return;
  }
  // A FHIR resource is a Da Vinci PAS document: it goes to a PAS server's Claim/$submit or $inquire.
  if (form === 'json' && isFhirResource(parsed)) return sendPasDocument(state, doc, parsed, target, confirmDespiteErrors);
  const response = form === 'x12' ? x12ResponseReason(doc.getText()) : jsonResponseReason(parsed);
  if (response) {
    void window.showWarningMessage(responseBlockedMessage(response));
    return;
  }
  const detected = form === 'x12' ? endpointForX12(doc.getText()) : endpointForJson(parsed);
  let endpoint: Endpoint | undefined = target === 'auto' ? detected : await confirmEndpoint(target, detected, form);
  if (!endpoint && form === 'x12' && target === 'auto') {
    void window.showWarningMessage('ST03/GS08 does not name a guide Optum takes (005010X215 inquiry, 005010X217 submission, 005010X216 notice). Use one of the Send Inquiry/Submission/Notice commands to choose.');
    return;
  }
  if (!endpoint && target !== 'auto') return;
  endpoint ??= await chooseEndpoint();
  if (!endpoint) return;
  if (!(await confirmDespiteErrors(doc))) return;
  if (state.environment().id === 'sandbox' && !(await checkSandboxValues(doc, form, endpoint, parsed))) return;

  const text = doc.getText();
  const request: OutgoingRequest = {
    requestUri: doc.uri,
    endpoint,
    form,
    body: form === 'x12' ? x12Body(text) : jsonBody(text).text,
    text: form === 'x12' ? segmentPerLine(oneLine(text)) : text,
  };
  await deliver(state, request);
}

/** Sends a request (a file's, or one from Request History) to the current environment and shows the answer. */
export async function deliver(state: ExtensionState, request: OutgoingRequest): Promise<void> {
  if (!state.requireTrust('send requests')) return;
  const { endpoint, form, body } = request;
  if (!(await confirmProduction(state, endpoint))) return;
  const environment = state.environment();
  const api = state.client();
  const name = request.requestUri.path.split('/').pop() ?? '';
  const started = Date.now();
  let result: ApiResult;
  try {
    result = await window.withProgress(
      { location: ProgressLocation.Notification, title: `Sending ${ENDPOINT_LABELS[endpoint].toLowerCase()} to the ${environment.label}…`, cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return api.send(endpoint, form, body, controller.signal);
      },
    );
  } catch (error) {
    state.refreshStatus();
    const status = isApiError(error) && error.status ? `HTTP ${error.status}` : isApiError(error) ? error.kind : 'failed';
    const message = error instanceof Error ? error.message : String(error);
    let model: DecisionModel | undefined;
    if (isApiError(error) && error.kind === 'http') {
      // The API answered: the decision view shows its words beside the request, with the body that was sent.
      const nextStep = error.status === 400 || error.status === 422 ? refusedRequestNextStep(problemCount(request.requestUri), error.details.length > 0) : error.nextStep;
      model = errorDecision(exchangeOf(state, request, { at: Date.now(), elapsedMs: Date.now() - started, httpStatus: error.status }), { message, nextStep, details: error.details }, [sentBody(request)]);
      showDecision(state, request, model);
      state.showError(Object.assign(error, { nextStep }));
    } else {
      state.showError(error, () => deliver(state, request));
    }
    state.history.add({ time: Date.now(), environment: environment.label, endpoint: ENDPOINT_LABELS[endpoint], status, decision: message, request: name }, { sent: request, model });
    return;
  }
  state.refreshStatus();
  showResult(state, request, result);
}

function exchangeOf(state: ExtensionState, request: OutgoingRequest, how: { at: number; elapsedMs?: number; httpStatus?: number; traceId?: string; transactionId?: string }): Exchange {
  const environment = state.environment();
  return {
    endpoint: ENDPOINT_LABELS[request.endpoint],
    environment: environment.label,
    production: environment.production,
    request: request.requestUri.path.split('/').pop() || 'request',
    ...how,
  };
}

function sentBody(request: OutgoingRequest): RawBody {
  return { kind: 'sent', title: `Sent ${request.form === 'x12' ? 'X12' : 'JSON'} (${ENDPOINT_LABELS[request.endpoint].toLowerCase()})`, language: request.form, text: request.text };
}

/** Shows a model in the request's decision view; its bodies become read-only documents that open from the view. */
export function showDecision(state: ExtensionState, request: OutgoingRequest, model: DecisionModel): void {
  const x = model.exchange;
  const status = [x.httpStatus !== undefined ? `HTTP ${x.httpStatus}` : undefined, x.elapsedMs !== undefined ? `${x.elapsedMs} ms` : undefined, x.environment, x.endpoint].filter(Boolean).join(' · ');
  const uris = state.responses.publish(request.requestUri, model.bodies, { headline: model.headline, status, traceId: x.traceId });
  state.decisions.show({
    requestUri: request.requestUri,
    model,
    openBody: (index, column) => state.responses.open(uris[index], column),
    resend: () => deliver(state, request),
  });
}

function showResult(state: ExtensionState, request: OutgoingRequest, result: ApiResult): void {
  const { endpoint } = request;
  const body = result.body as Record<string, { x12?: unknown } | undefined> | undefined;
  const part = body?.[endpoint] ?? body?.submission ?? body?.inquiry ?? body?.noa;
  const x12 = typeof part?.x12 === 'string' ? part.x12 : undefined;
  const json = typeof result.body === 'object' ? JSON.stringify(result.body, null, 2) + '\n' : result.text;
  const bodies: RawBody[] = [];
  if (x12) bodies.push({ kind: 'response-x12', title: 'Response X12', language: 'x12', text: segmentPerLine(x12) });
  bodies.push({ kind: 'response-json', title: 'Response JSON body', language: 'json', text: json }, sentBody(request));
  const exchange = exchangeOf(state, request, { at: Date.now(), elapsedMs: result.elapsedMs, httpStatus: result.status, traceId: result.traceId, transactionId: result.transactionId });
  const model: DecisionModel = x12
    ? decisionFromX12(x12, exchange, bodies)
    : { outcome: 'unknown', headline: 'Response received (no X12 278 in it)', certification: {}, serviceLines: [], rejections: [], exchange, bodies };
  showDecision(state, request, model);
  state.history.add(
    { time: Date.now(), environment: exchange.environment, endpoint: ENDPOINT_LABELS[endpoint], status: `HTTP ${result.status}`, decision: model.headline, request: exchange.request },
    { sent: request, model },
  );
  if (x12) for (const line of summaryLines(summarizeResponse(x12))) state.log.info(`  ${line}`);
  const actions = result.traceId ? ['Copy Trace ID'] : [];
  const message = `${model.headline} — HTTP ${result.status} in ${result.elapsedMs} ms`;
  const show = model.outcome === 'rejected' || model.outcome === 'denied' ? window.showWarningMessage(message, ...actions) : window.showInformationMessage(message, ...actions);
  void show.then((choice) => {
    if (choice === 'Copy Trace ID' && result.traceId) void env.clipboard.writeText(result.traceId);
  });
}
