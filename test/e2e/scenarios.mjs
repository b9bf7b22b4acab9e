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
 * @property {{ url: string, clientId: string, clientSecret: string, port: number, stop(): Promise<void>, restart(): Promise<void>, stats(): {tokensIssued: number, requests: number}, pasBaseUrl(): string, pasStats(): {activeSubscriptions: number, notificationsSent: number} }} sandbox
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

const DECISION_PREFIX = 'Decision · ';

/** The frame of the decision view of `request` (webviews are nested iframes), or undefined while it is not shown. */
async function decisionFrame(page, request) {
  for (const frame of page.frames()) {
    const label = await frame.locator('main[aria-label]').first().getAttribute('aria-label', { timeout: 200 }).catch(() => undefined);
    if (label === `Decision for ${request}`) return frame;
  }
  return undefined;
}

/**
 * Waits for the decision view of `request` to show a badge matching `badge` and returns what it shows. Checks that
 * it is one tab, beside the request (another group), and that no response tabs opened by themselves.
 */
async function decisionView(ctx, request, badge, { requestOpen = true } = {}) {
  const { wb, page } = ctx;
  const shown = await waitFor(`the decision view of ${request} with a ${badge} badge`, async () => {
    const frame = await decisionFrame(page, request);
    if (!frame) return undefined;
    const text = await frame.locator('#badge').textContent({ timeout: 500 }).catch(() => undefined);
    if (!text || !(badge instanceof RegExp ? badge.test(text) : text === badge)) return undefined;
    const fields = await frame.locator('.field').evaluateAll((fs) => Object.fromEntries(fs.map((f) => [f.querySelector('dt')?.textContent ?? '', f.querySelector('dd')?.textContent ?? ''])));
    const rows = await frame.locator('tbody tr').evaluateAll((rs) => rs.map((r) => (r.textContent ?? '').replace(/\s+/g, ' ').trim()));
    const rejections = await frame.locator('.rejection').allTextContents();
    return { frame, badge: text, headline: (await frame.locator('#headline').textContent()) ?? '', fields, rows, rejections };
  }, { timeoutMs: 30_000 });
  const tabs = await wb.tabs();
  const panels = tabs.filter((t) => t.label === DECISION_PREFIX + request);
  expect(panels.length === 1, `one decision view for ${request}: ${JSON.stringify(tabs.map((t) => t.label))}`);
  if (requestOpen) {
    const requestTab = tabs.find((t) => t.label === request);
    expect(requestTab, `the request tab ${request} is still open`);
    expect(panels[0].group !== requestTab.group, `the decision view is beside the request (group ${panels[0].group}), not in its group (${requestTab.group})`);
  }
  expect(!tabs.some((t) => /\.response\.(x12|json)$/.test(t.label)), `no response tabs open by themselves: ${tabs.map((t) => t.label).join(', ')}`);
  return { ...shown, groups: new Set(tabs.map((t) => t.group)).size };
}

/** Clicks a button of the decision view of `request`. */
async function clickInDecision(ctx, request, button) {
  const frame = await waitFor(`the decision view of ${request}`, () => decisionFrame(ctx.page, request));
  await frame.locator('button', { hasText: button }).first().click();
}

