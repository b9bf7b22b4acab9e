// The file name a converted document gets: the source's name with the extension that gives the result its language
// and, for JSON requests, its schema and 278 rules (`inquiry-tst2.x12` → `inquiry-tst2.inquiry.json`, and back to
// `inquiry-tst2.x12`). No vscode import: the naming is tested on its own.

export type ConvertedKind = 'inquiry' | 'submission' | 'noa';

export interface ConvertedFrom {
  /** The source document's file name (last path segment), e.g. `inquiry-tst2.x12` or `Untitled-1`. */
  readonly sourceName: string;
  readonly target: 'x12' | 'json';
  /** The request kind the converter read or wrote. */
  readonly kind?: ConvertedKind;
  /** Whether the converted transaction is a request or a response (a response is not a request body). */
  readonly variant?: 'request' | 'response';
}

const SOURCE_SUFFIXES = /(\.(278|inquiry|submission|noa))?\.(json|jsonc)$|\.(x12|edi|278)$/i;

/** The source name without the extensions the conversion replaces: `a.inquiry.json` → `a`, `b.response.x12` → `b.response`. */
export function baseName(sourceName: string): string {
  const base = sourceName.replace(SOURCE_SUFFIXES, '');
  return base || 'converted';
}

/**
 * `<base>.x12` for X12; `<base>.<kind>.json` for a JSON request (so the request's schema and the 278 rules apply);
 * `<base>.response.json` for a JSON response.
 */
export function convertedName(from: ConvertedFrom): string {
  const base = baseName(from.sourceName);
  if (from.target === 'x12') return `${base}.x12`;
  if (from.variant === 'response') return /\.response$/i.test(base) ? `${base}.json` : `${base}.response.json`;
  return `${base}.${from.kind ?? '278'}.json`;
}

/** The n-th alternative of a name when the first is taken: `a.inquiry.json` → `a-2.inquiry.json`. */
export function numberedName(name: string, n: number): string {
  if (n <= 1) return name;
  const match = /^(.*?)((\.(response|inquiry|submission|noa|278))?\.(json|x12))$/i.exec(name);
  return match ? `${match[1]}-${n}${match[2]}` : `${name}-${n}`;
}
