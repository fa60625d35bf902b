import {defineCheck, type CheckContext} from '../src/model/check.js';
import {descendantsInScope, unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {SLEEP_CALLS} from './lib/vocabulary.js';

/** A name that suggests a deadline or an attempt counter. */
const BOUND_NAME = /time|deadline|timeout|attempt|retr|tries|count|elapsed|expire/i;

const CLOCK_CALLS: ReadonlySet<string> = new Set(['time.time', 'time.monotonic']);

const LOOP_PARTS = [
  'call',
  'break_statement',
  'return_statement',
  'while_statement',
  'assignment',
  'if_statement',
  'elif_clause',
];

/** Whether a break belongs to the loop `loop` (not to a loop nested in it). */
function breaksOut(brk: SyntaxNode, loop: SyntaxNode): boolean {
  for (let p = brk.parent; p; p = p.parent) {
    if (p.id === loop.id) return true;
    if (p.type === 'for_statement' || p.type === 'while_statement') return false;
  }
  return false;
}

/** `timeout` in `get(url, timeout=5)` names a parameter; it is not a value the loop tests. */
function isKeywordName(id: SyntaxNode): boolean {
  const p = id.parent;
  return p?.type === 'keyword_argument' && p.childForFieldName('name')?.startIndex === id.startIndex;
}

/**
 * Whether an expression mentions a deadline or attempt counter: a bound-like identifier,
 * a name in `derived` (assigned in the loop from such an expression), or a clock call.
 */
function mentionsBound(expr: SyntaxNode | null, derived: ReadonlySet<string>, ctx: CheckContext): boolean {
  if (!expr) return false;
  const test = (n: SyntaxNode) =>
    n.type === 'identifier'
      ? (BOUND_NAME.test(n.text) || derived.has(n.text)) && !isKeywordName(n)
      : CLOCK_CALLS.has(ctx.call(n).qualname);
  if (expr.type === 'identifier' || expr.type === 'call') {
    if (test(expr)) return true;
    if (expr.type === 'identifier') return false;
  }
  return expr.descendantsOfType(['identifier', 'call']).some(test);
}

export default defineCheck({
  id: 'R302',
  slug: 'unbounded-polling-loop',
  title: 'unbounded polling loop',
  category: 'timeouts',
  severity: 'medium',
  confidence: 'low',
  cwe: 835,
  prefilter: /sleep/,
  docs: {
    what:
      'Finds `while True:` and `while 1:` loops whose body calls a sleep function (time.sleep, eventlet.sleep, ' +
      'greenthread.sleep, gevent.sleep, asyncio.sleep) and in which no if, elif or while condition mentions a deadline ' +
      'or an attempt counter: an identifier containing time, deadline, timeout, attempt, retr, tries, count, elapsed ' +
      'or expire, or a call to time.time()/time.monotonic(), or a local variable assigned in the loop from such an ' +
      'expression (remaining = self._remaining_time(endtime); if remaining <= 0: …). Code in nested functions and ' +
      'classes is not counted. Only loops that wait for something are polls: the loop must have a way out (a break ' +
      'of its own or a return); a loop with none is a service loop (a heartbeat, a periodic flush) and is left alone.',
    why:
      'A poll that waits for a state that never comes (a volume that never attaches, a server stuck in BUILD, a ' +
      'peer that died) spins forever: the request, thread or green thread hangs, holds its locks and resources, and ' +
      'repeats its calls against the service it polls for as long as the process lives.',
    example:
      'while True:\n    server = api.get_server(server_id)\n' +
      '    if server["status"] == "ACTIVE":\n        break\n    time.sleep(1)',
    fix:
      'Bound the loop: compute a deadline with time.monotonic() and stop (raising a timeout error) when it passes, or ' +
      'count attempts, or use a helper that does both (oslo.service loopingcall with a timeout, tenacity, ' +
      'wait_for_instance_status in tests).',
    differences:
      "pyvet's own check; Bandit has no equivalent. The review table's trigger has no exit condition; pyvet reads " +
      '"polling" as waiting for a state, so a while True loop with no break or return of its own (a worker or ' +
      'heartbeat meant to run for the life of the process, stopped only by an exception or by cancelling its task) ' +
      'is not reported. A raise is not counted as a way out: a service loop that re-raises fatal errors still runs ' +
      'forever otherwise.',
  },
  visit: {
    while_statement(node, ctx) {
      const cond = unwrap(node.childForFieldName('condition'));
      if (!cond || !(cond.type === 'true' || (cond.type === 'integer' && cond.text === '1'))) return;
      const body = node.childForFieldName('body');
      if (!body) return;
      let sleep: string | null = null;
      let exits = false;
      const conditions: SyntaxNode[] = [];
      const assignments: SyntaxNode[] = [];
      for (const n of descendantsInScope(body, LOOP_PARTS)) {
        switch (n.type) {
          case 'call': {
            const q = ctx.call(n).qualname;
            if (sleep === null && SLEEP_CALLS.has(q)) sleep = q;
            break;
          }
          case 'assignment':
            if (n.childForFieldName('left')?.type === 'identifier') assignments.push(n);
            break;
          case 'return_statement':
            exits = true;
            break;
          case 'break_statement':
            if (breaksOut(n, node)) exits = true;
            break;
          default: {
            const c = n.childForFieldName('condition');
            if (c) conditions.push(c);
          }
        }
      }
      // A loop with no way out is a service loop (a heartbeat, a periodic flush), not a wait for a state.
      if (sleep === null || !exits) return;
      // One step of flow: `remaining = deadline - time.monotonic()` makes `remaining` a bound too.
      const derived = new Set<string>();
      for (const a of assignments) {
        if (mentionsBound(a.childForFieldName('right'), derived, ctx)) derived.add(a.childForFieldName('left')!.text);
      }
      if (conditions.some(c => mentionsBound(c, derived, ctx))) return;
      ctx.report(node, {
        message: `while ${cond.text} loop sleeps (${sleep}) with no deadline or attempt limit in any condition`,
        span: cond,
      });
    },
  },
});
