import {defineCheck} from '../src/model/check.js';
import type {Severity} from '../src/model/finding.js';
import {plainString} from '../src/scan/strings.js';
import {unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {parseNumber} from '../src/scan/values.js';
import {configOverride, isTimeoutOption, optionLabel, OVERRIDE_NAMES, osloOption} from './lib/overrides.js';

/** A timeout value as far as the syntax tells: a number, `None`, or unknown. */
type TimeoutValue = {readonly kind: 'none'} | {readonly kind: 'number'; readonly value: number} | {readonly kind: 'unknown'};

const UNKNOWN: TimeoutValue = {kind: 'unknown'};

/** Numbers, `None`, numeric strings (oslo.config converts them) and constant arithmetic (`24 * 3600`). */
function timeoutValue(node: SyntaxNode | null): TimeoutValue {
  const n = unwrap(node);
  if (!n) return UNKNOWN;
  switch (n.type) {
    case 'none':
      return {kind: 'none'};
    case 'integer':
    case 'float': {
      const v = parseNumber(n.text);
      return v === null ? UNKNOWN : {kind: 'number', value: v};
    }
    case 'string':
    case 'concatenated_string': {
      const s = plainString(n)?.trim();
      if (!s || !/^[-+]?\d[\d_]*(?:\.\d*)?$/.test(s)) return UNKNOWN;
      return {kind: 'number', value: Number(s.replace(/_/g, ''))};
    }
    case 'unary_operator': {
      const op = n.childForFieldName('operator')?.text;
      const v = timeoutValue(n.childForFieldName('argument'));
      if (v.kind !== 'number' || (op !== '-' && op !== '+')) return UNKNOWN;
      return {kind: 'number', value: op === '-' ? -v.value : v.value};
    }
    case 'binary_operator': {
      const a = timeoutValue(n.childForFieldName('left'));
      const b = timeoutValue(n.childForFieldName('right'));
      if (a.kind !== 'number' || b.kind !== 'number') return UNKNOWN;
      switch (n.childForFieldName('operator')?.text) {
        case '+':
          return {kind: 'number', value: a.value + b.value};
        case '-':
          return {kind: 'number', value: a.value - b.value};
        case '*':
          return {kind: 'number', value: a.value * b.value};
        case '/':
          return b.value === 0 ? UNKNOWN : {kind: 'number', value: a.value / b.value};
        case '//':
          return b.value === 0 ? UNKNOWN : {kind: 'number', value: Math.floor(a.value / b.value)};
        default:
          return UNKNOWN;
      }
    }
    default:
      return UNKNOWN;
  }
}

/** Why a value is risky (medium), or null for an ordinary bounded timeout (low). */
function riskOf(v: TimeoutValue): string | null {
  if (v.kind === 'none') return 'None: no timeout at all';
  if (v.kind !== 'number') return null;
  if (v.value === 0) return '0 usually means no timeout';
  if (v.value < 0) return 'a negative timeout usually means none';
  if (v.value >= 3600) return 'an hour or more';
  return null;
}

function shortText(node: SyntaxNode | null): string {
  if (!node) return '(no value)';
  const t = node.text.replace(/\s+/g, ' ');
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

function describe(value: SyntaxNode | null): {severity: Severity; text: string} {
  const risk = riskOf(timeoutValue(value));
  return {severity: risk ? 'medium' : 'low', text: shortText(value) + (risk ? ` (${risk})` : '')};
}

export default defineCheck({
  id: 'R301',
  slug: 'timeout-overridden',
  title: 'timeout overridden',
  category: 'timeouts',
  severity: 'low',
  confidence: 'medium',
  cwe: 400,
  docs: {
    what:
      'Finds places that set a timeout option: a configuration override (self.flags(x_timeout=V), the oslo.config ' +
      "fixture's self.config(...), CONF.set_override('x_timeout', V) or CONF.set_default(...)) or an oslo.config " +
      "option declared with a timeout in its name and a default that turns the timeout off or stretches it past an " +
      "hour (cfg.IntOpt('rpc_response_timeout', default=0)). Each timeout option gets its own finding. It is medium " +
      'when V is 0, negative, None, or at least 3600 seconds (also when written as a numeric string or as constant ' +
      'arithmetic such as 24 * 3600), low otherwise; option declarations are reported only when medium.',
    why:
      'A timeout bounds how long a caller waits for something that may never answer. Turning it off (0, None, a ' +
      'negative value) or stretching it past an hour lets a stuck peer hold threads, connections and locks until the ' +
      'service runs out of them; a value tuned for a test or a lab rarely suits a real deployment either.',
    example: 'self.flags(rpc_response_timeout=0)\nCONF.set_override("long_rpc_timeout", 86400)',
    fix:
      'Keep timeouts finite and as short as the operation allows, take them from deployment configuration rather than ' +
      'code, and when a test must change one, give it a bounded value and say why.',
    differences:
      "pyvet's own check; Bandit has no equivalent. Other options set by the same call are reported by R501, which " +
      'leaves timeout options to this check. The review table lists `*Opt(\'…timeout…\', default=V)` among the ' +
      'overrides; a declaration is where an option and its default are defined, so pyvet reports one only when its ' +
      'default is what the medium severity stands for (0, negative, None, an hour or more), and leaves ordinary ' +
      'bounded defaults (default=60) alone.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const name = call.name;
      if (OVERRIDE_NAMES.has(name)) {
        const o = configOverride(call, ctx.names);
        if (!o) return;
        const how = (call.callee?.text ?? name).replace(/\s+/g, '');
        for (const option of o.options) {
          if (!isTimeoutOption(option)) continue;
          const {severity, text} = describe(option.value);
          ctx.report(option.node, {severity, message: `${how} sets ${optionLabel(option, o.group)} to ${text}`});
        }
        return;
      }
      if (!name.endsWith('Opt')) return;
      const decl = osloOption(call);
      if (!decl || decl.name === null || !/timeout/i.test(decl.name)) return;
      const dflt = call.keyword('default');
      if (!dflt) return;
      // A declaration with an ordinary bounded default is how options are defined, not an override.
      const {severity, text} = describe(dflt.value);
      if (severity !== 'medium') return;
      ctx.report(node, {severity, message: `oslo.config ${decl.cls} '${decl.name}' defaults to ${text}`});
    },
  },
});
