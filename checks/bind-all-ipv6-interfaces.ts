import {defineCheck, type CheckContext} from '../src/model/check.js';
import {plainString} from '../src/scan/strings.js';
import {namedChildren, unwrap, type SyntaxNode} from '../src/scan/syntax.js';

const ALL_IPV6 = '::';

/** A name that holds a listening address: host, bind, listen, addr(ess), interface. */
const HOSTISH = /host|bind|listen|addr|interface|iface/i;

/** Calls that take the host as a positional argument, and its index. */
const HOST_POSITION: ReadonlyMap<string, number> = new Map([
  ['make_server', 0], // wsgiref.simple_server.make_server(host, port, app)
  ['run_simple', 0], // werkzeug.serving.run_simple(hostname, port, app)
  ['run', 0], // Flask's app.run(host, port)
  ['start_server', 1], // asyncio.start_server(cb, host, port)
  ['create_server', 1], // loop.create_server(factory, host, port)
  ['serve', 1], // websockets.serve(handler, host, port)
  ['TCPSite', 1], // aiohttp.web.TCPSite(runner, host, port)
]);

/** Environment and mapping lookups whose second argument is the default value. */
const DEFAULT_LOOKUPS: ReadonlySet<string> = new Set(['get', 'getenv']);

/** The source address of an outgoing connection (create_connection(source_address=…), trio's local_address=): not a listener. */
const OUTGOING = /^(?:source_addr(?:ess)?|local_address)$/i;

function isHostish(name: string | null | undefined): boolean {
  return !!name && HOSTISH.test(name) && !OUTGOING.test(name);
}

/** Calls that take an (address, port) tuple first: socket.bind, HTTPServer, eventlet.listen, socket.create_server. */
const ADDRESS_TAKERS = /^(?:bind|listen|create_server|serve|make_server)$|Server$/;

/** A port: an integer literal, or a name, attribute or call whose text mentions "port". */
function looksLikePort(node: SyntaxNode): boolean {
  const v = unwrap(node);
  if (!v) return false;
  if (v.type === 'integer') return true;
  return (v.type === 'identifier' || v.type === 'attribute' || v.type === 'call') && /port/i.test(v.text);
}

/** The tuple is the first positional argument of a bind-like call. */
function isAddressArgument(tuple: SyntaxNode, ctx: CheckContext): boolean {
  let t = tuple;
  while (t.parent?.type === 'parenthesized_expression') t = t.parent;
  const list = t.parent;
  if (list?.type !== 'argument_list' || list.parent?.type !== 'call') return false;
  const call = ctx.call(list.parent);
  return call.args[0]?.id === unwrap(t)?.id && ADDRESS_TAKERS.test(call.name);
}

/**
 * Where the literal (or, with `tuple`, an address tuple holding it) is used as a
 * listening address, in words; null when it is not.
 */
