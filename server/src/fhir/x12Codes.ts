// Where FHIR meets the 278 tables: X12 codes in PAS elements are looked up in the project's own 278 code lists,
// keyed by X12 data element number. The FHIR side reads the guide tables; the guide never imports FHIR.

import { CODE_LISTS } from '../guide/codeLists';

/** The short meaning of an X12 code for a data element (e.g. "1365", "3"), when the 278 tables name it. */
export function x12CodeMeaning(dataElement: string, code: string): string | undefined {
  const list = CODE_LISTS[dataElement];
  return list && Object.prototype.hasOwnProperty.call(list.codes, code) ? list.codes[code] : undefined;
}

/** True when the 278 tables carry a code list for the element (so a code missing from it is worth a warning). */
export function x12HasCodeList(dataElement: string): boolean {
  return Object.prototype.hasOwnProperty.call(CODE_LISTS, dataElement);
}

/** The element's codes with their meanings, for completion. */
export function x12Codes(dataElement: string): readonly { code: string; display: string }[] {
  const list = CODE_LISTS[dataElement];
  return list ? Object.entries(list.codes).map(([code, display]) => ({ code, display })) : [];
}

/** The data element's name in the 278 tables ("Service Type Code"), if known. */
export function x12ElementName(dataElement: string): string | undefined {
  return CODE_LISTS[dataElement]?.name;
}

export interface X12Location {
  readonly loop?: string;
  readonly segment?: string;
  readonly element?: string;
  readonly dataElement?: string;
}

const X12_VALUESET = /^https:\/\/valueset\.x12\.org\/[^/]+\/[^/]+\/(?:request|response)\/([^/]+)\/([A-Z0-9]+)\/\d+\/(\d\d)\/(\d\d)\/(\d+)/;

/** Reads the 278 location out of an X12 value-set URL (…/request/2000F/UM/1/03/00/1365 → 2000F, UM, UM03, 1365). */
export function x12FromValueSetUrl(url: string): X12Location | undefined {
  const m = X12_VALUESET.exec(url);
  if (!m) return undefined;
  const [, loop, segment, position, component, dataElement] = m;
  const element = component && component !== '00' ? `${segment}${position}-${Number(component)}` : `${segment}${position}`;
  return { loop, segment, element, dataElement };
}

const LOOP_SEGMENT = /\((\d{4}[A-Z]?)-([A-Z][A-Z0-9]{1,2})\)/;
const SEGMENT_ELEMENT = /\b([A-Z][A-Z0-9]{1,2})(\d{2})\b/;

/** Reads a 278 location the package's element definition names in words, e.g. "(UM06)" or "(2000F-TRN)". */
export function x12FromDefinition(text: string | undefined): X12Location | undefined {
  if (!text) return undefined;
  const ls = LOOP_SEGMENT.exec(text);
  if (ls) return { loop: ls[1], segment: ls[2] };
  const paren = /\(([^)]*)\)/g;
  for (let m = paren.exec(text); m; m = paren.exec(text)) {
    const se = SEGMENT_ELEMENT.exec(m[1]!);
    if (se && /^(UM|HCR|CRC|TRN|PWK|CR\d|SV\d|HSD|HI|AAA|DTP|REF|NM1|PRV|MSG|HL|BHT|INS|CL1|DMG|N3|N4|PER|ISA|GS)$/.test(se[1]!))
      return { segment: se[1], element: se[1]! + se[2]! };
  }
  return undefined;
}
