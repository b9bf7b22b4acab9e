// "Convert to X12" / "Convert to JSON" (the language server converts; the result opens beside the source as a new,
// unsaved document named after it, e.g. inquiry-tst2.inquiry.json, so its language, schema, 278 rules, code lens and
// Save all work as for a file of that name) and "Treat This JSON File as a Prior-Auth Request" (maps the file to a
// schema).

import {
  ConfigurationTarget, Position, Uri, ViewColumn, WorkspaceEdit, commands, languages, window, workspace,
  type TextDocument,
} from 'vscode';
import type { ExtensionState } from '../state';
import { baseName, convertedName, numberedName } from '../convertedName';

type RequestKind = 'inquiry' | 'submission' | 'noa';

interface ConversionResult {
  readonly text?: string;
  readonly language?: 'x12' | 'json';
  readonly kind?: RequestKind;
  readonly variant?: 'request' | 'response';
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
  const converted = await openUntitled(folderFor(doc.uri), result.text, result.language ?? target, convertedName({
    sourceName: fileName(doc.uri), target, kind: result.kind, variant: result.variant,
  }));
  await window.showTextDocument(converted, { viewColumn: ViewColumn.Beside, preserveFocus: false, preview: false });
  if (result.issues.length > 0) {
    for (const issue of result.issues) state.log.warn(`${issue.path}: ${issue.message}`);
    void window.showWarningMessage(`${result.issues.length} field${result.issues.length === 1 ? '' : 's'} could not be carried over; nothing was dropped silently: the Prior Auth log lists each one.`, 'Show Log').then((choice) => {
      if (choice) state.log.show();
    });
  }
}

const JSON_REQUEST_NAME = /\.(278|inquiry|submission|noa)\.json$/i;

function fileName(uri: Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** The folder a converted document is named into: the source's own, else the first workspace folder. */
function folderFor(source: Uri): Uri | undefined {
  if (source.scheme === 'file' || (source.scheme !== 'untitled' && workspace.getWorkspaceFolder(source))) {
    return source.with({ path: source.path.slice(0, source.path.lastIndexOf('/')) || '/', query: '', fragment: '' });
  }
  return workspace.workspaceFolders?.[0]?.uri;
}

async function exists(uri: Uri): Promise<boolean> {
  try {
    await workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens `text` as a new unsaved document named `name` in `folder` (`untitled:` with a path: VS Code gives
 * it the language of that name and saves it there). A name that is taken, on disk or by an open document, gets -2, -3….
 */
export async function openUntitled(folder: Uri | undefined, text: string, language: string, name: string): Promise<TextDocument> {
  let uri = Uri.from({ scheme: 'untitled', path: name });
  for (let n = 1; n <= 100; n++) {
    const candidate = numberedName(name, n);
    const file = folder ? Uri.joinPath(folder, candidate) : undefined;
    uri = file ? file.with({ scheme: 'untitled' }) : Uri.from({ scheme: 'untitled', path: candidate });
    const open = workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() || (file && d.uri.toString() === file.toString()));
    if (!open && !(file && (await exists(file)))) break;
  }
  let doc = await workspace.openTextDocument(uri);
  const edit = new WorkspaceEdit();
  edit.insert(uri, new Position(0, 0), text);
  await workspace.applyEdit(edit);
  if (doc.languageId !== language) doc = await languages.setTextDocumentLanguage(doc, language);
  return doc;
}

export async function treatAsRequest(extensionUri: Uri): Promise<void> {
  const doc = window.activeTextEditor?.document;
  if (!doc || !['json', 'jsonc'].includes(doc.languageId)) {
    void window.showInformationMessage('Open the JSON file to treat as a prior-auth request.');
    return;
  }
  if (JSON_REQUEST_NAME.test(doc.uri.path)) {
    const kind = /\.(inquiry|submission|noa)\.json$/i.exec(doc.uri.path)?.[1]?.toLowerCase();
    const what = KINDS.find((k) => k.requestKind === kind)?.label.toLowerCase() ?? 'inquiry, submission or notice of admission';
    void window.showInformationMessage(`${fileName(doc.uri)} is already checked as an Optum ${what}: its name says so.`);
    return;
  }
  const folder = workspace.getWorkspaceFolder(doc.uri);
  if (!folder && doc.uri.scheme === 'untitled') {
    // An unsaved file has no path a json.schemas entry could name: open its text under a request name instead.
    const kind = await pickKind('Which request is this file?');
    if (!kind) return;
    const copy = await openUntitled(folderFor(doc.uri), doc.getText(), 'json', `${baseName(fileName(doc.uri))}.${kind}.json`);
    await window.showTextDocument(copy, { preview: false });
    void window.showInformationMessage(`Opened as ${fileName(copy.uri)}, which is checked as an Optum ${KINDS.find((k) => k.requestKind === kind)!.label.toLowerCase()}; the original unsaved file is unchanged.`);
    return;
  }
  if (!folder) {
    void window.showWarningMessage('Open the file inside a workspace folder: the mapping goes into that workspace\'s json.schemas. Or name it *.inquiry.json, *.submission.json or *.noa.json.');
    return;
  }
  const kind = await pickKind('Which request is this file?');
  if (!kind) return;
  const config = workspace.getConfiguration('json', folder.uri);
  const schemas = [...(config.get<{ fileMatch: string[]; url: string }[]>('schemas') ?? [])];
  const fileMatch = '/' + workspace.asRelativePath(doc.uri, false);
  const url = Uri.joinPath(extensionUri, 'dist', 'schemas', `${kind}.schema.json`).toString();
  const others = schemas.filter((s) => !(s.fileMatch ?? []).includes(fileMatch));
  others.push({ fileMatch: [fileMatch], url });
  await config.update('schemas', others, ConfigurationTarget.Workspace);
  void window.showInformationMessage(`${fileMatch} is now checked as an Optum ${KINDS.find((k) => k.requestKind === kind)!.label.toLowerCase()} (added to this workspace's json.schemas).`);
}
