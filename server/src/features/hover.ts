// Hover text for segment IDs and elements, in Markdown, with 278 responses read in plain words.

import type { DocumentAnalysis } from '../validate/document';
import type { LoopNode } from '../validate/transaction';
import { SEGMENTS } from '../guide/segments';
import { ENVELOPE_USES } from '../guide/envelope';
import { DATE_FORMAT_PAIRS } from '../guide/dateFormats';
import { ownEntriesOnly } from '../guide/ownEntries';
import type { ElementDef, GuideSegment } from '../guide/types';
import { elementValue } from '../x12/segments';
import type { SegmentTable } from '../x12/scanner';
import { locate, type Located } from './locate';
import { elementNameInLoop, sandboxMeaning } from './loopNames';
import {
  ENVELOPE_IDS, USAGE_WORDS, codeMeaning, componentDef, decisionWords, elementInfo, elementUseAt, followUpWords,
  lengthText, levelOf, loopTitle, readableDate, rejectReason, usageAt,
} from './describe';

export interface HoverResult {
  readonly markdown: string;
  readonly start: number;
  readonly end: number;
}

const TYPE_WORDS: Record<string, string> = {
  ID: 'code', AN: 'text', DT: 'date', TM: 'time', N0: 'whole number', N2: 'number with 2 implied decimals', R: 'decimal number',
};

const ENVELOPE_NAMES: Record<string, string> = {
  ISA: 'interchange envelope', GS: 'functional group envelope', ST: 'transaction set header', SE: 'transaction set trailer',
  GE: 'functional group envelope', IEA: 'interchange envelope',
};

function maxText(max: number): string {
  return max === Infinity ? 'unbounded' : String(max);
}

function where(l: Located): string[] {
  const lines: string[] = [];
  if (l.loop) {
    const level = levelOf(l.loop);
    const loop = loopTitle(l.loop.def);
    lines.push(level && level !== l.loop ? `Loop **${loop}**, in ${loopTitle(level.def)}` : `Loop **${loop}**`);
  }
  if (l.transaction?.guide) lines.push(`Guide: ${l.transaction.guide.name}`);
  return lines;
}

function segmentHover(a: DocumentAnalysis, l: Located): string {
  const t = a.table;
  const id = t.ids[l.seg];
  const def = SEGMENTS[id];
  if (!def) return `**${id}** is not a segment a 278 uses.`;
  const match = l.match ?? ENVELOPE_USES[id];
  const lines: string[] = [];
  lines.push(match && match.name !== def.name ? `**${id} — ${match.name}** (${def.name})` : `**${id} — ${def.name}**`);
  const context = where(l);
  if (ENVELOPE_IDS.has(id)) context.unshift(`Part of the ${ENVELOPE_NAMES[id]}`);
  if (context.length) lines.push(context.join(' · '));
  if (match) {
    lines.push(`${USAGE_WORDS[match.usage]} · max use ${maxText(match.max)} in this loop · position ${String(match.position).padStart(4, '0')}${match.confidence === 'I' ? ' · (usage inferred from samples)' : ''}`);
  } else if (l.transaction?.guide && !ENVELOPE_IDS.has(id)) {
    lines.push('_This segment did not match the guide here; see the diagnostics._');
  }
  lines.push(def.purpose);
  if (match?.note) lines.push(match.note);
  const reading = responseReading(t, l.seg, l.loop);
  if (reading) lines.push(reading);
  return lines.join('\n\n');
}

/** Plain-words reading of HCR (decision) and AAA (rejection) segments. */
export function responseReading(t: SegmentTable, seg: number, loop: LoopNode | undefined): string | undefined {
  const id = t.ids[seg];
  if (id === 'HCR') {
    const code = elementValue(t, seg, 1);
    const words = decisionWords(code);
    const parts = [`**Decision:** ${code}${words ? ` — ${words}` : ''}`];
    const auth = elementValue(t, seg, 2);
    if (auth) parts.push(`**Authorization number:** ${auth}`);
    const reason = elementValue(t, seg, 3);
    if (reason) parts.push(`Decision reason code: ${reason}`);
    const dates = certificationDates(t, loop);
    if (dates.length) parts.push(dates.join(' · '));
    return parts.join('\n\n');
  }
  if (id === 'AAA') {
    const valid = elementValue(t, seg, 1);
    const reason = elementValue(t, seg, 3);
    const follow = elementValue(t, seg, 4);
    if (valid === 'Y') return '**Request validation:** accepted at this level.';
    const reasonName = rejectReason(reason);
    const followName = followUpWords(follow);
    return [
      `**Rejected** at this level${reason ? `: ${reason}${reasonName ? ` — ${reasonName}` : ''}` : ''}.`,
      follow ? `**Next step:** ${follow}${followName ? ` — ${followName}` : ''}.` : '',
      'A rejection is not a denial: the payer could not process the request as sent.',
    ]
      .filter(Boolean)
      .join('\n\n');
  }
  return undefined;
}

const CERT_DATES: Record<string, string> = ownEntriesOnly({ '102': 'issued', '007': 'effective', '036': 'expires' });

function certificationDates(t: SegmentTable, loop: LoopNode | undefined): string[] {
  if (!loop) return [];
  const out: string[] = [];
  for (let s = loop.first; s <= loop.last; s++) {
    if (t.ids[s] !== 'DTP') continue;
    const label = CERT_DATES[elementValue(t, s, 1)];
    const value = elementValue(t, s, 3);
    if (label) out.push(`Certification ${label} ${readableDate(value) ?? value}`);
  }
  return out;
}

