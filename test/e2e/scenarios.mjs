// The end-to-end scenarios: what a person sees in the real editor. Each gets a Context (the Workbench driver, the
// harness's sandbox controls, the run's folders) and throws on the first expectation that does not hold.

import { createServer } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, waitFor } from './editor.mjs';

/**
 * @typedef {object} Context
 * @property {import('./workbench.mjs').Workbench} wb
 * @property {import('playwright-core').Page} page
 * @property {import('./editor.mjs').Run} run
 * @property {{ url: string, clientId: string, clientSecret: string, port: number, stop(): Promise<void>, restart(): Promise<void>, stats(): {tokensIssued: number, requests: number} }} sandbox
 * @property {(message: string) => void} note  records what was checked, printed under the scenario
 * @property {{ signedIn?: boolean }} state  what one scenario leaves for the next (each also runs alone: --grep)
 */

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Inquiry example, segment per line; the lines the scenarios use. */
const INQUIRY = 'inquiry-tst2.x12';
const LINE = { subscriberName: 13, um: 17, se: 26 };
/** NM1*IL*1*DOE*JOE****MI*TST2~: the member ID's last character. */
const MEMBER_ID_DIGIT = { line: 13, column: 27 };

async function openInquiry(wb) {
  await wb.openFile(INQUIRY);
  await waitFor('the X12 language mode', async () => (await wb.statusText('status.editor.mode')) === 'X12');
}

/** Waits until the language server has answered for the document: the breadcrumbs show its loops at the cursor. */
async function waitServerReady(wb, line, crumb) {
  await wb.goTo(line, 1);
  return waitFor(`breadcrumbs with "${crumb}"`, async () => {
    const crumbs = await wb.breadcrumbs();
    return crumbs.some((c) => c.includes(crumb)) ? crumbs : undefined;
  }, { timeoutMs: 30_000 });
}

async function replaceMemberIdDigit(wb, digit) {
  await wb.goTo(MEMBER_ID_DIGIT.line, MEMBER_ID_DIGIT.column);
  await wb.page.keyboard.press('Shift+ArrowRight');
  await wb.type(digit);
  await waitFor(`member ID TST${digit}`, async () => (await wb.lineText(MEMBER_ID_DIGIT.line))?.includes(`MI*TST${digit}~`));
}

/** "Prior Auth: Sign In" with the sandbox's client ID and `secret`; returns the notification that ends it. */
async function signIn(ctx, secret, outcome) {
  const { wb, sandbox } = ctx;
  await wb.clearNotifications();
  await wb.runCommand('Prior Auth: Sign In');
  await wb.answerInputBox({ title: 'Sign in to the Local sandbox (1/2)', text: sandbox.clientId });
  await wb.answerInputBox({ title: 'Sign in to the Local sandbox (2/2)', text: secret });
  const toast = await wb.waitToast(outcome);
  ctx.state.signedIn = secret === sandbox.clientSecret;
  return toast;
}

/** PAS examples (examples/): a request bundle named *.pas.json, a response bundle known only by its meta.profile. */
const PAS_REQUEST = 'pas-request.pas.json';
const PAS_RESPONSE = 'pas-response.json';
/** The Problems entry for a misspelt Claim.use: the FHIR core's fhir-pattern-value message. */
const USE_PROBLEM = /Claim\.use must contain "preauthorization"/;

/** 1-based line and column of the first `needle` in an example file, `offset` characters into it. */
function positionIn(file, needle, offset = 0) {
  const lines = readFileSync(join(REPO, 'examples', file), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`"${needle}" is not in examples/${file}`);
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 + offset };
}

async function openJson(wb, file) {
  await wb.openFile(file);
  await waitFor('the JSON language mode', async () => (await wb.statusText('status.editor.mode')) === 'JSON');
}

/** The harness's sandbox wants its own credentials: scenarios after the sign-in one also run alone. */
async function ensureSignedIn(ctx) {
  if (!ctx.state.signedIn) await signIn(ctx, ctx.sandbox.clientSecret, `Signed in to the Local sandbox as ${ctx.sandbox.clientId}.`);
}

