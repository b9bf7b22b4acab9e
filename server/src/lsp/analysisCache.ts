// Keeps the latest analysis of each open document, computed at most once per version.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, type DocumentAnalysis } from '../validate/document';

interface Entry {
  readonly version: number;
  readonly analysis: DocumentAnalysis;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  get(doc: TextDocument): DocumentAnalysis {
    const known = this.entries.get(doc.uri);
    if (known && known.version === doc.version) return known.analysis;
    const analysis = analyzeDocument(doc.getText());
    this.entries.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
