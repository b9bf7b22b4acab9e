#!/usr/bin/env node
// `npm start`: the extension in a real VS Code in your browser. Installs code-server and Node 24 into the cache on
// first use (as the end-to-end suite does), packages the extension, installs the .vsix into a throw-away profile,
// starts the local sandbox, and serves VS Code on 127.0.0.1 with examples/ open. Ctrl-C stops everything and removes
// the profile; your edits to examples/ stay.
//
//   node test/e2e/start.mjs [--port N] [--folder DIR]

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureInstalled, MissingDependency } from './install.mjs';
import { REPO, Run, buildAndPackage, installExtension, log, startCodeServer, startSandbox, writeUserSettings } from './editor.mjs';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '0' },
    folder: { type: 'string', default: resolve(REPO, 'examples') },
  },
});

async function main() {
  let installs;
  try {
    installs = await ensureInstalled({ browser: false });
  } catch (error) {
    log(error instanceof MissingDependency ? error.message : error.stack);
    process.exit(1);
  }
  const run = new Run('start');
  run.closeOnSignals(() => {
    log('stopped.');
    return 0;
  });
  try {
    const vsix = await buildAndPackage(run);
    await installExtension(run, installs, vsix);
    const sandbox = await startSandbox(run);
    writeUserSettings(run, { 'priorAuth.environment': 'local', 'priorAuth.local.url': sandbox.url });
    const folder = resolve(args.folder);
    const editor = await startCodeServer(run, installs, { folder, port: Number(args.port) });
    const url = `${editor.url}/?folder=${encodeURIComponent(folder)}`;
    console.log(`
Prior Auth 278 in VS Code (code-server with VS Code ${installs.vscodeVersion}):

  ${url}

  workspace      ${folder}
  local sandbox  ${sandbox.url}  (client ${sandbox.clientId} / ${sandbox.clientSecret}; the extension signs in by itself)
  profile        ${run.root}  (removed on exit)

Open the URL in a browser on this machine. Ctrl-C stops code-server and the sandbox.`);
    const { code, signal } = await run.processes.find((p) => p.name === 'code-server').exited;
    if (run.closed) return; // stopped by Ctrl-C: the signal handler finishes the cleanup
    log(`code-server exited (${signal ?? 'exit ' + code}); its log: ${run.dirs.logs}/code-server.log`);
    await run.close({ keep: true });
    process.exit(1);
  } catch (error) {
    log(error.stack);
    await run.close();
    process.exit(1);
  }
}

main();