/** The editor still works: a hover on NM1 of the inquiry names its loop. */
async function editorStillWorks(ctx, when) {
  const { wb } = ctx;
  await openInquiry(wb);
  const hover = await wb.hoverAt(LINE.subscriberName, 1, '2010C Subscriber Name', { length: 3 });
  await wb.hideHover();
  ctx.note(`after ${when}: the hover on NM1 still names "2010C Subscriber Name" (${hover.length} chars)`);
}

/** Sends the active document with "Prior Auth: Send" and returns the notification that ends it. */
async function send(wb, expected, timeoutMs = 30_000) {
  await wb.clearNotifications();
  await wb.runCommand('Prior Auth: Send');
  return wb.waitToast(expected, timeoutMs);
}

/** The response tabs (JSON, X12) opened beside `request`, in another editor group. */
async function responseBeside(ctx, request) {
  const { wb } = ctx;
  const base = request.replace(/\.(x12|json)$/, '');
  const want = [`${base}.response.json`, `${base}.response.x12`];
  const tabs = await waitFor(`response tabs ${want.join(', ')}`, async () => {
    const all = await wb.tabs();
    return want.every((w) => all.some((t) => t.label === w)) ? all : undefined;
  });
  const requestTab = tabs.find((t) => t.label === request);
  expect(requestTab, `the request tab ${request} is still open`);
  for (const w of want) {
    const tab = tabs.find((t) => t.label === w);
    expect(tab.group !== requestTab.group, `${w} opens beside the request (group ${tab.group}), not in its group (${requestTab.group})`);
  }
  ctx.note(`response tabs beside the request: ${want.join(', ')}`);
  return want;
}

async function responseLenses(ctx, tab, pattern) {
  const { wb } = ctx;
  return waitFor(`a code lens matching ${pattern} on ${tab}`, async () => {
    const lenses = await wb.codeLenses(wb.editorOfTab(tab));
    return lenses.some((l) => pattern.test(l)) ? lenses : undefined;
  });
}

/** Every file under `dir` whose bytes contain `needle` in UTF-8 or UTF-16 (browser storage keeps strings as UTF-16). */
function filesContaining(dir, needle) {
  const hits = [];
  let scanned = 0;
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        try {
          if (statSync(p).size > 200 * 1024 * 1024) continue;
          scanned++;
          const content = readFileSync(p);
          if (forms.some((f) => content.includes(f))) hits.push(p);
        } catch {
          // vanished (a lock or socket file)
        }
      }
    }
  };
  walk(dir);
  return { hits, scanned };
}

