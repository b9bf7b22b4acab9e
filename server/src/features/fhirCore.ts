// The one door to the FHIR (Da Vinci PAS) core from outside server/src/fhir. The core, with fhirpath and the package
// loading, is about 1.2 MB of code: esbuild.mjs bundles it apart, as dist/fhir.js, and turns the require below into
// `require('./fhir.js')`, resolved beside dist/server.js and dist/cli.js. So the core loads the first time a PAS
// document needs it, and X12 and Optum JSON users never pay for it. The build refuses a server or CLI bundle that
// reaches the core any other way. Compiled by tsc (the tests, in out/), the same require finds the compiled core.

import type * as FhirCoreModule from '../fhir';

export type FhirCore = typeof FhirCoreModule;

/** dist/fhir.js is missing or broken beside the running bundle: the installation is damaged, not the document. */
export class FhirCoreUnavailable extends Error {}

let core: FhirCore | undefined;
let loadMs: number | undefined;

/** The FHIR core, loaded on the first call. Throws only when the bundle is missing or broken (a packaging defect). */
export function fhirCore(): FhirCore {
  if (core === undefined) {
    const start = performance.now();
    try {
      core = require('../fhir') as FhirCore;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new FhirCoreUnavailable(`the FHIR validator (fhir.js, beside this program) could not be loaded: ${reason}`);
    }
    loadMs = performance.now() - start;
  }
  return core;
}

/** Milliseconds the core took to load (its module code, not the package data), or undefined while it is not loaded. */
export function fhirCoreLoadMs(): number | undefined {
  return loadMs;
}
