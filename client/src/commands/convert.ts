// "Convert to X12" / "Convert to JSON" (the language server converts; the result opens beside the source as a new,
// unsaved document) and "Treat This JSON File as a Prior-Auth Request" (maps the file to a schema).

import { ConfigurationTarget, Uri, ViewColumn, commands, window, workspace } from 'vscode';
import type { ExtensionState } from '../state';

type RequestKind = 'inquiry' | 'submission' | 'noa';

interface ConversionResult {
  readonly text?: string;
  readonly language?: 'x12' | 'json';
  readonly issues: readonly { path: string; message: string; severity: string }[];
  readonly needsKind?: boolean;
  readonly error?: string;
}

const KINDS: { label: string; requestKind: RequestKind; description: string }[] = [
  { label: 'Inquiry', requestKind: 'inquiry', description: '005010X215 · /inquiry' },
  { label: 'Submission', requestKind: 'submission', description: '005010X217 · /submission' },
  { label: 'Notice of admission', requestKind: 'noa', description: '005010X216 · /noa' },
];

async function pickKind(placeHolder: string): Promise<RequestKind | undefined> {
  return (await window.showQuickPick(KINDS, { placeHolder }))?.requestKind;
}

export async function convert(state: ExtensionState, target: 'x12' | 'json', ensureServer: () => Promise<unknown>): Promise<void> {
  const editor = window.activeTextEditor;
  const doc = editor?.document;
  const from = target === 'x12' ? 'json' : 'x12';
  if (!doc || (from === 'json' ? !['json', 'jsonc'].includes(doc.languageId) : doc.languageId !== 'x12')) {
    void window.showInformationMessage(target === 'x12' ? 'Open a JSON prior-auth request to convert it to X12.' : 'Open an X12 278 to convert it to Optum\'s JSON form.');
    return;
  }
  await ensureServer();
  const command = target === 'x12' ? 'x12.convertToX12' : 'x12.convertToJson';
  let result = await commands.executeCommand<ConversionResult>(command, doc.uri.toString(), undefined, doc.getText());
  if (result?.needsKind) {
    const kind = await pickKind('The body does not show which request it is. Convert it as:');
    if (!kind) return;
    result = await commands.executeCommand<ConversionResult>(command, doc.uri.toString(), kind, doc.getText());
  }
  if (!result || result.error || result.text === undefined) {
    void window.showWarningMessage(result?.error ?? 'The conversion did not produce anything.');
    return;
  }
  const converted = await workspace.openTextDocument({ language: result.language, content: result.text });
  await window.showTextDocument(converted, { viewColumn: ViewColumn.Beside, preserveFocus: false, preview: false });
  if (result.issues.length > 0) {
    for (const issue of result.issues) state.log.warn(`${issue.path}: ${issue.message}`);
    void window.showWarningMessage(`${result.issues.length} field${result.issues.length === 1 ? '' : 's'} could not be carried over; nothing was dropped silently: the Prior Auth log lists each one.`, 'Show Log').then((choice) => {
      if (choice) state.log.show();
    });
  }
}

export async function treatAsRequest(extensionUri: Uri): Promise<void> {
  const doc = window.activeTextEditor?.document;
  if (!doc || !['json', 'jsonc'].includes(doc.languageId)) {
    void window.showInformationMessage('Open the JSON file to treat as a prior-auth request.');
    return;
  }
  const folder = workspace.getWorkspaceFolder(doc.uri);
  if (!folder) {
    void window.showWarningMessage('Open the file inside a workspace folder: the mapping goes into that workspace\'s json.schemas. Or name it *.inquiry.json, *.submission.json or *.noa.json.');
    return;
  }
  const kind = await pickKind('Which request is this file?');
  if (!kind) return;
  const config = workspace.getConfiguration('json', folder.uri);
  const schemas = [...(config.get<{ fileMatch: string[]; url: string }[]>('schemas') ?? [])];
  const fileMatch = '/' + workspace.asRelativePath(doc.uri, false);
  const url = Uri.joinPath(extensionUri, 'schemas', `${kind}.schema.json`).toString();
  const others = schemas.filter((s) => !(s.fileMatch ?? []).includes(fileMatch));
  others.push({ fileMatch: [fileMatch], url });
  await config.update('schemas', others, ConfigurationTarget.Workspace);
  void window.showInformationMessage(`${fileMatch} is now checked as an Optum ${KINDS.find((k) => k.requestKind === kind)!.label.toLowerCase()} (added to this workspace's json.schemas).`);
}
