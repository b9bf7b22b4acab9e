// Responses open beside the request as read-only virtual documents: the 278 response as X12 (one segment per line,
// so the language server's hovers and diagnostics work on it) and the whole JSON body. Nothing is written to disk
// unless the user saves a copy; re-sending the same file reuses the same two tabs.

import { createHash } from 'node:crypto';
import {
  CodeLens, EventEmitter, Range, Uri, ViewColumn, window, workspace,
  type CodeLensProvider, type Disposable, type Event, type TextDocumentContentProvider,
} from 'vscode';
import { scan } from '../../../server/src/x12/scanner';
import type { ResponseSummary } from '../api/summary';

export const RESPONSE_SCHEME = 'prior-auth-response';

export interface ResponseContent {
  readonly x12?: string;
  readonly json: string;
  readonly summary?: ResponseSummary;
  /** Status line, e.g. "HTTP 200 · 312 ms · Optum sandbox · inquiry". */
  readonly status: string;
  readonly traceId?: string;
  readonly transactionId?: string;
}

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

export class ResponseView implements TextDocumentContentProvider, CodeLensProvider, Disposable {
  private readonly changed = new EventEmitter<Uri>();
  private readonly contents = new Map<string, string>();
  private readonly summaries = new Map<string, ResponseContent>();
  readonly onDidChange: Event<Uri> = this.changed.event;

  provideTextDocumentContent(uri: Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /**
   * The two response URIs of a request document; the same request always gets the same ones. The query tells apart
   * requests of the same name in different folders; it is a digest of the request's URI, not the URI itself: a query
   * ending in the request's name (…submission.json) made the language server read the X12 response as a JSON body.
   */
  urisFor(requestUri: Uri): { x12: Uri; json: Uri } {
    const key = createHash('sha256').update(requestUri.toString()).digest('hex').slice(0, 16);
    const name = baseName(requestUri);
    return {
      x12: Uri.from({ scheme: RESPONSE_SCHEME, path: `/${name}.response.x12`, query: key }),
      json: Uri.from({ scheme: RESPONSE_SCHEME, path: `/${name}.response.json`, query: key }),
    };
  }

  /** Shows a response beside the request without taking focus from it. */
  async show(requestUri: Uri, content: ResponseContent): Promise<void> {
    const uris = this.urisFor(requestUri);
    this.set(uris.json, content.json, content);
    if (content.x12) this.set(uris.x12, segmentPerLine(content.x12), content);
    const jsonDoc = await workspace.openTextDocument(uris.json);
    await window.showTextDocument(jsonDoc, { viewColumn: ViewColumn.Beside, preserveFocus: true, preview: false });
    if (content.x12) {
      const x12Doc = await workspace.openTextDocument(uris.x12);
      await window.showTextDocument(x12Doc, { viewColumn: ViewColumn.Beside, preserveFocus: true, preview: false });
    }
  }

  private set(uri: Uri, text: string, content: ResponseContent): void {
    this.contents.set(uri.toString(), text);
    this.summaries.set(uri.toString(), content);
    this.changed.fire(uri);
  }

  provideCodeLenses(document: { uri: Uri }): CodeLens[] {
    const content = this.summaries.get(document.uri.toString());
    if (!content) return [];
    const top = new Range(0, 0, 0, 0);
    const lenses = [new CodeLens(top, { title: content.summary?.headline ?? 'Response', command: '' }), new CodeLens(top, { title: content.status, command: '' })];
    if (content.traceId) lenses.push(new CodeLens(top, { title: `$(copy) trace ${content.traceId}`, command: 'priorAuth.copyText', arguments: [content.traceId] }));
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
