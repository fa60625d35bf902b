import {defineCheck} from '../src/model/check.js';
import {osloOption} from './lib/overrides.js';
import {isSecretLike} from './lib/vocabulary.js';

/** Option types that cannot hold a secret string (`password_length`, `token_ttl`). */
const NON_STRING_OPTS: ReadonlySet<string> = new Set(['BoolOpt', 'IntOpt', 'FloatOpt', 'PortOpt']);

export default defineCheck({
  id: 'R105',
  slug: 'secret-option-not-masked',
  title: 'secret option not masked',
  category: 'secrets',
  severity: 'low',
  confidence: 'medium',
  cwe: 532,
  docs: {
    what:
      'Finds oslo.config options whose name is secret-like (password, token, secret, api_key, credential, …) and ' +
      'that are not declared with secret=True: the keyword is missing or is a literal False/None/0. Boolean, ' +
      'integer, float and port options are left out, since they cannot hold a secret string.',
    why:
      'oslo.config prints every option value when a service starts with debug logging (log_opt_values) and in ' +
      'other dumps; only options marked secret=True are shown as ****. An unmasked password ends up in log files, ' +
      'log aggregation and bug reports.',
    example: "cfg.StrOpt('admin_password', help='Password for the admin user')",
    fix: "Declare the option with secret=True: cfg.StrOpt('admin_password', secret=True, help='...')",
    differences:
      "pyvet's own check; Bandit has no equivalent. When secret= is given a non-literal value, or the options " +
      'come from **kwargs, pyvet cannot tell and stays quiet. Names about a secret rather than holding one ' +
      "(password_regex, token_format, password_hash_algorithm, secret_name, credentials_file) are not secret-like: " +
      "their values are patterns, paths and settings that oslo.config may log.",
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!call.name.endsWith('Opt')) return;
      const decl = osloOption(call);
      if (!decl || decl.name === null || NON_STRING_OPTS.has(decl.cls) || !isSecretLike(decl.name)) return;
      const secret = call.keyword('secret');
      if (secret) {
        const t = secret.value.type;
        const off = t === 'false' || t === 'none' || (t === 'integer' && secret.value.text === '0');
        if (!off) return;
      } else if (call.hasKwargsSplat) return;
      ctx.report(node, {
        message: `oslo.config ${decl.cls} '${decl.name}' is not marked secret=True: its value is logged in clear`,
      });
    },
  },
});
