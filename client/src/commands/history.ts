// "Prior Auth: Show Request History": this session's requests. Picking one shows its decision in the request's
// decision view; the row's buttons send it again or open the body that was sent.

import { ThemeIcon, window, type QuickPickItem, type QuickInputButton } from 'vscode';
import type { ExtensionState } from '../state';
import type { LiveEntry } from '../views/history';
import { deliver, showDecision } from './send';
import { deliverPas, isPasRequest, showPasDecision } from './sendPas';

const RESEND: QuickInputButton = { iconPath: new ThemeIcon('refresh'), tooltip: 'Send again (to the current environment)' };
const SENT_BODY: QuickInputButton = { iconPath: new ThemeIcon('file-code'), tooltip: 'Open the body that was sent' };

interface Item extends QuickPickItem {
  readonly entry: LiveEntry;
}

function openSentBody(state: ExtensionState, entry: LiveEntry): Promise<void> {
  const request = entry.sent;
  if (!request) return Promise.resolve();
  const body = { kind: 'sent' as const, title: 'Sent', language: isPasRequest(request) ? ('json' as const) : request.form, text: request.text };
  const [uri] = state.responses.publish(request.requestUri, [body], { headline: `Sent to ${entry.environment} (${entry.endpoint})`, status: `${entry.status} · ${new Date(entry.time).toLocaleTimeString()}` });
  return state.responses.open(uri, undefined);
}

export async function showHistory(state: ExtensionState): Promise<void> {
  const entries = state.history.list();
  if (entries.length === 0) {
    void window.showInformationMessage('No requests sent yet in this session.');
    return;
  }
  const quickPick = window.createQuickPick<Item>();
  quickPick.placeholder = 'Requests sent in this session: pick one to see its decision (bodies stay in memory only)';
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = entries.map((e) => ({
    label: `${new Date(e.time).toLocaleTimeString()} · ${e.endpoint} · ${e.status}`,
    description: `${e.environment} · ${e.request}`,
    detail: e.decision,
    buttons: e.sent ? [RESEND, SENT_BODY] : [],
    entry: e,
  }));
  const done = new Promise<void>((resolve) => {
    quickPick.onDidTriggerItemButton(({ button, item }) => {
      quickPick.hide();
      if (!item.entry.sent) return;
      const sent = item.entry.sent;
      if (button === RESEND) void (isPasRequest(sent) ? deliverPas(state, sent) : deliver(state, sent)).catch((error) => state.showError(error));
      else void openSentBody(state, item.entry).catch((error) => state.showError(error));
    });
    quickPick.onDidAccept(() => {
      const entry = quickPick.selectedItems[0]?.entry;
      quickPick.hide();
      if (!entry) return;
      const { sent, model } = entry;
      if (sent && model) {
        if (isPasRequest(sent)) showPasDecision({ state, request: sent, model, entry });
        else showDecision(state, sent, model);
      } else void window.showInformationMessage('That answer is not kept (from an earlier session, or the request got no answer).');
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve();
    });
  });
  quickPick.show();
  await done;
}
