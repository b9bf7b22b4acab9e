// The suite both editors share: the scenarios in one real VS Code, a screenshot of each under test-results/e2e/, and
// `N passed, N failed` printed last. run.mjs supplies code-server and headless Chromium (the CI path); desktop.mjs a
// desktop VS Code downloaded by @vscode/test-electron (needs a network and a display). Every process a run starts is
// stopped by its pid / process group.

import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MissingDependency } from './install.mjs';
import { REPO, Run, buildAndPackage, copyExamples, log, startSandbox, waitFor, writeUserSettings } from './editor.mjs';
import { Workbench } from './workbench.mjs';
import { SCENARIOS } from './scenarios.mjs';

const SCENARIO_TIMEOUT_MS = 180_000;
const SUITE_TIMEOUT_MS = 40 * 60_000;
const RESULTS = join(REPO, 'test-results', 'e2e');

const started = Date.now();
const seconds = (from = started) => `${((Date.now() - from) / 1000).toFixed(1)} s`;
const phases = [];
/** Runs one setup step, timed and logged. */
export const phase = async (name, fn) => {
  const t = Date.now();
  const value = await fn();
  phases.push(`${name} ${seconds(t)}`);
  log(`${name}: ${seconds(t)}`);
  return value;
};

/** Peak resident memory of this run's processes (the harness, code-server and its hosts, Chromium), sampled. */
class MemoryProbe {
  constructor(runId) {
    this.mark = `PRIOR_AUTH_E2E_RUN=${runId}`;
    this.peak = 0;
    this.timer = setInterval(() => this.sample(), 500);
    this.timer.unref();
  }

  sample() {
    let total = process.memoryUsage().rss;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (!readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(this.mark)) continue;
        const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'latin1'));
        if (rss) total += Number(rss[1]) * 1024;
      } catch {
        // gone
      }
    }
    this.peak = Math.max(this.peak, total);
  }

  stop() {
    clearInterval(this.timer);
    return this.peak;
  }
}

/** The run in progress, stopped by the suite's own time limit too. */
let activeRun;

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Paths of the files named `name` under `dir`, at any depth. */
function filesNamed(dir, name) {
  const found = [];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name === name) found.push(join(d, e.name));
    }
  };
  walk(dir);
  return found;
}

/**
 * What the extension logged just before a failure, for whoever reads only the console (CI keeps nothing else): the
 * Prior Auth log's last lines and the extension host's errors. The Prior Auth log holds no secrets (scenario 7
 * checks it).
 */
function extensionLogTail(run, lines = 25) {
  const tail = (file, keep, filter = () => true) => {
    try {
      return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() && filter(l)).slice(-keep);
    } catch {
      return [];
    }
  };
  const logs = join(run.dirs.userData, 'logs');
  const out = [];
  for (const file of filesNamed(logs, 'Prior Auth.log')) {
    const last = tail(file, lines);
    if (last.length) out.push('Prior Auth log, last lines:', ...last);
  }
  for (const file of filesNamed(logs, 'exthost.log')) {
    const errors = tail(file, 10, (l) => /\[error\]/.test(l));
    if (errors.length) out.push('extension host errors:', ...errors);
  }
  return out.map((l) => l.slice(0, 300));
}

/** Between scenarios: no open menus, notifications, panels or editors (reverted, so no "Save?" dialog). */
async function resetWorkbench(wb) {
  await wb.page.keyboard.press('Escape');
  await wb.closeQuickInput();
  for (let i = 0; i < 20 && (await wb.tabs()).length > 0; i++) {
    const before = (await wb.tabs()).length;
    await wb.runCommand('View: Revert and Close Editor');
    await waitFor('the editor to close', async () => (await wb.tabs()).length < before, { timeoutMs: 10_000 });
  }
  await wb.hidePanel();
  if ((await wb.toasts()).length) await wb.clearNotifications();
}

/**
 * Runs the scenarios in one editor. `editor.install()` returns what the editor needs (with `installed`: what it had
 * to install this time) or throws MissingDependency; `editor.start({ run, installs, vsix, workspace, headless })`
 * installs the .vsix into the run's profile, starts the editor on the workspace and resolves with its Playwright page
 * once the workbench is up. Resolves with the exit code.
 */