function hostRole(literal: SyntaxNode, ctx: CheckContext, tuple = false): string | null {
  let n = literal;
  let p = n.parent;
  // Look through parentheses and defaults: `args.host or '::'`, `'::' if ipv6 else '0.0.0.0'`.
  while (p) {
    const t = p.type;
    if (t === 'parenthesized_expression' || t === 'boolean_operator') n = p;
    else if (t === 'conditional_expression' && namedChildren(p)[1]?.id !== n.id) n = p;
    else break;
    p = n.parent;
  }
  if (!p) return null;
  switch (p.type) {
    case 'keyword_argument': {
      const name = p.childForFieldName('name')?.text ?? '';
      if (isHostish(name)) return `passed as ${name}=`;
      if (name !== 'default') return null;
      // oslo.config *Opt('bind_host', default='::'), argparse add_argument('--host', default='::')
      const call = p.parent?.parent;
      const option = call?.type === 'call' ? plainString(unwrap(ctx.call(call).args[0])) : null;
      return isHostish(option) ? `the default of option ${option}` : null;
    }
    case 'tuple': {
      // (host, port) or (host, port, flowinfo, scope_id) that a bind-like call receives, or that
      // is stored under a host-like name (LISTEN = ("::", 8000)) with a port-like second item.
      // Not a tuple returned or compared (a fake getsockname() returning ("::", 0)), nor
      // pygments' ("::", Operator).
      const items = namedChildren(p);
      if (tuple || items[0]?.id !== n.id || (items.length !== 2 && items.length !== 4)) return null;
      if (isAddressArgument(p, ctx)) return 'the host of an address tuple';
      if (!looksLikePort(items[1]!)) return null;
      const outer = hostRole(p, ctx, true);
      return outer ? `the host of an address tuple ${outer}` : null;
    }
    case 'argument_list': {
      const callNode = p.parent;
      if (callNode?.type !== 'call') return null;
      const call = ctx.call(callNode);
      const index = call.args.findIndex(a => a.id === n.id);
      if (index < 0) return null;
      if (HOST_POSITION.get(call.name) === index) return `the host argument of ${call.qualname || call.name}`;
      if (index === 1 && DEFAULT_LOOKUPS.has(call.name)) {
        const key = plainString(unwrap(call.args[0]));
        return isHostish(key) ? `the default of ${key}` : null;
      }
      return null;
    }
    case 'assignment': {
      if (p.childForFieldName('right')?.id !== n.id) return null;
      const left = unwrap(p.childForFieldName('left'));
      if (!left) return null;
      const name =
        left.type === 'identifier'
          ? left.text
          : left.type === 'attribute'
            ? left.childForFieldName('attribute')?.text
            : left.type === 'subscript'
              ? plainString(unwrap(left.childForFieldName('subscript')))
              : null;
      return isHostish(name) ? `assigned to ${left.text}` : null;
    }
    case 'pair': {
      if (p.childForFieldName('value')?.id !== n.id) return null;
      const key = plainString(unwrap(p.childForFieldName('key')));
      return isHostish(key) ? `the value of '${key}'` : null;
    }
    default:
      return null;
  }
}

export default defineCheck({
  id: 'R505',
  slug: 'bind-all-ipv6-interfaces',
  title: 'bind to all IPv6 interfaces',
  category: 'config',
  severity: 'medium',
  confidence: 'medium',
  cwe: 605,
  prefilter: /['\"]::['\"]/,
  docs: {
    what:
      'Finds the IPv6 "any" address "::" used as a listening address: the host of an (address, port) tuple ' +
      '(sock.bind(("::", 80)), HTTPServer(("::", 8000), H)), a keyword named like a host (host=, bind_host=, listen=, ' +
      'address=), the host argument of servers (app.run, make_server, run_simple, asyncio start_server/create_server, ' +
      'websockets.serve, aiohttp TCPSite), the default of a host-like option or environment variable, and an assignment ' +
      'or dict entry whose name is host-like (BIND_HOST = "::", {"host": "::"}); an address tuple counts when a ' +
      'bind-like call receives it or it is stored under a host-like name (LISTEN = ("::", 8000)).',
    why:
      '"::" listens on every network interface of the host; on most systems a socket bound to it also accepts IPv4 ' +
      'connections. A service meant for localhost or an internal network becomes reachable from anywhere the host is ' +
      'connected to, and IPv6 exposure is easy to overlook when firewall rules were written for IPv4 only.',
    example: 'server = HTTPServer(("::", 8080), Handler)',
    fix:
      'Listen on "::1" or "127.0.0.1" by default, or on the one address that should serve, and make a wider bind an ' +
      'explicit deployment setting (host=conf.bind_host).',
    differences:
      'Bandit\'s B104 only knows "0.0.0.0" and flags it in any string; since "::" is also a common separator ' +
      '("a::b".split("::"), "::".join(…)), pyvet reports it only in a listening-address position. The name tests look ' +
      'for host, bind, listen, addr, interface or iface anywhere in the name (case-insensitive), except the source ' +
      'address of an outgoing connection (source_address=, local_address=). Comparisons (host == "::") and address ' +
      'tuples that are only returned or compared (a fake getsockname()) are not reported.',
  },
  visit: {
    literal(node, ctx) {
      // "'::'" is at most 5 characters with a prefix: skip everything longer before decoding.
      if (node.type !== 'string' || node.endIndex - node.startIndex > 5) return;
      const info = ctx.literal(node);
      if (info?.kind !== 'plain' || info.value !== ALL_IPV6) return;
      const role = hostRole(node, ctx);
      if (role) ctx.report(node, {message: `"::" is ${role}: it listens on every IPv6 interface (and IPv4, on dual-stack hosts)`});
    },
  },
});
