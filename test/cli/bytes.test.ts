// Bytes in = bytes out: the CLI reads X12 as bytes and `fmt` changes nothing but the whitespace between segments,
// whatever the file's encoding (Latin-1 names, astral characters, random bytes).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runCli } from '../helpers/cli';
import { EXAMPLES } from '../helpers/fixtures';
import { runFmt } from '../../server/src/cli/fmt';
import { decodeBytes, encodeText, type CliIo } from '../../server/src/cli/io';

const work = mkdtempSync(join(tmpdir(), 'prior-auth-bytes-'));
const example = readFileSync(join(EXAMPLES, 'inquiry-tst2.x12'));
const ISA = example.subarray(0, 106);
const WHITESPACE = new Set([0x09, 0x0a, 0x0d, 0x20]);

/** The bytes with every whitespace run right after a segment terminator removed: what fmt may not change. */
function data(bytes: Uint8Array, terminator: number): Buffer {
  const out: number[] = [];
  let afterTerminator = false;
  for (const b of bytes) {
    if (afterTerminator && WHITESPACE.has(b)) continue;
    afterTerminator = b === terminator;
    out.push(b);
  }
  return Buffer.from(out);
}

/** The example on one line with a Latin-1 name: NM103 "MÜLLER" with Ü as the single byte 0xDC. */
function latin1Example(): Buffer {
  const oneLine = Buffer.from(example.toString('latin1').replace(/~\r?\n/g, '~'), 'latin1');
  const at = oneLine.indexOf('NM1*IL*1*');
  const latin1Name = Buffer.from([0x4d, 0xdc, 0x4c, 0x4c, 0x45, 0x52]); // M 0xDC L L E R
  const end = oneLine.indexOf('*', at + 9);
  return Buffer.concat([oneLine.subarray(0, at + 9), latin1Name, oneLine.subarray(end)]);
}

function memoryIo(stdin: Buffer): CliIo & { readonly written: Buffer[]; readonly errors: string[] } {
  const written: Buffer[] = [];
  const errors: string[] = [];
  return {
    written,
    errors,
    out: (line) => written.push(Buffer.from(line + '\n')),
    err: (line) => errors.push(line),
    outBytes: (bytes) => written.push(Buffer.from(bytes)),
    readStdin: async () => stdin,
    confirm: async () => undefined,
  };
}

test('fmt keeps a Latin-1 name byte for byte (0xDC stays 0xDC), in place and through standard input', async () => {
  const input = latin1Example();
  assert.ok(!input.includes(Buffer.from('\uFFFD', 'utf8')));
  const file = join(work, 'latin1.x12');
  writeFileSync(file, input);
  const result = await runCli(['fmt', file]);
  assert.equal(result.code, 0, result.stderr);
  const written = readFileSync(file);
  assert.ok(written.includes(Buffer.from([0x4d, 0xdc, 0x4c, 0x4c, 0x45, 0x52])), 'MÜLLER is still M 0xDC LLER');
  assert.ok(written.length > input.length, 'line breaks were added');
  assert.deepEqual(data(written, 0x7e), data(input, 0x7e));

  const piped = await runCli(['fmt', '--compact', '-'], { stdin: written });
  assert.equal(piped.code, 0, piped.stderr);
  assert.deepEqual(piped.stdoutBytes, input, 'compacting the expanded file gives the original bytes back');

  const lint = await runCli(['lint', file]);
  assert.doesNotMatch(lint.stdout + lint.stderr, /\uFFFD/, 'lint reads the same bytes');
});

test('fmt never splits an astral character used as a delimiter', async () => {
  const oneLine = example.toString('utf8').replace(/~\r?\n/g, '~');
  for (const [name, text] of [
    ['terminator', oneLine.replaceAll('~', '\u{1F600}')],
    ['element separator', oneLine.replaceAll('*', '\u{1F600}')],
  ] as const) {
    const input = Buffer.from(text, 'utf8');
    const file = join(work, `astral-${name.replace(' ', '-')}.x12`);
    writeFileSync(file, input);
    await runCli(['fmt', file]);
    const written = readFileSync(file);
    assert.equal(decodeBytes(written).encoding, 'utf8', `${name}: the file is still valid UTF-8`);
    assert.equal(written.toString('utf8').split('\u{1F600}').length, text.split('\u{1F600}').length, `${name}: every emoji is whole`);
    assert.deepEqual(Buffer.from(written.toString('utf8').replace(/\s+/g, '')), Buffer.from(text.replace(/\s+/g, '')), name);
  }
});

test('decoding is a byte-exact round trip: valid UTF-8 as UTF-8, anything else as Latin-1', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const decoded = decodeBytes(bytes);
      assert.deepEqual(encodeText(decoded.text, decoded.encoding), Buffer.from(bytes));
    }),
    { seed: 14, numRuns: 2000 },
  );
  assert.equal(decodeBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x41])).text, '\uFEFFA', 'a BOM is kept, not swallowed');
});

test('property: fmt on random bytes after a real ISA changes only whitespace between segments', async () => {
  const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x7e, 0x2a, 0x0a, 0x0d, 0x20, 0xdc, 0xc3, 0xf0));
  const gap = fc.constantFrom('', '\n', '\r\n', '  ', '\t\n ');
  const segment = fc.tuple(fc.array(byte, { maxLength: 30 }), gap).map(([body, ws]) => Buffer.concat([Buffer.from(body), Buffer.from('~' + ws)]));
  const utf8Segment = fc.tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), gap).map(([body, ws]) => Buffer.from(body + '~' + ws, 'utf8'));
  const document = fc.tuple(fc.array(fc.oneof(segment, utf8Segment), { maxLength: 25 }), fc.constantFrom('expanded', 'compact'));
  await fc.assert(
    fc.asyncProperty(document, async ([segments, layout]) => {
      const input = Buffer.concat([ISA, ...segments]);
      const io = memoryIo(input);
      const code = await runFmt(layout === 'compact' ? ['--compact', '-'] : ['-'], io);
      assert.equal(code, 0, io.errors.join('\n'));
      const output = Buffer.concat(io.written);
      assert.deepEqual(data(output, 0x7e), data(input, 0x7e));
    }),
    { seed: 1401, numRuns: 400 },
  );
});
