// How deep JSON nests, measured without recursion: a body of thousands of nested arrays or objects must get a clear
// answer, not overflow the stack of whatever walks it next (parsers, the converter, the audit of unknown fields).

/** Far beyond any prior-auth request (about six levels), far below what a recursive walk can take. */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed value nests arrays and objects more than `limit` levels deep (the value itself is level 1). */
export function nestsDeeperThan(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

export function tooDeepMessage(limit = MAX_JSON_DEPTH): string {
  return `The JSON nests arrays and objects more than ${limit} levels deep; a prior-auth request needs about six, so the body is not checked further. Remove the extra nesting.`;
}
