// Segment IDs and codes that are names of Object's own members ("constructor", "__proto__", "toString") are text like
// any other: tables keyed by document text answer only their own entries, so these neither throw nor read as known.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../server/src/validate/document';
import { hoverAt } from '../../server/src/features/hover';
import { completionsAt } from '../../server/src/features/completion';
import { documentSymbols, selectionSpans } from '../../server/src/features/structure';
import { semanticTokens } from '../../server/src/features/tokens';
import { inlayHints } from '../../server/src/features/inlayHints';
import { jsonToX12 } from '../../server/src/convert';
import { EXAMPLES, FIXTURES } from '../helpers/fixtures';

const NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];
const examples = ['inquiry-tst2.x12', 'inquiry-response-approved.x12'].map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));
/** Where an Object member would show through: its source text or its string form. */
const LEAKED = /native code|\[object |function /;

for (const name of NAMES) {
  test(`"${name}" as a segment ID, a code and a value is plain text`, () => {
    for (const text of examples) {
      const variants = [
        text.replace('\nUM*', `\n${name}*`), // a segment ID with elements
        text.replace('\nHL*', `\n${name}~\nHL*`), // a segment ID alone
        text.replace('UM*HS', `UM*${name}`), // a code
        text.replace(/HCR\*A\d/, `HCR*${name}`), // a decision code (responses)
        text.replace(/\nSE\*/, `\n${name}~\nSE*`).replace(/\nGE\*/, `\n${name}~\nGE*`), // after the transaction's last segment
        text.replace(/DTP\*\d+/g, `DTP*${name}`), // a date qualifier
        `${text.trimEnd()}\n${name}~\n`, // after the interchange
      ];
      for (const variant of variants) {
        const analysis = analyzeDocument(variant);
        for (const p of analysis.problems) assert.doesNotMatch(p.message, LEAKED);
        for (let at = variant.indexOf(name); at >= 0; at = variant.indexOf(name, at + 1)) {
          for (const offset of [at, at + 1, at + name.length]) {
            const hover = hoverAt(analysis, offset);
            if (hover) assert.doesNotMatch(hover.markdown, LEAKED);
            for (const c of [...completionsAt(analysis, offset), ...completionsAt(analysis, offset + name.length + 2)]) assert.doesNotMatch(`${c.label} ${c.detail ?? ''} ${c.documentation ?? ''}`, LEAKED);
            selectionSpans(analysis, offset);
          }
        }
        const names: string[] = [];
        const visit = (s: { name: string; children: readonly unknown[] }) => {
          names.push(s.name);
          (s.children as typeof s[]).forEach(visit);
        };
        documentSymbols(analysis).forEach(visit);
        for (const n of names) assert.doesNotMatch(n, /Object|function/);
        semanticTokens(analysis);
        for (const show of ['codes', 'names'] as const) for (const h of inlayHints(analysis, 0, variant.length, show)) assert.doesNotMatch(h.label, LEAKED);
      }
    }
  });
}

test('a notice of admission whose requester carries Object member names reports them by their own names', () => {
  const body = JSON.parse(readFileSync(join(FIXTURES, 'optum-examples/user-noa-request.json'), 'utf8')) as Record<string, unknown>;
  const source = body.source as Record<string, unknown>;
  delete body.source;
  body.requester = JSON.parse(`{${NAMES.map((n) => `"${n}": "X"`).join(', ')}, ${JSON.stringify(source).slice(1)}`);
  const issues = jsonToX12(body, 'noa').issues;
  for (const name of NAMES) assert.ok(issues.some((i) => i.path === `requester.${name}` && i.message.startsWith(`"${name}" is not a field`)), name);
  for (const issue of issues) assert.doesNotMatch(`${issue.path} ${issue.message}`, LEAKED);
});
