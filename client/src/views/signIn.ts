// The sign-in state the status bar shows, in words. No VS Code import (unit-tested).

import type { Environment } from '../api/environments';

export interface SignInState {
  readonly environment: Environment;
  readonly signedIn: boolean;
  /** A token was issued for the stored credentials in this session: they are known to work. */
  readonly verified?: boolean;
  /** The API refused the stored credentials (HTTP 401 from the token endpoint or the API). */
  readonly refused?: boolean;
  /** When the cached token stops being reused, if there is one. */
  readonly tokenExpiresAt?: number;
}

/** "signed in" only once a token was issued for the credentials; before that they are saved but not verified. */
export function signInText(s: Pick<SignInState, 'signedIn' | 'verified' | 'refused'> & Partial<SignInState>, tokenMinutes: number | undefined): string {
  if (!s.signedIn) return 'signed out';
  if (s.refused) return 'sign-in refused';
  if (tokenMinutes !== undefined) return `signed in · token ${tokenMinutes} min`;
  return s.verified ? 'signed in' : 'credentials saved, not verified';
}


/** The PAS side of the status bar: the same honesty, and no sign-in at all for an environment that needs no token. */
export interface PasStatusWords {
  readonly authMethod: 'smart-backend' | 'client-secret' | 'none';
  readonly signedIn: boolean;
  readonly verified: boolean;
  readonly refused: boolean;
  readonly refusal?: string;
}

export function pasSignInText(s: PasStatusWords, tokenMinutes: number | undefined): string {
  if (s.refusal) return 'not usable';
  if (s.authMethod === 'none') return 'no sign-in needed';
  return signInText(s, tokenMinutes);
}
