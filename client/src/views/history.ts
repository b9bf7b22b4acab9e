// This session's requests: time, environment, endpoint, status, decision, and (in memory only) what was sent and the
// decision model, so an entry can be shown again in its decision view, its sent body viewed, and sent again. Only the
// metadata (never bodies, which carry patient data) is persisted, and only when priorAuth.history.persist asks for it.

import type { Memento } from 'vscode';
import type { OutgoingRequest } from '../commands/send';
import type { PasOutgoingRequest } from '../commands/sendPas';
import type { DecisionModel } from '../decision/model';

export interface HistoryEntry {
  readonly time: number;
  readonly environment: string;
  readonly endpoint: string;
  readonly status: string;
  readonly decision: string;
  readonly request: string;
}

/** What this session keeps of an entry besides its metadata. */
export interface LiveParts {
  readonly sent?: OutgoingRequest | PasOutgoingRequest;
  /** The decision shown for it (an error model when the API refused it); none when the call never got an answer. */
  readonly model?: DecisionModel;
}

export type LiveEntry = HistoryEntry & LiveParts;

const KEY = 'priorAuth.history';
const LIMIT = 100;

export class RequestHistory {
  private readonly entries: LiveEntry[] = [];

  constructor(private readonly state: Memento, private readonly persist: () => boolean) {
    if (persist()) this.entries.push(...state.get<HistoryEntry[]>(KEY, []));
  }

  /** Adds an entry at the top; returns it, so a later answer (a pended decision's final one) can update it. */
  add(entry: HistoryEntry, live: LiveParts = {}): LiveEntry {
    const added: LiveEntry = { ...entry, ...live };
    this.entries.unshift(added);
    this.entries.length = Math.min(this.entries.length, LIMIT);
    this.save();
    return added;
  }

  /** Replaces an entry (found by identity) with its update, in place; returns the new entry, or undefined when gone. */
  update(entry: LiveEntry, changes: Partial<HistoryEntry> & LiveParts): LiveEntry | undefined {
    const index = this.entries.indexOf(entry);
    if (index < 0) return undefined;
    const updated: LiveEntry = { ...entry, ...changes };
    this.entries[index] = updated;
    this.save();
    return updated;
  }

  private save(): void {
    if (this.persist()) {
      void this.state.update(KEY, this.entries.map(({ time, environment, endpoint, status, decision, request }) => ({ time, environment, endpoint, status, decision, request })));
    }
  }

  list(): readonly LiveEntry[] {
    return this.entries;
  }
}