function describeValue(element: ElementDef | undefined, value: string, codes: readonly string[] | undefined, qualifier?: string): string[] {
  const lines: string[] = [];
  if (!value) return lines;
  const meaning = codeMeaning(element, value, qualifier);
  if (meaning) lines.push(`\`${value}\`: ${meaning}`);
  else lines.push(`Value: \`${value}\``);
  if (codes && codes.length > 0 && !codes.includes(value)) lines.push(`_Not allowed here._ Allowed: ${codes.slice(0, 20).join(', ')}${codes.length > 20 ? ', …' : ''}`);
  return lines;
}

function elementHover(a: DocumentAnalysis, l: Located): string | undefined {
  const t = a.table;
  const id = t.ids[l.seg];
  const info = elementInfo(id, l.pos);
  if (!info) return `**${id}${String(l.pos).padStart(2, '0')}** is beyond the ${SEGMENTS[id]?.elements.length ?? 0} elements ${id} has.`;
  const match: GuideSegment | undefined = l.match ?? ENVELOPE_USES[id];
  const use = elementUseAt(match, l.pos);
  const usage = usageAt(match, l.pos);
  const lines: string[] = [];
  const value = t.text.slice(l.span.start, l.span.end);
  // The element's name in this loop ("NM109 — Subscriber's member ID"), then the dictionary's number and name.
  const here = elementNameInLoop(id, match?.name, l.pos);
  const title = here ? `**${info.label} — ${here}**` : `**${info.label}**`;

  if (info.composite) {
    const comp = info.composite;
    lines.push(`${title} · composite ${comp.number} · ${comp.name}`);
    if (usage) lines.push(`${USAGE_WORDS[usage]}${l.loop ? ` in ${loopTitle(l.loop.def)}` : ''}`);
    const full = t.text.slice(l.elementSpan.start, l.elementSpan.end);
    const parts = t.delimiters && id !== 'ISA' ? full.split(String.fromCharCode(t.delimiters.component)) : [full];
    // C023: component 2 says whether component 1 is a place of service (B) or a bill type (A).
    const qualifierOfPos = comp.number === 'C023' ? parts[1] : undefined;
    const rows = comp.components.map((number, i) => {
      const def = componentDef(comp, i + 1);
      const cu = use?.components?.[i];
      const v = parts[i] ?? '';
      const meaning = v ? codeMeaning(def, v, qualifierOfPos) : undefined;
      const mark = i + 1 === l.component ? '▸ ' : '';
      const usageMark = cu ? ` (${USAGE_WORDS[cu.usage].toLowerCase()})` : '';
      return `${mark}${info.label}-${i + 1} ${def?.name ?? number}${usageMark}${v ? `: \`${v}\`${meaning ? ` — ${meaning}` : ''}` : ''}`;
    });
    lines.push(rows.join('  \n'));
    if (l.component > 0) {
      const def = componentDef(comp, l.component);
      if (def) lines.push(`${info.label}-${l.component}: element ${def.number}, ${TYPE_WORDS[def.type] ?? def.type} (${def.type}), ${lengthText(def)}`);
      const codes = use?.components?.[l.component - 1]?.codes;
      const extra = describeValue(def, value, codes, qualifierOfPos).filter((line) => line.startsWith('_'));
      lines.push(...extra);
    }
  } else if (info.simple) {
    const e = info.simple;
    lines.push(`${title} · element ${e.number} · ${e.name}`);
    lines.push(`${TYPE_WORDS[e.type] ?? e.type} (${e.type}), ${lengthText(e)}${usage ? ` · ${USAGE_WORDS[usage]}${l.loop ? ` in ${loopTitle(l.loop.def)}` : ''}` : ''}`);
    lines.push(...describeValue(e, value, use?.codes));
    const date = dateOf(t, l.seg, l.pos, e, value);
    if (date) lines.push(`Date: ${date}`);
    const sandbox = sandboxMeaning(id, match?.name, l.pos, value);
    if (sandbox) lines.push(sandbox);
  }
  const reading = (id === 'HCR' || id === 'AAA') ? responseReading(t, l.seg, l.loop) : undefined;
  if (reading) lines.push('---', reading);
  return lines.join('\n\n');
}

/** A readable form of a DT element, or of a date value whose sibling qualifier says D8 or RD8. */
function dateOf(t: SegmentTable, seg: number, pos: number, e: ElementDef, value: string): string | undefined {
  if (e.type === 'DT' && value.length === 8) return readableDate(value);
  const pair = DATE_FORMAT_PAIRS.find((p) => p.segment === t.ids[seg] && p.valuePosition === pos);
  if (!pair) return undefined;
  const format = elementValue(t, seg, pair.qualifierPosition);
  return format === 'D8' || format === 'RD8' ? readableDate(value) : undefined;
}

export function hoverAt(analysis: DocumentAnalysis, offset: number): HoverResult | undefined {
  const l = locate(analysis, offset);
  if (!l || l.span.start < 0) return undefined;
  const markdown = l.pos === 0 ? segmentHover(analysis, l) : elementHover(analysis, l);
  if (!markdown) return undefined;
  return { markdown, start: l.span.start, end: Math.max(l.span.end, l.span.start) };
}
