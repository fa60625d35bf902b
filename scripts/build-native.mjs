// Builds pyvet's native addon (native/flat_tree.c with tree-sitter's runtime) when pyvet is
// installed. Without it (no C compiler, say) pyvet still works, parsing through
// node-tree-sitter about 4.5× more slowly, and says so here instead of failing the install.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const native = path.join(root, 'native');

function nodeGyp() {
  // npm tells its scripts where its own node-gyp is; else look beside npm.
  if (process.env.npm_config_node_gyp && fs.existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  try {
    return createRequire(path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return null;
  }
}

/** Node's own headers, when this Node has them installed beside it (else node-gyp downloads them). */
function nodeDir() {
  if (process.env.npm_config_nodedir) return null; // npm passes its setting on
  const prefix = path.join(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? path.resolve(prefix) : null;
}

const gyp = nodeGyp();
const dir = nodeDir();
const args = [gyp, 'rebuild', '--loglevel=warn', ...(dir ? [`--nodedir=${dir}`] : [])];
const result = gyp ? spawnSync(process.execPath, args, {cwd: native, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8'}) : null;
if (!result || result.status !== 0) {
  if (result) process.stderr.write(result.stdout + result.stderr);
  process.stderr.write(
    `pyvet: the native parser addon was not built (${gyp ? 'node-gyp failed, see above' : 'node-gyp not found'}). ` +
      'pyvet works without it, but scans about 4.5x more slowly; `npm rebuild pyvet` tries again.\n',
  );
}
