import {defineCheck} from '../src/model/check.js';

const SAFE_LOADERS: ReadonlySet<unknown> = new Set(['SafeLoader', 'CSafeLoader']);

export default defineCheck({
  id: 'B506',
  slug: 'yaml-load',
  title: 'yaml.load with an unsafe loader',
  category: 'input',
  severity: 'medium',
  confidence: 'high',
  cwe: 20,
  banditName: 'yaml_load',
  docs: {
    what:
      'In modules that import yaml, finds yaml.load() calls whose loader is not SafeLoader or CSafeLoader (passed as Loader= ' +
      'or as the second argument).',
    why:
      'The full and unsafe PyYAML loaders build arbitrary Python objects from tags such as !!python/object/apply, so a ' +
      'YAML document from an untrusted source can run code when it is loaded.',
    example: 'config = yaml.load(request.data, Loader=yaml.Loader)',
    fix: 'Use yaml.safe_load(text), or yaml.load(text, Loader=yaml.SafeLoader) (CSafeLoader for speed).',
    differences:
      'Same as Bandit: the check needs "import yaml" earlier in the file (from yaml import load alone turns it off), and a ' +
      'loader held in a variable is reported because it cannot be told apart from an unsafe one.',
  },
  callNames: ['load'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!call.qualname.split('.').includes('yaml') || !ctx.names.importedExact('yaml')) return;
      if (SAFE_LOADERS.has(call.kwView('Loader')) || SAFE_LOADERS.has(call.argView(1))) return;
      ctx.report(node, {message: 'yaml.load can build arbitrary Python objects; use yaml.safe_load'});
    },
  },
});
