// Tables looked up with text from documents (segment IDs, codes) must answer only their own entries: a plain object
// answers "constructor", "toString" or "__proto__" with Object's members, which then read as a known segment or code.

/** Cuts the table off from Object's prototype, in place; returns it. */
export function ownEntriesOnly<T extends object>(table: T): T {
  Object.setPrototypeOf(table, null);
  return table;
}