/** @type {{ name: string, run: (ctx: Context) => Promise<void> }[]} */
export const SCENARIOS = [
  {
    name: 'open an X12 inquiry: language, colours, no errors, outline',
    async run(ctx) {
      const { wb, page } = ctx;
      await openInquiry(wb);
      ctx.note('status bar language indicator: X12');
      const crumbs = await waitServerReady(wb, LINE.subscriberName, '2000C Subscriber: DOE, JOE (TST2)');
      ctx.note(`breadcrumbs: ${crumbs.slice(1).map((c) => c.split(/HL \d|BHT|IL\*/)[0].trim()).join(' › ')}`);
      // Colours: a segment ID, a code and free text each render in their own colour (semantic tokens over TextMate).
      const colours = await waitFor('segment IDs coloured apart from text', async () => {
        const segment = await wb.tokenColor(LINE.subscriberName, 1);
        const text = await wb.tokenColor(LINE.subscriberName, 10);
        const code = await wb.tokenColor(LINE.subscriberName, 5);
        const envelope = await wb.tokenColor(1, 1);
        if (!segment || !text || !code || !envelope) return undefined;
        return segment.text === 'NM1' && text.text === 'DOE' && segment.color !== text.color && code.color !== text.color && envelope.color !== segment.color
          ? { segment, text, code, envelope }
          : undefined;
      });
      ctx.note(`colours: NM1 ${colours.segment.color}, ISA ${colours.envelope.color}, IL ${colours.code.color}, DOE ${colours.text.color}`);
      expect((await wb.squiggleCount('error')) === 0, 'no error squiggles in the example');
      const problems = await wb.problemCounts();
      expect(problems.errors === 0, `the status bar counts no errors (${problems.label})`);
      ctx.note('no error squiggles; status bar Problems: 0 errors');
      // The Outline view lists the loops, named by role and content.
      await wb.showOutline();
      const rows = await waitFor('the Outline view with the 2000C loop', async () => {
        const r = await wb.outlineRows();
        return r.some((x) => x.startsWith('2000C Subscriber: DOE, JOE (TST2)')) ? r : undefined;
      });
      ctx.note(`Outline view rows: ${rows.length}, including "2000C Subscriber: DOE, JOE (TST2)"`);
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'wrong SE01: squiggle, Problems entry, quick fix',
    async run(ctx) {
      const { wb, page } = ctx;
      await openInquiry(wb);
      await waitServerReady(wb, LINE.se, 'SE Transaction Set Trailer');
      expect((await wb.squiggleCount('error')) === 0, 'no error squiggle before the edit');
      await wb.goTo(LINE.se, 4);
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      await wb.type('25');
      expect((await wb.lineText(LINE.se)) === 'SE*25*0001~', 'SE01 now reads 25');
      await waitFor('an error squiggle', async () => (await wb.squiggleCount('error')) > 0);
      ctx.note('an error squiggle appears under SE01');
      const entries = await waitFor('a Problems entry for SE01', async () => {
        const rows = await wb.problemsEntries();
        return rows.some((r) => /SE01 is 25, but the transaction set has 24 segments/.test(r)) ? rows : undefined;
      });
      ctx.note(`Problems view: "${entries.find((r) => r.includes('SE01')).slice(0, 110)}…"`);
      await wb.goTo(LINE.se, 4);
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Change SE01 to 24' });
      await fix.waitFor({ state: 'visible', timeout: 15_000 });
      await fix.click();
      await waitFor('SE01 corrected to 24', async () => (await wb.lineText(LINE.se)) === 'SE*24*0001~');
      await waitFor('the squiggle to go', async () => (await wb.squiggleCount('error')) === 0);
      await waitFor('no errors in the status bar', async () => (await wb.problemCounts()).errors === 0);
      ctx.note('quick fix "Change SE01 to 24" applied: SE*24*0001~, squiggle and error gone');
    },
  },
  {
    name: 'hover: loop name of a segment, meaning of a code',
    async run(ctx) {
      const { wb } = ctx;
      await openInquiry(wb);
      await waitServerReady(wb, LINE.subscriberName, '2010C Subscriber Name');
      const segment = await wb.hoverAt(LINE.subscriberName, 1, '2010C Subscriber Name', { length: 3 });
      expect(/NM1 — Subscriber Name/.test(segment), `the NM1 hover names the segment: ${segment.slice(0, 200)}`);
      ctx.note(`hover on NM1: "${segment.split('·')[0].trim().slice(0, 120)}"`);
      await wb.hideHover();
      const code = await wb.hoverAt(LINE.um, 4, 'Health Services Review', { length: 2 });
      expect(/UM01/.test(code) && /HS: Health Services Review/.test(code), `the UM01 hover gives HS's meaning: ${code.slice(0, 200)}`);
      ctx.note('hover on UM01 "HS": "UM01 · element 1525 · Request Category Code … HS: Health Services Review"');
      await wb.hideHover();
    },
  },
  {
    name: 'snippet x12-inquiry-inqdemo in a new X12 file validates',
    async run(ctx) {
      const { wb, page } = ctx;
      await wb.runCommand('File: New Untitled Text File');
      await waitFor('an untitled editor', async () => (await wb.tabs()).some((t) => t.active && t.activeGroup && /^Untitled-\d+$/.test(t.label)));
      const untitled = (await wb.tabs()).find((t) => t.active && t.activeGroup).label;
      await wb.runCommand('Change Language Mode');
      await wb.waitQuickInput();
      await page.locator('.quick-input-widget .quick-input-box input').fill('X12');
      await wb.pickQuickItem(/^X12$/);
      await waitFor('the X12 language mode', async () => (await wb.statusText('status.editor.mode')) === 'X12');
      await wb.type('x12-inquiry-inqdemo');
      const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'x12-inquiry-inqdemo' });
      await suggestion.first().waitFor({ state: 'visible', timeout: 15_000 });
      await page.keyboard.press('Enter');
      // The member ID is a choice (TST1…TST11): take the first.
      const choice = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'TST1' });
      await choice.first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      const lines = await waitFor('the inserted interchange', async () => {
        const l = await wb.visibleLines();
        return l.length >= 20 && /^IEA\*1\*/.test(l[l.length - 1]?.text ?? '') ? l : undefined;
      });
      ctx.note(`${untitled}: ${lines.length} segments inserted, member ${/MI\*(TST\d+)/.exec(lines.map((l) => l.text).join('\n'))?.[1]}`);
      // Untitled editors have no breadcrumbs: the Outline view shows that the language server has read the text.
      await wb.showOutline();
      await waitFor('the Outline view of the snippet', async () => (await wb.outlineRows()).some((r) => r.startsWith('2000C Subscriber: DOE, JOE (TST1)')), { timeoutMs: 30_000 });
      expect((await wb.squiggleCount('error')) === 0, 'no error squiggles in the inserted snippet');
      expect((await wb.squiggleCount('warning')) === 0, 'no warning squiggles in the inserted snippet');
      const rows = await wb.problemsEntries();
      const own = rows.filter((r) => r.includes(untitled));
      expect(own.length === 0, `no Problems entries for ${untitled}: ${own.join(' | ')}`);
      ctx.note('the Outline view shows "2000C Subscriber: DOE, JOE (TST1)"; no squiggles, no Problems entries');
    },
  },
  {
    name: 'a converted document gets diagnostics',
    async run(ctx) {
      const { wb, page } = ctx;
      await openInquiry(wb);
      await waitServerReady(wb, LINE.subscriberName, '2010C Subscriber Name');
      await wb.runCommand('Prior Auth: Convert to JSON');
      const converted = 'inquiry-tst2.inquiry.json';
      await wb.waitActiveTab(converted, 30_000);
      await waitFor('the JSON language mode', async () => (await wb.statusText('status.editor.mode')) === 'JSON');
      const lenses = await waitFor('the send code lens on the converted document', async () => {
        const l = await wb.codeLenses();
        return l.some((x) => /Send inquiry to/.test(x)) ? l : undefined;
      }, { timeoutMs: 30_000 });
      ctx.note(`Convert to JSON opens "${converted}" beside the X12 (language JSON), code lens "${lenses.find((x) => /Send inquiry/.test(x))}"`);
      // JSON completion offers the codes of a field, each row with its meaning (the editor schema's rows).
      const category = await waitFor('the requestCategoryCode line', async () => (await wb.visibleLines()).find((l) => /"requestCategoryCode": "HS"/.test(l.text)));
      await wb.goTo(category.line, category.text.indexOf('"HS"') + 2);
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Control+Space');
      const rows = await waitFor('code suggestions with their meanings', async () => {
        const r = await page.locator('.suggest-widget.visible .monaco-list-row').allInnerTexts();
        // Every row, not only the focused one, reads "code — meaning".
        return r.some((x) => x.includes('AR — Admission Review')) && r.some((x) => x.includes('SC — Specialty Care Review')) ? r : undefined;
      });
      ctx.note(`completion in "requestCategoryCode": ${rows.slice(0, 4).map((x) => x.replace(/\s+/g, ' ').trim()).join(' | ')}`);
      await page.keyboard.press('Escape');
      await wb.type('HS');
      await waitFor('HS back in place', async () => /"requestCategoryCode": "HS"/.test((await wb.lineText(category.line)) ?? ''));
      const meaning = await wb.hoverAt(category.line, category.text.indexOf('"HS"') + 2, 'Health Services Review');
      await wb.hideHover();
      ctx.note(`hover on "HS": "${meaning.replace(/\s+/g, ' ').slice(0, 80)}"`);
      // The subscriber's birth date gets month 13: the 278 rules, not only the schema, see the converted document.
      const dob = await waitFor('the subscriber dateOfBirth line', async () => (await wb.visibleLines()).find((l) => /"dateOfBirth": "\d{8}"/.test(l.text)));
      const column = dob.text.indexOf('"dateOfBirth": "') + '"dateOfBirth": "'.length + 1;
      await wb.goTo(dob.line, column + 4);
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      await wb.type('13');
      await waitFor('month 13 in the date of birth', async () => /"dateOfBirth": "\d{4}13\d{2}"/.test((await wb.lineText(dob.line)) ?? ''));
      const entries = await waitFor('a Problems entry for the impossible date', async () => {
        const rows = await wb.problemsEntries();
        return rows.some((r) => /month 13 does not exist/.test(r)) ? rows : undefined;
      }, { timeoutMs: 30_000 });
      const own = entries.filter((r) => r.includes('dateOfBirth') || r.includes(converted));
      ctx.note(`Problems view: "${entries.find((r) => /month 13/.test(r)).slice(0, 120)}…"`);
      expect(!entries.some((r) => /8 digits, no separators/.test(r)), `the schema does not add its own date message: ${own.join(' | ')}`);
      expect(entries.filter((r) => /month 13|CCYYMMDD/.test(r)).length === 1, `one problem for the one cause: ${own.join(' | ')}`);
      ctx.note('one problem for the impossible date (the 278 rule), none from the schema');
      // Save writes it under the proposed name, next to the source.
      await page.keyboard.press('Control+S');
      const saved = join(ctx.run.dirs.workspace, 'examples', converted);
      await waitFor(`${saved} on disk`, async () => existsSync(saved));
      // VS Code then swaps the unsaved editor for the file's: wait until the file's editor is active and clean.
      await waitFor(`${converted} saved and active`, async () => (await wb.tabs()).some((t) => t.active && t.activeGroup && t.label === converted && !t.dirty));
      await wb.goTo(dob.line, 1);
      ctx.note(`Save wrote examples/${converted}`);
      // And back: Convert to X12 names the result after the JSON; inquiry-tst2.x12 exists, so it is numbered.
      await wb.runCommand('Prior Auth: Convert to X12');
      await wb.waitActiveTab('inquiry-tst2-2.x12', 30_000);
      await waitFor('the X12 language mode', async () => (await wb.statusText('status.editor.mode')) === 'X12');
      await waitFor('the X12 code lens', async () => (await wb.codeLenses()).some((x) => /Send inquiry to/.test(x)), { timeoutMs: 30_000 });
      await waitFor('an error squiggle under the birth date', async () => (await wb.squiggleCount('error')) > 0, { timeoutMs: 30_000 });
      ctx.note('Convert to X12 opens "inquiry-tst2-2.x12" (inquiry-tst2.x12 exists), in X12, with its code lens and the date error');
      await wb.runCommand('View: Revert and Close Editor');
    },
  },
  {
    name: 'Get started walkthrough: its steps, and Open Example Inquiry gives a clean X12 inquiry',
    async run(ctx) {
      const { wb, page } = ctx;
      await wb.runCommand('Welcome: Open Walkthrough...');
      await wb.waitQuickInput();
      await page.locator('.quick-input-widget .quick-input-box input').fill('Get started with Prior Auth 278');
      // The filtered list holds our walkthrough alone, focused (a hover on the row can take a click): Enter opens it.
      await waitFor('our walkthrough alone in the list', async () => {
        const rows = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts();
        return rows.length === 1 && rows[0].includes('Get started with Prior Auth 278');
      });
      await page.keyboard.press('Enter');
      const steps = page.locator('.gettingStartedContainer .getting-started-step');
      await waitFor('the walkthrough\'s steps', async () => (await steps.count()) >= 4, { timeoutMs: 20_000 });
      const titles = (await steps.allInnerTexts()).map((t) => t.split('\n')[0].trim());
      expect(['Pick an environment', 'Open an example inquiry', 'Send it', 'Read the decision'].every((t) => titles.includes(t)), `walkthrough steps: ${titles.join(' | ')}`);
      ctx.note(`walkthrough "Get started with Prior Auth 278": ${titles.join(' › ')}`);
      await steps.filter({ hasText: 'Open an example inquiry' }).first().click();
      const button = page.locator('.gettingStartedContainer .button-link, .gettingStartedContainer a', { hasText: 'Open Example Inquiry' }).first();
      await button.waitFor({ state: 'visible', timeout: 10_000 });
      await button.click();
      await wb.waitActiveTab('inquiry-example.x12', 30_000);
      // The member is a choice (TST1…TST11): take the first.
      const choice = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'TST1' });
      await choice.first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await waitFor('the X12 language mode', async () => (await wb.statusText('status.editor.mode')) === 'X12');
      await waitFor('the send code lens on the example', async () => (await wb.codeLenses()).some((x) => /Send inquiry to/.test(x)), { timeoutMs: 30_000 });
      expect((await wb.squiggleCount('error')) === 0 && (await wb.squiggleCount('warning')) === 0, 'the example has no squiggles');
      ctx.note('Open Example Inquiry → "inquiry-example.x12" (X12, member TST1), code lens "Send inquiry to …", no squiggles');
      await wb.runCommand('View: Revert and Close Editor');
    },
  },
  {
    name: 'sign in to the local sandbox, send TST1 (approved) and TST3 (denied); the secret stays out of files',
    async run(ctx) {
      const { wb, sandbox } = ctx;
      await signIn(ctx, sandbox.clientSecret, `Signed in to the Local sandbox as ${sandbox.clientId}.`);
      const status = await waitFor('the status bar to say signed in', async () => {
        const text = await wb.statusText('prior-auth-tools.prior-auth-278.priorAuth.status');
        return text && /Local sandbox · signed in · token \d+ min/.test(text) ? text : undefined;
      });
      ctx.note(`Sign In (${sandbox.clientId} / its secret) → "Signed in to the Local sandbox as ${sandbox.clientId}."; status bar "${status}"`);

      await openInquiry(wb);
      await replaceMemberIdDigit(wb, '1');
      const approved = await send(wb, /A062583941 — HTTP 200/);
      expect(/^Approved/.test(approved), `TST1 is approved: ${approved}`);
      ctx.note(`TST1 → notification "${approved}"`);
      const [, x12Tab] = await responseBeside(ctx, INQUIRY);
      const lenses = await responseLenses(ctx, x12Tab, /^Approved.*A062583941/);
      ctx.note(`code lens on ${x12Tab}: "${lenses.join(' | ').slice(0, 140)}"`);

      await wb.openFile(INQUIRY);
      await replaceMemberIdDigit(wb, '3');
      const denied = await send(wb, /A060795810 — HTTP 200/);
      expect(/^Denied/.test(denied), `TST3 is denied: ${denied}`);
      ctx.note(`TST3 → notification "${denied}"`);
      await responseBeside(ctx, INQUIRY);
      const deniedLenses = await responseLenses(ctx, x12Tab, /^Denied.*A060795810/);
      ctx.note(`the same response tabs are reused; code lens now "${deniedLenses[0]}"`);
      expect(sandbox.stats().tokensIssued >= 1, 'the sandbox issued a token for the signed-in client');

      // The secret is nowhere in the profile, the extensions folder, the browser profile, HOME/XDG or the logs.
      const { hits, scanned } = filesContaining(ctx.run.root, sandbox.clientSecret);
      expect(scanned > 50, `the secret search read the run's files (${scanned})`);
      // The search does reach the extension's log: the client ID (not secret) is logged at sign-in.
      const logged = filesContaining(ctx.run.root, `Signed in to the Local sandbox as ${sandbox.clientId}`).hits;
      expect(logged.some((p) => p.endsWith('Prior Auth.log')), `the Prior Auth log is among the files searched (${logged.join(', ') || 'none'})`);
      expect(hits.length === 0, `the secret appears in ${hits.join(', ')}`);
      const settings = readFileSync(join(ctx.run.dirs.userData, 'User', 'settings.json'), 'utf8');
      expect(!settings.includes(sandbox.clientSecret), 'the secret is not in settings.json');
      ctx.note(`the secret is in none of the ${scanned} files under the run's folder (profile, extensions, browser profile, HOME/XDG, logs); the Prior Auth log, which is among them, has the sign-in line`);
    },
  },
  {
    name: 'send a JSON submission for 278_217_04_A4: pended, shown beside',
    async run(ctx) {
      const { wb } = ctx;
      const request = 'submission-pended.submission.json';
      await ensureSignedIn(ctx);
      await wb.openFile(request);
      await waitFor('JSON with Prior Auth\'s send lens', async () => (await wb.codeLenses()).some((l) => /Send submission to the Local sandbox/.test(l)));
      ctx.note('the JSON request shows the code lens "Send submission to the Local sandbox"');
      const pended = await send(wb, /— HTTP 200/);
      expect(/^Pended/.test(pended), `the submission is pended: ${pended}`);
      ctx.note(`notification "${pended}"`);
      const [jsonTab, x12Tab] = await responseBeside(ctx, request);
      const lenses = await responseLenses(ctx, x12Tab, /^Pended/);
      ctx.note(`code lens on ${x12Tab}: "${lenses[0]}"; ${jsonTab} beside it`);
      // The response is X12 for the language server too: hover reads the decision, and it has no errors.
      await wb.page.locator(`.tabs-container .tab[data-resource-name="${x12Tab}"]`).click();
      await wb.waitActiveTab(x12Tab);
      const hcr = await waitFor('the HCR segment in the response', async () => (await wb.visibleLines()).find((l) => l.text.startsWith('HCR*')));
      const decision = await wb.hoverAt(hcr.line, 5, /A4/, { length: 2 });
      expect(/pended/i.test(decision), `the hover on HCR01 reads the decision: ${decision.slice(0, 200)}`);
      ctx.note(`hover on the response's HCR01 "A4": "${decision.replace(/\s+/g, ' ').slice(0, 100)}…"`);
      await wb.hideHover();
      expect((await wb.squiggleCount('error')) === 0, 'no error squiggles in the X12 response');
      const rows = await wb.problemsEntries();
      const own = rows.filter((r) => r.includes(x12Tab));
      expect(own.length === 0, `no Problems entries for ${x12Tab}: ${rows.slice(0, 3).join(' | ')}`);
      ctx.note(`no error squiggles or Problems entries on ${x12Tab}`);
    },
  },
  {
    name: 'wrong credentials, sandbox stopped, cancelled request: clear messages, editor keeps working',
    async run(ctx) {
      const { wb, sandbox } = ctx;
      // Wrong credentials: signing in checks them at once.
      const refused = await signIn(ctx, 'not-the-secret', /refused to sign in/);
      expect(refused.includes(`client ID ${sandbox.clientId} (HTTP 401)`) && /Check the client ID and secret/.test(refused), `wrong credentials message: ${refused}`);
      const STATUS = 'prior-auth-tools.prior-auth-278.priorAuth.status';
      const refusedStatus = await waitFor('the status bar to say the sign-in was refused', async () => {
        const text = await wb.statusText(STATUS);
        return text && /Local sandbox · sign-in refused/.test(text) ? text : undefined;
      });
      ctx.note(`wrong secret → "${refused.slice(0, 120)}…"; status bar then: "${refusedStatus}"`);
      await editorStillWorks(ctx, 'wrong credentials');
      await ensureSignedIn(ctx);
      await waitFor('the status bar to say signed in again', async () => /Local sandbox · signed in · token \d+ min/.test((await wb.statusText(STATUS)) ?? ''));

      // The sandbox stopped.
      await sandbox.stop();
      await openInquiry(wb);
      const stopped = await send(wb, /Nothing is listening/);
      expect(stopped.includes(`Nothing is listening at 127.0.0.1:${sandbox.port}.`) && /Start the local sandbox/.test(stopped), `sandbox stopped message: ${stopped}`);
      ctx.note(`sandbox stopped → "${stopped}"`);
      await editorStillWorks(ctx, 'the sandbox stopped');

      // A request that never gets an answer, cancelled from the progress notification.
      const held = [];
      const silent = createServer((req) => held.push(req));
      await new Promise((resolve, reject) => silent.once('error', reject).listen(sandbox.port, '127.0.0.1', resolve));
      try {
        await wb.clearNotifications();
        await wb.runCommand('Prior Auth: Send');
        const progress = await wb.waitToast(/Sending inquiry to the Local sandbox/);
        await waitFor('the request to reach the silent server', () => held.length > 0);
        ctx.note(`progress notification "${progress}" while the server holds ${held.map((r) => `${r.method} ${r.url}`).join(', ')}`);
        await wb.clickToastButton(/Sending inquiry to the Local sandbox/, 'Cancel');
        const cancelled = await wb.waitToast('The request was cancelled.');
        ctx.note(`Cancel → "${cancelled}"`);
        await waitFor('the progress notification to close', async () => !(await wb.toasts()).some((t) => t.includes('Sending inquiry')));
      } finally {
        silent.closeAllConnections();
        await new Promise((resolve) => silent.close(resolve));
      }
      await editorStillWorks(ctx, 'the cancelled request');
      await sandbox.restart();
      const again = await send(wb, /— HTTP 200/);
      ctx.note(`sandbox back on the same port: sending works again ("${again}")`);
    },
  },
  {
    name: 'Sign Out, Start Local Sandbox: the local environment signs in by itself',
    async run(ctx) {
      const { wb } = ctx;
      await wb.clearNotifications();
      await wb.runCommand('Prior Auth: Sign Out');
      await wb.waitToast('Signed out of the Local sandbox; its credentials and token are forgotten.');
      ctx.state.signedIn = false;
      await wb.runCommand('Prior Auth: Start Local Sandbox');
      const started = await wb.waitToast(/Local sandbox running at http:\/\/127\.0\.0\.1:\d+/);
      ctx.note(`"${started}"`);
      await openInquiry(wb);
      await replaceMemberIdDigit(wb, '1');
      const approved = await send(wb, /A062583941 — HTTP 200/);
      ctx.note(`no sign-in: TST1 → "${approved}"`);
      await wb.runCommand('Prior Auth: Stop Local Sandbox');
      await wb.waitToast('Local sandbox stopped.');
      ctx.note('Stop Local Sandbox → "Local sandbox stopped."');
    },
  },
  {
    name: 'open a PAS request bundle: profile hover, no problems; a misspelt code: squiggle and Problems entry',
    async run(ctx) {
      const { wb, page } = ctx;
      await openJson(wb, PAS_REQUEST);
      // The language server has read the bundle when the hover names the element from the PAS Claim profile.
      const status = positionIn(PAS_REQUEST, '"status": "active"', 1);
      const hover = await wb.hoverAt(status.line, status.column, 'Claim.status', { length: 6, timeoutMs: 60_000 });
      expect(/profile-claim/.test(hover) && /1\.\.1/.test(hover), `the hover gives the profile and cardinality: ${hover.slice(0, 300)}`);
      ctx.note(`hover on "status": "${hover.replace(/\s+/g, ' ').slice(0, 110)}…"`);
      await wb.hideHover();
      expect((await wb.squiggleCount('error')) === 0, 'no error squiggles in the request bundle');
      expect((await wb.problemCounts()).errors === 0, 'the status bar counts no errors');
      ctx.note('no error squiggles; status bar Problems: 0 errors');
      // "preauthorization" → "preauthorisation": not a code of Claim.use's required value set.
      const use = positionIn(PAS_REQUEST, '"preauthorization"', 11);
      await wb.goTo(use.line, use.column);
      await page.keyboard.press('Shift+ArrowRight');
      await wb.type('s');
      await waitFor('the misspelt code in the editor', async () => (await wb.lineText(use.line))?.includes('"preauthorisation"'));
      await waitFor('an error squiggle', async () => (await wb.squiggleCount('error')) > 0, { timeoutMs: 30_000 });
      const entries = await waitFor('a Problems entry for the misspelt code', async () => {
        const rows = await wb.problemsEntries();
        return rows.some((r) => USE_PROBLEM.test(r)) ? rows : undefined;
      });
      ctx.note(`Problems view: "${entries.find((r) => USE_PROBLEM.test(r)).slice(0, 140)}…"`);
      await page.keyboard.press('Control+Z');
      await waitFor('the squiggle to go after undo', async () => (await wb.squiggleCount('error')) === 0, { timeoutMs: 30_000 });
      ctx.note('undo: the code reads "preauthorization" again and the squiggle goes');
    },
  },
  {
    name: 'hover on a reviewActionCode in a PAS response (known by its meta.profile): the decision in words',
    async run(ctx) {
      const { wb } = ctx;
      await openJson(wb, PAS_RESPONSE);
      const code = positionIn(PAS_RESPONSE, '"code": "A1"', 9);
      const hover = await wb.hoverAt(code.line, code.column, 'A1 — approved (certified in total)', { length: 2, timeoutMs: 60_000 });
      expect(/authorization number/.test(hover), `the hover gives the authorization number: ${hover.slice(0, 300)}`);
      ctx.note(`hover on "A1": "${hover.replace(/\s+/g, ' ').slice(0, 160)}…"`);
      await wb.hideHover();
      expect((await wb.squiggleCount('error')) === 0, 'no error squiggles in the response bundle');
    },
  },
];
