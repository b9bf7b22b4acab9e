// Launching the extension in a real VS Code: code-server (VS Code's web workbench with a Node extension host) on
// 127.0.0.1 with a throw-away profile and extensions folder, the local sandbox, and headless Chromium driven by
// playwright-core. Shared by the end-to-end harness (run.mjs) and `npm start` (start.mjs).
//
// Every process started here is a process-group leader (spawn's `detached`), recorded by pid and stopped by its group;
// every child is also marked with PRIOR_AUTH_E2E_RUN in its environment, so stragglers that left the group are found
// in /proc and stopped by pid. Nothing is written outside the run's temporary folder, the install cache and
// test-results/: HOME, XDG_* and TMPDIR point into the temporary folder for every child.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlaywright } from './install.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/** Settings the workbench needs to come up quiet and offline, before the test's own. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'npm.autoDetect': 'off',
  'typescript.tsserver.experimental.enableProjectDiagnostics': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'remote.autoForwardPorts': false,
};

export function log(message) {
  process.stderr.write(`[e2e] ${message}\n`);
}

/** Polls `check` until it returns a truthy value; throws with `what` after `timeoutMs`. Never a fixed sleep. */
export async function waitFor(what, check, { timeoutMs = 30_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs)); // the polling interval of a condition, not a wait for an outcome
  }
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** True while a process of this run is in the process group (so its id cannot have been reused by another group). */
function groupAlive(pgid, runId) {
  const mark = `PRIOR_AUTH_E2E_RUN=${runId}`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // state, ppid, pgrp, …
      if (Number(fields[2]) !== pgid || fields[0] === 'Z') continue;
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(mark)) return true;
    } catch {
      // gone, or not ours to read
    }
  }
  return false;
}

