// Reading values out of untrusted JSON: plain objects only, strings as Optum's schema has them, no X12 delimiters.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property, never one inherited from Object.prototype. */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** The value at a dotted path of plain objects ("professionalService.procedureCode"), or undefined. */
export function valueAt(obj: Record<string, unknown> | undefined, path: string): unknown {
  let current: unknown = obj;
  for (const key of path.split('.')) {
    if (!isRecord(current)) return undefined;
    current = own(current, key);
  }
  return current;
}

export function recordAt(obj: Record<string, unknown> | undefined, path: string): Record<string, unknown> | undefined {
  const value = path ? valueAt(obj, path) : obj;
  return isRecord(value) ? value : undefined;
}

/** The X12 delimiters the writer uses; a value containing one would split its element. */
const DELIMITERS = ['*', '~', ':', '^'];

export interface LeafValue {
  /** The string to write; undefined when there is nothing to write. */
  readonly value?: string;
  readonly problem?: { readonly severity: 'error' | 'warning'; readonly message: string };
}

export function leafValue(raw: unknown): LeafValue {
  if (raw === null || raw === undefined || raw === '') return {};
  let value: string;
  let problem: LeafValue['problem'];
  if (typeof raw === 'string') {
    value = raw;
  } else if (typeof raw === 'number' || typeof raw === 'boolean') {
    value = String(raw);
    problem = { severity: 'warning', message: `Optum's schema types this field as a string; write "${value}" in quotes. It was written as "${value}".` };
  } else {
    const what = Array.isArray(raw) ? 'an array' : typeof raw === 'object' ? 'an object' : `a ${typeof raw}`;
    return { problem: { severity: 'error', message: `Expected a string, found ${what}; it was left out.` } };
  }
  const delimiter = DELIMITERS.find((d) => value.includes(d));
  if (delimiter) {
    return { problem: { severity: 'error', message: `"${delimiter}" is an X12 delimiter and cannot appear in a value; the field was left out.` } };
  }
  return problem ? { value, problem } : { value };
}
