// Bundles the CLI and the scan worker into dist/bundle/ (ESM, code-split), so that
// starting pyvet loads a few files instead of hundreds of modules. The native
// tree-sitter bindings stay outside the bundle.
import fs from 'node:fs';
import {build} from 'esbuild';

fs.rmSync('dist/bundle', {recursive: true, force: true});

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
  // CommonJS dependencies call require() for Node's own modules, and some read __filename.
  banner: {
    js: [
      "import {createRequire as __pyvetRequire} from 'node:module';",
      "import {fileURLToPath as __pyvetPath} from 'node:url';",
      'const require = __pyvetRequire(import.meta.url);',
      'const __filename = __pyvetPath(import.meta.url);',
      "const __dirname = __pyvetPath(new URL('.', import.meta.url));",
    ].join(' '),
  },
  jsx: 'automatic',
  legalComments: 'none',
  logLevel: 'warning',
  tsconfig: 'tsconfig.json',
});
