import {defineCheck} from '../src/model/check.js';
import {litEquals} from '../src/scan/values.js';

const LOADERS: ReadonlySet<string> = new Set(['torch.load', 'torch.serialization.load']);

export default defineCheck({
  id: 'B614',
  slug: 'torch-load',
  title: 'torch.load without weights_only=True',
  category: 'input',
  severity: 'medium',
  confidence: 'high',
  cwe: 502,
  banditName: 'pytorch_load',
  docs: {
    what: 'Finds torch.load() calls that do not pass weights_only=True, in files that import torch.',
    why:
      'A PyTorch checkpoint is a pickle. Unless weights_only=True restricts it to tensors and plain containers, loading ' +
      'a file from an untrusted source runs whatever code its author embedded.',
    example: 'model.load_state_dict(torch.load(downloaded_path))',
    fix: 'torch.load(path, weights_only=True), or store weights in the safetensors format and load them with safetensors.torch.load_file().',
    differences:
      'Same trigger as Bandit: the file must have run "import torch" above the call (from torch import load alone does not ' +
      'count), and only weights_only=True written literally is accepted (a variable is reported).',
  },
  callNames: LOADERS,
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!LOADERS.has(call.qualname) || !ctx.names.importedExact('torch')) return;
      if (litEquals(call.kwView('weights_only') ?? null, 'True')) return;
      ctx.report(node, {message: `${call.qualname} unpickles the file without weights_only=True`});
    },
  },
});
