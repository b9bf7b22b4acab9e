// A code lens on the first line of an X12 278 or a JSON request: send it to the current environment.

import { CodeLens, EventEmitter, Range, type CodeLensProvider, type Event, type TextDocument } from 'vscode';
import { endpointForJson, endpointForX12, ENDPOINT_LABELS } from '../api/route';
import type { Environment } from '../api/environments';

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
    if (doc.languageId === 'x12') endpoint = endpointForX12(text);
    else {
      try {
        endpoint = endpointForJson(JSON.parse(text));
      } catch {
        return [];
      }
    }
    const top = new Range(0, 0, 0, 0);
    const env = this.environment();
    const title = endpoint ? `$(send) Send ${ENDPOINT_LABELS[endpoint].toLowerCase()} to the ${env.label}` : `$(send) Send to the ${env.label}…`;
    return [new CodeLens(top, { title, command: 'priorAuth.send', arguments: [doc.uri] })];
  }
}
