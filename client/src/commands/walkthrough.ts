// The "Get started" walkthrough's commands: open an example inquiry (the INQDEMO snippet in a new X12 document, its
// member choice open), and find the request to send when the walkthrough, not an editor, has the focus.

import { SnippetString, Uri, ViewColumn, window, workspace } from 'vscode';
import { openUntitled } from './convert';

const EXAMPLE_SNIPPET = 'x12-inquiry-inqdemo';
const JSON_REQUEST = /\.(278|inquiry|submission|noa)\.json$/i;

interface SnippetDefinition {
  readonly prefix: string | string[];
  readonly body: string | string[];
}

/** A new, unsaved `inquiry-example.x12` holding the INQDEMO inquiry snippet (today's dates, member TST1…TST11). */
export async function openExample(extensionUri: Uri): Promise<void> {
  const file = Uri.joinPath(extensionUri, 'snippets', 'x12.json');
  const snippets = JSON.parse(new TextDecoder().decode(await workspace.fs.readFile(file))) as Record<string, SnippetDefinition>;
  const example = Object.values(snippets).find((s) => [s.prefix].flat().includes(EXAMPLE_SNIPPET));
  if (!example) throw new Error(`The ${EXAMPLE_SNIPPET} snippet is missing from the extension's snippets/x12.json.`);
  const doc = await openUntitled(workspace.workspaceFolders?.[0]?.uri, '', 'x12', 'inquiry-example.x12');
  const editor = await window.showTextDocument(doc, { viewColumn: ViewColumn.Beside, preview: false });
  await editor.insertSnippet(new SnippetString([example.body].flat().join('\n')));
}

/**
 * The request to send when no text editor is active (the walkthrough or another view has the focus): the one visible
 * X12 or JSON request editor, if there is exactly one.
 */
export function visibleRequestUri(): Uri | undefined {
  if (window.activeTextEditor) return undefined;
  const requests = window.visibleTextEditors.filter((e) => e.document.languageId === 'x12' || JSON_REQUEST.test(e.document.uri.path));
  return requests.length === 1 ? requests[0].document.uri : undefined;
}
