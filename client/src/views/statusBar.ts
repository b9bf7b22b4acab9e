// The status bar item: environment and sign-in state with the token's remaining minutes; production stands out.

import { StatusBarAlignment, ThemeColor, window, type Disposable, type StatusBarItem } from 'vscode';
import { signInText, type SignInState } from './signIn';

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
    const sign = signInText(s, minutes);
    this.item.text = `${env.production ? '$(warning) PRODUCTION' : '$(beaker)'} ${env.production ? '' : env.label + ' '}· ${sign}`.replace(/\s+/g, ' ').trim();
    const hint = s.refused
      ? '\nThe API refused the stored client ID or secret: run Prior Auth: Sign In again.'
      : s.signedIn && !s.verified && minutes === undefined ? '\nNo token has been issued for these credentials yet; the next send (or Sign In) checks them.' : '';
    this.item.tooltip = `Prior Auth: ${env.label}\n${env.baseUrl}\n${sign}${hint}\nClick to change the environment.`;
    this.item.backgroundColor = env.production ? new ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.item.dispose();
  }
}