/** A screenshot of the decision view's area (the webview's box) under test-results/e2e/. */
async function shootDecision(ctx, request, name) {
  const { page } = ctx;
  const box = await waitFor('the decision view on screen', async () => {
    const target = await decisionFrame(page, request);
    if (!target) return undefined;
    for (const handle of await page.locator('iframe.webview').elementHandles()) {
      const outer = await handle.contentFrame();
      if (!outer || !(outer === target || outer.childFrames().includes(target))) continue;
      const b = await handle.boundingBox();
      if (b && b.width > 100 && b.height > 100) return b;
    }
    return undefined;
  });
  const path = join(REPO, 'test-results', 'e2e', `decision-${name}.png`);
  await page.screenshot({ path, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 620) } });
  return path.slice(REPO.length + 1);
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
      await waitFor('SE01 to read 25', async () => (await wb.lineText(LINE.se)) === 'SE*25*0001~');
      await waitFor('an error squiggle', async () => (await wb.squiggleCount('error')) > 0);
      ctx.note('an error squiggle appears under SE01');
      const entries = await waitFor('a Problems entry for SE01', async () => {
        const rows = await wb.problemsEntries();
        return rows.some((r) => /SE01 is 25, but the transaction set has 24 segments/.test(r)) ? rows : undefined;
      });
      ctx.note(`Problems view: "${entries.find((r) => r.includes('SE01')).slice(0, 110)}…"`);
      await wb.goTo(LINE.se, 4);
      await wb.quickFix('Change SE01 to 24');
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
      // A required field taken away: one problem, the 278 rule naming the field; the schema adds no "Missing property".
      const member = await waitFor('the memberId line', async () => (await wb.visibleLines()).find((l) => /"memberId": "TST2"/.test(l.text)));
      await wb.goTo(member.line, 1);
      await page.keyboard.press('Control+Shift+K');
      await waitFor('the memberId line deleted', async () => !/"memberId"/.test((await wb.lineText(member.line)) ?? ''));
      const withoutMember = await waitFor('a Problems entry for the missing memberId', async () => {
        const rows = await wb.problemsEntries();
        return rows.some((r) => /subscriber\.memberId is missing/.test(r)) ? rows : undefined;
      }, { timeoutMs: 30_000 });
      const aboutMember = withoutMember.filter((r) => /memberId|NM10[89]|Missing property/.test(r));
      expect(aboutMember.length === 1, `one problem for the missing memberId: ${aboutMember.join(' | ')}`);
      ctx.note(`memberId deleted → one Problems entry: "${aboutMember[0].slice(0, 110)}…"`);
      await wb.goTo(member.line, 1);
      await page.keyboard.press('Control+Z');
      await waitFor('the memberId line back', async () => /"memberId": "TST2"/.test((await wb.lineText(member.line)) ?? ''));
      // Miscased: "MemberId" is one problem ("Did you mean …?", not also the schema's "not allowed" or NM109's
      // "required"), and its quick fix renames it back.
      const nameColumn = member.text.indexOf('"memberId"') + 2;
      await wb.goTo(member.line, nameColumn);
      await page.keyboard.press('Shift+ArrowRight');
      await wb.type('M');
      await waitFor('"MemberId" in place', async () => /"MemberId": "TST2"/.test((await wb.lineText(member.line)) ?? ''));
      const miscased = await waitFor('a Problems entry for "MemberId"', async () => {
        const rows = await wb.problemsEntries();
        return rows.some((r) => /Did you mean "memberId"/.test(r)) ? rows : undefined;
      }, { timeoutMs: 30_000 });
      const aboutName = miscased.filter((r) => /MemberId|memberId|NM10[89]|not allowed/.test(r));
      expect(aboutName.length === 1, `one problem for the miscased name: ${aboutName.join(' | ')}`);
      await wb.goTo(member.line, nameColumn);
      await wb.quickFix('Rename to "memberId"');
      await waitFor('"memberId" renamed back', async () => /"memberId": "TST2"/.test((await wb.lineText(member.line)) ?? ''));
      ctx.note(`"MemberId" → one Problems entry "${aboutName[0].slice(0, 90)}…"; quick fix "Rename to "memberId"" applied`);
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
      const first = await decisionView(ctx, INQUIRY, 'Certified');
      expect(first.fields.Authorization === 'A062583941', `the authorization number: ${JSON.stringify(first.fields)}`);
      expect(first.fields['HTTP status'] === '200' && first.fields.Environment === 'Local sandbox' && /^Root=/.test(first.fields['Trace ID'] ?? ''), `status, environment, trace ID: ${JSON.stringify(first.fields)}`);
      expect(/^\d{4}-\d{2}-\d{2}$/.test(first.fields.Issued ?? '') && /–/.test(first.fields.Effective ?? '') && first.fields.Expires, `certification dates: ${JSON.stringify(first.fields)}`);
      expect(first.rows.some((r) => /HC 70488.*A1.*approved/.test(r)), `a row per service line: ${first.rows.join(' | ')}`);
      ctx.note(`decision view "${DECISION_PREFIX}${INQUIRY}" beside the request: badge "${first.badge}", ${Object.entries(first.fields).map(([k, v]) => `${k} ${v}`).join(', ')}; rows: ${first.rows.join(' | ')}`);

      // Its X12 body opens as a read-only document in the decision view's group; hover and code lens work there.
      await clickInDecision(ctx, INQUIRY, 'Open as X12 document');
      const x12Tab = `${INQUIRY.replace(/\.x12$/, '')}.response.x12`;
      await wb.waitActiveTab(x12Tab);
      const lenses = await responseLenses(ctx, x12Tab, /^Approved.*A062583941/);
      ctx.note(`"Open as X12 document" → ${x12Tab}, code lens "${lenses.join(' | ').slice(0, 120)}"`);
      const groupsAfterFirst = new Set((await wb.tabs()).map((t) => t.group)).size;

      await wb.page.locator(`.tabs-container .tab[data-resource-name="${INQUIRY}"]`).click();
      await wb.waitActiveTab(INQUIRY);
      await replaceMemberIdDigit(wb, '3');
      const denied = await send(wb, /A060795810 — HTTP 200/);
      expect(/^Denied/.test(denied), `TST3 is denied: ${denied}`);
      ctx.note(`TST3 → notification "${denied}"`);
      const second = await waitFor('the same decision view to say Denied', async () => {
        const frame = await decisionFrame(wb.page, INQUIRY);
        return (await frame?.locator('#badge').textContent().catch(() => '')) === 'Denied' ? frame : undefined;
      });
      const tabs = await wb.tabs();
      expect(tabs.filter((t) => t.label === DECISION_PREFIX + INQUIRY).length === 1, `the re-send updated the one decision view: ${tabs.map((t) => t.label).join(', ')}`);
      expect(new Set(tabs.map((t) => t.group)).size === groupsAfterFirst, `no new editor group (${groupsAfterFirst} before)`);
      expect((await second.locator('.field', { hasText: 'Authorization' }).textContent()).includes('A060795810'), 'the denial\'s authorization number');
      // The X12 document opened from the view is still there, behind the view, with the new answer.
      await wb.page.locator(`.tabs-container .tab[data-resource-name="${x12Tab}"]`).click();
      await wb.waitActiveTab(x12Tab);
      const deniedLenses = await responseLenses(ctx, x12Tab, /^Denied.*A060795810/);
      ctx.note(`re-send: the same decision view (one tab, ${groupsAfterFirst} groups) now says "Denied", A060795810; the open ${x12Tab} follows: "${deniedLenses[0]}"`);
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
      // The answers stay in memory: no file holds the denial's HCR segment (its X12 and its JSON body both carry it),
      // though the decision view and an open response document show it.
      const answer = filesContaining(ctx.run.root, 'HCR*A3*A060795810');
      expect(answer.hits.length === 0, `the response body was written to ${answer.hits.join(', ')}`);
      ctx.note(`the response bodies (HCR*A3*A060795810) are in none of the ${answer.scanned} files: kept in memory only`);
    },
  },
  {
    name: 'send a JSON submission for 278_217_04_A4: pended, shown beside',
    async run(ctx) {
      const { wb } = ctx;
      const request = 'submission-pended.submission.json';
      await ensureSignedIn(ctx);
      await wb.openFile(request);
      await waitFor('JSON with Prior Auth\'s send lens', async () => (await wb.codeLenses()).some((l) => /Send submission to Local sandbox/.test(l)));
      ctx.note('the JSON request shows the code lens "Send submission to Local sandbox"');
      const pended = await send(wb, /— HTTP 200/);
      expect(/^Pended/.test(pended), `the submission is pended: ${pended}`);
      ctx.note(`notification "${pended}"`);
      const view = await decisionView(ctx, request, 'Pended');
      ctx.note(`decision view: badge "${view.badge}", "${view.headline}"; rows: ${view.rows.join(' | ')}`);
      await clickInDecision(ctx, request, 'Open as X12 document');
      const x12Tab = 'submission-pended.submission.response.x12';
      await wb.waitActiveTab(x12Tab);
      // Quick Open right after the view opened the document (a click in the webview last had the focus): the picked
      // file becomes the active tab, and the response document is one click away again.
      await wb.openFile(request);
      await wb.openFile(x12Tab);
      ctx.note(`Quick Open "${request}" right after "Open as X12 document" → its tab is active; Quick Open "${x12Tab}" → back to it`);
      const lenses = await responseLenses(ctx, x12Tab, /^Pended/);
      ctx.note(`code lens on ${x12Tab}: "${lenses[0]}"`);
      // The response is X12 for the language server too: hover reads the decision, and it has no errors.
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
    name: 'Sign Out, nothing listening: Start Local Sandbox from the error, the send resumes there; Stop restores the URL',
    async run(ctx) {
      const { wb } = ctx;
      await wb.clearNotifications();
      await wb.runCommand('Prior Auth: Sign Out');
      await wb.waitToast('Signed out of the Local sandbox; its credentials and token are forgotten.');
      ctx.state.signedIn = false;
      // Nothing listens at the local URL: the error's "Start Local Sandbox" starts the extension's own sandbox (which
      // needs no sign-in), and the send that failed goes out again by itself.
      await ctx.sandbox.stop();
      // Whatever happens below, the extension's sandbox is stopped again (which puts the harness's URL back), so a
      // failure here does not leave the later scenarios talking to it.
      let ownSandbox = false;
      let stopped;
      try {
        await openInquiry(wb);
        await replaceMemberIdDigit(wb, '1');
        const nothing = await send(wb, /Nothing is listening/);
        ownSandbox = true;
        await wb.clickToastButton(/Nothing is listening/, 'Start Local Sandbox');
        const started = await wb.waitToast(/Local sandbox running at http:\/\/127\.0\.0\.1:\d+/);
        const approved = await wb.waitToast(/A062583941 — HTTP 200/);
        const view = await decisionView(ctx, INQUIRY, 'Certified');
        expect(view.fields.Authorization === 'A062583941', `the resumed send's answer (TST1): ${JSON.stringify(view.fields)}`);
        ctx.note(`send with nothing listening → "${nothing.slice(0, 70)}…"; its "Start Local Sandbox" → "${started}", then the send resumed: "${approved}", decision view "${view.badge}"`);
      } finally {
        await ctx.sandbox.restart();
        if (ownSandbox) {
          await wb.runCommand('Prior Auth: Stop Local Sandbox');
          stopped = await wb.waitToast(/^(Local sandbox stopped\.|No local sandbox is running)/);
        }
      }
      expect(stopped.includes(`The local environment's URL is back to ${ctx.sandbox.url}.`), `Stop Local Sandbox restores the URL it replaced: ${stopped}`);
      const settingsFile = join(ctx.run.dirs.userData, 'User', 'settings.json');
      await waitFor('settings.json to have the harness\'s sandbox URL again', () => readFileSync(settingsFile, 'utf8').includes(`"priorAuth.local.url": "${ctx.sandbox.url}"`));
      ctx.note(`Stop Local Sandbox → "${stopped}"; settings.json has priorAuth.local.url ${ctx.sandbox.url} again`);
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
  {
    name: 'PAS sign-in: a generated key registered with the local payer, a pasted key, sign-out; the status bar follows; no key in files',
    async run(ctx) {
      const { wb, sandbox } = ctx;
      const pasStatus = (pattern) =>
        waitFor(`the status bar to match ${pattern}`, async () => {
          const text = await wb.statusText('prior-auth-tools.prior-auth-278.priorAuth.status');
          return text && pattern.test(text) ? text : undefined;
        });
      await wb.clearNotifications();
      await openJson(wb, PAS_REQUEST);
      const open = await pasStatus(/^PAS local payer · /);
      ctx.note(`${PAS_REQUEST} active → status bar "${open}"`);

      await wb.runCommand('Prior Auth: Generate PAS Key Pair');
      await wb.pickQuickItem('ES384');
      const offer = await wb.waitToast(/New ES384 key \(kid [\w-]+\) for the local PAS payer; its public JWKS is open\. Register it/);
      const jwksTab = await waitFor('the public JWKS in an untitled tab', async () => (await wb.tabs()).find((t) => t.active && /^Untitled-\d+$/.test(t.label)));
      const jwksText = await waitFor('the public JWKS text', async () => {
        const text = (await wb.visibleLines()).map((l) => l.text).join('\n');
        return /"crv"/.test(text) ? text : undefined;
      });
      expect(/"keys"/.test(jwksText) && /"crv": "P-384"/.test(jwksText) && !/"d":/.test(jwksText), `the untitled document holds the public JWKS only: ${jwksText.slice(0, 200)}`);
      await wb.clickToastButton(/Register it with the local payer/, 'Register with Local Payer');
      const signedIn = await wb.waitToast(/^Signed in to the local PAS payer as local-client \(SMART Backend Services; token for \d+ min\)\./);
      ctx.note(`Generate PAS Key Pair → ES384 → "${offer.slice(0, 90)}…"; ${jwksTab.label} shows the public JWKS; Register with Local Payer → "${signedIn}"`);
      await wb.runCommand('View: Revert and Close Editor');
      await openJson(wb, PAS_REQUEST);
      const afterToken = await pasStatus(/^PAS local payer · signed in · token \d+ min$/);
      ctx.note(`status bar "${afterToken}"`);

      // A key of its own, pasted as a private JWK: stored in SecretStorage, registered with the local payer, never in a file.
      const { generateKeyPairSync } = await import('node:crypto');
      const jwk = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'jwk' });
      await wb.clearNotifications();
      await wb.runCommand('Prior Auth: Sign In to PAS Payer');
      await wb.pickQuickItem('Use a Private Key');
      await wb.pickQuickItem('Paste a Private Key');
      await wb.answerInputBox({ title: 'Sign in to the PAS payer: paste the private key', text: JSON.stringify(jwk) });
      const pasted = await wb.waitToast(/^Signed in to the local PAS payer as local-client/);
      ctx.note(`Sign In to PAS Payer → Use a Private Key → Paste a Private Key (a P-384 JWK) → "${pasted}"`);
      const { hits, scanned } = filesContaining(ctx.run.root, jwk.d);
      expect(hits.length === 0, `the private key is in no file: ${hits.join(', ')}`);
      ctx.note(`the private key's "d" is in none of the ${scanned} files under the run's folders (settings, logs, storage)`);

      await wb.runCommand('Prior Auth: Sign Out of PAS Payer');
      const out = await wb.waitToast('Signed out of the local PAS payer; its private key and token are forgotten.');
      const signedOut = await pasStatus(/^PAS local payer · signed out$/);
      ctx.note(`Sign Out of PAS Payer → "${out}"; status bar "${signedOut}"`);
      // Back to what the harness started with: the local payer without a token.
      await wb.runCommand('Prior Auth: Sign In to PAS Payer');
      await wb.pickQuickItem('No Token');
      await wb.waitToast(/^The local PAS payer takes requests without a token/);
      const none = await pasStatus(/^PAS local payer · no sign-in needed$/);
      ctx.note(`Sign In to PAS Payer → No Token → status bar "${none}" (sandbox ${sandbox.url}/fhir)`);
    },
  },
  {
    name: 'PAS environments: add a production payer (http off loopback refused), sign in with its secret; the status bar warns; back to local',
    async run(ctx) {
      const { wb, page, sandbox } = ctx;
      const item = 'prior-auth-tools.prior-auth-278.priorAuth.status';
      const pasStatus = (pattern) =>
        waitFor(`the status bar to match ${pattern}`, async () => {
          const text = await wb.statusText(item);
          return text && pattern.test(text) ? text : undefined;
        });
      await wb.clearNotifications();
      await openJson(wb, PAS_REQUEST);
      await wb.runCommand('Prior Auth: Select PAS Environment');
      await wb.pickQuickItem('Add a PAS Payer…');
      await wb.answerInputBox({ title: 'Add a PAS payer (1/4): name', text: 'Acme production' });
      await waitFor('the base URL input box', async () => ((await page.locator('.quick-input-widget .quick-input-title').textContent().catch(() => '')) ?? '').includes('(2/4)'));
      await page.locator('.quick-input-widget .quick-input-box input').fill('http://pas.acme.example/fhir');
      const refusal = await waitFor('the input box to refuse plain http', async () => {
        const text = await page.locator('.quick-input-widget .quick-input-message').textContent().catch(() => '');
        return text && /Plain http is refused for pas\.acme\.example/.test(text) ? text : undefined;
      });
      await page.keyboard.press('Enter');
      expect(((await page.locator('.quick-input-widget .quick-input-title').textContent()) ?? '').includes('(2/4)'), 'Enter does not accept a refused URL');
      ctx.note(`Add a PAS Payer… → "Acme production" → http://pas.acme.example/fhir: "${refusal.trim()}"`);
      await wb.answerInputBox({ title: 'Add a PAS payer (2/4): FHIR base URL', text: `${sandbox.url}/fhir` });
      await wb.pickQuickItem('Client Secret');
      await wb.pickQuickItem('Production');
      await wb.clickToastButton(/PAS requests now go to the PAS payer "Acme production"\. Sign in to send them\./, 'Sign In to PAS Payer');
      await wb.answerInputBox({ title: 'Sign in to the PAS payer: client ID', text: sandbox.clientId });
      await wb.answerInputBox({ title: 'Sign in to the PAS payer: client secret', text: sandbox.clientSecret });
      const signedIn = await wb.waitToast(`Signed in to the PAS payer "Acme production" as ${sandbox.clientId} (client secret; token for`);
      const status = await pasStatus(/^PAS PRODUCTION Acme production · signed in · token \d+ min$/);
      const looks = await page.locator(`#${item.replace(/\./g, '\\.')}`).first().evaluate((el) => ({ classes: el.className, background: getComputedStyle(el).backgroundColor }));
      const plain = await page.locator('#status\\.editor\\.mode').first().evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(looks.background !== plain && looks.background !== 'rgba(0, 0, 0, 0)', `the production item stands out: ${JSON.stringify(looks)} vs ${plain}`);
      ctx.note(`→ client ID and secret → "${signedIn}"; status bar "${status}" on ${looks.background} (other items ${plain})`);
      const settings = readFileSync(join(ctx.run.dirs.userData, 'User', 'settings.json'), 'utf8');
      expect(settings.includes('"name": "Acme production"') && settings.includes(`"clientId": "${sandbox.clientId}"`) && !settings.includes(sandbox.clientSecret), 'settings.json has the payer and its client ID, not the secret');
      const { hits } = filesContaining(ctx.run.root, sandbox.clientSecret);
      expect(hits.length === 0, `the secret is in no file: ${hits.join(', ')}`);
      ctx.note('settings.json: the payer with its client ID; the secret is in no file');

      await wb.runCommand('Prior Auth: Select PAS Environment');
      await wb.pickQuickItem('Local PAS payer');
      const local = await pasStatus(/^PAS local payer · no sign-in needed$/);
      ctx.note(`Select PAS Environment → Local PAS payer → status bar "${local}"`);
    },
  },
];

