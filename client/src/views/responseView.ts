// The bodies of an exchange as read-only virtual documents, opened from the decision view: the 278 response as X12
// (one segment per line, so the language server's hovers and diagnostics work on it), the whole JSON body, and the
// body that was sent. Nothing is written to disk unless the user saves a copy; re-sending the same file reuses the
// same documents.

import { createHash } from 'node:crypto';
import {
  CodeLens, EventEmitter, Range, Uri, ViewColumn, window, workspace,
  type CodeLensProvider, type Disposable, type Event, type TextDocumentContentProvider,
} from 'vscode';
import { scan } from '../../../server/src/x12/scanner';
import type { RawBody } from '../decision/model';

export const RESPONSE_SCHEME = 'prior-auth-response';

/** One segment per line, data untouched. */
export function segmentPerLine(x12: string): string {
  const { table } = scan(x12);
  const d = table.delimiters;
  if (!d || table.segmentCount === 0) return x12;
  const terminator = String.fromCharCode(d.segment);
  const lines: string[] = [];
  for (let s = 0; s < table.segmentCount; s++) lines.push(x12.slice(table.segStart[s], table.segEnd[s]) + (d.segment === 0x0a ? '' : terminator));
  return lines.join('\n') + '\n';
}

function baseName(requestUri: Uri): string {
  const path = requestUri.path.split('/').pop() || 'request';
  return path.replace(/\.(x12|edi|278|json|txt)$/i, '');
}

/** The code lens of a body document: the decision and how it came. */
export interface BodyLens {
  readonly headline: string;
  /** Status line, e.g. "HTTP 200 · 312 ms · Optum sandbox · Inquiry". */
  readonly status: string;
  readonly traceId?: string;
}

export class ResponseView implements TextDocumentContentProvider, CodeLensProvider, Disposable {
  private readonly changed = new EventEmitter<Uri>();
  private readonly contents = new Map<string, string>();
  private readonly lenses = new Map<string, BodyLens>();
  readonly onDidChange: Event<Uri> = this.changed.event;

  provideTextDocumentContent(uri: Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /**
   * The read-only document of a request's body; the same request always gets the same ones. The query tells apart
   * requests of the same name in different folders; it is a digest of the request's URI, not the URI itself: a query
   * ending in the request's name (…submission.json) made the language server read the X12 response as a JSON body.
   */
  uriFor(requestUri: Uri, body: Pick<RawBody, 'kind' | 'language'>): Uri {
    const key = createHash('sha256').update(requestUri.toString()).digest('hex').slice(0, 16);
    const role = body.kind === 'sent' ? 'sent' : 'response';
    return Uri.from({ scheme: RESPONSE_SCHEME, path: `/${baseName(requestUri)}.${role}.${body.language}`, query: key });
  }

  /** Keeps the bodies of an answer in memory (documents already open show the new text); nothing opens. */
  publish(requestUri: Uri, bodies: readonly RawBody[], lens: BodyLens): Uri[] {
    return bodies.map((body) => {
      const uri = this.uriFor(requestUri, body);
      this.contents.set(uri.toString(), body.text);
      this.lenses.set(uri.toString(), lens);
      this.changed.fire(uri);
      return uri;
    });
  }

  /** Opens a published body as a read-only document. */
  async open(uri: Uri, viewColumn: ViewColumn | undefined): Promise<void> {
    const doc = await workspace.openTextDocument(uri);
    await window.showTextDocument(doc, { viewColumn: viewColumn ?? ViewColumn.Beside, preserveFocus: false, preview: true });
  }

  provideCodeLenses(document: { uri: Uri }): CodeLens[] {
    const lens = this.lenses.get(document.uri.toString());
    if (!lens) return [];
    const top = new Range(0, 0, 0, 0);
    const lenses = [new CodeLens(top, { title: lens.headline, command: '' }), new CodeLens(top, { title: lens.status, command: '' })];
    if (lens.traceId) lenses.push(new CodeLens(top, { title: `$(copy) trace ${lens.traceId}`, command: 'priorAuth.copyText', arguments: [lens.traceId] }));
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
