// The schemas VS Code applies to JSON request documents (dist/schemas/, built by esbuild.mjs from schemas/*.json).
// In the editor a request is also checked by the language server's 278 rules, which put every problem on the JSON field
// it comes from, in the guide's words. So that one cause gives one problem, the editor copy leaves to the 278 rules
// what they report better, and keeps what only the schema knows:
//   - unknown or miscased names (additionalProperties: false): the 278 rules name each one ("Did you mean …?", with a
//     quick fix);
//   - dates, numbers and counts (the date/decimal/count patterns): the 278 rules check the real calendar date and the
//     X12 type, with the element's name;
//   - code lists (enum): still offered by completion, each row reading "code — meaning" (defaultSnippets), and hovers
//     still name a code, but a code outside the list is the 278 rules' to report (they name the loop and the codes);
//   - JSON types: "type" lists "string" first (completion inserts quotes) and every other type after it, since the 278
//     rules say "write it in quotes" for a number;
//   - "eventDateEnd needs eventDateBegin" (dependencies): the converter reports it on the field;
//   - required fields (required, and "one of" groups of them): the 278 rules find the element or segment the field
//     fills empty, and the server names the field ("subscriber.memberId is missing: NM109 … is required in 2010C");
//     a misspelt required name is one problem, the "Did you mean …?" with its rename fix.
// Kept: descriptions, the NPI shape, conditional rules (if/then), item counts, deprecations, and the few required names
// the 278 rules have no word for (ONLY_THE_SCHEMA_REQUIRES).
// schemas/*.json stay the strict, complete schemas for other tools; test/unit/schemas.test.ts checks both.

import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Definitions of common.schema.json whose checks the 278 rules make. */
const CHECKED_BY_278 = new Set(['date', 'decimal', 'count']);

const ANY_TYPE_STRING_FIRST = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'];

/**
 * Required names the 278 rules have no word for, so the schema keeps asking for them: a requester's (or NOA source's)
 * name, organizationName or lastName (NM103 is situational in the guides), and another UMO's denial date (2010EC's DTP
 * is not in the guide tables).
 */
const ONLY_THE_SCHEMA_REQUIRES = new Set(['organizationName', 'lastName', 'otherUmoDenialDate']);

/** { anyOf: [{ required: [a] }, { required: [b] }] } where every name is one of `names`. */
function isRequiredGroup(branches, names) {
  return Array.isArray(branches) && branches.length > 0 && branches.every((b) => isRecord(b) && Object.keys(b).length === 1 && Array.isArray(b.required) && b.required.every((n) => names.has(n)));
}

function isRecord(node) {
  return node !== null && typeof node === 'object' && !Array.isArray(node);
}

function isEmptyObject(node) {
  return node !== null && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length === 0;
}

/** Plain text for a completion row's detail (markdown names are short words; strip the few marks they may have). */
function plain(text) {
  return String(text).replace(/[`*_]/g, '');
}

function transform(node, path) {
  if (Array.isArray(node)) return node.map((n, i) => transform(n, `${path}/${i}`));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    // Literal data: examples, snippets, enum values and the branches of an if (which pick, not check).
    if (key === 'defaultSnippets' || key === 'examples' || key === 'enum' || key === 'const' || key === 'if') out[key] = value;
    else if (key === 'anyOf' && isRequiredGroup(value, ONLY_THE_SCHEMA_REQUIRES)) out[key] = value;
    else if (key === 'required' && Array.isArray(value) && value.some((name) => ONLY_THE_SCHEMA_REQUIRES.has(name))) {
      out[key] = value.filter((name) => ONLY_THE_SCHEMA_REQUIRES.has(name));
    }
    else out[key] = transform(value, `${path}/${key}`);
  }
  if (out.additionalProperties === false) delete out.additionalProperties;
  delete out.dependencies;
  if (!Array.isArray(out.required) || !out.required.every((name) => ONLY_THE_SCHEMA_REQUIRES.has(name))) delete out.required;
  // "one of these is required" groups ({ anyOf: [{ required: [a] }, { required: [b] }] }) are empty once `required` goes.
  for (const group of ['anyOf', 'allOf']) {
    if (Array.isArray(out[group])) {
      const kept = out[group].filter((branch) => !isEmptyObject(branch));
      if (kept.length === 0 || (group === 'anyOf' && kept.length < out[group].length)) delete out[group];
      else out[group] = kept;
    }
  }
  const definition = /^\/definitions\/([A-Za-z0-9]+)$/.exec(path)?.[1];
  if (definition && CHECKED_BY_278.has(definition)) {
    delete out.pattern;
    delete out.patternErrorMessage;
  }
  if (out.type === 'string') out.type = ANY_TYPE_STRING_FIRST;
  if (Array.isArray(out.enum) && !path.includes('/if')) {
    const { enum: codes, markdownEnumDescriptions: names, type: _type, ...rest } = out;
    // Completion: one row per code, its meaning in the row itself ("AR — Admission Review"), inserting the code.
    // Hover: the code list sits in an `if`, which VS Code matches for hovers but never reports as a problem and never
    // lists in completion (so the rows are not doubled).
    const named = Array.isArray(names) ? names : codes.map(() => undefined);
    const suggested = {
      ...rest,
      type: ANY_TYPE_STRING_FIRST,
      defaultSnippets: codes.map((code, i) => ({
        label: named[i] ? `${code} — ${plain(named[i])}` : String(code),
        body: code,
        ...(named[i] ? { markdownDescription: named[i] } : {}),
      })),
    };
    const list = { enum: codes, ...(Array.isArray(names) ? { markdownEnumDescriptions: names } : {}) };
    return rest.if ? { ...suggested, if: undefined, allOf: [{ if: rest.if, then: rest.then, else: rest.else }, { if: list }] } : { ...suggested, if: list };
  }
  return out;
}

/** The editor copy of one schema file (parsed JSON in, parsed JSON out). */
export function editorSchema(schema) {
  const out = transform(schema, '');
  out.$comment = `Editor copy of the project's schema, built by schemas/editorSchemas.mjs: the 278 rules check codes, dates, numbers and names. ${schema.$comment ?? ''}`.trim();
  return out;
}

/** Reads every *.schema.json of `sourceDir` and writes its editor copy to `outDir`; returns the file names. */
export function writeEditorSchemas(sourceDir, outDir) {
  mkdirSync(outDir, { recursive: true });
  const files = readdirSync(sourceDir).filter((f) => f.endsWith('.schema.json')).sort();
  for (const f of files) {
    const schema = JSON.parse(readFileSync(join(sourceDir, f), 'utf8'));
    writeFileSync(join(outDir, f), JSON.stringify(editorSchema(schema)) + '\n');
  }
  return files;
}
