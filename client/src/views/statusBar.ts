// The status bar item: environment and sign-in state with the token's remaining minutes; production stands out.
// While a PAS (FHIR) document is active it shows the PAS environment instead of the X12 one.

import { StatusBarAlignment, ThemeColor, window, type Disposable, type StatusBarItem } from 'vscode';
import type { PasSignInStatus } from '../pas/session';
import { pasSignInText, signInText, type SignInState } from './signIn';

export class StatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private timer: NodeJS.Timeout | undefined;
  private state: SignInState | undefined;
  private pas: PasSignInStatus | undefined;
  private pasActive = false;

  constructor() {
    this.item = window.createStatusBarItem('priorAuth.status', StatusBarAlignment.Left, 50);
    this.item.name = 'Prior Auth environment';
    // Minutes left on the token tick down while VS Code is open.
    this.timer = setInterval(() => this.render(), 30_000);
  }

  update(state: SignInState): void {
    this.state = state;
    this.render();
    this.item.show();
  }

  updatePas(status: PasSignInStatus): void {
    this.pas = status;
    this.render();
  }

  /** Whether the active editor holds a PAS document (the item then shows the PAS environment). */
  showPas(active: boolean): void {
    if (active === this.pasActive) return;
    this.pasActive = active;
    this.render();
  }

  private render(): void {
    if (this.pasActive && this.pas) return this.renderPas(this.pas);
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
    this.item.command = 'priorAuth.selectEnvironment';
  }

  private renderPas(s: PasSignInStatus): void {
    const env = s.environment;
    const minutes = s.tokenExpiresAt ? Math.max(0, Math.round((s.tokenExpiresAt - Date.now()) / 60_000)) : undefined;
    const sign = pasSignInText({ ...s, authMethod: env.authMethod, refusal: env.refusal }, minutes);
    const name = env.local ? 'local payer' : env.name;
    this.item.text = `${env.refusal ? '$(error)' : env.production ? '$(warning)' : '$(beaker)'} PAS${env.production ? ' PRODUCTION' : ''} ${name} · ${sign}`;
    const hint = env.refusal
      ? `\n${env.refusal}`
      : s.refused ? '\nThe payer refused the stored credentials: run Prior Auth: Sign In to PAS Payer again.'
      : s.signedIn && !s.verified && minutes === undefined && env.authMethod !== 'none' ? '\nNo token has been issued for these credentials yet; the next send (or Sign In to PAS Payer) checks them.' : '';
    this.item.tooltip = `Prior Auth PAS: ${env.label}${env.production ? ' (PRODUCTION: real patients)' : ''}\n${env.baseUrl || '(no base URL)'}\n${sign}${hint}\nClick to change the PAS environment.`;
    this.item.backgroundColor = env.production ? new ThemeColor('statusBarItem.warningBackground') : env.refusal ? new ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.command = 'priorAuth.pas.selectEnvironment';
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.item.dispose();
  }
}
