// The status bar item: environment and sign-in state with the token's remaining minutes; production stands out.

import { StatusBarAlignment, ThemeColor, window, type Disposable, type StatusBarItem } from 'vscode';
import type { Environment } from '../api/environments';

export interface SignInState {
  readonly environment: Environment;
  readonly signedIn: boolean;
  /** The API refused the stored credentials (HTTP 401 from the token endpoint or the API). */
  readonly refused?: boolean;
  /** When the cached token stops being reused, if there is one. */
  readonly tokenExpiresAt?: number;
}

export class StatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private timer: NodeJS.Timeout | undefined;
  private state: SignInState | undefined;

  constructor() {
    this.item = window.createStatusBarItem('priorAuth.status', StatusBarAlignment.Left, 50);
    this.item.name = 'Prior Auth environment';
    this.item.command = 'priorAuth.selectEnvironment';
    // Minutes left on the token tick down while VS Code is open.
    this.timer = setInterval(() => this.render(), 30_000);
  }

  update(state: SignInState): void {
    this.state = state;
    this.render();
    this.item.show();
  }

  private render(): void {
    const s = this.state;
    if (!s) return;
    const env = s.environment;
    const minutes = s.tokenExpiresAt ? Math.max(0, Math.round((s.tokenExpiresAt - Date.now()) / 60_000)) : undefined;
    const sign = !s.signedIn ? 'signed out' : s.refused ? 'sign-in refused' : minutes !== undefined ? `signed in · token ${minutes} min` : 'signed in';
    this.item.text = `${env.production ? '$(warning) PRODUCTION' : '$(beaker)'} ${env.production ? '' : env.label + ' '}· ${sign}`.replace(/\s+/g, ' ').trim();
    const hint = s.refused ? '\nThe API refused the stored client ID or secret: run Prior Auth: Sign In again.' : '';
    this.item.tooltip = `Prior Auth: ${env.label}\n${env.baseUrl}\n${sign}${hint}\nClick to change the environment.`;
    this.item.backgroundColor = env.production ? new ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.item.dispose();
  }
}
