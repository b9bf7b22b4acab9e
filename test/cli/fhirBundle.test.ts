// The FHIR core is its own bundle (dist/fhir.js) that `prior-auth lint` loads at its first PAS document. A copy of
// dist/cli.js with nothing beside it still lints X12 files and Optum JSON requests, so that path never loads the core;
// a PAS file there is reported as not checkable, naming the missing file, while the real dist/cli.js checks it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_BUNDLE, runCli } from '../helpers/cli';
import { EXAMPLES, FIXTURES } from '../helpers/fixtures';
import { analyzeJsonDocument } from '../../server/src/features/jsonDocument';

const X12 = join(FIXTURES, 'diagnostics/code-value.x12');
const REQUEST = join(EXAMPLES, 'inquiry-tst1.inquiry.json');
const PAS = join(FIXTURES, 'pas/broken-request.pas.json');

test('lint of X12 and Optum JSON needs no dist/fhir.js; lint of a PAS file loads it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prior-auth-cli-alone-'));
  try {
    const alone = join(dir, 'cli.js');
    copyFileSync(CLI_BUNDLE, alone);

    const x12 = await runCli(['lint', '--format', 'json', X12], { bundle: alone });
    assert.equal(x12.code, 1, x12.stderr);
    assert.deepEqual((JSON.parse(x12.stdout) as { problems: { code: string }[] }[])[0].problems.map((p) => p.code), ['code-value']);
    const request = await runCli(['lint', REQUEST], { bundle: alone });
    assert.equal(request.code, 0, request.stderr);

    const pasAlone = await runCli(['lint', PAS], { bundle: alone });
    assert.equal(pasAlone.code, 2);
    // A damaged installation, not a bug in the file: no "please report this file's shape".
    assert.match(pasAlone.stderr, /could not be checked \(the FHIR validator \(fhir\.js, beside this program\) could not be loaded: Cannot find module '\.\/fhir\.js'\)\.\n/);

    const pas = await runCli(['lint', '--format', 'json', PAS]);
    assert.equal(pas.code, 1, pas.stderr);
    const expected = analyzeJsonDocument(readFileSync(PAS, 'utf8'), { uri: PAS }).problems.map((p) => p.code);
    assert.ok(expected.includes('fhir-unknown-element'), expected.join(' '));
    assert.deepEqual((JSON.parse(pas.stdout) as { problems: { code: string }[] }[])[0].problems.map((p) => p.code), expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
