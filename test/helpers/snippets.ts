// A small expander for the subset of the VS Code snippet syntax that snippets/*.json use, so tests can check what a
// snippet inserts without an editor:
//   $1  ${1}  ${1:default with ${2:nested} placeholders}  ${1|first,second|}  ${1/regex/format/flags}
//   $CURRENT_YEAR  ${CURRENT_YEAR}  ${CURRENT_YEAR:default}  ${CURRENT_YEAR/regex/format/flags}   \$  \}  \\
// A tabstop's value comes from its first occurrence that has content (a default or a choice); the other occurrences
// mirror it, each through its own transform if it has one. Choices resolve to their first option unless `choices`
// picks another one. Unknown variables and malformed syntax throw, so a typo in a snippet fails the test that uses it.

import { readFileSync } from 'node:fs';

export interface SnippetDefinition {
  readonly prefix: string | readonly string[];
  readonly body: string | readonly string[];
  readonly description?: string;
}

export type SnippetFile = Readonly<Record<string, SnippetDefinition>>;

export interface ExpandOptions {
  /** Time for the CURRENT_* variables; defaults to now. */
  readonly now?: Date;
  /** Per tabstop: the choice to take, as an option value or as an index into the options. */
  readonly choices?: Readonly<Record<number, string | number>>;
}

// ---------------------------------------------------------------------------------------------------------------
// Syntax tree

interface Transform {
  readonly regex: RegExp;
  readonly format: FormatPart[];
}

type FormatPart =
  | { readonly kind: 'text'; readonly value: string }
  | {
      readonly kind: 'group';
      readonly group: number;
      readonly modifier?: 'upcase' | 'downcase' | 'capitalize';
      readonly ifSet?: string;
      readonly ifUnset?: string;
    };

type Node =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'tabstop'; readonly index: number; readonly children?: Node[]; readonly transform?: Transform }
  | { readonly kind: 'choice'; readonly index: number; readonly options: string[] }
  | { readonly kind: 'variable'; readonly name: string; readonly children?: Node[]; readonly transform?: Transform };

class Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.sequence(false);
    if (this.pos < this.src.length) this.fail('unexpected "}"');
    return nodes;
  }

  private fail(message: string): never {
    throw new Error(`snippet syntax: ${message} at offset ${this.pos} in ${JSON.stringify(this.src)}`);
  }

  /** Text and markers up to the end, or up to an unescaped `}` when `nested`. */
  private sequence(nested: boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && this.pos + 1 < this.src.length && '$}\\'.includes(this.src[this.pos + 1])) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === '}' && nested) {
        break;
      } else if (c === '$') {
        const marker = this.marker();
        if (marker) {
          flush();
          nodes.push(marker);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  /** A marker at `$`, or undefined (without moving) when the `$` is plain text. */
  private marker(): Node | undefined {
    const rest = this.src.slice(this.pos + 1);
    const simple = /^(\d+|[_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (simple) {
      this.pos += 1 + simple[1].length;
      return /^\d/.test(simple[1]) ? { kind: 'tabstop', index: Number(simple[1]) } : { kind: 'variable', name: simple[1] };
    }
    const braced = /^\{(\d+|[_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (!braced) return undefined;
    const name = braced[1];
    const isTabstop = /^\d/.test(name);
    this.pos += 2 + name.length;
    const next = this.src[this.pos];
    if (next === '}') {
      this.pos++;
      return isTabstop ? { kind: 'tabstop', index: Number(name) } : { kind: 'variable', name };
    }
    if (next === ':') {
      this.pos++;
      const children = this.sequence(true);
      this.expect('}');
      return isTabstop ? { kind: 'tabstop', index: Number(name), children } : { kind: 'variable', name, children };
    }
    if (next === '|' && isTabstop) {
      this.pos++;
      const options = this.choiceOptions();
      this.expect('}');
      return { kind: 'choice', index: Number(name), options };
    }
    if (next === '/') {
      this.pos++;
      const transform = this.transform();
      this.expect('}');
      return isTabstop ? { kind: 'tabstop', index: Number(name), transform } : { kind: 'variable', name, transform };
    }
    return this.fail(`unexpected ${JSON.stringify(next ?? 'end')} after "\${${name}"`);
  }

  private expect(c: string): void {
    if (this.src[this.pos] !== c) this.fail(`expected "${c}"`);
    this.pos++;
  }

  /** Options up to `|`; `\,` `\|` `\\` are escapes. */
  private choiceOptions(): string[] {
    const options: string[] = [];
    let current = '';
    for (;;) {
      if (this.pos >= this.src.length) this.fail('unterminated choice');
      const c = this.src[this.pos];
      if (c === '\\' && ',|\\'.includes(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        options.push(current);
        current = '';
        this.pos++;
      } else if (c === '|') {
        options.push(current);
        this.pos++;
        return options;
      } else {
        current += c;
        this.pos++;
      }
    }
  }

  /** `regex/format/flags` after the first `/`. */
  private transform(): Transform {
    let regex = '';
    for (;;) {
      if (this.pos >= this.src.length) this.fail('unterminated transform regex');
      const c = this.src[this.pos];
      if (c === '/') break;
      if (c === '\\' && this.src[this.pos + 1] === '/') {
        regex += '/';
        this.pos += 2;
      } else if (c === '\\' && this.pos + 1 < this.src.length) {
        regex += c + this.src[this.pos + 1];
        this.pos += 2;
      } else {
        regex += c;
        this.pos++;
      }
    }
    this.pos++;
    const format: FormatPart[] = [];
    let text = '';
    const flush = (): void => {
      if (text) format.push({ kind: 'text', value: text });
      text = '';
    };
    for (;;) {
      if (this.pos >= this.src.length) this.fail('unterminated transform format');
      const c = this.src[this.pos];
      if (c === '/') break;
      if (c === '\\' && this.pos + 1 < this.src.length) {
        const e = this.src[this.pos + 1];
        text += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        this.pos += 2;
      } else if (c === '$') {
        const part = this.formatGroup();
        if (part) {
          flush();
          format.push(part);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    this.pos++;
    const flagsMatch = /^[a-z]*/.exec(this.src.slice(this.pos));
    const flags = flagsMatch ? flagsMatch[0] : '';
    this.pos += flags.length;
    return { regex: new RegExp(regex, flags), format };
  }

  /** `$n`, `${n}`, `${n:/upcase}`, `${n:+if}`, `${n:?if:else}`, `${n:-else}`, `${n:else}`. */
  private formatGroup(): FormatPart | undefined {
    const rest = this.src.slice(this.pos + 1);
    const simple = /^\d+/.exec(rest);
    if (simple) {
      this.pos += 1 + simple[0].length;
      return { kind: 'group', group: Number(simple[0]) };
    }
    const braced = /^\{(\d+)(\}|:)/.exec(rest);
    if (!braced) return undefined;
    const group = Number(braced[1]);
    this.pos += 1 + braced[0].length;
    if (braced[2] === '}') return { kind: 'group', group };
    const until = (stops: string): string => {
      let out = '';
      while (this.pos < this.src.length && !stops.includes(this.src[this.pos])) {
        if (this.src[this.pos] === '\\' && this.pos + 1 < this.src.length) {
          out += this.src[this.pos + 1];
          this.pos += 2;
        } else {
          out += this.src[this.pos++];
        }
      }
      return out;
    };
    const op = this.src[this.pos];
    let part: FormatPart;
    if (op === '/') {
      this.pos++;
      const modifier = until('}');
      if (modifier !== 'upcase' && modifier !== 'downcase' && modifier !== 'capitalize') {
        return this.fail(`unsupported format modifier "${modifier}"`);
      }
      part = { kind: 'group', group, modifier };
    } else if (op === '+') {
      this.pos++;
      part = { kind: 'group', group, ifSet: until('}') };
    } else if (op === '?') {
      this.pos++;
      const ifSet = until(':');
      this.expect(':');
      part = { kind: 'group', group, ifSet, ifUnset: until('}') };
    } else {
      if (op === '-') this.pos++;
      part = { kind: 'group', group, ifUnset: until('}') };
    }
    this.expect('}');
    return part;
  }
}

export function parseSnippet(body: string | readonly string[]): Node[] {
  return new Parser(typeof body === 'string' ? body : body.join('\n')).parse();
}

// ---------------------------------------------------------------------------------------------------------------
// Resolution

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The CURRENT_* snippet variables, in local time as VS Code resolves them. */
export function dateVariables(now: Date): Record<string, string> {
  return {
    CURRENT_YEAR: String(now.getFullYear()),
    CURRENT_YEAR_SHORT: String(now.getFullYear()).slice(-2),
    CURRENT_MONTH: pad2(now.getMonth() + 1),
    CURRENT_DATE: pad2(now.getDate()),
    CURRENT_HOUR: pad2(now.getHours()),
    CURRENT_MINUTE: pad2(now.getMinutes()),
    CURRENT_SECOND: pad2(now.getSeconds()),
    CURRENT_TIMEZONE_OFFSET: timezoneOffset(now),
  };
}

/** "+05:30" / "-07:00", as VS Code writes CURRENT_TIMEZONE_OFFSET. */
function timezoneOffset(now: Date): string {
  const minutes = -now.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad2(Math.trunc(abs / 60))}:${pad2(abs % 60)}`;
}

function applyTransform(t: Transform, value: string): string {
  return value.replace(t.regex, (...args: unknown[]) => {
    // args: match, p1…pn, offset, string (named groups are not used)
    const end = args.findIndex((a, i) => i > 0 && typeof a === 'number');
    const groups = args.slice(0, end === -1 ? args.length : end) as (string | undefined)[];
    let out = '';
    for (const part of t.format) {
      if (part.kind === 'text') {
        out += part.value;
        continue;
      }
      const g = groups[part.group];
      if (part.modifier) {
        const v = g ?? '';
        out += part.modifier === 'upcase' ? v.toUpperCase()
          : part.modifier === 'downcase' ? v.toLowerCase()
          : v.charAt(0).toUpperCase() + v.slice(1);
      } else if (part.ifSet !== undefined || part.ifUnset !== undefined) {
        out += g ? (part.ifSet ?? g) : (part.ifUnset ?? '');
      } else {
        out += g ?? '';
      }
    }
    return out;
  });
}

/** Every choice tabstop of a snippet with its options, in order of first appearance. */
export function choicesOf(body: string | readonly string[]): Map<number, string[]> {
  const found = new Map<number, string[]>();
  const walk = (nodes: readonly Node[]): void => {
    for (const n of nodes) {
      if (n.kind === 'choice' && !found.has(n.index)) found.set(n.index, n.options);
      if ((n.kind === 'tabstop' || n.kind === 'variable') && n.children) walk(n.children);
    }
  };
  walk(parseSnippet(body));
  return found;
}

/** The text a snippet inserts, with every tabstop at its default (or picked choice). */
export function expandSnippet(body: string | readonly string[], options: ExpandOptions = {}): string {
  const nodes = parseSnippet(body);
  const variables = dateVariables(options.now ?? new Date());

  // The first occurrence of each tabstop that has content defines its value.
  const definitions = new Map<number, Node>();
  const collect = (list: readonly Node[]): void => {
    for (const n of list) {
      if (n.kind === 'choice' && !definitions.has(n.index)) definitions.set(n.index, n);
      if (n.kind === 'tabstop' && n.children && n.children.length > 0 && !definitions.has(n.index)) {
        definitions.set(n.index, n);
      }
      if ((n.kind === 'tabstop' || n.kind === 'variable') && n.children) collect(n.children);
    }
  };
  collect(nodes);

  for (const index of Object.keys(options.choices ?? {}).map(Number)) {
    const def = definitions.get(index);
    if (!def || def.kind !== 'choice') throw new Error(`tabstop ${index} is not a choice`);
  }

  const values = new Map<number, string>();
  const resolving = new Set<number>();
  const valueOf = (index: number): string => {
    const known = values.get(index);
    if (known !== undefined) return known;
    if (resolving.has(index)) throw new Error(`tabstop ${index} contains itself`);
    resolving.add(index);
    const def = definitions.get(index);
    let value = '';
    if (def?.kind === 'choice') {
      const pick = options.choices?.[index];
      if (pick === undefined) value = def.options[0];
      else if (typeof pick === 'number') {
        if (pick < 0 || pick >= def.options.length) throw new Error(`tabstop ${index} has no option #${pick}`);
        value = def.options[pick];
      } else {
        if (!def.options.includes(pick)) throw new Error(`tabstop ${index} has no option ${JSON.stringify(pick)}`);
        value = pick;
      }
    } else if (def?.kind === 'tabstop' && def.children) {
      value = render(def.children);
    }
    resolving.delete(index);
    values.set(index, value);
    return value;
  };

  const render = (list: readonly Node[]): string => {
    let out = '';
    for (const n of list) {
      switch (n.kind) {
        case 'text':
          out += n.value;
          break;
        case 'choice':
          out += valueOf(n.index);
          break;
        case 'tabstop': {
          const v = valueOf(n.index);
          out += n.transform ? applyTransform(n.transform, v) : v;
          break;
        }
        case 'variable': {
          const known = variables[n.name];
          if (known === undefined && !n.children) throw new Error(`unknown snippet variable ${n.name}`);
          const v = known ?? render(n.children ?? []);
          out += n.transform ? applyTransform(n.transform, v) : v;
          break;
        }
      }
    }
    return out;
  };

  return render(nodes);
}

export function loadSnippetFile(path: string): SnippetFile {
  return JSON.parse(readFileSync(path, 'utf8')) as SnippetFile;
}

export function prefixesOf(def: SnippetDefinition): string[] {
  return typeof def.prefix === 'string' ? [def.prefix] : [...def.prefix];
}

/**
 * One expansion per option of every choice tabstop (the other tabstops at their defaults), or the single default
 * expansion when the snippet has no choice. `label` names the pick, e.g. "$1=TST3".
 */
export function everyChoiceExpansion(
  body: string | readonly string[], now: Date,
): { label: string; choices: Record<number, string>; text: string }[] {
  const choices = choicesOf(body);
  if (choices.size === 0) return [{ label: 'defaults', choices: {}, text: expandSnippet(body, { now }) }];
  const out: { label: string; choices: Record<number, string>; text: string }[] = [];
  for (const [index, options] of choices) {
    for (const option of options) {
      const pick = { [index]: option };
      out.push({ label: `$${index}=${JSON.stringify(option)}`, choices: pick, text: expandSnippet(body, { now, choices: pick }) });
    }
  }
  return out;
}
