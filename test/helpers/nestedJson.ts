// JSON request bodies that nest arrays or objects to a given depth, for the deep-nesting tests.

/** `{"payerId": "INQDEMO", "subscriber": <depth levels of arrays or objects>}`. */
export function nestedJson(kind: 'arrays' | 'objects', depth: number): string {
  const open = kind === 'arrays' ? '[' : '{"a":';
  const close = kind === 'arrays' ? ']' : '}';
  return `{"payerId": "INQDEMO", "subscriber": ${open.repeat(depth)}${kind === 'arrays' ? '' : '1'}${close.repeat(depth)}}`;
}
