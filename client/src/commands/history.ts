// "Prior Auth: Show Request History": this session's requests; picking one reopens its response.

import { window } from 'vscode';
import type { ExtensionState } from '../state';

export async function showHistory(state: ExtensionState): Promise<void> {
  const entries = state.history.list();
  if (entries.length === 0) {
    void window.showInformationMessage('No requests sent yet in this session.');
    return;
  }
  const pick = await window.showQuickPick(
    entries.map((e) => ({
      label: `${new Date(e.time).toLocaleTimeString()} · ${e.endpoint} · ${e.status}`,
      description: `${e.environment} · ${e.request}`,
      detail: e.decision,
      entry: e,
    })),
    { placeHolder: 'Requests sent in this session (responses stay in memory only)' },
  );
  if (!pick) return;
  if (pick.entry.requestUri && pick.entry.content) await state.responses.show(pick.entry.requestUri, pick.entry.content);
  else void window.showInformationMessage('That response is not kept (from an earlier session, or the request failed).');
}
