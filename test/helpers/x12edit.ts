// Small edits of example X12 files for tests: change the receiver (ISA08/GS03) or a member ID.

import { ISA_WIDTHS } from '../../server/src/x12/delimiters';

/** Replaces ISA08 (padded to 15) and GS03 of a fixed-width interchange. */
export function withReceiver(x12: string, receiver: string): string {
  const isaEnd = x12.indexOf('~');
  const fields = x12.slice(4, isaEnd).split('*');
  fields[7] = receiver.padEnd(ISA_WIDTHS[7], ' ');
  const isa = 'ISA*' + fields.join('*');
  const rest = x12.slice(isaEnd).replace(/(GS\*[^*]*\*[^*]*\*)[^*]*/, `$1${receiver}`);
  return isa + rest;
}

/** Replaces the subscriber's member ID (NM1*IL … NM109). */
export function withMember(x12: string, member: string): string {
  return x12.replace(/(NM1\*IL\*[^~]*?\*MI\*)[^~*]*/, `$1${member}`);
}

/** Values of every segment with the given ID, as element arrays. */
export function segmentsOf(x12: string, id: string): string[][] {
  return x12
    .split('~')
    .map((s) => s.trim())
    .filter((s) => s.startsWith(id + '*'))
    .map((s) => s.split('*'));
}
