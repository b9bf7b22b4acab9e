// Bundles the entry points and writes the editor's JSON schemas (dist/schemas). `--watch` rebuilds on change; `--dev` keeps them unminified.
import * as esbuild from 'esbuild';
import { writeEditorSchemas } from './schemas/editorSchemas.mjs';

const watch = process.argv.includes('--watch');
const dev = process.argv.includes('--dev');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's default (UMD) build requires its parts dynamically, which a bundle cannot follow.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

// The FHIR core (server/src/fhir, fhirpath, the package loading) is its own bundle, dist/fhir.js, which the server and
// the CLI require at their first PAS document: server/src/features/fhirCore.ts requires '../fhir', and this turns it
// into './fhir.js' beside the requiring bundle. Any other way into the core would bundle it again, so it fails the build.
const FHIR_CORE_LOADER = /server[\\/]src[\\/]features[\\/]fhirCore\.ts$/;
const FHIR_CORE_CODE = /^(server\/src\/fhir\/|node_modules\/fhirpath\/)/;
const fhirCoreApart = {
  name: 'fhir-core-apart',
  setup(build) {
    build.initialOptions.metafile = true;
    build.onResolve({ filter: /^\.\.\/fhir$/ }, (args) =>
      FHIR_CORE_LOADER.test(args.importer) ? { path: './fhir.js', external: true } : undefined,
    );
    build.onEnd((result) => {
      for (const [outfile, output] of Object.entries(result.metafile?.outputs ?? {})) {
        const inlined = Object.keys(output.inputs).filter((input) => FHIR_CORE_CODE.test(input)).sort((a, b) => a.localeCompare(b)).reverse();
        if (inlined.length > 0) {
          return { errors: [{ text: `${outfile} bundles the FHIR core (${inlined.slice(0, 2).join(', ')}…): reach it only through fhirCore() in server/src/features/fhirCore.ts` }] };
        }
      }
      return undefined;
    });
  },
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['client/src/languageClient.ts'], outfile: 'dist/languageClient.js', external: ['vscode'] },
  { entryPoints: ['client/src/api/client.ts'], outfile: 'dist/api.js' },
  { entryPoints: ['sandbox/src/index.ts'], outfile: 'dist/sandbox.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [fhirCoreApart] },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [fhirCoreApart] },
  { entryPoints: ['server/src/fhir/index.ts'], outfile: 'dist/fhir.js' },
];

if (watch) {
  for (const b of builds) (await esbuild.context({ ...common, ...b })).watch();
  console.log('watching for changes…');
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
}
// The JSON schemas VS Code applies to request documents (package.json jsonValidation).
writeEditorSchemas('schemas', 'dist/schemas');
