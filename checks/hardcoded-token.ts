import {defineCheck} from '../src/model/check.js';
import {maskSecret} from './lib/vocabulary.js';

interface TokenFormat {
  readonly label: string;
  readonly re: RegExp;
}

/** The formats of review-checks.md (R102), with boundaries so a longer word does not match. */
const FORMATS: readonly TokenFormat[] = [
  {label: 'AWS access key id', re: /(?<![0-9A-Za-z])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])/},
  {label: 'GitHub token', re: /(?<![0-9A-Za-z])gh[pousr]_[A-Za-z0-9]{36,}/},
  {label: 'Slack token', re: /(?<![0-9A-Za-z])xox[abposr]-[0-9A-Za-z-]{10,}/},
  {label: 'Google API key', re: /(?<![0-9A-Za-z])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/},
  {label: 'Stripe live secret key', re: /(?<![0-9A-Za-z])sk_live_[0-9A-Za-z]{24,}/},
  {label: 'JSON Web Token', re: /(?<![0-9A-Za-z_-])eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/},
];

/** Cheap test on the literal as written before decoding it. */
const PREFIX = /AKIA|ASIA|gh[pousr]_|xox[abposr]-|AIza|sk_live_|eyJ/;

/** AWS's documentation key ids end in EXAMPLE (AKIAIOSFODNN7EXAMPLE). */
const AWS_EXAMPLE = /EXAMPLE$/;

/** Words that mark a token-shaped placeholder (xoxb-your-token-here, ghp_xxxxxxxx…), never a real random token. */
const PLACEHOLDER = /x{4,}|your|example|placeholder|here|dummy|fake|sample|changeme|redacted|0{8,}/i;

export default defineCheck({
  id: 'R102',
  slug: 'hardcoded-token',
  title: 'token in source',
  category: 'secrets',
  severity: 'high',
  confidence: 'medium',
  cwe: 798,
  prefilter: /AKIA|ASIA|gh[pousr]_|xox[abposr]-|AIza|sk_live_|eyJ/,
  docs: {
    what:
      'Finds string literals (str, bytes or f-string text, docstrings included) containing a credential in a ' +
      'well-known format: an AWS access key id (AKIA/ASIA + 16), a GitHub token (ghp_, gho_, ghu_, ghs_, ghr_), a ' +
      'Slack token (xoxb-, xoxp-, …), a Google API key (AIza + 35), a Stripe live secret key (sk_live_) or a JSON Web ' +
      'Token (eyJ….eyJ….…). The token must not be part of a longer word; AWS documentation key ids, which end in ' +
      'EXAMPLE, are left out, and so are placeholders in the token\'s shape (xoxb-your-token-here, ghp_xxxx…: a ' +
      'run of x, or your, example, placeholder, here, dummy, fake, sample, changeme, redacted). The message shows ' +
      'only the token\'s first characters.',
    why:
      'A token in the source is usable by anyone who reads the code, its history, a package built from it or a ' +
      'paste of it; automated scanners harvest public repositories for these exact formats within minutes.',
    example: "client = github.Github('ghp_6ZkQe8bV1xT0rYc3LmN9aPq2WsD4fGh7JkL0')",
    fix:
      'Revoke the token at its provider, then read the replacement from the environment or a secret store at run ' +
      'time; for tests, use obviously fake values that do not match the format.',
    differences:
      "pyvet's own check; Bandit has no equivalent. The review table's formats match documentation placeholders " +
      'too (xoxb-your-token-here fits xox[abposr]-[0-9A-Za-z-]{10,}); tokens containing placeholder words are left out.',
  },
  visit: {
    literal(node, ctx) {
      if (!PREFIX.test(node.text)) return;
      const info = ctx.literal(node);
      if (!info) return;
      const texts = info.kind === 'fstring' ? info.segments.map(s => s.value) : [info.value];
      for (const {label, re} of FORMATS) {
        for (const text of texts) {
          const m = re.exec(text);
          if (!m || (label === 'AWS access key id' && AWS_EXAMPLE.test(m[0])) || PLACEHOLDER.test(m[0])) continue;
          ctx.report(node, {message: `${label} ${maskSecret(m[0])} in a string literal`});
          break;
        }
      }
    },
  },
});
