// Comparing JSON bodies and X12 transactions in the converter's tests.

/** Leaves by concrete path ("a.b[0].c"); null, '' and empty containers have none. */
export function leaves(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  } else if (value !== null && value !== undefined && value !== '') out.set(path, String(value));
  return out;
}

/** Leaves minus those at or under a path that has an issue. */
export function coveredLeaves(value: unknown, issuePaths: readonly string[]): Map<string, string> {
  const out = leaves(value);
  for (const p of [...out.keys()]) {
    if (issuePaths.some((i) => p === i || p.startsWith(`${i}.`) || p.startsWith(`${i}[`))) out.delete(p);
  }
  return out;
}

/**
 * Transaction body segments (ST…SE exclusive). With `dropBhtDateTime`, BHT04/BHT05 (date, time) are removed: the
 * writer stamps its own.
 */
export function bodySegments(x12: string, dropBhtDateTime = false): string[] {
  const segments = x12.split('~').map((s) => s.trim()).filter(Boolean);
  const body = segments.slice(segments.findIndex((s) => s.startsWith('ST*')) + 1, segments.findIndex((s) => s.startsWith('SE*')));
  return dropBhtDateTime ? body.map((s) => (s.startsWith('BHT*') ? s.split('*').filter((_, i) => i !== 4 && i !== 5).join('*') : s)) : body;
}
