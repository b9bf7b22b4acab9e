// JSON request body (Optum's InquiryJSONRequest, AuthorizationSubmissionJSON, AuthorizationNoaJSON) → X12 278.

import { ccyymmdd, composeInterchange, hhmm, type ElementValue } from '../x12/writer';
import { ownEntriesOnly } from '../guide/ownEntries';
import { BodyWriter } from './bodyWriter';
import { auditJson } from './jsonAudit';
import { isRecord, leafValue, own, valueAt } from './jsonValues';
import { fieldIndex, layoutFor } from './layouts';
import type { Layout } from './rules';
import { resolveSpans, tableOf, type EnvelopePlacement } from './spans';
import { VacancyIndex } from './vacancies';
import type { ConversionIssue, JsonToX12Options, JsonToX12Result, RequestKind } from './types';

const KINDS: readonly RequestKind[] = ['inquiry', 'submission', 'noa'];
const ISA_ID_WIDTH = 15;

export function jsonToX12(body: unknown, kind: RequestKind, options: JsonToX12Options = {}): JsonToX12Result {
  try {
    return convert(body, kind, options);
  } catch (e) {
    // The converter must never throw; reaching this is a bug, reported rather than hidden.
    return failure(`Internal error while converting: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function failure(message: string): JsonToX12Result {
  return { x12: '', issues: [{ path: '', severity: 'error', message }], fields: [], vacanciesAt: () => [], unidentified: [] };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function convert(body: unknown, kind: RequestKind, options: JsonToX12Options): JsonToX12Result {
  if (!KINDS.includes(kind)) return failure(`Unknown request kind "${String(kind)}"; use inquiry, submission or noa.`);
  const layout = layoutFor(kind, 'request');
  if (!isRecord(body)) return failure(`A ${layout.schema} body is a JSON object; found ${describe(body)}.`);
  const issues: ConversionIssue[] = [];
  const { canonical, rename } = applyAliases(layout, body, issues);
  const date = requestDate(options.date, issues);

  const writer = new BodyWriter(issues);
  writer.writeHeader(layout, canonical, ccyymmdd(date), hhmm(date));
  writer.writeLevels(layout, canonical);

  const env = layout.envelope;
  const sender = env.senderId ? envelopeId(canonical, env.senderId, 'ISA06', 'GS02', 'the sender', issues) : undefined;
  const receiver = envelopeId(canonical, env.receiverId, 'ISA08', 'GS03', "the receiver, which Optum's sandbox picks its answer by", issues);
  const control = controlNumber(options.controlNumber, layout, writer.body, issues);
  // Delimiters are chosen so that no value holds one (a name like O*BRIEN moves the element separator off "*").
  const written = composeInterchange(
    {
      senderId: sender ?? '', receiverId: receiver ?? '', groupSender: sender ?? '', groupReceiver: receiver ?? '',
      controlNumber: control, groupControlNumber: String(Number(control)), version: layout.version, date,
    },
    [{ controlNumber: '0001', body: writer.body }],
    { lineBreaks: options.lineBreaks ?? false },
  );
  const x12 = written.text;
  if (!written.wellFormed) {
    issues.push({ path: '', severity: 'error', message: 'The values use every character that could separate X12 elements and segments, so no well-formed X12 can carry them; remove unusual punctuation from the values.' });
  }

  const envelope: EnvelopePlacement[] = [];
  if (sender !== undefined && env.senderId) {
    envelope.push({ path: env.senderId, segment: 0, element: 6, length: Math.min(sender.length, ISA_ID_WIDTH) });
    envelope.push({ path: env.senderId, segment: 1, element: 2, length: sender.length });
  }
  if (receiver !== undefined) {
    envelope.push({ path: env.receiverId, segment: 0, element: 8, length: Math.min(receiver.length, ISA_ID_WIDTH) });
    envelope.push({ path: env.receiverId, segment: 1, element: 3, length: receiver.length });
  }
  const table = tableOf(x12);
  const fields = resolveSpans(table, envelope, writer.placements, writer.extents);
  const placed = new Set([...envelope.map((p) => p.path), ...writer.placements.map((p) => p.path)]);
  const absentEnvelope: { path: string; segment: 0 | 1; element: number }[] = [];
  if (sender === undefined && env.senderId) absentEnvelope.push({ path: env.senderId, segment: 0, element: 6 }, { path: env.senderId, segment: 1, element: 2 });
  if (receiver === undefined) absentEnvelope.push({ path: env.receiverId, segment: 0, element: 8 }, { path: env.receiverId, segment: 1, element: 3 });
  const vacancies = new VacancyIndex({
    table, segmentRules: writer.segmentRules, segmentPaths: writer.segmentPaths, instances: writer.instances, placed, envelope: absentEnvelope,
  });
  issues.push(...auditJson(canonical, { index: fieldIndex(layout), schema: layout.schema, written: placed, reported: writer.reported }));
  return {
    x12,
    issues: issues.map((i) => ({ ...i, path: rename(i.path) })),
    fields: fields.map((f) => ({ ...f, path: rename(f.path) })),
    vacanciesAt: (offset) => vacancies.at(offset).map((v) => ({ ...v, paths: v.paths.map(rename) })),
    unidentified: writer.unidentified.map(rename),
  };
}

function requestDate(given: Date | undefined, issues: ConversionIssue[]): Date {
  if (given === undefined) return new Date();
  if (given instanceof Date && !Number.isNaN(given.getTime())) return given;
  issues.push({ path: '', severity: 'error', message: 'options.date is not a valid date; the current time was used.' });
  return new Date();
}

function envelopeId(body: Record<string, unknown>, field: string, isa: string, gs: string, role: string, issues: ConversionIssue[]): string | undefined {
  const { value, problem } = leafValue(valueAt(body, field));
  if (value === undefined) {
    // A value of the wrong type gets its own issue from the audit.
    if (!problem) issues.push({ path: field, severity: 'warning', message: `${field} is missing, so ${isa} and ${gs} (${role}) were left blank.` });
    return undefined;
  }
  if (value.length > ISA_ID_WIDTH) {
    issues.push({ path: field, severity: 'error', message: `${isa} holds ${ISA_ID_WIDTH} characters and ${field} has ${value.length}, so ${isa} was cut to "${value.slice(0, ISA_ID_WIDTH)}".` });
  }
  return value;
}

/** FNV-1a over the written body, so the same JSON (and date) always gives the same control number. */
function derivedControlNumber(layout: Layout, body: readonly ElementValue[][]): string {
  let hash = 0x811c9dc5;
  const text = layout.version + JSON.stringify(body);
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String((hash % 999_999_999) + 1).padStart(9, '0');
}

function controlNumber(given: string | undefined, layout: Layout, body: readonly ElementValue[][], issues: ConversionIssue[]): string {
  if (given !== undefined) {
    if (typeof given === 'string' && /^\d{1,9}$/.test(given) && Number(given) > 0) return given.padStart(9, '0');
    issues.push({ path: '', severity: 'error', message: `options.controlNumber "${String(given)}" is not 1–9 digits; a number derived from the content was used.` });
  }
  return derivedControlNumber(layout, body);
}

interface Aliased {
  readonly canonical: Record<string, unknown>;
  readonly rename: (path: string) => string;
}

/** Reads an alias object (a NOA's `requester`) as its canonical name (`source`), and maps paths back for the caller. */
function applyAliases(layout: Layout, body: Record<string, unknown>, issues: ConversionIssue[]): Aliased {
  const applied: { canonical: string; name: string; fields: Readonly<Record<string, string>> }[] = [];
  let canonical = body;
  for (const [name, alias] of Object.entries(layout.aliases ?? {})) {
    const value = own(body, alias.name);
    if (value === undefined) continue;
    canonical = { ...canonical };
    delete canonical[alias.name];
    if (own(body, name) !== undefined) {
      issues.push({
        path: alias.name, severity: 'warning',
        message: `${layout.schema} names this party once, as ${name} or as ${alias.name}; both were given, so ${alias.name} is not mapped to X12 and was left out.`,
      });
      continue;
    }
    const renamedFields = ownEntriesOnly(Object.fromEntries(Object.entries(alias.fields).map(([canonicalField, aliasField]) => [aliasField, canonicalField])));
    canonical[name] = isRecord(value)
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [renamedFields[k] ?? k, v]))
      : value;
    applied.push({ canonical: name, name: alias.name, fields: alias.fields });
  }
  const rename = (path: string): string => {
    for (const a of applied) {
      if (path === a.canonical) return a.name;
      if (!path.startsWith(`${a.canonical}.`)) continue;
      const rest = path.slice(a.canonical.length + 1);
      const key = rest.split(/[.[]/)[0];
      return `${a.name}.${(own(a.fields, key) as string | undefined) ?? key}${rest.slice(key.length)}`;
    }
    return path;
  };
  return { canonical, rename };
}
