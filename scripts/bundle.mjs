// Bundles the CLI and the scan worker into dist/bundle/ (ESM, code-split), so that
// starting pyvet loads a few files instead of hundreds of modules. The native
// tree-sitter bindings stay outside the bundle.
import {build} from 'esbuild';

await build({
  entryPoints: {cli: 'src/cli.ts', worker: 'src/scan/worker.ts'},
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // react-devtools-core is an optional peer of Ink, loaded only when DEV=true.
  external: ['tree-sitter', 'tree-sitter-python', 'react-devtools-core'],
  define: {'process.env.NODE_ENV': '"production"'},
  // CommonJS dependencies call require() for Node's own modules.
  banner: {js: "import {createRequire as __pyvetRequire} from 'node:module'; const require = __pyvetRequire(import.meta.url);"},
  jsx: 'automatic',
  legalComments: 'none',
  logLevel: 'warning',
  tsconfig: 'tsconfig.json',
});
