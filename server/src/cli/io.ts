// The CLI's window on the world, so commands can be run in-process by tests; and X12 files as bytes.

import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Writes bytes to standard output as they are (X12 that must come out as it went in). */
  outBytes(bytes: Buffer): void;
  readStdin(): Promise<Buffer>;
  /** Asks a yes/no question on the terminal; undefined when there is no terminal to ask on. */
  confirm(question: string): Promise<boolean | undefined>;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  outBytes: (bytes) => process.stdout.write(bytes),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
  confirm: async (question) => {
    if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
    } finally {
      rl.close();
    }
  },
};

/**
 * How a file's bytes became text, so that writing the text back gives the same bytes. X12 is a byte format and the
 * ISA says nothing about text encoding: bytes that are valid UTF-8 are read as UTF-8 (so names and JSON output read
 * right), anything else byte for byte as Latin-1. Both decodings re-encode to exactly the bytes read.
 */
export type ByteEncoding = 'utf8' | 'latin1';

export interface DecodedText {
  readonly text: string;
  readonly encoding: ByteEncoding;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeBytes(bytes: Uint8Array): DecodedText {
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), encoding: 'latin1' };
  }
}

export function encodeText(text: string, encoding: ByteEncoding): Buffer {
  return Buffer.from(text, encoding);
}

/** Reads a file (or standard input for "-") as text that re-encodes to the same bytes. */
export async function readText(file: string, io: CliIo): Promise<DecodedText> {
  return decodeBytes(file === '-' ? await io.readStdin() : await readFile(file));
}

export async function writeText(file: string, decoded: DecodedText): Promise<void> {
  await writeFile(file, encodeText(decoded.text, decoded.encoding));
}
