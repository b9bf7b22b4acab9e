#!/usr/bin/env node
// The end-to-end suite in CI: the packaged extension in a real VS Code (code-server's web workbench with a Node
// extension host), driven through headless Chromium. Installs what it needs into a version-keyed cache on first use,
// builds and packages the extension, installs the .vsix into a throw-away profile, starts the local sandbox and the
// editor on 127.0.0.1, runs the scenarios (suite.mjs), prints `N passed, N failed` last and exits non-zero on any
// failure.
//
//   node test/e2e/run.mjs [--grep TEXT] [--keep] [--headed]
//   PRIOR_AUTH_E2E_CACHE=DIR   cache root (default ~/.cache/prior-auth-278/e2e)
//   PRIOR_AUTH_E2E_BROWSER=P   another Chromium-based browser instead of Debian's /usr/bin/chromium

import { parseArgs } from 'node:util';
import { ensureInstalled } from './install.mjs';
import { installExtension, launchBrowser, openWorkbench, startCodeServer } from './editor.mjs';
import { phase, runSuite } from './suite.mjs';

const { values: args } = parseArgs({
  options: {
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
    headed: { type: 'boolean', default: false },
  },
});

runSuite(
  {
    install: () => ensureInstalled(),
    async start({ run, installs, vsix, workspace, headless }) {
      await phase('install the .vsix', () => installExtension(run, installs, vsix));
      const editor = await phase('start code-server', () => startCodeServer(run, installs));
      const { page } = await phase('start Chromium', () => launchBrowser(run, installs, { headless }));
      await phase('open the workbench', () => openWorkbench(page, editor.url, workspace));
      return { page, describe: `code-server ${editor.url}` };
    },
  },
  args,
);
