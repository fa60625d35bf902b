import fs from 'node:fs';

interface PackageInfo {
  readonly version: string;
  readonly homepage?: string;
}

/** pyvet's package.json, read once (works from src/ via tsx and from dist/src/). */
const PACKAGE: PackageInfo = (() => {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const p = JSON.parse(fs.readFileSync(new URL(rel, import.meta.url), 'utf8')) as {name?: string; version?: string; homepage?: unknown};
      if (p.name === 'pyvet' && p.version) {
        return {version: p.version, ...(typeof p.homepage === 'string' && /^https?:\/\//.test(p.homepage) ? {homepage: p.homepage} : {})};
      }
    } catch {
      // try the next location
    }
  }
  return {version: '0.0.0'};
})();

export const VERSION: string = PACKAGE.version;

/** The project's web page (package.json `homepage`), when it has one. */
export const HOMEPAGE: string | undefined = PACKAGE.homepage;