/** Presses Send's keybinding (Ctrl+Alt+R) in the active editor. */
async function pressSend(wb) {
  await wb.editor().click({ position: { x: 40, y: 5 } }).catch(() => {});
  await wb.page.keyboard.press('Control+Alt+R');
}

const DIALOG = '.monaco-dialog-box';

/** The modal dialog's message, its buttons and the one that has focus (what Enter presses). */
async function modalDialog(page) {
  return waitFor('a modal dialog', async () => {
    const box = page.locator(DIALOG);
    if (!(await box.isVisible().catch(() => false))) return undefined;
    return box.evaluate((b) => ({
      message: (b.querySelector('.dialog-message-text')?.textContent ?? '').trim(),
      detail: (b.querySelector('.dialog-message-detail')?.textContent ?? '').trim(),
      buttons: [...b.querySelectorAll('.dialog-buttons .monaco-button')].map((x) => (x.textContent ?? '').trim()),
      focused: (b.contains(document.activeElement) ? document.activeElement?.textContent ?? '' : '').trim(),
    }));
  });
}

/** The Prior Auth log's text (the extension's LogOutputChannel file under the run's folder). */
async function priorAuthLog(ctx, mustContain) {
  return waitFor(`the Prior Auth log with "${mustContain}"`, () => {
    const file = filesContaining(ctx.run.root, mustContain).hits.find((p) => p.endsWith('Prior Auth.log'));
    return file ? readFileSync(file, 'utf8') : undefined;
  });
}

