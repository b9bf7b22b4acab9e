// Hover on a PAS document: the element's definition from its profile (short text, cardinality, types, binding and the
// value's meaning, must-support, the profile, where the 278 carries it) and, in a ClaimResponse, the decision in words.

import { findNodeAtLocation, findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser';
import type { ElementInfo, FhirAnalysis, FhirLocation } from '../fhir/api';
import { CODE_LISTS } from '../guide/codeLists';
import type { HoverResult } from './hover';
import { fhirCore } from './fhirCore';
import { elementAtPath, jsonTree } from './fhirTree';
import { claimResponseAt, responseReading } from './pasDecision';

const X12_SYSTEM = 'https://codesystem.x12.org/005010/';
/** How far up from a `code` value a binding is looked for (code → coding[i] → coding → CodeableConcept). */
const BINDING_DEPTH = 4;
/** An unconstrained value[x] allows some fifty types: name a few and count the rest. */
const MAX_TYPES = 8;

/** "profile-claim" out of its canonical, for a short title; the full canonical follows in the text. */
function profileName(canonical: string): string {
  return canonical.slice(canonical.lastIndexOf('/') + 1);
}

function cardinality(e: ElementInfo): string {
  return `${e.min}..${e.max}`;
}

export function x12Where(x12: NonNullable<ElementInfo['x12']>): string {
  const parts: string[] = [];
  if (x12.loop) parts.push(`loop ${x12.loop}`);
  if (x12.segment) parts.push(`segment ${x12.segment}`);
  if (x12.element) parts.push(`element ${x12.element}`);
  if (x12.dataElement) parts.push(`data element ${x12.dataElement}`);
  return parts.join(', ');
}

/** The meaning of `code` in a binding: the value set's own display, else the project's X12 code list. */
export function bindingMeaning(e: ElementInfo | undefined, code: string, system?: string): string | undefined {
  const listed = e?.binding?.codes?.find((c) => c.code === code && (!system || !c.system || c.system === system));
  if (listed?.display) return listed.display;
  const element = system?.startsWith(X12_SYSTEM) ? system.slice(X12_SYSTEM.length) : e?.x12?.dataElement;
  return element ? CODE_LISTS[element]?.codes[code] : undefined;
}

function elementLines(e: ElementInfo): string[] {
  const lines = [`**${e.id}**${e.short ? ` — ${e.short}` : ''}`];
  const facts = [`\`${cardinality(e)}\``];
  if (e.types.length > MAX_TYPES) facts.push(`${e.types.slice(0, MAX_TYPES).join(' | ')} … (${e.types.length} types)`);
  else if (e.types.length) facts.push(e.types.join(' | '));
  if (e.mustSupport) facts.push('must support');
  lines.push(facts.join(' · '));
  if (e.definition && e.definition !== e.short) lines.push(e.definition);
  if (e.binding) lines.push(`Binding (${e.binding.strength}): ${e.binding.valueSet}`);
  if (e.x12) lines.push(`278: ${x12Where(e.x12)}`);
  lines.push(`Profile: ${profileName(e.profile)} (${e.profile})`);
  return lines;
}

function stringValue(text: string, loc: FhirLocation): string | undefined {
  if (loc.onPropertyName) return undefined;
  const raw = text.slice(loc.start, loc.end);
  if (!raw.startsWith('"')) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A `code` value's meaning, from the binding of the nearest element above it that has one (a coding's code is bound
 * through its CodeableConcept), or from the project's 278 code list its X12 system names; with the 278 location of
 * that element when the code's own element has none.
 */
function codeLines(analysis: FhirAnalysis, root: Node, loc: FhirLocation, code: string): string[] {
  const path = loc.jsonPath;
  const systemNode = path[path.length - 1] === 'code' ? findNodeAtLocation(root, [...path.slice(0, -1), 'system']) : undefined;
  const system = typeof systemNode?.value === 'string' ? systemNode.value : undefined;
  let owner = loc.element;
  let meaning = bindingMeaning(owner, code, system);
  for (let up = 1; !meaning && up <= BINDING_DEPTH && up <= path.length; up++) {
    const above = elementAtPath(analysis, root, path.slice(0, path.length - up));
    if (above?.binding) {
      owner = above;
      meaning = bindingMeaning(above, code, system);
    }
  }
  const element = system?.startsWith(X12_SYSTEM) ? system.slice(X12_SYSTEM.length) : undefined;
  const lines: string[] = [];
  if (meaning) lines.push(`\`${code}\`: ${meaning}${element ? ` (X12 data element ${element})` : ''}`);
  if (owner && owner !== loc.element && owner.x12 && !loc.element?.x12) lines.push(`278: ${x12Where(owner.x12)}`);
  return lines;
}

/** Where the offset is when the core cannot say (no element governs it): the JSON path from the tree alone. */
function locateInTree(root: Node | undefined, offset: number): FhirLocation | undefined {
  const node = root ? findNodeAtOffset(root, offset) : undefined;
  if (!node) return undefined;
  const onPropertyName = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  return { jsonPath: getNodePath(node), onPropertyName, element: undefined, start: node.offset, end: node.offset + node.length };
}

export function fhirHoverAt(analysis: FhirAnalysis, offset: number): HoverResult | undefined {
  if (!analysis.pas) return undefined;
  const root = jsonTree(analysis);
  const loc = fhirCore().locateFhir(analysis, offset) ?? locateInTree(root, offset);
  if (!loc) return undefined;
  const sections: string[] = [];
  if (loc.element) sections.push(...elementLines(loc.element));
  const value = stringValue(analysis.text, loc);
  if (value !== undefined && root) {
    sections.push(...codeLines(analysis, root, loc, value));
  }
  const response = root ? claimResponseAt(root, loc.jsonPath) : undefined;
  // Inside an item: that item's decision; on a property of the ClaimResponse itself: every item's.
  if (response && (response.itemIndex !== undefined || response.topLevel)) {
    const reading = responseReading(response.response, response.itemIndex);
    if (reading) sections.push(reading);
  }
  if (sections.length === 0) return undefined;
  return { markdown: sections.join('\n\n'), start: loc.start, end: loc.end };
}
