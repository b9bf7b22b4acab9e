// A code lens on the first line of an X12 278, a JSON request or a PAS request/inquiry Bundle: send it to the current
// environment (Optum's for X12 and JSON bodies, the PAS server's for PAS documents), named in the title.

import { CodeLens, EventEmitter, Range, type CodeLensProvider, type Event, type TextDocument } from 'vscode';
import { endpointForJson, endpointForX12, ENDPOINT_LABELS } from '../api/route';
import type { Environment } from '../api/environments';
import type { PasEnvironment } from '../api/pasClient';
import { isFhirResource, pasOperationFor } from '../api/pasRoute';
import { JSON_REQUEST_NAME, isServedJson } from '../servedDocuments';
import { jsonResponseReason, x12ResponseReason } from '../sendChecks';

/** "Send inquiry to Optum production", production marked as such. */
export function sendTitle(endpoint: string | undefined, env: Environment): string {
  const what = endpoint ? `Send ${endpoint.toLowerCase()}` : 'Send';
  return env.production ? `$(warning) ${what} to Optum PRODUCTION (real patients)` : `$(send) ${what} to ${env.label}${endpoint ? '' : '…'}`;
}

const PAS_OPERATION_WORDS = { submit: 'request ($submit)', inquire: 'inquiry ($inquire)' } as const;

/** "Send request ($submit) to local PAS payer", production marked as such. */
export function pasSendTitle(operation: 'submit' | 'inquire', env: PasEnvironment): string {
  const what = `Send ${PAS_OPERATION_WORDS[operation]}`;
  return env.production ? `$(warning) ${what} to ${env.label} PRODUCTION (real patients)` : `$(send) ${what} to ${env.label}`;
}

/** The lens of a PAS document: where it goes, or why it is not sent (a response). */
export function pasLens(body: unknown, env: PasEnvironment): { title: string; send: boolean } | undefined {
  if (!isFhirResource(body)) return undefined;
  const route = pasOperationFor(body);
  if ('operation' in route) return { title: pasSendTitle(route.operation, env), send: true };
  return /response/.test(route.refusal) ? { title: 'PAS response: nothing to send', send: false } : undefined;
}

export class SendLens implements CodeLensProvider {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChangeCodeLenses: Event<void> = this.changed.event;

  constructor(
    private readonly environment: () => Environment,
    private readonly pasEnvironment: () => PasEnvironment,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: TextDocument): CodeLens[] {
    const text = doc.getText();
    let endpoint;
    const top = new Range(0, 0, 0, 0);
    let response: string | undefined;
    if (doc.languageId === 'x12') {
      response = x12ResponseReason(text);
      endpoint = endpointForX12(text);
    } else {
      const requestBody = JSON_REQUEST_NAME.test(doc.uri.path);
      if (!requestBody && !isServedJson(doc.uri.path, text)) return [];
      try {
        const body: unknown = JSON.parse(text);
        const pas = pasLens(body, this.pasEnvironment());
        if (pas) return [new CodeLens(top, pas.send ? { title: pas.title, command: 'priorAuth.send', arguments: [doc.uri] } : { title: pas.title, command: '' })];
        if (!requestBody) return [];
        response = jsonResponseReason(body);
        endpoint = endpointForJson(body);
      } catch {
        return [];
      }
    }
    // A response has nothing to send: say what it is instead of offering a send the API would refuse.
    if (response) return [new CodeLens(top, { title: `278 response (${response}): nothing to send`, command: '' })];
    const title = sendTitle(endpoint ? ENDPOINT_LABELS[endpoint] : undefined, this.environment());
    return [new CodeLens(top, { title, command: 'priorAuth.send', arguments: [doc.uri] })];
  }
}
