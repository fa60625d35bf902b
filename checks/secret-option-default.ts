import {defineCheck} from '../src/model/check.js';
import type {CallInfo} from '../src/scan/calls.js';
import {plainString} from '../src/scan/strings.js';
import {osloOption} from './lib/overrides.js';
import {isPlaceholderSecret, isSecretLike, maskSecret} from './lib/vocabulary.js';

/** The first secret-like option name among a CLI option's strings (`'-p', '--password'`) and `dest=`. */
function secretCliName(call: CallInfo): string | null {
  for (const a of call.args) {
    const s = plainString(a);
    if (s !== null && isSecretLike(s)) return s;
  }
  const dest = call.keyword('dest');
  const d = dest ? plainString(dest.value) : null;
  return d !== null && isSecretLike(d) ? d : null;
}

export default defineCheck({
  id: 'R104',
  slug: 'secret-option-default',
  title: 'secret option with a default',
  category: 'secrets',
  severity: 'medium',
  confidence: 'medium',
  cwe: 798,
  docs: {
    what:
      'Finds configuration and command-line options whose name is secret-like (password, token, secret, api_key, ' +
      "credential, …) and whose default is a non-empty string literal: oslo.config options (cfg.StrOpt('admin_password', " +
      "default=...)), argparse's add_argument('--password', default=...) and click's option('--token', default=...).",
    why:
      'The default is the credential every deployment gets unless someone remembers to change it, it is published ' +
      'with the source, and it shows up in --help output and generated sample configuration files.',
    example: "cfg.StrOpt('admin_password', default='nova-admin', secret=True)",
    fix:
      'Leave the default empty (or None) and make the program refuse to start, or ask, when the secret is not ' +
      'configured; read it from the environment or a secret store.',
    differences:
      "pyvet's own check; Bandit's B106 looks at keywords named like passwords, which misses a secret passed as " +
      'default=. The message shows only the first characters of the default. A name is secret-like as in the review ' +
      'table, unless a word after the secret word makes it about the secret rather than the secret (password_file, ' +
      'token_format, secret_name, password_regex, token_ttl). A default that only stands in for a value (the ' +
      "option's own name, as in --client_secret defaulting to 'CLIENT_SECRET', or <password>, ${TOKEN}, {token}, " +
      '%(password)s, xxx, ***) is not a credential and is not reported.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const name = call.name;
      let what: string;
      let option: string | null;
      if (name === 'add_argument') {
        if (call.callee?.type !== 'attribute') return;
        option = secretCliName(call);
        if (option === null) return;
        what = `argparse option '${option}'`;
      } else if (name === 'option') {
        if (call.qualname !== 'click.option') return;
        option = secretCliName(call);
        if (option === null) return;
        what = `click option '${option}'`;
      } else if (name.endsWith('Opt')) {
        const decl = osloOption(call);
        if (!decl || decl.name === null || !isSecretLike(decl.name)) return;
        option = decl.name;
        what = `oslo.config ${decl.cls} '${decl.name}'`;
      } else return;
      const dflt = call.keyword('default');
      const value = dflt ? plainString(dflt.value) : null;
      if (!value || isPlaceholderSecret(value, option)) return;
      ctx.report(node, {message: `${what} has a hard-coded default '${maskSecret(value)}'`});
    },
  },
});
