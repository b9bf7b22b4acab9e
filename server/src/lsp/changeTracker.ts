// Remembers, per open document, which part of the text the editor's incremental changes touched since the document
// was last analysed, so re-validation need not compare two multi-megabyte texts to find it.
//
// Two numbers describe it: how many characters at the start and how many at the end are untouched since the last
// analysis. Composing changes only ever shrinks them, so the range is never narrower than the real change.

import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import type { TextChange } from '../validate/incremental';

interface Untouched {
  prefix: number;
  suffix: number;
  /** Length of the text when it was last analysed. */
  readonly baseLength: number;
}

export class ChangeTracker {
  private readonly untouched = new Map<string, Untouched>();

  /** A TextDocuments configuration that records each change before applying it. */
  readonly documents: TextDocumentsConfiguration<TextDocument> = {
    create: (uri, languageId, version, content) => {
      this.untouched.delete(uri);
      return TextDocument.create(uri, languageId, version, content);
    },
    update: (doc, changes, version) => {
      for (const change of changes) {
        this.record(doc, change);
        TextDocument.update(doc, [change], version);
      }
      return TextDocument.update(doc, [], version);
    },
  };

  private record(doc: TextDocument, change: TextDocumentContentChangeEvent): void {
    const known = this.untouched.get(doc.uri);
    if (!known) return; // not analysed yet: nothing to compare against
    if (!('range' in change)) {
      known.prefix = 0;
      known.suffix = 0;
      return;
    }
    // A range whose start comes after its end is applied by the text library with its ends swapped; so is it here.
    const a = doc.offsetAt(change.range.start);
    const b = doc.offsetAt(change.range.end);
    const start = Math.min(a, b);
    const end = Math.max(a, b);
    known.prefix = Math.min(known.prefix, start);
    known.suffix = Math.min(known.suffix, doc.getText().length - end);
  }

  /** The change since the last analysis, if known, and a fresh start for the next one at `text`. */
  take(uri: string, text: string): TextChange | undefined {
    const known = this.untouched.get(uri);
    this.untouched.set(uri, { prefix: Infinity, suffix: Infinity, baseLength: text.length });
    if (!known) return undefined;
    const start = Math.min(known.prefix, known.baseLength, text.length);
    const suffix = Math.min(known.suffix, known.baseLength - start, text.length - start);
    return { start, oldEnd: known.baseLength - suffix, newEnd: text.length - suffix };
  }

  forget(uri: string): void {
    this.untouched.delete(uri);
  }
}
