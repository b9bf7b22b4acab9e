#!/usr/bin/env node
// The same scenarios in a desktop VS Code, for people with a network and a display: @vscode/test-electron downloads
// VS Code into the e2e cache, the .vsix is installed with VS Code's own CLI into the run's throw-away profile, and
// playwright-core drives the Electron window. Not part of `npm test`: it cannot download VS Code on machines without
// internet access (CI here), where `npm run test:e2e` (code-server) is the path.
//
//   npm run test:e2e:desktop [-- --grep TEXT] [--keep] [--vscode-version 1.139.1 | stable]

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cacheRoot, loadPlaywright, MissingDependency } from './install.mjs';
import { phase, runSuite } from './suite.mjs';

const { values: args } = parseArgs({
  options: {
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'vscode-version': { type: 'string', default: '1.139.1' },
  },
});

/** The flags of every window: the run's profile and extensions, nothing that asks the user or phones home. */
function profileArgs(run) {
  return [
    '--user-data-dir', run.dirs.userData, '--extensions-dir', run.dirs.extensions,
    '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-telemetry',
    '--disable-updates', '--no-sandbox', '--password-store=basic',
  ];
}

async function install() {
  let testElectron;
  try {
    testElectron = await import('@vscode/test-electron');
  } catch {
    throw new MissingDependency('@vscode/test-electron is not installed; run `npm ci` (it is a devDependency).');
  }
  await loadPlaywright();
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new MissingDependency('A desktop VS Code needs a display (DISPLAY or WAYLAND_DISPLAY is unset). Run it under a desktop session or xvfb-run, or use `npm run test:e2e`.');
  }
  const version = args['vscode-version'];
  let executable;
  try {
    executable = await testElectron.downloadAndUnzipVSCode({ version, cachePath: join(cacheRoot(), 'vscode-desktop'), timeout: 60_000 });
  } catch (error) {
    throw new MissingDependency(`Could not download VS Code ${version} (${error.message.split('\n')[0]}). It comes from update.code.visualstudio.com, which needs internet access; without it, run \`npm run test:e2e\` (code-server).`);
  }
  const [cli, ...cliArgs] = testElectron.resolveCliArgsFromVSCodeExecutablePath(executable);
  return { installed: [], executable, cli, cliArgs };
}

async function start({ run, installs, vsix, workspace }) {
  await phase('install the .vsix', () =>
    run.exec('install-extension', installs.cli, [...installs.cliArgs, ...profileArgs(run), '--install-extension', vsix, '--force'], { env: run.env() }));
  const { _electron: electron } = await loadPlaywright();
  const app = await phase('start VS Code', () =>
    electron.launch({ executablePath: installs.executable, args: [...profileArgs(run), '--new-window', workspace], env: run.env() }));
  run.onCleanup(() => app.close());
  const page = await app.firstWindow();
  await phase('open the workbench', async () => {
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.statusbar-item', { timeout: 60_000 });
  });
  return { page, describe: `VS Code ${args['vscode-version']} (desktop)` };
}

runSuite({ install, start }, { ...args, headed: true });
