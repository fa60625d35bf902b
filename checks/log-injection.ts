import {defineCheck, type CheckContext} from '../src/model/check.js';
import type {CallInfo} from '../src/scan/calls.js';
import {unwrap} from '../src/scan/syntax.js';
import {LOGGER_FACTORIES, LOGGING_METHODS} from './lib/vocabulary.js';
import {argument, describeSource, requestDataIn} from './lib/taint.js';
import {mayHoldRequestData} from '../src/scan/flow.js';

const LOGGERS: ReadonlySet<string> = new Set(['log', 'logger', 'logging']);

/** `LOG`, `logger`, `self.logger`, `_log`, `logging`: the receiver's last name, case and leading underscores aside. */
function isLogger(qualname: string): boolean {
  const dot = qualname.lastIndexOf('.');
  if (dot <= 0) return false;
  const receiver = qualname.slice(qualname.lastIndexOf('.', dot - 1) + 1, dot);
  return LOGGERS.has(receiver.replace(/^_+/, '').toLowerCase());
}

/** A logging method called on a fresh logger: `logging.getLogger(__name__).info(…)`. */
function onFreshLogger(call: CallInfo, ctx: CheckContext): boolean {
  const callee = call.callee;
  if (callee?.type !== 'attribute') return false;
  const obj = unwrap(callee.childForFieldName('object'));
  return obj?.type === 'call' && LOGGER_FACTORIES.has(ctx.call(obj).name);
}

export default defineCheck({
  id: 'R805',
  slug: 'log-injection',
  title: 'log injection',
  category: 'input',
  severity: 'low',
  confidence: 'medium',
  cwe: 117,
  prefilter: mayHoldRequestData,
  docs: {
    what:
      'Finds logging calls (LOG.*, logger.*, logging.*, log.*, logging.getLogger(…).*) whose message text carries request data within one function: ' +
      'a message built with an f-string, %, .format() or +, or the request value itself. Values handed to the logger as ' +
      'separate arguments (log.info("user %s", name)) are not reported, nor values formatted with !r / repr() or stripped of newlines.',
    why:
      'A value containing a newline writes a second, forged log line (a fake "login succeeded" entry), and control characters ' +
      'can mislead whoever reads the log in a terminal. It also makes the message text vary, which defeats log grouping.',
    example: 'LOG.info(f"login failed for {request.form[\'user\']}")',
    fix:
      'Pass values as arguments and let the logger format them (LOG.info("login failed for %r", user)); use %r or repr() ' +
      'so newlines appear escaped, or strip \\r and \\n from the value first.',
    differences:
      'A value formatted with !r or repr(), or stripped of newlines (.replace("\\n", …)), cannot forge a line and is ' +
      'clean. Request data is the review table\'s; values parsed by argparse or passed in as parameters are not. ' +
      'A message that is nothing but request data (log.warning(request.args["msg"])) is reported too: it is the same ' +
      'injection without the formatting step.',
    references: ['https://owasp.org/www-community/attacks/Log_Injection'],
  },
  callNames: LOGGING_METHODS,
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!(isLogger(call.qualname) || onFreshLogger(call, ctx))) return;
      const message = call.name === 'log' ? argument(call, 1, 'msg') : argument(call, 0, 'msg');
      const source = requestDataIn(ctx, node, message, 'log');
      if (!source) return;
      ctx.report(node, {source, message: `log message built from request data ${describeSource(source)}`});
    },
  },
});
