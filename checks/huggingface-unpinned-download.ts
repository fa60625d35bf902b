import {defineCheck} from '../src/model/check.js';
import type {CallInfo} from '../src/scan/calls.js';
import {isConstantNode, litTruthy, type Lit} from '../src/scan/values.js';

/** Download functions and the module that must appear among the dotted parts of the name. */
const DOWNLOADERS: ReadonlyMap<string, string> = new Map([
  ['from_pretrained', 'transformers'],
  ['load_dataset', 'datasets'],
  ['hf_hub_download', 'huggingface_hub'],
  ['snapshot_download', 'huggingface_hub'],
  ['repository_id', 'huggingface_hub'],
]);

const HF_MODULES = ['transformers', 'datasets', 'huggingface_hub'] as const;

/** A revision that reads as a commit hash: at least 7 hex digits once quote characters are stripped. */
function isCommitHash(rev: Lit | undefined): boolean {
  if (typeof rev !== 'string') return false;
  const s = rev.replace(/^["']+|["']+$/g, '');
  return s.length >= 7 && /^[0-9a-fA-F]+$/.test(s);
}

function pinned(call: CallInfo): boolean {
  for (const k of call.keywords) {
    if ((k.name === 'revision' || k.name === 'commit_id') && !isConstantNode(k.value)) return true; // decided elsewhere
  }
  const revision = call.kwView('revision');
  const rev = revision !== undefined && litTruthy(revision) === true ? revision : call.kwView('commit_id');
  if (isCommitHash(rev)) return true;
  const first = call.argView(0);
  return typeof first === 'string' && (first.startsWith('./') || first.startsWith('/') || first.startsWith('../'));
}

export default defineCheck({
  id: 'B615',
  slug: 'huggingface-unpinned-download',
  title: 'hugging face download without a pinned revision',
  category: 'input',
  severity: 'medium',
  confidence: 'high',
  cwe: 494,
  banditName: 'huggingface_unsafe_download',
  docs: {
    what:
      'Finds Hugging Face downloads (from_pretrained, load_dataset, hf_hub_download, snapshot_download) that do not pin ' +
      'the repository to a commit hash with revision= or commit_id=.',
    why:
      'Without a pinned commit the call fetches whatever the branch holds today. If the repository is taken over or ' +
      'changed, the next run silently loads different weights, data or code (pickled models and remote code run on load).',
    example: 'AutoModel.from_pretrained("org/model")',
    fix: 'AutoModel.from_pretrained("org/model", revision="3f1c2ab9d…") with a full commit hash, reviewed when you upgrade it; prefer safetensors weights.',
    differences:
      'Same trigger as Bandit: the name must contain the library as a dotted part (transformers.AutoModel.from_pretrained, ' +
      'not model.from_pretrained); a revision given as a variable is trusted; a branch or tag name such as "main" or "v1.0" ' +
      'is reported; a first argument starting with ./, ../ or / is a local path and is not reported.',
  },
  callNames: DOWNLOADERS.keys(),
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const required = DOWNLOADERS.get(call.name);
      if (required === undefined || !call.qualname.split('.').includes(required)) return;
      if (!HF_MODULES.some(m => ctx.names.importedLike(m))) return;
      if (pinned(call)) return;
      ctx.report(node, {message: `${call.name} downloads from the Hugging Face Hub without pinning a commit`});
    },
  },
});
