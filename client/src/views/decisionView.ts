// The decision view: one webview panel per request document, beside it, reused by every send of that document and by
// Request History. It renders a DecisionModel (decision/html.ts) and nothing else; its buttons copy the trace ID, open
// a body as a read-only document (in the panel's own group), re-send, show the request, and for a pended PAS answer
// check again or stop waiting. No state is persisted
// (no serializer, no setState): the panel's content lives in memory and is gone when the panel or window closes.

import { randomBytes } from 'node:crypto';
import { Uri, ViewColumn, env, window, workspace, type Disposable, type WebviewPanel } from 'vscode';
import { renderDecisionHtml, type DecisionCommand } from '../decision/html';
import type { DecisionModel } from '../decision/model';

export const DECISION_VIEW_TYPE = 'priorAuth.decision';

/** What a panel shows and can do: the model, where its bodies open, and how to send again. */
export interface DecisionRecord {
  readonly requestUri: Uri;
  readonly model: DecisionModel;
  /** Opens body `index` of the model as a read-only document in `column`. */
  readonly openBody: (index: number, column: ViewColumn | undefined) => Promise<void>;
  readonly resend?: () => Promise<void>;
  /** Asks the payer for the decision now (a pended PAS answer: $inquire). */
  readonly checkAgain?: () => Promise<void>;
  /** Stops following a pended decision (the subscription is removed). */
  readonly stopWaiting?: () => void;
}

interface Entry {
  readonly panel: WebviewPanel;
  record: DecisionRecord;
}

export function decisionTitle(requestUri: Uri): string {
  return `Decision · ${requestUri.path.split('/').pop() || 'request'}`;
}

export class DecisionView implements Disposable {
  private readonly panels = new Map<string, Entry>();

  /** The panel of a request, if it is open (for tests and the history). */
  has(requestUri: Uri): boolean {
    return this.panels.has(requestUri.toString());
  }

  /** Shows a decision in the request's panel (created beside the request the first time), without taking focus. */
  show(record: DecisionRecord): void {
    const key = record.requestUri.toString();
    let entry = this.panels.get(key);
    if (!entry) {
      const panel = window.createWebviewPanel(DECISION_VIEW_TYPE, decisionTitle(record.requestUri), { viewColumn: this.columnBeside(record.requestUri), preserveFocus: true }, {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [],
        enableFindWidget: true,
      });
      const created: Entry = { panel, record };
      entry = created;
      this.panels.set(key, created);
      panel.onDidDispose(() => {
        if (this.panels.get(key) === created) this.panels.delete(key);
      });
      panel.webview.onDidReceiveMessage((message: { command?: DecisionCommand; body?: number }) => void this.act(created, message));
    } else {
      entry.record = record;
      entry.panel.reveal(entry.panel.viewColumn, true);
    }
    entry.panel.webview.html = renderDecisionHtml(record.model, {
      nonce: randomBytes(16).toString('base64'),
      cspSource: entry.panel.webview.cspSource,
      canResend: !!record.resend,
      canStopWaiting: !!record.stopWaiting,
    });
  }

  /** Beside the request's editor when it is visible (so history picks do not open new groups), else beside the active one. */
  private columnBeside(requestUri: Uri): ViewColumn {
    const editor = window.visibleTextEditors.find((e) => e.document.uri.toString() === requestUri.toString());
    return editor?.viewColumn ? ((editor.viewColumn + 1) as ViewColumn) : ViewColumn.Beside;
  }

  private async act(entry: Entry, message: { command?: DecisionCommand; body?: number }): Promise<void> {
    const { record, panel } = entry;
    switch (message.command) {
      case 'copyTrace':
        if (record.model.exchange.traceId) {
          await env.clipboard.writeText(record.model.exchange.traceId);
          void window.setStatusBarMessage('Trace ID copied', 3000);
        }
        return;
      case 'openBody':
        if (typeof message.body === 'number' && record.model.bodies[message.body]) await record.openBody(message.body, panel.viewColumn);
        return;
      case 'resend':
        await record.resend?.();
        return;
      case 'checkAgain':
        await record.checkAgain?.();
        return;
      case 'stopWaiting':
        record.stopWaiting?.();
        return;
      case 'openRequest': {
        const doc = await workspace.openTextDocument(record.requestUri);
        await window.showTextDocument(doc, { viewColumn: ViewColumn.One, preview: false });
        return;
      }
    }
  }

  dispose(): void {
    for (const { panel } of this.panels.values()) panel.dispose();
    this.panels.clear();
  }
}
