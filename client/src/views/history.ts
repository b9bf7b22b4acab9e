// This session's requests: time, environment, endpoint, status, decision. Kept in memory; only the metadata (never
// bodies, which carry patient data) is persisted, and only when priorAuth.history.persist asks for it.

import type { Memento, Uri } from 'vscode';
import type { ResponseContent } from './responseView';

export interface HistoryEntry {
  readonly time: number;
  readonly environment: string;
  readonly endpoint: string;
  readonly status: string;
  readonly decision: string;
  readonly request: string;
}

interface LiveEntry extends HistoryEntry {
  readonly requestUri?: Uri;
  readonly content?: ResponseContent;
}

const KEY = 'priorAuth.history';
const LIMIT = 100;

export class RequestHistory {
  private readonly entries: LiveEntry[] = [];

  constructor(private readonly state: Memento, private readonly persist: () => boolean) {
    if (persist()) this.entries.push(...state.get<HistoryEntry[]>(KEY, []));
  }

  add(entry: HistoryEntry, requestUri?: Uri, content?: ResponseContent): void {
    this.entries.unshift({ ...entry, requestUri, content });
    this.entries.length = Math.min(this.entries.length, LIMIT);
    if (this.persist()) {
      void this.state.update(KEY, this.entries.map(({ time, environment, endpoint, status, decision, request }) => ({ time, environment, endpoint, status, decision, request })));
    }
  }

  list(): readonly LiveEntry[] {
    return this.entries;
  }
}
