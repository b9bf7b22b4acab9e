// Sending the open X12 or JSON file: pick the endpoint, check the file, confirm production, send with progress and
// Cancel, and open the decoded response beside the request.

import {
  DiagnosticSeverity, ProgressLocation, Range, WorkspaceEdit, commands, env, languages, window, workspace,
  type TextDocument, type Uri,
} from 'vscode';
import { isApiError } from '../api/errors';
import { endpointForJson, endpointForX12, ENDPOINT_LABELS, type Endpoint } from '../api/route';
import { jsonBody, x12Body } from '../api/payload';
import { summarizeResponse, summaryLines } from '../api/summary';
import type { ApiResult } from '../api/client';
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

/** Errors in the Problems view for this file: ask before sending something the payer will reject. */
async function confirmDespiteErrors(doc: TextDocument): Promise<boolean> {
  const errors = languages.getDiagnostics(doc.uri).filter((d) => d.severity === DiagnosticSeverity.Error);
  if (errors.length === 0) return true;
  const answer = await window.showWarningMessage(
    `${errors.length} error${errors.length === 1 ? '' : 's'} in this file: the payer is likely to reject it. Send anyway?`,
    { modal: true, detail: errors.slice(0, 3).map((e) => `Line ${e.range.start.line + 1}: ${e.message}`).join('\n') },
    'Send Anyway',
    'Show Problems',
  );
  if (answer === 'Show Problems') await commands.executeCommand('workbench.actions.view.problems');
  return answer === 'Send Anyway';
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

export async function sendDocument(state: ExtensionState, target: SendTarget, uri?: Uri): Promise<void> {
  if (!state.requireTrust('send requests')) return;
  const doc = uri ? await workspace.openTextDocument(uri) : window.activeTextEditor?.document;
  if (!doc) {
    void window.showInformationMessage('Open an X12 278 or a JSON prior-auth request first, then send it.');
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
  let endpoint: Endpoint | undefined = target === 'auto' ? (form === 'x12' ? endpointForX12(doc.getText()) : endpointForJson(parsed)) : target;
  if (!endpoint && form === 'x12') {
    void window.showWarningMessage('ST03/GS08 does not name a guide Optum takes (005010X215 inquiry, 005010X217 submission, 005010X216 notice). Use one of the Send Inquiry/Submission/Notice commands to choose.');
    return;
  }
  endpoint ??= await chooseEndpoint();
  if (!endpoint) return;
  if (!(await confirmDespiteErrors(doc))) return;
  if (state.environment().id === 'sandbox' && !(await checkSandboxValues(doc, form, endpoint, parsed))) return;
  if (!(await confirmProduction(state, endpoint))) return;

  const environment = state.environment();
  const text = doc.getText();
  const body = form === 'x12' ? x12Body(text) : jsonBody(text).text;
  const api = state.client();
  let result: ApiResult;
  try {
    result = await window.withProgress(
      { location: ProgressLocation.Notification, title: `Sending ${ENDPOINT_LABELS[endpoint].toLowerCase()} to the ${environment.label}…`, cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return api.send(endpoint!, form, body, controller.signal);
      },
    );
  } catch (error) {
    state.history.add({ time: Date.now(), environment: environment.label, endpoint: ENDPOINT_LABELS[endpoint], status: isApiError(error) && error.status ? `HTTP ${error.status}` : isApiError(error) ? error.kind : 'failed', decision: error instanceof Error ? error.message : String(error), request: doc.uri.path.split('/').pop() ?? '' });
    state.refreshStatus();
    state.showError(error);
    return;
  }
  state.refreshStatus();
  await showResult(state, doc.uri, endpoint, result);
}

async function showResult(state: ExtensionState, requestUri: Uri, endpoint: Endpoint, result: ApiResult): Promise<void> {
  const body = result.body as Record<string, { x12?: unknown } | undefined> | undefined;
  const part = body?.[endpoint] ?? body?.submission ?? body?.inquiry ?? body?.noa;
  const x12 = typeof part?.x12 === 'string' ? part.x12 : undefined;
  const summary = x12 ? summarizeResponse(x12) : undefined;
  const environment = state.environment();
  const status = `HTTP ${result.status} · ${result.elapsedMs} ms · ${environment.label} · ${ENDPOINT_LABELS[endpoint]}`;
  const json = typeof result.body === 'object' ? JSON.stringify(result.body, null, 2) + '\n' : result.text;
  const content = { x12, json, summary, status, traceId: result.traceId, transactionId: result.transactionId };
  await state.responses.show(requestUri, content);
  state.history.add(
    { time: Date.now(), environment: environment.label, endpoint: ENDPOINT_LABELS[endpoint], status: `HTTP ${result.status}`, decision: summary?.headline ?? 'no X12 in the response', request: requestUri.path.split('/').pop() ?? '' },
    requestUri,
    content,
  );
  if (summary) for (const line of summaryLines(summary)) state.log.info(`  ${line}`);
  const headline = summary?.headline ?? 'Response received (no X12 278 in it)';
  const actions = result.traceId ? ['Copy Trace ID'] : [];
  const message = `${headline} — HTTP ${result.status} in ${result.elapsedMs} ms`;
  const show = summary?.rejections.length ? window.showWarningMessage(message, ...actions) : window.showInformationMessage(message, ...actions);
  void show.then((choice) => {
    if (choice === 'Copy Trace ID' && result.traceId) void env.clipboard.writeText(result.traceId);
  });
}