const STATUS_ITEM = 'prior-auth-tools.prior-auth-278.priorAuth.status';

SCENARIOS.push(
  {
    name: 'Request History: a pick shows its decision in the same view; re-send; the sent body',
    async run(ctx) {
      const { wb, sandbox } = ctx;
      await ensureSignedIn(ctx);
      await openInquiry(wb);
      await replaceMemberIdDigit(wb, '1');
      await send(wb, /A062583941 — HTTP 200/);
      await decisionView(ctx, INQUIRY, 'Certified');
      await wb.openFile(INQUIRY);
      await replaceMemberIdDigit(wb, '4');
      await send(wb, /A064331704 — HTTP 200/);
      const pended = await decisionView(ctx, INQUIRY, 'Pended');
      ctx.note(`sent TST1 (Certified) then TST4 (Pended) from ${INQUIRY}; ${pended.groups} editor groups`);

      // Ctrl+Alt+H opens the history; the TST1 answer is picked by its authorization number.
      await wb.openFile(INQUIRY);
      await wb.page.keyboard.press('Control+Alt+H');
      await wb.waitQuickInput();
      const historyInput = wb.page.locator('.quick-input-widget .quick-input-box input[placeholder^="Requests sent in this session"]');
      await waitFor('the history\'s filter to take the text', async () => {
        await historyInput.fill('A062583941', { timeout: 2000 }).catch(() => {});
        return (await historyInput.inputValue({ timeout: 1000 }).catch(() => '')) === 'A062583941';
      });
      await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: 10_000 });
      const rows = await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allTextContents();
      await wb.page.keyboard.press('Enter');
      await wb.waitQuickInputClosed();
      const picked = await decisionView(ctx, INQUIRY, 'Certified');
      expect(picked.groups === pended.groups, `the history pick opened no new group (${picked.groups}, was ${pended.groups})`);
      ctx.note(`Ctrl+Alt+H, "A062583941" → ${rows.length} row(s) ("${rows[0].replace(/\s+/g, ' ').slice(0, 90)}…"); the pick shows "${picked.badge}" in the same decision view, ${picked.groups} groups`);

      // Re-send from the view: the same body again, the same view updated.
      const before = sandbox.stats().requests;
      await wb.clearNotifications();
      await clickInDecision(ctx, INQUIRY, 'Re-send');
      const again = await wb.waitToast(/A062583941 — HTTP 200/);
      expect(sandbox.stats().requests > before, 'the re-send reached the sandbox');
      // The view shows the new answer (its own trace ID) before anything else opens: its page being replaced can take
      // the focus, which would close a quick pick opened meanwhile.
      await waitFor('the decision view to show the re-sent answer', async () => {
        const view = await decisionView(ctx, INQUIRY, 'Certified');
        return view.fields['Trace ID'] && view.fields['Trace ID'] !== picked.fields['Trace ID'];
      });
      ctx.note(`"Re-send" in the view → "${again}", the same view`);

      // The sent body from the history's row button: TST1's X12, read-only, one segment per line. The focus goes back to
      // the request first (it is in the decision view after the click): a quick pick restores the focus it took when it
      // closes, and a webview taking it back can land after the new editor got it.
      await wb.openFile(INQUIRY);
      await wb.runCommand('Prior Auth: Show Request History');
      // The palette hands its input over to the history's quick pick: fill it once it is the history's.
      const input = wb.page.locator('.quick-input-widget .quick-input-box input[placeholder^="Requests sent in this session"]');
      await waitFor('the history\'s filter to take the text', async () => {
        await input.fill('A062583941', { timeout: 2000 }).catch(() => {});
        return (await input.inputValue({ timeout: 1000 }).catch(() => '')) === 'A062583941';
      });
      const row = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await wb.clickQuickPickRowButton(row, '.action-label.codicon-file-code');
      const sentTab = `${INQUIRY.replace(/\.x12$/, '')}.sent.x12`;
      await wb.waitActiveTab(sentTab);
      const lines = await waitFor('the sent body', async () => {
        const l = await wb.visibleLines(wb.editorOfTab(sentTab));
        return l.some((x) => x.text.includes('MI*TST1')) ? l : undefined;
      });
      ctx.note(`the row's "Open the body that was sent" → ${sentTab}: ${lines.length} lines, member TST1`);
    },
  },
  {
    name: '"Send anyway?" defaults to a safe answer (Enter sends nothing); Fix and Send',
    async run(ctx) {
      const { wb, page, sandbox } = ctx;
      await ensureSignedIn(ctx);
      await openInquiry(wb);
      await waitServerReady(wb, LINE.se, 'SE Transaction Set Trailer');
      await wb.goTo(LINE.se, 4);
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      await wb.type('25');
      await waitFor('an error squiggle', async () => (await wb.squiggleCount('error')) > 0);
      const before = sandbox.stats().requests;
      await pressSend(wb);
      const dialog = await modalDialog(page);
      expect(/^1 error in this file, each with a quick fix/.test(dialog.message), `the question: ${dialog.message}`);
      expect(dialog.buttons.includes('Fix and Send') && dialog.buttons.includes('Send Anyway'), `buttons: ${dialog.buttons.join(', ')}`);
      expect(dialog.focused === 'Show Problems', `the default button is the safe one: focused "${dialog.focused}" of ${dialog.buttons.join(', ')}`);
      ctx.note(`Ctrl+Alt+R on a file with a wrong SE01 → "${dialog.message}" [${dialog.buttons.join(' | ')}], default "${dialog.focused}"`);
      await page.keyboard.press('Enter');
      await page.locator(DIALOG).waitFor({ state: 'hidden', timeout: 10_000 });
      await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: 10_000 });
      expect(sandbox.stats().requests === before, 'Enter sent nothing');
      ctx.note('Enter → the Problems view opens; nothing reached the sandbox');

      await wb.clearNotifications();
      await pressSend(wb);
      await modalDialog(page);
      await page.locator(`${DIALOG} .dialog-buttons .monaco-button`, { hasText: 'Fix and Send' }).click();
      const sent = await wb.waitToast(/A062951774 — HTTP 200/);
      await waitFor('SE01 corrected to 24', async () => (await wb.lineText(LINE.se)) === 'SE*24*0001~');
      const view = await decisionView(ctx, INQUIRY, 'Certified');
      ctx.note(`"Fix and Send" → SE*24*0001~ and "${sent}"; decision view "${view.badge}"`);
    },
  },
  {
    name: 'a response file gets no Send; Send Submission on an inquiry asks first; the Send button and lens name production',
    async run(ctx) {
      const { wb, page, sandbox } = ctx;
      const response = 'inquiry-response-approved.x12';
      await wb.openFile(response);
      const lens = await waitFor('the response\'s code lens', async () => (await wb.codeLenses()).find((l) => /nothing to send/.test(l)), { timeoutMs: 30_000 });
      const titleSend = page.locator('.editor-group-container.active .editor-actions .action-label[aria-label^="Send to"]');
      expect((await titleSend.count()) === 0, 'no Send button in the title bar of a response');
      ctx.note(`${response}: code lens "${lens}", no Send button in the title bar`);
      const before = sandbox.stats().requests;
      await wb.clearNotifications();
      await wb.runCommand('Prior Auth: Send');
      const blocked = await wb.waitToast(/is a 278 response/);
      expect(/BHT02 is 49/.test(blocked) && !/Problems view/.test(blocked), `the message says why: ${blocked}`);
      ctx.note(`Prior Auth: Send → "${blocked}"`);

      await openInquiry(wb);
      const named = await waitFor('the title bar\'s Send button naming the environment', async () => {
        const l = page.locator('.editor-group-container.active .editor-actions .action-label[aria-label^="Send to"]');
        return (await l.count()) ? l.first().getAttribute('aria-label') : undefined;
      });
      expect(/^Send to Local Sandbox/.test(named), `the title bar button names the environment: ${named}`);
      const sendLens = await waitFor('the send lens', async () => (await wb.codeLenses()).find((l) => /^Send inquiry to Local sandbox/.test(l)));
      ctx.note(`${INQUIRY}: title bar button "${named}", code lens "${sendLens}"`);
      await wb.runCommand('Prior Auth: Send Submission');
      const dialog = await modalDialog(page);
      expect(dialog.message === 'This file is an 005010X215 inquiry (ST03), not a submission.', `the question: ${dialog.message}`);
      expect(dialog.focused === 'Send as Inquiry', `the default is the guide's endpoint: "${dialog.focused}" of ${dialog.buttons.join(', ')}`);
      ctx.note(`Send Submission on the inquiry → "${dialog.message}" [${dialog.buttons.join(' | ')}], default "${dialog.focused}"`);
      await page.keyboard.press('Escape');
      await page.locator(DIALOG).waitFor({ state: 'hidden', timeout: 10_000 });
      expect(sandbox.stats().requests === before, 'nothing reached the sandbox');
      ctx.note('Escape → nothing sent (the sandbox saw no request)');

      // In production the title-bar button and the code lens say where the request would go.
      await wb.runCommand('Prior Auth: Select Environment');
      await wb.pickQuickItem('Optum production');
      try {
        const productionButton = await waitFor('the title bar\'s Send button naming production', async () => {
          const l = page.locator('.editor-group-container.active .editor-actions .action-label[aria-label^="Send to Optum PRODUCTION"]');
          return (await l.count()) ? l.first().getAttribute('aria-label') : undefined;
        });
        const productionLens = await waitFor('the send lens naming production', async () => (await wb.codeLenses()).find((l) => /Send inquiry to Optum PRODUCTION \(real patients\)/.test(l)));
        ctx.note(`Optum production selected: title bar button "${productionButton}", code lens "${productionLens}"`);
      } finally {
        await wb.clearNotifications();
        await wb.runCommand('Prior Auth: Select Environment');
        await wb.pickQuickItem('Local sandbox');
      }
      await waitFor('the send lens back on the local sandbox', async () => (await wb.codeLenses()).some((l) => /^Send inquiry to Local sandbox/.test(l)));
      expect(sandbox.stats().requests === before, 'switching environments sent nothing');
    },
  },
  {
    name: 'sign-in state: no token, no "signed in"; the send that asked for sign-in resumes',
    async run(ctx) {
      const { wb, sandbox } = ctx;
      await sandbox.stop();
      try {
        const failed = await signIn(ctx, sandbox.clientSecret, /Nothing is listening/);
        ctx.state.signedIn = false;
        const status = await waitFor('the status bar to say not verified', async () => {
          const text = await wb.statusText(STATUS_ITEM);
          return text && /credentials saved, not verified/.test(text) ? text : undefined;
        });
        ctx.note(`Sign In with nothing listening → "${failed.slice(0, 80)}…"; status bar "${status}"`);
        const log = await priorAuthLog(ctx, 'No token for the Local sandbox');
        const last = log.slice(log.lastIndexOf('Credentials for the Local sandbox saved'));
        expect(!/Signed in to the Local sandbox/.test(last), `the log does not say "Signed in" after the failed token request: ${last.slice(0, 300)}`);
        ctx.note('the log: "Credentials … saved (client ID e2e-client); asking for a token", then "No token …", no "Signed in"');
      } finally {
        await sandbox.restart();
      }

      // Signed out, the local environment tries its built-in client, which this sandbox refuses: Sign In resumes the send.
      await wb.clearNotifications();
      await wb.runCommand('Prior Auth: Sign Out');
      await wb.waitToast('Signed out of the Local sandbox');
      await openInquiry(wb);
      await wb.clearNotifications();
      await wb.runCommand('Prior Auth: Send');
      const refused = await wb.waitToast(/refused to sign in/);
      ctx.note(`send while signed out → "${refused.slice(0, 90)}…"`);
      await wb.clickToastButton(/refused to sign in/, 'Sign In');
      await wb.answerInputBox({ title: 'Sign in to the Local sandbox (1/2)', text: sandbox.clientId });
      await wb.answerInputBox({ title: 'Sign in to the Local sandbox (2/2)', text: sandbox.clientSecret });
      ctx.state.signedIn = true;
      const view = await decisionView(ctx, INQUIRY, 'Certified');
      expect(view.fields.Authorization === 'A062951774', `the resumed send's answer (TST2): ${JSON.stringify(view.fields)}`);
      const status = await waitFor('the status bar to say signed in', async () => {
        const text = await wb.statusText(STATUS_ITEM);
        return text && /signed in · token \d+ min/.test(text) ? text : undefined;
      });
      ctx.note(`the toast's "Sign In" → the send resumed by itself: decision view "${view.badge}", ${view.headline}; status bar "${status}"`);
    },
  },
  {
    name: 'decision view screenshots: approval, denial, pended, rejection, notice received',
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const outcomes = [
        { digit: '1', badge: 'Certified', name: 'approval', toast: /A062583941 — HTTP 200/ },
        { digit: '3', badge: 'Denied', name: 'denial', toast: /A060795810 — HTTP 200/ },
        { digit: '4', badge: 'Pended', name: 'pended', toast: /A064331704 — HTTP 200/ },
        { digit: '9', badge: 'Rejected', name: 'rejection', toast: /^Rejected/ },
      ];
      for (const o of outcomes) {
        await openInquiry(wb);
        await replaceMemberIdDigit(wb, o.digit);
        await send(wb, o.toast);
        const view = await decisionView(ctx, INQUIRY, o.badge);
        if (o.name === 'rejection') {
          expect(view.rejections.some((r) => /Invalid\/Missing Subscriber\/Insured ID/.test(r) && /correct and resubmit/.test(r)), `the rejection and the follow-up in words: ${view.rejections.join(' | ')}`);
        }
        const shot = await shootDecision(ctx, INQUIRY, o.name);
        ctx.note(`TST${o.digit}: "${view.badge}" — ${view.headline}${view.rejections.length ? ` — ${view.rejections[0].replace(/\s+/g, ' ')}` : ''} (${shot})`);
      }
      const notice = 'notice-of-admission.x12';
      await wb.openFile(notice);
      await wb.clearNotifications();
      await wb.runCommand('Prior Auth: Send');
      await wb.waitToast(/^Notification received/);
      const view = await decisionView(ctx, notice, 'Notification received');
      const shot = await shootDecision(ctx, notice, 'notice');
      ctx.note(`${notice}: "${view.badge}" — ${view.headline} (${shot})`);
    },
  },
  {
    name: 'PAS: sign in to the local PAS payer (SMART), send a request bundle it pends; the final decision arrives in the same view',
    async run(ctx) {
      const { wb, sandbox } = ctx;
      const request = 'pas-request-pended.pas.json';
      // Sign in to the local PAS payer with SMART Backend Services: a new ES384 key, registered with the payer.
      await wb.clearNotifications();
      await wb.runCommand('Prior Auth: Sign In to PAS Payer');
      const tokensBefore = sandbox.pasStats().tokensIssued;
      await wb.pickQuickItem('Generate a Key and Register It');
      const signedIn = await wb.waitToast(/^Signed in to the local PAS payer as .*SMART Backend Services/);
      expect(sandbox.pasStats().tokensIssued > tokensBefore, 'the payer issued a token for the signed assertion');
      ctx.note(`Sign In to PAS Payer → "Generate a Key and Register It" → "${signedIn}"`);
      await openJson(wb, request);
      const lens = await waitFor('the PAS send lens', async () => (await wb.codeLenses()).find((l) => /Send request \(\$submit\) to local PAS payer/.test(l)));
      ctx.note(`code lens "${lens}"`);
      const before = sandbox.pasStats().activeSubscriptions;
      const pendedToast = await send(wb, /^Pended.* — HTTP 200/);
      ctx.note(`notification "${pendedToast}"`);
      const pended = await decisionView(ctx, request, 'Pended');
      const claimResponse = pended.fields.ClaimResponse;
      expect(/^[0-9a-f-]{36}$/.test(claimResponse ?? ''), `the view names the pended ClaimResponse: ${JSON.stringify(pended.fields)}`);
      expect(/^PEND-/.test(pended.rows[0]?.split(' ').find((w) => w.startsWith('PEND-')) ?? ''), `the item row has the payer's reference: ${pended.rows.join(' | ')}`);
      expect(/^[0-9a-f-]{36}$/.test(pended.fields['Trace ID'] ?? ''), `the payer's request ID as the trace ID: ${pended.fields['Trace ID']}`);
      const waiting = await wb.waitToast(/Waiting for the payer's final decision/);
      const followText = await pended.frame.locator('#follow').textContent();
      expect(/Waiting for the payer's final decision/.test(followText ?? ''), `the view says it is waiting: ${followText}`);
      await waitFor('the subscription to be active at the payer', async () => sandbox.pasStats().activeSubscriptions > before);
      ctx.note(`decision view "${pended.badge}": ${pended.headline}; rows: ${pended.rows.join(' | ')}; progress "${waiting}"; the payer has the subscription`);
      const pendedShot = await shootDecision(ctx, request, 'pas-pended');

      // The payer decides: the notification (id-only) reaches the 127.0.0.1 listener, the extension reads the bundle.
      const sent = sandbox.pasStats().notificationsSent;
      const released = await fetch(`${sandbox.pasBaseUrl()}/ClaimResponse/${claimResponse}/$release`, { method: 'POST' });
      await released.arrayBuffer();
      expect(released.status === 200, `the payer released the decision (HTTP ${released.status})`);
      const final = await decisionView(ctx, request, 'Certified');
      expect(sandbox.pasStats().notificationsSent > sent, 'the payer sent an event notification');
      expect(/^PA\d{8}$/.test(final.fields.Authorization ?? ''), `the final decision's authorization number: ${JSON.stringify(final.fields)}`);
      expect(final.fields.ClaimResponse === claimResponse, 'the same ClaimResponse, now final');
      const arrived = await final.frame.locator('#follow').textContent();
      expect(/arrived .* through the payer's notification/.test(arrived ?? ''), `the view says how it arrived: ${arrived}`);
      const finalToast = await wb.waitToast(/^Final decision on pas-request-pended\.pas\.json: Approved/);
      await waitFor('the subscription to be removed', async () => sandbox.pasStats().activeSubscriptions === before);
      const finalShot = await shootDecision(ctx, request, 'pas-certified');
      ctx.note(`after $release: the same view (one tab) says "${final.badge}", ${final.fields.Authorization}, ${final.fields.Effective ?? ''}–${final.fields.Expires ?? ''}; "${arrived?.trim().slice(0, 90)}…"; "${finalToast}"; subscription removed (${pendedShot}, ${finalShot})`);

      // Request History's entry of this send now holds the final decision.
      await wb.runCommand('Prior Auth: Show Request History');
      const historyInput = wb.page.locator('.quick-input-widget .quick-input-box input[placeholder^="Requests sent in this session"]');
      await waitFor('the history\'s filter to take the text', async () => {
        await historyInput.fill(final.fields.Authorization, { timeout: 2000 }).catch(() => {});
        return (await historyInput.inputValue({ timeout: 1000 }).catch(() => '')) === final.fields.Authorization;
      });
      const historyRows = await waitFor('the history row of the PAS send', async () => {
        const rows = await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allTextContents().catch(() => []);
        return rows.some((r) => /PAS request \(\$submit\)/.test(r) && /final decision/.test(r) && /Approved/.test(r)) ? rows : undefined;
      });
      await wb.closeQuickInput();
      ctx.note(`Request History: "${historyRows[0].replace(/\s+/g, ' ').slice(0, 140)}…"`);

      // The response body opens as a read-only JSON document that the language server reads as PAS.
      const responseJson = await final.frame.locator('pre.code').first().textContent();
      const lines = (responseJson ?? '').split('\n');
      const codeLine = lines.findIndex((l) => /"code": "A1"/.test(l));
      expect(codeLine >= 0, 'the response JSON shows the A1 review action');
      await clickInDecision(ctx, request, 'Open as JSON document');
      const responseTab = 'pas-request-pended.pas.response.json';
      await wb.waitActiveTab(responseTab);
      const hover = await wb.hoverAt(codeLine + 1, lines[codeLine].indexOf('A1') + 1, 'A1 — approved (certified in total)', { length: 2, timeoutMs: 60_000 });
      await wb.hideHover();
      ctx.note(`"Open as JSON document" → ${responseTab}; hover on "A1": "${hover.replace(/\s+/g, ' ').slice(0, 100)}…"`);
    },
  },
);
