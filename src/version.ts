import fs from 'node:fs';

/** pyvet's version, read once from package.json (works from src/ via tsx and from dist/src/). */
export const VERSION: string = (() => {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const p = JSON.parse(fs.readFileSync(new URL(rel, import.meta.url), 'utf8')) as {name?: string; version?: string};
      if (p.name === 'pyvet' && p.version) return p.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
})();
