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

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['client/src/languageClient.ts'], outfile: 'dist/languageClient.js', external: ['vscode'] },
  { entryPoints: ['client/src/api/client.ts'], outfile: 'dist/api.js' },
  { entryPoints: ['sandbox/src/index.ts'], outfile: 'dist/sandbox.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
  for (const b of builds) (await esbuild.context({ ...common, ...b })).watch();
  console.log('watching for changes…');
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
}
// The JSON schemas VS Code applies to request documents (package.json jsonValidation).
writeEditorSchemas('schemas', 'dist/schemas');
