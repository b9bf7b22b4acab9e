// Driving VS Code's workbench through the DOM a person sees: the command palette, quick open, quick picks and input
// boxes, the editor (typing, cursor, squiggles, token colours), the hover widget, the code-action menu, notifications,
// tabs, breadcrumbs, the Outline and Problems views. Every wait is a condition with a timeout.

import { log, waitFor } from './editor.mjs';

const QUICK_INPUT = '.quick-input-widget';
const CENTER = '.notifications-center';
const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  // ---- quick input: command palette, quick open, quick picks, input boxes ------------------------------------------

  /** Open and usable: shown and not in its close animation (VS Code makes the closing widget inert). */
  async quickInputVisible() {
    return this.page.evaluate((selector) => {
      const widget = document.querySelector(selector);
      return !!widget && widget.checkVisibility() && !widget.closest('[inert]');
    }, QUICK_INPUT).catch(() => false);
  }

  async waitQuickInput(timeoutMs = 10_000) {
    await this.page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.waitForFunction((selector) => {
      const widget = document.querySelector(selector);
      return !!widget && !widget.closest('[inert]');
    }, QUICK_INPUT, { timeout: timeoutMs });
  }

  /** Waits until the quick input is gone, its close animation included. */
  async waitQuickInputClosed(timeoutMs = 10_000) {
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  /**
   * Picks the visible row whose label is exactly `label` (or matches the RegExp), waiting for it to be listed.
   * Returns once the pick took effect: the quick input closed, or the next input (a command's own) replaced it.
   */
  async pickQuickItem(label, timeoutMs = 15_000) {
    const pattern = label instanceof RegExp ? label : new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`);
    const row = this.page
      .locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`)
      .filter({ visible: true })
      .filter({ has: this.page.locator('.label-name', { hasText: pattern }) })
      .first();
    const typed = await this.page.locator(QUICK_INPUT_BOX).inputValue();
    // The list re-renders while results arrive; retry until a click lands on the row.
    await waitFor(`quick pick row "${label}"`, async () => {
      try {
        await row.click({ timeout: 2000 });
        return true;
      } catch (error) {
        if (!(await this.quickInputVisible())) return true;
        if ((await this.page.locator(QUICK_INPUT_BOX).inputValue().catch(() => typed)) !== typed) return true;
        throw error;
      }
    }, { timeoutMs });
  }

  /**
   * Runs a command from the palette by its exact title, e.g. "Prior Auth: Send". The palette lists the commands
   * enabled when it opens (e.g. `isWorkspaceTrusted` is set a moment after the workbench shows), so it is reopened
   * until the command is listed.
   */
  async runCommand(title, timeoutMs = 20_000) {
    await waitFor(`the command "${title}" in the palette`, async () => {
      await this.closeQuickInput();
      await this.page.keyboard.press('F1');
      await this.waitQuickInput();
      // A short fill timeout: when the palette cannot take the text now, close it and open it again.
      if (!(await this.page.locator(QUICK_INPUT_BOX).fill(`>${title}`, { timeout: 3000 }).then(() => true, () => false))) return false;
      try {
        await this.pickQuickItem(title, 3000);
        return true;
      } catch {
        return false;
      }
    }, { timeoutMs, intervalMs: 250 });
  }

  async closeQuickInput() {
    if (await this.quickInputVisible()) await this.page.keyboard.press('Escape');
    await this.waitQuickInputClosed();
  }

  /** Opens a workspace file with Quick Open (Ctrl+P). */
  async openFile(name) {
    await this.closeQuickInput();
    await this.page.keyboard.press('Control+P');
    await this.waitQuickInput();
    await this.page.locator(QUICK_INPUT_BOX).fill(name);
    // Quick Open re-renders while results arrive, so a click can land on a row that has just moved there (a
    // "pas-request-pended.pas.json" for "pas-request.pas.json"). Enter opens the focused row: wait until that row is
    // the file asked for, then press it.
    const exact = new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`);
    await waitFor(`Quick Open to put "${name}" first`, async () => {
      const focused = await this.page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row.focused .label-name`).first().textContent({ timeout: 1000 }).catch(() => '');
      return exact.test(focused ?? '');
    });
    await this.page.keyboard.press('Enter');
    await this.waitActiveTab(name);
  }

  /** Answers an input box (title, prompt) with `text` and Enter. */
  async answerInputBox({ title, text }) {
    await this.waitQuickInput();
    if (title) {
      await waitFor(`input box "${title}"`, async () => {
        const shown = await this.page.locator(`${QUICK_INPUT} .quick-input-title`).textContent().catch(() => '');
        return title instanceof RegExp ? title.test(shown ?? '') : (shown ?? '').includes(title);
      });
    }
    await this.page.locator(QUICK_INPUT_BOX).fill(text);
    await this.page.keyboard.press('Enter');
  }

  // ---- tabs and editors --------------------------------------------------------------------------------------------

  /** Every open tab: label, whether active in its group, and the group's index (left to right). */
  async tabs() {
    return this.page.evaluate(() => {
      const groups = [...document.querySelectorAll('.editor-group-container')];
      const positioned = groups.map((g) => ({ g, x: g.getBoundingClientRect().left })).sort((a, b) => a.x - b.x);
      return positioned.flatMap(({ g }, group) =>
        [...g.querySelectorAll('.tabs-container .tab')].map((t) => ({
          // A webview's tab is named by its title (its resource name is an internal "webview-…" ID).
          label: ((t.getAttribute('data-resource-name') ?? '').startsWith('webview-') ? t.querySelector('.label-name')?.textContent ?? t.getAttribute('aria-label') ?? '' : t.getAttribute('data-resource-name') ?? t.getAttribute('aria-label') ?? '').trim(),
          active: t.classList.contains('active'),
          dirty: t.classList.contains('dirty'),
          group,
          activeGroup: g.classList.contains('active'),
        })),
      );
    });
  }

  async waitActiveTab(label, timeoutMs = 15_000) {
    await waitFor(`the active tab "${label}"`, async () => (await this.tabs()).some((t) => t.active && t.activeGroup && t.label === label), { timeoutMs });
  }

  /** The active editor (the focused group's editor). */
  editor() {
    return this.page.locator('.editor-group-container.active .editor-container .monaco-editor').first();
  }

  /** The editor of the group showing the tab `label`. */
  editorOfTab(label) {
    return this.page
      .locator('.editor-group-container')
      .filter({ has: this.page.locator(`.tabs-container .tab.active[data-resource-name="${label.replace(/"/g, '\\"')}"]`) })
      .locator('.editor-container .monaco-editor')
      .first();
  }

  /**
   * Clicks a button of a quick pick row, which shows on hover. A hover tooltip of the row (its description) can stay over
   * the row once the list moved under the pointer and take the pointer's events: the pointer leaves the widget first.
   */
  async clickQuickPickRowButton(row, buttonSelector) {
    await waitFor('the quick pick row\'s button to take the click', async () => {
      await this.page.mouse.move(0, 0);
      try {
        await row.hover({ timeout: 3000 });
        await row.locator(buttonSelector).click({ timeout: 3000 });
        return true;
      } catch {
        return false;
      }
    });
  }

  /** The rendered text lines of an editor (only what is on screen), by line number. */
  async visibleLines(editor = this.editor()) {
    // A short timeout: callers poll, and an editor that is not there (yet) should fail this call, not hold the poll.
    return editor.evaluate((ed) => {
      const tops = new Map();
      for (const n of ed.querySelectorAll('.margin-view-overlays .line-numbers')) {
        const top = n.parentElement?.style.top;
        if (top) tops.set(top, Number(n.textContent));
      }
      const lines = [];
      for (const l of ed.querySelectorAll('.view-lines .view-line')) {
        const line = tops.get(l.style.top);
        if (line) lines.push({ line, text: (l.textContent ?? '').replace(/\u00a0/g, ' ') });
      }
      return lines.sort((a, b) => a.line - b.line);
    }, undefined, { timeout: 2000 });
  }

  async lineText(line, editor = this.editor()) {
    return (await this.visibleLines(editor)).find((l) => l.line === line)?.text;
  }

  /** Moves the cursor with Go to Line (Ctrl+G) "line:column" (1-based). */
  async goTo(line, column = 1) {
    await this.closeQuickInput();
    await this.editor().click({ position: { x: 5, y: 5 } }).catch(() => {});
    await this.page.keyboard.press('Control+G');
    await this.waitQuickInput();
    await this.page.locator(QUICK_INPUT_BOX).fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.waitQuickInputClosed();
    await waitFor(`the cursor at Ln ${line}, Col ${column}`, async () => (await this.statusText('status.editor.selection'))?.startsWith(`Ln ${line}, Col ${column}`));
  }

  /**
   * Applies the quick fix titled `title` at the cursor: Ctrl+. and a click on its row. When the menu does not show
   * the row within 4 s (the key reached the editor before the code actions were current, or not at all), it is
   * closed and asked for again.
   */
  async quickFix(title, timeoutMs = 20_000) {
    const row = this.page.locator('.action-widget .monaco-list-row', { hasText: title });
    await waitFor(`the quick fix "${title}"`, async () => {
      if (await this.page.locator('.action-widget').isVisible()) await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+.');
      return row.waitFor({ state: 'visible', timeout: 4000 }).then(() => true, () => false);
    }, { timeoutMs });
    await row.click();
  }

  /** The screen box of characters [column, column+length) on a line (1-based column), from the rendered text. */
  async charBox(line, column, length = 1, editor = this.editor()) {
    const box = await editor.evaluate((ed, { line, column, length }) => {
      let top;
      for (const n of ed.querySelectorAll('.margin-view-overlays .line-numbers')) if (Number(n.textContent) === line) top = n.parentElement?.style.top;
      const view = [...ed.querySelectorAll('.view-lines .view-line')].find((l) => l.style.top === top);
      if (!view) return undefined;
      const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
      let offset = 0;
      const start = column - 1;
      const end = start + length;
      const range = document.createRange();
      let started = false;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const len = node.textContent.length;
        if (!started && start < offset + len) {
          range.setStart(node, start - offset);
          started = true;
        }
        if (started && end <= offset + len) {
          range.setEnd(node, end - offset);
          const r = range.getBoundingClientRect();
          return { x: r.left, y: r.top, width: r.width, height: r.height };
        }
        offset += len;
      }
      return undefined;
    }, { line, column, length });
    if (!box) throw new Error(`line ${line} column ${column} is not on screen`);
    return box;
  }

  /** The colour of the token that renders the character at (line, column), from its computed style. */
  async tokenColor(line, column, editor = this.editor()) {
    return editor.evaluate((ed, { line, column }) => {
      let top;
      for (const n of ed.querySelectorAll('.margin-view-overlays .line-numbers')) if (Number(n.textContent) === line) top = n.parentElement?.style.top;
      const view = [...ed.querySelectorAll('.view-lines .view-line')].find((l) => l.style.top === top);
      if (!view) return undefined;
      let offset = 0;
      for (const span of view.querySelectorAll('span > span')) {
        const len = span.textContent.length;
        if (column - 1 < offset + len) return { text: span.textContent, color: getComputedStyle(span).color, className: span.className };
        offset += len;
      }
      return undefined;
    }, { line, column });
  }

  /** Types at the cursor of the active editor. */
  async type(text) {
    await this.page.keyboard.type(text);
  }

  // ---- diagnostics -------------------------------------------------------------------------------------------------

  async squiggleCount(kind = 'error', editor = this.editor()) {
    return editor.locator(`.squiggly-${kind}`).count();
  }

  /** Errors and warnings from the status bar's Problems item ("2 1"). */
  async problemCounts() {
    const label = (await this.page.locator('#status\\.problems').getAttribute('aria-label').catch(() => '')) ?? '';
    const errors = /(\d+)\s+Errors?/i.exec(label);
    const warnings = /(\d+)\s+Warnings?/i.exec(label);
    if (errors || warnings) return { errors: Number(errors?.[1] ?? 0), warnings: Number(warnings?.[1] ?? 0), label };
    const text = ((await this.page.locator('#status\\.problems').textContent().catch(() => '')) ?? '').trim();
    const [e = '0', w = '0'] = text.split(/\s+/);
    return { errors: Number(e), warnings: Number(w), label: text };
  }

  /** Rows of the Problems view (opened with its command), as their accessible labels. */
  async problemsEntries() {
    if (!(await this.page.locator('.markers-panel').first().isVisible().catch(() => false))) {
      await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      await this.page.locator('.markers-panel').first().waitFor({ state: 'visible' });
    }
    return this.page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) => rows.map((r) => (r.getAttribute('aria-label') ?? r.textContent ?? '').trim()));
  }

  // ---- hover -------------------------------------------------------------------------------------------------------

  /** Hovers the mouse over (line, column) and returns the hover's text once it contains `expect`. */
  async hoverAt(line, column, expect, { length = 1, timeoutMs = 30_000 } = {}) {
    await this.page.mouse.move(1, 1);
    await this.page.locator('.monaco-editor .monaco-hover').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
    const pointAt = async () => {
      let box = await this.charBox(line, column, length).catch(() => undefined);
      if (!box) {
        await this.goTo(line, column); // scrolls the line into view
        box = await this.charBox(line, column, length);
      }
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      const onText = await this.page.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest('.view-lines'), { x, y });
      if (!onText) throw new Error(`line ${line} column ${column} is covered by another element at (${x}, ${y})`);
      await this.page.mouse.move(x, y);
    };
    await pointAt();
    const matches = (t) => (expect instanceof RegExp ? expect.test(t) : t.includes(expect));
    // The editor asks for a hover once per mouse rest. A code lens arriving or a scroll after the mouse moved puts
    // another character under it, and an answer given while the server was busy can be empty: when no hover shows
    // for a while, leave, measure the character again and come back, so the editor asks anew.
    let pointedAt = Date.now();
    return waitFor(`a hover with "${expect}" at ${line}:${column}`, async () => {
      const texts = await this.page.locator('.monaco-editor .monaco-hover:visible').allTextContents();
      const all = texts.join('\n');
      if (matches(all)) return all;
      if (texts.length === 0 && Date.now() - pointedAt > 4000) {
        await this.page.mouse.move(1, 1);
        await pointAt();
        pointedAt = Date.now();
      }
      return undefined;
    }, { timeoutMs });
  }

  async hideHover() {
    await this.page.mouse.move(1, 1);
    await this.page.keyboard.press('Escape');
  }

  // ---- notifications ---------------------------------------------------------------------------------------------

  /** Texts of the visible notification toasts. */
  async toasts() {
    return this.page.locator('.notifications-toasts .notification-toast').evaluateAll((ts) =>
      ts.map((t) => (t.querySelector('.notification-list-item-message')?.textContent ?? t.textContent ?? '').trim()),
    );
  }

  /**
   * The notification matching `pattern`: a toast, or, from a few seconds on, an entry in the Notification Center.
   * VS Code shows at most 3 new toasts per 800 ms and sends the rest only to the center (its spam protection), so a
   * quick answer after a click (the click's toast, a progress toast, the answer's) can arrive without a toast.
   */
  async waitToast(pattern, timeoutMs = 30_000) {
    const test = pattern instanceof RegExp ? (s) => pattern.test(s) : (s) => s.includes(pattern);
    const start = Date.now();
    let centerReadAt = 0;
    return waitFor(`a notification matching ${pattern}`, async () => {
      const toast = (await this.toasts()).find(test);
      if (toast || Date.now() - start < 3000 || Date.now() - centerReadAt < 2000) return toast;
      centerReadAt = Date.now();
      const entry = (await this.centerMessages()).find(test);
      if (entry) log(`no toast, but the Notification Center has "${entry.slice(0, 80)}"`);
      return entry;
    }, { timeoutMs });
  }

  /** The messages in the Notification Center, newest first. Opening it hides the toasts; it is closed again. */
  async centerMessages() {
    await this.toggleCenter(true);
    try {
      return await this.page.locator(`${CENTER} .notification-list-item-message`).evaluateAll((ms) => ms.map((m) => (m.textContent ?? '').trim()));
    } finally {
      await this.toggleCenter(false);
    }
  }

  async toggleCenter(visible) {
    const center = this.page.locator(CENTER);
    if ((await center.isVisible()) === visible) return;
    await this.page.locator('[id="status.notifications"]').first().click({ timeout: 2000 });
    await center.waitFor({ state: visible ? 'visible' : 'hidden', timeout: 5000 });
  }

  /**
   * Clicks a button (e.g. "Cancel") on the toast whose text matches, or on its entry in the Notification Center. A
   * button that ran closes its notification; a click that did not take (a run under load saw the toast stay, its
   * button unpressed) is made again, never after the notification closed.
   */
  async clickToastButton(pattern, button) {
    const inToasts = (await this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: pattern }).count()) > 0;
    if (!inToasts) await this.toggleCenter(true);
    const notification = inToasts
      ? this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: pattern }).first()
      : this.page.locator(`${CENTER} .notification-list-item`).filter({ hasText: pattern }).first();
    const handle = await notification.elementHandle({ timeout: 5000 });
    const closed = async () => !(await handle.isVisible()) || !pattern.test((await handle.textContent()) ?? '');
    try {
      let clicks = 0;
      await waitFor(`the "${button}" button of the notification to run`, async () => {
        if (await closed()) return true; // the button ran
        if (clicks++) log(`the notification's "${button}" did not run on click ${clicks - 1}; clicking again`);
        const target = await handle.$(`.monaco-button:has-text(${JSON.stringify(button)})`);
        if (!target) throw new Error(`the notification has no "${button}" button`);
        await handle.hover({ timeout: 3000 }).catch(() => {});
        await target.click({ timeout: 3000 }).catch(() => {});
        return waitFor('the notification to close', closed, { timeoutMs: 5000 }).catch(() => false);
      });
    } finally {
      if (!inToasts) await this.toggleCenter(false);
    }
  }

  /** Clears every notification ("Notifications: Clear All Notifications"). */
  async clearNotifications() {
    await this.runCommand('Notifications: Clear All Notifications');
    await waitFor('notifications to clear', async () => (await this.toasts()).length === 0, { timeoutMs: 10_000 });
  }

  // ---- status bar, breadcrumbs, code lenses --------------------------------------------------------------------------

  async statusText(id) {
    const item = this.page.locator(`#${id.replace(/\./g, '\\.')}`);
    if ((await item.count()) === 0) return undefined;
    return ((await item.first().textContent()) ?? '').trim();
  }

  /** The active editor's breadcrumbs, as texts. */
  async breadcrumbs() {
    return this.page
      .locator('.editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item')
      .evaluateAll((items) => items.map((i) => (i.textContent ?? '').trim()));
  }

  /** Code lens titles rendered in an editor. */
  async codeLenses(editor = this.editor()) {
    return editor.locator('.codelens-decoration').evaluateAll((ls) => ls.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').trim()));
  }

  /**
   * Opens the Outline view with room to show it (the Explorer's folder section collapsed) and returns its rendered
   * rows' accessible labels, e.g. "2000C Subscriber: DOE, JOE (TST2) (struct)".
   */
  async showOutline() {
    await this.runCommand('Explorer: Focus on Outline View');
    await this.page.locator('.outline-pane').first().waitFor({ state: 'visible', timeout: 10_000 });
    const folder = this.page.locator('.pane-header.expanded[aria-label^="Explorer Section:"]');
    if (await folder.count()) await folder.first().click();
  }

  async outlineRows() {
    return this.page.locator('.outline-pane .monaco-list-row').evaluateAll((rows) => rows.map((r) => (r.getAttribute('aria-label') ?? r.textContent ?? '').trim()));
  }

  /** Hides the panel (Problems, Output, …) when it is showing. */
  async hidePanel() {
    const panel = this.page.locator('.part.panel');
    if ((await panel.count()) && (await panel.first().isVisible())) {
      await this.runCommand('View: Toggle Panel Visibility');
      await panel.first().waitFor({ state: 'hidden', timeout: 10_000 });
    }
  }
}