async function main(editor, args) {
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  const scenarios = SCENARIOS.map((s, i) => ({ ...s, number: i + 1 })).filter((s) => !args.grep || s.name.includes(args.grep));
  const results = [];

  let installs;
  try {
    installs = await phase('installs (cached after the first run)', () => editor.install());
  } catch (error) {
    log(error instanceof MissingDependency ? `cannot run the end-to-end tests: ${error.message}` : `installing failed: ${error.stack}`);
    console.log(`\nnot run: ${scenarios.length} scenarios (setup failed)`);
    console.log(`0 passed, ${scenarios.length} failed`);
    return 1;
  }
  if (installs.installed.length) log(`installed: ${installs.installed.join(', ')}`);

  const run = (activeRun = new Run('e2e'));
  run.closeOnSignals();
  const memory = new MemoryProbe(run.id);
  let failedSetup;
  try {
    const vsix = await phase('npm run package', () => buildAndPackage(run));

    // The harness's sandbox: its own client ID and a random secret, so the secret can be searched for afterwards.
    // Its PAS payer keeps a PAS-PEND decision pended until a scenario releases it ($release), so the pended badge is
    // seen before the final one without racing the payer's timer.
    const credentials = { clientId: 'e2e-client', clientSecret: `e2e-secret-${randomBytes(12).toString('hex')}`, pas: { releaseDelayMs: 60 * 60_000 } };
    let current = await startSandbox(run, credentials);
    const port = Number(new URL(current.url).port);
    const sandbox = {
      url: current.url,
      port,
      ...credentials,
      stats: () => current.stats(),
      pasBaseUrl: () => current.pasBaseUrl,
      pasStats: () => current.pas.stats(),
      stop: () => current.close(),
      restart: async () => {
        current = await startSandbox(run, { ...credentials, port });
      },
    };
    writeUserSettings(run, {
      'priorAuth.environment': 'local',
      'priorAuth.local.url': sandbox.url,
      'workbench.editor.enablePreview': false,
      'editor.hover.delay': 150,
      // Sticky scroll would lay the enclosing loops' first lines over the lines the mouse hovers.
      'editor.stickyScroll.enabled': false,
    });
    const workspace = copyExamples(run);
    const { page, describe } = await editor.start({ run, installs, vsix, workspace, headless: !args.headed });
    log(`${describe}, sandbox ${sandbox.url}, workspace ${workspace}`);
    const wb = new Workbench(page);
    const state = {};

    for (const scenario of scenarios) {
      const t = Date.now();
      const notes = [];
      const shot = join(RESULTS, `${String(scenario.number).padStart(2, '0')}-${slug(scenario.name)}.png`);
      let error;
      try {
        await withTimeout(resetWorkbench(wb), 60_000, 'resetting the workbench');
        await withTimeout(scenario.run({ wb, page, run, sandbox, state, note: (m) => notes.push(m) }), SCENARIO_TIMEOUT_MS, `scenario ${scenario.number}`);
      } catch (e) {
        error = e;
      }
      await page.screenshot({ path: shot }).catch((e) => notes.push(`(no screenshot: ${e.message})`));
      results.push({ scenario, error, notes, shot, time: seconds(t) });
      console.log(`${error ? 'not ok' : 'ok'} ${scenario.number} - ${scenario.name} (${seconds(t)})`);
      for (const n of notes) console.log(`    ${n}`);
      if (error) {
        console.log(`    FAILED: ${error.message.split('\n').join('\n    ')}\n    toasts: ${JSON.stringify(await wb.toasts().catch(() => []))}`);
        for (const line of extensionLogTail(run)) console.log(`    | ${line}`);
      }
      console.log(`    screenshot: ${shot.slice(REPO.length + 1)}`);
    }
  } catch (error) {
    failedSetup = error;
    log(`setup failed: ${error.stack}`);
  } finally {
    const peak = memory.stop();
    const failed = failedSetup || results.some((r) => r.error);
    if (failed) {
      // Keep the editor's and the extension's logs for whoever reads the failure.
      try {
        cpSync(run.dirs.logs, join(RESULTS, 'logs', 'harness'), { recursive: true });
        cpSync(join(run.dirs.userData, 'logs'), join(RESULTS, 'logs', 'editor'), { recursive: true });
      } catch {
        // nothing to copy
      }
    }
    const t = Date.now();
    await run.close({ keep: args.keep });
    phases.push(`stop everything ${seconds(t)}`);
    if (run.leftBehind?.length) log(`processes still running after cleanup: ${run.leftBehind.join(', ')}`);
    if (args.keep) log(`kept ${run.root}`);
    log(`phases: ${phases.join(', ')}; peak memory ${(peak / 1024 / 1024).toFixed(0)} MB; total ${seconds()}`);
    writeFileSync(join(RESULTS, 'summary.json'), JSON.stringify({
      total: seconds(), phases, peakMemoryMB: Math.round(peak / 1024 / 1024), installed: installs.installed,
      results: results.map((r) => ({ name: r.scenario.name, passed: !r.error, error: r.error?.message, notes: r.notes, screenshot: r.shot, time: r.time })),
    }, null, 2) + '\n');
  }
  const notRun = scenarios.length - results.length;
  const passed = results.filter((r) => !r.error).length;
  const failed = results.length - passed + notRun;
  if (notRun) console.log(`\nnot run: ${notRun} scenario(s) (setup failed: ${failedSetup?.message.split('\n')[0]})`);
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

/** The whole suite under its time limit; exits the process with its result. */
export function runSuite(editor, args) {
  withTimeout(main(editor, args), SUITE_TIMEOUT_MS, 'the end-to-end suite').then(
    (code) => process.exit(code),
    async (error) => {
      log(error.stack);
      await activeRun?.close().catch((e) => log(`cleanup: ${e.message}`));
      console.log('0 passed, 1 failed');
      process.exit(1);
    },
  );
}
