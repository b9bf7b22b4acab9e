// The decision view's page: a DecisionModel as HTML themed with VS Code's CSS variables. No remote content, no inline
// handlers; one script and one style element, both carrying the page's nonce (the Content-Security-Policy allows
// nothing else). Buttons post a message ({ command, body? }) that views/decisionView.ts acts on. No VS Code import.

import { OUTCOME_BADGES, spanText, type DecisionLine, type DecisionModel, type RawBody } from './model';

/** Commands the page can post. */
export type DecisionCommand = 'copyTrace' | 'openBody' | 'resend' | 'openRequest' | 'checkAgain' | 'stopWaiting';

export interface PageOptions {
  readonly nonce: string;
  /** The webview's own origin for styles and fonts (webview.cspSource); nothing else is allowed. */
  readonly cspSource: string;
  /** Longest body text shown inline; longer ones say so and open as a document. */
  readonly maxInlineChars?: number;
  /** Whether "Re-send" is offered (the request is still known). */
  readonly canResend?: boolean;
  /** Whether "Stop waiting" is offered while a pended decision is followed. */
  readonly canStopWaiting?: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function contentSecurityPolicy(options: PageOptions): string {
  return [
    "default-src 'none'",
    `style-src ${options.cspSource} 'nonce-${options.nonce}'`,
    `script-src 'nonce-${options.nonce}'`,
    `font-src ${options.cspSource}`,
    "img-src 'none'",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

function datesCell(line: DecisionLine): string {
  const parts = [
    line.issued && `issued ${spanText(line.issued)}`,
    line.effective && `effective ${spanText(line.effective)}`,
    line.expires && `expires ${spanText(line.expires)}`,
  ].filter(Boolean) as string[];
  return escapeHtml(parts.join(' · ')) || '<span class="muted">—</span>';
}

function lineRow(line: DecisionLine): string {
  const badge = OUTCOME_BADGES[line.outcome];
  return `<tr>
  <th scope="row">${escapeHtml(line.label)}</th>
  <td><span class="pill tone-${badge.tone}">${escapeHtml(line.code ?? '')}</span> ${escapeHtml(line.words)}${line.message ? `<div class="muted">${escapeHtml(line.message)}</div>` : ''}</td>
  <td>${escapeHtml(line.authorization ?? '') || '<span class="muted">—</span>'}</td>
  <td>${datesCell(line)}</td>
</tr>`;
}

function field(label: string, value: string | undefined): string {
  return value ? `<div class="field"><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>` : '';
}

function bodySection(body: RawBody, index: number, maxInline: number): string {
  const cut = body.text.length > maxInline;
  const shown = cut ? body.text.slice(0, maxInline) : body.text;
  return `<details class="body"${body.kind === 'sent' ? '' : ' open'}>
  <summary>${escapeHtml(body.title)}</summary>
  <div class="actions"><button type="button" data-command="openBody" data-body="${index}">Open as ${body.language === 'x12' ? 'X12' : 'JSON'} document</button></div>
  <pre class="code" tabindex="0" aria-label="${escapeHtml(body.title)}">${escapeHtml(shown)}</pre>${cut ? `<p class="muted">Showing the first ${maxInline.toLocaleString('en-US')} characters of ${body.text.length.toLocaleString('en-US')}; open it as a document to see all.</p>` : ''}
</details>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; line-height: 1.45; }
h1 { font-size: 1.35em; font-weight: 600; margin: 14px 0 4px; display: flex; flex-wrap: wrap; align-items: center; gap: 10px; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 11px; font-size: 0.85em; font-weight: 600; letter-spacing: 0.02em; color: var(--vscode-editor-background); }
.pill { display: inline-block; min-width: 2.2em; text-align: center; padding: 0 6px; border-radius: 8px; font-family: var(--vscode-editor-font-family); font-size: 0.9em; color: var(--vscode-editor-background); }
.tone-good { background: var(--vscode-charts-green, #388a34); }
.tone-partial { background: var(--vscode-charts-yellow, #bf8803); }
.tone-bad { background: var(--vscode-charts-red, #e51400); }
.tone-waiting { background: var(--vscode-charts-orange, #d18616); }
.tone-neutral { background: var(--vscode-charts-blue, #1a85ff); }
.headline { margin: 0 0 12px; }
.muted { color: var(--vscode-descriptionForeground); }
.production { color: var(--vscode-errorForeground); font-weight: 600; }
dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 6px 18px; margin: 10px 0 14px; }
.field dt { color: var(--vscode-descriptionForeground); font-size: 0.85em; }
.field dd { margin: 0; font-family: var(--vscode-editor-font-family); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, #8884)); }
thead th { color: var(--vscode-descriptionForeground); font-weight: 600; font-size: 0.85em; }
h2 { font-size: 1.05em; font-weight: 600; margin: 18px 0 4px; }
.rejection { border-left: 3px solid var(--vscode-charts-red, #e51400); padding: 4px 10px; margin: 6px 0; background: var(--vscode-textBlockQuote-background); }
.follow { border-left: 3px solid var(--vscode-charts-orange, #d18616); padding: 4px 10px; margin: 6px 0; background: var(--vscode-textBlockQuote-background); }
.error { border-left: 3px solid var(--vscode-errorForeground); padding: 4px 10px; margin: 6px 0; background: var(--vscode-textBlockQuote-background); }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 6px 0; }
button { font-family: inherit; font-size: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); padding: 3px 10px; border-radius: 2px; cursor: pointer; }
button:hover { background: var(--vscode-button-secondaryHoverBackground); }
button.primary { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
button.primary:hover { background: var(--vscode-button-hoverBackground); }
button:focus-visible, summary:focus-visible, pre:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
details.body { margin: 10px 0; }
summary { cursor: pointer; font-weight: 600; }
pre.code { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); background: var(--vscode-textCodeBlock-background); padding: 8px; overflow: auto; max-height: 40vh; white-space: pre; }
code { font-family: var(--vscode-editor-font-family); }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-command]');
  if (!button) return;
  vscode.postMessage({ command: button.dataset.command, body: button.dataset.body === undefined ? undefined : Number(button.dataset.body) });
});
`;

/** The whole page. Every value from the model is escaped; the page loads nothing. */
export function renderDecisionHtml(model: DecisionModel, options: PageOptions): string {
  const badge = OUTCOME_BADGES[model.outcome];
  const x = model.exchange;
  const maxInline = options.maxInlineChars ?? 100_000;
  const lines = [model.event, ...model.serviceLines].filter((l): l is DecisionLine => !!l);
  const table = lines.length
    ? `<h2>Decisions</h2>
<table><thead><tr><th scope="col">For</th><th scope="col">Decision</th><th scope="col">Authorization</th><th scope="col">Dates</th></tr></thead>
<tbody>${lines.map(lineRow).join('\n')}</tbody></table>`
    : '';
  const rejections = model.rejections.length
    ? `<h2>Rejected: not reviewed</h2>${model.rejections
        .map((r) => `<div class="rejection"><div><strong>${escapeHtml(r.reasonWords)}</strong> <span class="muted">(reason ${escapeHtml(r.reason)}, at the ${escapeHtml(r.where)})</span></div><div>Next step: ${escapeHtml(r.followUpWords)} <span class="muted">(follow-up ${escapeHtml(r.followUp)})</span></div></div>`)
        .join('\n')}`
    : '';
  const error = model.error
    ? `<div class="error"><div><strong>${escapeHtml(model.error.message)}</strong></div>${model.error.nextStep ? `<div>${escapeHtml(model.error.nextStep)}</div>` : ''}${model.error.details.length ? `<ul>${model.error.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>` : ''}</div>`
    : '';
  const follow = model.follow
    ? `<div class="follow" id="follow" data-state="${model.follow.state}" role="status"><div>${escapeHtml(model.follow.message)}</div>${
        model.follow.canCheck || (model.follow.state === 'waiting' && options.canStopWaiting)
          ? `<div class="actions">${model.follow.canCheck ? '<button type="button" class="primary" data-command="checkAgain" title="Ask the payer for the decision now ($inquire)">Check again</button>' : ''}${model.follow.state === 'waiting' && options.canStopWaiting ? '<button type="button" data-command="stopWaiting">Stop waiting</button>' : ''}</div>`
          : ''
      }</div>`
    : '';
  const when = new Date(x.at);
  const time = `${when.toLocaleTimeString('en-GB')}${x.elapsedMs !== undefined ? ` · ${x.elapsedMs} ms` : ''}`;
  const environment = `${x.environment}${x.production ? ' (PRODUCTION)' : ''}`;
  const c = model.certification;
  const actions = [
    x.traceId ? '<button type="button" data-command="copyTrace" title="Copy the trace ID to the clipboard">Copy trace ID</button>' : '',
    options.canResend ? '<button type="button" data-command="resend" title="Send the same body again to the current environment">Re-send</button>' : '',
    options.canResend ? '<button type="button" data-command="openRequest">Show request</button>' : '',
  ].filter(Boolean);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(options))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Decision · ${escapeHtml(x.request)}</title>
<style nonce="${options.nonce}">${STYLE}</style>
</head>
<body>
<main aria-label="Decision for ${escapeHtml(x.request)}">
<h1><span class="badge tone-${badge.tone}" id="badge" data-outcome="${model.outcome}">${escapeHtml(badge.label)}</span><span>${escapeHtml(x.request)}</span></h1>
<p class="headline" id="headline">${escapeHtml(model.headline)}</p>
<dl>
${field('Authorization', model.authorization)}
${field('Issued', spanText(c.issued))}
${field('Effective', spanText(c.effective))}
${field('Expires', spanText(c.expires))}
${field('HTTP status', x.httpStatus !== undefined ? String(x.httpStatus) : undefined)}
${field('Time', time)}
<div class="field"><dt>Environment</dt><dd${x.production ? ' class="production"' : ''}>${escapeHtml(environment)}</dd></div>
${field('Request', x.endpoint)}
${field('Trace ID', x.traceId)}
${field('Transaction ID', x.transactionId)}
${(model.facts ?? []).map((f) => field(f.label, f.value)).join('\n')}
</dl>
${actions.length ? `<div class="actions">${actions.join('')}</div>` : ''}
${follow}
${error}
${rejections}
${table}
${model.bodies.length ? `<h2>Bodies</h2><p class="muted">Kept in memory only; nothing is written to disk unless you save a copy.</p>${model.bodies.map((b, i) => bodySection(b, i, maxInline)).join('\n')}` : ''}
</main>
<script nonce="${options.nonce}">${SCRIPT}</script>
</body>
</html>`;
}
