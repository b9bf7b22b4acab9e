// Keeps the latest analysis of each open document, computed at most once per version.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, type DocumentAnalysis } from '../validate/document';
import { reanalyzeDocument } from '../validate/incremental';
import type { ChangeTracker } from './changeTracker';
import { analyzeJsonDocument, type JsonDocumentAnalysis } from '../features/jsonDocument';
import type { PasVersion } from '../fhir/api';

class VersionCache<T> {
  private readonly entries = new Map<string, { version: number; value: T }>();

  /** `compute` gets the previous value of the same document, if any, to update it rather than start over. */
  constructor(private readonly compute: (doc: TextDocument, previous: T | undefined) => T) {}

  get(doc: TextDocument): T {
    const known = this.entries.get(doc.uri);
    if (known && known.version === doc.version) return known.value;
    const value = this.compute(doc, known?.value);
    this.entries.set(doc.uri, { version: doc.version, value });
    return value;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * JSON documents are PAS resources or prior-auth request bodies (jsonDocument.ts tells which); everything else is X12. The language ID decides; only a document of
 * another language is judged by its name: the URI's path, never its query or fragment (a response document's query
 * may name the .json request it answers).
 */
export function isJsonDocument(doc: TextDocument): boolean {
  if (doc.languageId === 'x12') return false;
  if (doc.languageId === 'json' || doc.languageId === 'jsonc') return true;
  return /\.json$/i.test(doc.uri.replace(/[?#].*$/s, ''));
}

export class AnalysisCache extends VersionCache<DocumentAnalysis> {
  /** `changes` tells where the editor changed the text since the last analysis; without it the texts are compared. */
  constructor(changes?: ChangeTracker) {
    // After an edit inside one transaction, only that transaction is analysed again.
    super((doc, previous) => {
      const text = doc.getText();
      const change = changes?.take(doc.uri, text);
      try {
        return previous ? reanalyzeDocument(previous, text, change) : analyzeDocument(text);
      } catch (error) {
        changes?.forget(doc.uri); // the cache keeps the older analysis, which the recorded range no longer describes
        throw error;
      }
    });
  }
}

/**
 * JSON documents, routed to the FHIR core or the 278 request path; `pasVersion` is read at each analysis. After an
 * edit, a PAS document is re-validated from its previous analysis where `changes` says the editor changed it.
 */
export class JsonDocumentCache extends VersionCache<JsonDocumentAnalysis> {
  constructor(pasVersion: () => PasVersion, changes?: ChangeTracker) {
    super((doc, previous) => {
      const text = doc.getText();
      const change = changes?.take(doc.uri, text);
      try {
        return analyzeJsonDocument(text, { uri: doc.uri, pasVersion: pasVersion(), previous, change });
      } catch (error) {
        changes?.forget(doc.uri);
        throw error;
      }
    });
  }
}
