// The HTTP client (undici) is a separate chunk (dist/api.js), loaded on the first call to an API: Optum's or a PAS
// server's. Activation never pays for it.

import * as path from 'node:path';

type ApiModule = typeof import('./api/client');
let apiModule: ApiModule | undefined;

export function loadApi(): ApiModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  apiModule ??= require(path.join(__dirname, 'api.js')) as ApiModule;
  return apiModule;
}
