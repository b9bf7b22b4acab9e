// A code lens on the first line of an X12 278 or a JSON request: send it to the current environment.

import { CodeLens, EventEmitter, Range, type CodeLensProvider, type Event, type TextDocument } from 'vscode';
import { endpointForJson, endpointForX12, ENDPOINT_LABELS } from '../api/route';
import type { Environment } from '../api/environments';
import { jsonResponseReason, x12ResponseReason } from '../sendChecks';

/** "Send inquiry to Optum production", production marked as such. */
export function sendTitle(endpoint: string | undefined, env: Environment): string {
  const what = endpoint ? `Send ${endpoint.toLowerCase()}` : 'Send';
  return env.production ? `$(warning) ${what} to Optum PRODUCTION (real patients)` : `$(send) ${what} to ${env.label}${endpoint ? '' : '…'}`;
}

export class SendLens implements CodeLensProvider {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChangeCodeLenses: Event<void> = this.changed.event;

  constructor(private readonly environment: () => Environment) {}

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
      try {
        const body: unknown = JSON.parse(text);
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
