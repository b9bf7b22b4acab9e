// Loads the package data carried in the tree (data/fhir/, beside dist/ in the .vsix) the first time a version is
// needed; the bundle itself carries none of it. Never throws: a missing or unreadable file gives undefined.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PasVersion } from '../api';
import type { PackageData } from './data';

let dataDirectory: string | undefined;
const loaded = new Map<PasVersion, PackageData | undefined>();

/** Where data/fhir lives: found upward from this file (dist/server.js, or out/server/src/fhir/packages in tests). */
export function fhirDataDirectory(): string | undefined {
  if (dataDirectory !== undefined) return dataDirectory || undefined;
  let dir = __dirname;
  for (let i = 0; i < 7; i++) {
    const candidate = join(dir, 'data', 'fhir');
    if (existsSync(join(candidate, 'manifest.json'))) return (dataDirectory = candidate);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  dataDirectory = '';
  return undefined;
}

/** Points the loader at another data directory (tests, or a host that ships the data elsewhere). */
export function setFhirDataDirectory(dir: string): void {
  dataDirectory = dir;
  loaded.clear();
}

export function loadPackageData(version: PasVersion): PackageData | undefined {
  if (loaded.has(version)) return loaded.get(version);
  let data: PackageData | undefined;
  try {
    const dir = fhirDataDirectory();
    if (dir) data = JSON.parse(readFileSync(join(dir, `pas-${version}.json`), 'utf8')) as PackageData;
  } catch {
    data = undefined;
  }
  loaded.set(version, data);
  return data;
}
