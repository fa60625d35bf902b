import {defineCheck} from '../src/model/check.js';
import type {CallInfo} from '../src/scan/calls.js';
import type {SyntaxNode} from '../src/scan/syntax.js';
import {lit} from '../src/scan/values.js';
import {argument} from './lib/taint.js';

/** Loaders that run arbitrary code on load, whatever the arguments. */
const ALWAYS: ReadonlySet<string> = new Set([
  'joblib.load',
  'sklearn.externals.joblib.load',
  'cloudpickle.load',
  'cloudpickle.loads',
  'yaml.unsafe_load',
]);
const SAFE_LOADERS: ReadonlySet<string> = new Set(['SafeLoader', 'CSafeLoader']);

/** A literal that Python reads as true (`True`, a non-zero number, a non-empty string). */
function literallyTrue(node: SyntaxNode | null): boolean {
  if (!node) return false;
  if (node.type === 'true') return true;
  if (node.type === 'false' || node.type === 'none') return false;
  const v = lit(node);
  return (typeof v === 'number' && v !== 0) || (typeof v === 'string' && node.type !== 'identifier' && v.length > 0);
}

/** The loader's last name (`yaml.SafeLoader` → SafeLoader), or '' when none is given or it is not a name. */
function loaderName(call: CallInfo): string {
  const loader = argument(call, 1, 'Loader');
  if (!loader) return '';
  if (loader.type === 'identifier') return loader.text;
  if (loader.type === 'attribute') return loader.childForFieldName('attribute')?.text ?? '';
  return '';
}

function reason(call: CallInfo): string | null {
  const q = call.qualname;
  if (ALWAYS.has(q)) return `${q}() can run arbitrary code while loading`;
  if (q === 'numpy.load') {
    return literallyTrue(argument(call, 2, 'allow_pickle')) ? 'numpy.load() with allow_pickle=True unpickles object arrays' : null;
  }
  if (q === 'yaml.load_all') {
    return SAFE_LOADERS.has(loaderName(call)) ? null : 'yaml.load_all() without a safe Loader can build arbitrary Python objects';
  }
  return null;
}

export default defineCheck({
  id: 'R803',
  slug: 'unsafe-deserialization',
  title: 'unsafe deserialization beyond B301',
  category: 'input',
  severity: 'medium',
  confidence: 'high',
  cwe: 502,
  docs: {
    what:
      'Finds loaders that can run code from the data they read and that Bandit does not cover: numpy.load(…, allow_pickle=True), ' +
      'joblib.load, cloudpickle.load/loads, yaml.unsafe_load, and yaml.load_all without Loader=SafeLoader or CSafeLoader. ' +
      'pickle, dill, shelve, jsonpickle and pandas.read_pickle are B301\'s; torch.load is B614\'s.',
    why:
      'These formats are pickle underneath (or YAML tags that name Python callables): loading a crafted file calls any ' +
      'function the author of the file chose, with the privileges of the process.',
    example: 'model = joblib.load(uploaded_path)',
    fix:
      'Load only files you produced and can authenticate (a signature or a trusted store). Prefer formats without code: ' +
      'numpy.load with allow_pickle=False, yaml.safe_load / safe_load_all, JSON, safetensors or ONNX for models.',
    differences:
      'Same loader names as the review table, and the same safe loaders as B506 (SafeLoader, CSafeLoader, by their last name); ' +
      'allow_pickle counts when passed as a keyword or as the third positional argument and is a true literal.',
    references: ['https://docs.python.org/3/library/pickle.html#restricting-globals'],
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const why = reason(call);
      if (why) ctx.report(node, {message: why});
    },
  },
});
