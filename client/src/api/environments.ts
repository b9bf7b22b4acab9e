// Where requests go: Optum's sandbox and production gateways, the local sandbox, or a custom pair of URLs.

export type EnvironmentId = 'sandbox' | 'production' | 'local' | 'custom';

export interface Environment {
  readonly id: EnvironmentId;
  readonly label: string;
  /** Base URL of the Prior Authorization v1 API, without a trailing slash. */
  readonly baseUrl: string;
  readonly tokenUrl: string;
  readonly production: boolean;
}

export const OPTUM_SANDBOX: Environment = {
  id: 'sandbox',
  label: 'Optum sandbox',
  baseUrl: 'https://sandbox-apigw.optum.com/rcm/prior-authorization/v1',
  tokenUrl: 'https://sandbox-apigw.optum.com/apip/auth/v2/token',
  production: false,
};

export const OPTUM_PRODUCTION: Environment = {
  id: 'production',
  label: 'Optum production',
  baseUrl: 'https://apigw.optum.com/rcm/prior-authorization/v1',
  tokenUrl: 'https://apigw.optum.com/apip/auth/v2/token',
  production: true,
};

export const LOCAL_PORT = 8787;

export function localEnvironment(url = `http://127.0.0.1:${LOCAL_PORT}`): Environment {
  const origin = url.replace(/\/+$/, '');
  return { id: 'local', label: 'Local sandbox', baseUrl: `${origin}/rcm/prior-authorization/v1`, tokenUrl: `${origin}/apip/auth/v2/token`, production: false };
}

export function customEnvironment(baseUrl: string, tokenUrl: string): Environment {
  return { id: 'custom', label: 'Custom', baseUrl: baseUrl.replace(/\/+$/, ''), tokenUrl, production: false };
}

export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Why a URL may not carry credentials, or undefined when it may: https anywhere, plain http only on loopback. */
export function refuseUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a valid URL.`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url)) return undefined;
  if (url.protocol === 'http:') return `Plain http is refused for ${url.host}: credentials and patient data only travel over https (http is allowed on 127.0.0.1 and localhost).`;
  return `Only https URLs are supported, not "${url.protocol}".`;
}