/** Pids of live processes whose environment carries this run's mark. */
function markedProcesses(runId) {
  const mark = `PRIOR_AUTH_E2E_RUN=${runId}`;
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (environ.split('\0').includes(mark)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/**
 * One run's temporary world: HOME, XDG folders, TMPDIR, the editor's profile and extensions folders, the workspace,
 * the browser profile and the logs, all under one mkdtemp folder; and the processes started in it.
 */
export class Run {
  constructor(label = 'run') {
    this.id = `${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.root = mkdtempSync(join(tmpdir(), `prior-auth-${label}-`));
    const d = (name) => {
      const p = join(this.root, name);
      mkdirSync(p, { recursive: true, mode: 0o700 });
      return p;
    };
    this.dirs = {
      home: d('home'),
      tmp: d('tmp'),
      config: d('xdg/config'),
      cache: d('xdg/cache'),
      data: d('xdg/data'),
      state: d('xdg/state'),
      runtime: d('xdg/runtime'),
      userData: d('user-data'),
      extensions: d('extensions'),
      workspace: d('workspace'),
      browser: d('browser-profile'),
      logs: d('logs'),
    };
    /** @type {{name: string, pid: number, exited: Promise<void>, done: boolean}[]} */
    this.processes = [];
    this.cleanups = [];
    this.closed = false;
  }

  /** The environment of every child: this run's folders, this run's mark, and nothing that points at another VS Code. */
  env(extra = {}) {
    const env = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (/^(VSCODE_|ELECTRON_|npm_|CODE_SERVER_|PASSWORD$|HASHED_PASSWORD$|GITHUB_TOKEN$|INIT_CWD$|NODE$)/i.test(k)) continue;
      env[k] = v;
    }
    return {
      ...env,
      HOME: this.dirs.home,
      TMPDIR: this.dirs.tmp,
      XDG_CONFIG_HOME: this.dirs.config,
      XDG_CACHE_HOME: this.dirs.cache,
      XDG_DATA_HOME: this.dirs.data,
      XDG_STATE_HOME: this.dirs.state,
      XDG_RUNTIME_DIR: this.dirs.runtime,
      PRIOR_AUTH_E2E_RUN: this.id,
      ...extra,
    };
  }

  /**
   * Starts a process as the leader of its own process group, its output to logs/<name>.log (and to `onOutput`).
   * @returns {{child: import('node:child_process').ChildProcess, exited: Promise<{code: number|null, signal: string|null}>}}
   */
  spawn(name, command, args, { env, cwd, onOutput } = {}) {
    const logFile = createWriteStream(join(this.dirs.logs, `${name}.log`), { flags: 'a' });
    const child = spawn(command, args, { cwd: cwd ?? this.dirs.home, env: env ?? this.env(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const record = { name, pid: child.pid, done: false, exited: undefined };
    const exited = new Promise((resolveExit) => {
      child.on('error', (error) => {
        record.done = true;
        resolveExit({ code: null, signal: null, error });
      });
      child.on('exit', (code, signal) => {
        record.done = true;
        resolveExit({ code, signal });
      });
    });
    record.exited = exited;
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        logFile.write(chunk);
        onOutput?.(chunk.toString());
      });
    }
    exited.then(() => logFile.end());
    if (child.pid) this.processes.push(record);
    return { child, exited };
  }

  /** Runs a command to completion (its own process group too); rejects with the log's tail on failure. */
  async exec(name, command, args, options = {}) {
    let tail = '';
    const { exited } = this.spawn(name, command, args, { ...options, onOutput: (s) => (tail = (tail + s).slice(-3000)) });
    const { code, signal, error } = await exited;
    if (error) throw error;
    if (code !== 0) throw new Error(`${name} failed (${signal ?? 'exit ' + code}): ${command} ${args.join(' ')}\n${tail}`);
    return tail;
  }

  onCleanup(fn) {
    this.cleanups.unshift(fn);
  }

  /** Stops everything this run started: the browser and sandboxes, then each process group, then marked stragglers. */
  async close({ keep = false } = {}) {
    if (this.closed) return;
    this.closed = true;
    for (const fn of this.cleanups) {
      try {
        await fn();
      } catch (error) {
        log(`cleanup: ${error.message}`);
      }
    }
    for (const p of this.processes) {
      if (groupAlive(p.pid, this.id)) {
        try {
          process.kill(-p.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    }
    for (const p of this.processes) {
      try {
        await waitFor(`${p.name} (process group ${p.pid}) to stop`, () => !groupAlive(p.pid, this.id), { timeoutMs: 5000, intervalMs: 50 });
      } catch {
        try {
          if (groupAlive(p.pid, this.id)) process.kill(-p.pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    }
    let stragglers = markedProcesses(this.id);
    for (const pid of stragglers) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // gone meanwhile
      }
    }
    if (stragglers.length) {
      try {
        await waitFor('processes of this run to stop', () => stragglers.every((pid) => !processAlive(pid)), { timeoutMs: 3000, intervalMs: 50 });
      } catch {
        for (const pid of stragglers) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
      }
      stragglers = markedProcesses(this.id);
    }
    this.leftBehind = stragglers;
    if (!keep) rmSync(this.root, { recursive: true, force: true });
  }

  /** Stops everything on Ctrl-C, SIGTERM or SIGHUP; `onSignal` may return the exit code (default 128 + signal). */
  closeOnSignals(onSignal) {
    const handler = (signal) => {
      log(`${signal}: stopping everything this run started…`);
      this.close()
        .catch((error) => log(`cleanup: ${error.message}`))
        .finally(() => {
          const code = onSignal?.(signal);
          process.exit(typeof code === 'number' ? code : { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal]);
        });
    };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
    process.once('SIGHUP', handler);
  }
}

/** `npm run build` and `vsce package` (the package script), the .vsix written into the run's folder. */
export async function buildAndPackage(run) {
  const vsix = join(run.root, 'prior-auth-278.vsix');
  // The package script as a user runs it, with the output redirected into the run's folder.
  await run.exec('package', 'npm', ['run', 'package', '--', '--out', vsix], {
    cwd: REPO,
    env: run.env(), // npm's logs and vsce's files go to the run's HOME too
  });
  if (!existsSync(vsix)) throw new Error(`npm run package did not write ${vsix}`);
  return vsix;
}

function codeServerArgs(run) {
  return ['--user-data-dir', run.dirs.userData, '--extensions-dir', run.dirs.extensions];
}

/** Installs the .vsix into the run's empty extensions folder through code-server's own CLI. */
export async function installExtension(run, installs, vsix) {
  await run.exec('install-extension', installs.node24, [installs.codeServer, ...codeServerArgs(run), '--install-extension', vsix, '--force'], { env: run.env() });
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const folder = join(run.dirs.extensions, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  if (!existsSync(join(folder, 'dist', 'extension.js'))) throw new Error(`The extension is not installed in ${run.dirs.extensions} (expected ${folder}).`);
  return folder;
}

export function writeUserSettings(run, settings) {
  const dir = join(run.dirs.userData, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2) + '\n');
}

/** Copies the repo's examples/ into the run's workspace folder; returns the folder. */
export function copyExamples(run) {
  const target = join(run.dirs.workspace, 'examples');
  cpSync(join(REPO, 'examples'), target, { recursive: true });
  return target;
}

/**
 * Starts code-server on 127.0.0.1 (port 0: a free one, read from its log) with the run's profile; resolves when
 * /healthz answers. `folder` is the workspace it opens by default.
 */
export async function startCodeServer(run, installs, { folder, port = 0, host = '127.0.0.1' } = {}) {
  const config = join(run.root, 'code-server.yaml');
  writeFileSync(config, `bind-addr: ${host}:${port}\nauth: none\ncert: false\n`);
  let output = '';
  const args = [
    installs.codeServer,
    '--config', config,
    ...codeServerArgs(run),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (folder) args.push(folder);
  const { child, exited } = run.spawn('code-server', installs.node24, args, { env: run.env(), onOutput: (s) => (output += s) });
  let ended;
  exited.then((r) => (ended = r));
  const url = await waitFor('code-server to listen', () => {
    if (ended) throw new Error(`code-server exited (${ended.signal ?? 'exit ' + ended.code}):\n${output.slice(-3000)}`);
    const m = /HTTP server listening on (http:\/\/[^\s/]+)/.exec(output);
    return m?.[1];
  }, { timeoutMs: 60_000 }).catch((error) => {
    throw new Error(`${error.message}\n${output.slice(-3000)}`);
  });
  await waitFor(`${url}/healthz`, async () => (await fetch(`${url}/healthz`)).ok, { timeoutMs: 30_000 });
  return { url, pid: child.pid, output: () => output };
}

/** The local sandbox in this process, from the built bundle (dist/sandbox.js). */
export async function startSandbox(run, options = {}) {
  const { startSandbox: start } = require(join(REPO, 'dist', 'sandbox.js'));
  const sandbox = await start({ port: 0, host: '127.0.0.1', ...options });
  run.onCleanup(() => sandbox.close());
  return sandbox;
}

export const BROWSER_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--no-default-browser-check',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-breakpad',
  '--disable-crash-reporter', '--disable-features=Translate,MediaRouter,OptimizationHints', '--password-store=basic',
  '--use-mock-keychain',
];

/** Headless Chromium with the run's own profile; returns the browser context and its first page. */
export async function launchBrowser(run, installs, { headless = true, viewport = { width: 1600, height: 1000 } } = {}) {
  const { chromium } = await loadPlaywright();
  const context = await chromium.launchPersistentContext(run.dirs.browser, {
    executablePath: installs.browser,
    headless,
    args: BROWSER_ARGS,
    env: run.env(),
    viewport,
    deviceScaleFactor: 1,
    // The workbench reads the clipboard on paste; granting it keeps a permission prompt away.
    permissions: ['clipboard-read', 'clipboard-write'],
    // The run's own signal handler closes the browser with everything else (Playwright's would exit first).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  run.onCleanup(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** Opens the workbench on a folder and waits until the workbench and the extension host are up. */
export async function openWorkbench(page, url, folder) {
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // The status bar is rendered once the workbench has restored.
  await page.waitForSelector('.statusbar-item', { timeout: 60_000 });
}
