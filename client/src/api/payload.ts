// What goes over the wire: X12 as {"x12": "<the interchange on one line>"}, JSON as written after a parse check.

import { scan } from '../../../server/src/x12/scanner';
import { ApiError } from './errors';

/** The interchange on one line: segments joined by their terminator, line breaks between them removed, data untouched. */
export function oneLine(text: string): string {
  const { table } = scan(text);
  const d = table.delimiters;
  if (!d || table.segmentCount === 0) return text.trim();
  // A file whose terminator is itself a line break is already one segment per "line"; it stays as it is.
  if (d.segment === 0x0a || d.segment === 0x0d) return text.replace(/^\uFEFF/, '').trim();
  const terminator = String.fromCharCode(d.segment);
  let out = '';
  for (let s = 0; s < table.segmentCount; s++) out += text.slice(table.segStart[s], table.segEnd[s]) + terminator;
  return out;
}

export function x12Body(text: string): string {
  return JSON.stringify({ x12: oneLine(text) });
}

/** The JSON text as written, once it is known to parse. */
export function jsonBody(text: string): { text: string; value: unknown } {
  try {
    return { text, value: JSON.parse(text) };
  } catch (error) {
    throw new ApiError('bad-request-body', `The JSON does not parse: ${error instanceof Error ? error.message : String(error)}.`, 'Fix the syntax (the Problems view points at it) and send again.');
  }
}
