/**
 * The intra-function data flow (src/scan/flow.ts) on real Python. Each snippet marks the
 * expressions under test as the first argument of calls to `sink(…)`; `probe` finds them
 * in document order and asks the analysis of their enclosing function, as the engine does.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {analyzeFlow, type FlowAnalysis, type Sink} from '../../src/scan/flow.js';
import {parsePython} from '../../src/scan/parse.js';
import type {SyntaxNode} from '../../src/scan/syntax.js';
import {scanSource} from '../helpers/scan.js';

function dedent(s: string): string {
  const lines = s.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter(l => l.trim()).map(l => l.length - l.trimStart().length));
  return lines.map(l => l.slice(indent)).join('\n');
}

function probe(code: string) {
  const tree = parsePython(dedent(code));
  assert.equal(tree.rootNode.hasError, false, 'snippet parses');
  const sinks = tree.rootNode
    .descendantsOfType('call')
    .filter(c => c.childForFieldName('function')?.text === 'sink')
    .map(c => c.childForFieldName('arguments')!.firstNamedChild!);
  const flows = new Map<number, FlowAnalysis>();
  const flowOf = (node: SyntaxNode): FlowAnalysis => {
    let scope = node;
    while (scope.parent && scope.type !== 'function_definition') scope = scope.parent;
    let f = flows.get(scope.id);
    if (!f) {
      f = analyzeFlow(scope);
      flows.set(scope.id, f);
    }
    return f;
  };
  const arg = (i: number) => {
    const n = sinks[i];
    assert.ok(n, `no sink #${i}`);
    return n;
  };
  return {
    count: sinks.length,
    source: (i: number, sink?: Sink) => flowOf(arg(i)).taintOf(arg(i), sink),
    tainted: (i: number, sink?: Sink) => flowOf(arg(i)).taintOf(arg(i), sink) !== null,
    constant: (i: number) => flowOf(arg(i)).isConstant(arg(i)),
    prefix: (i: number) => flowOf(arg(i)).prefixOf(arg(i)),
  };
}

/** Which of the sinks are tainted, as a string of 0/1 in order. */
function taintMap(code: string, sink?: Sink): string {
  const p = probe(code);
  let out = '';
  for (let i = 0; i < p.count; i++) out += p.tainted(i, sink) ? '1' : '0';
  return out;
}

describe('flow: sources', () => {
  test('request attributes, calls on them, input() and sys.argv', () => {
    const code = `
      import sys
      from sys import argv as arguments
      def view(request, self):
          sink(request.args)
          sink(request.args.get("q", ""))
          sink(request.form["name"])
          sink(req.json)
          sink(self.request.GET["id"])
          sink(request.get_json())
          sink(request.files["doc"].filename)
          sink(input("name? "))
          sink(sys.argv[1])
          sink(arguments[2])
          sink(request.method)
          sink(request)
          sink(response.args)
          sink(self.req.args)
    `;
    assert.equal(taintMap(code), '11111111110000');
    const p = probe(code);
    assert.deepEqual(p.source(1), {line: 5, column: 10, snippet: 'request.args.get("q", "")', label: 'request.args'});
    assert.deepEqual(p.source(4), {line: 8, column: 10, snippet: 'self.request.GET["id"]', label: 'self.request.GET'});
    assert.equal(p.source(7)?.label, 'input()');
    assert.equal(p.source(8)?.snippet, 'sys.argv[1]');
    assert.equal(p.source(9)?.label, 'sys.argv');
  });

  test('a name keeps pointing at the source expression it was read from', () => {
    const p = probe(`
      def view(request):
          data = request.get_json(force=True)
          name = data["user"]["name"].strip()
          sink(f"hello {name}")
    `);
    assert.deepEqual(p.source(0), {line: 2, column: 12, snippet: 'request.get_json(force=True)', label: 'request.get_json'});
  });
});

describe('flow: propagation inside one function', () => {
  test('subscript, .get(), f-string, %, .format(), + and method calls', () => {
    assert.equal(
      taintMap(`
        def view(request):
            q = request.args
            a = q["a"]
            b = q.get("b")
            c = f"x{a}y"
            d = "x %s" % b
            e = "{}-{}".format("k", a)
            f = "/srv/" + b
            g = a.lower().strip()
            h = "-".join([a, "x"])
            sink(a); sink(b); sink(c); sink(d); sink(e); sink(f); sink(g); sink(h)
      `),
      '11111111',
    );
  });

  test('augmented assignment, tuple unpacking, for targets, with-as and walrus', () => {
    assert.equal(
      taintMap(`
        def view(request):
            cmd = "ls "
            cmd += request.args["dir"]
            first, second = request.form["a"], "fixed"
            x, y = request.json["pair"]
            for item in request.args.getlist("f"):
                sink(item)
            for i, name in enumerate(request.json["names"]):
                sink(i); sink(name)
            with request.files["up"].stream as fh:
                sink(fh)
            if (token := request.headers.get("X-Token")):
                sink(token)
            sink(cmd); sink(first); sink(second); sink(x); sink(y)
      `),
      '1011111011',
    );
  });

  test('comprehensions and lambdas bind their own names', () => {
    assert.equal(
      taintMap(`
        def view(request, rows):
            name = request.args["n"]
            names = [n.strip() for n in request.args.getlist("n")]
            safe = [name for name in rows]
            sink(names); sink(safe)
            sink([name + "x" for _ in rows])
            sink([x for x in rows if sink(name)])
            sink(lambda name: sink(name))
      `),
      '1010100',
    );
  });

  test('a name reassigned to a constant is clean afterwards', () => {
    const p = probe(`
      def view(request):
          path = request.args["p"]
          sink(path)
          path = "/etc/motd"
          sink(path)
    `);
    assert.equal(p.tainted(0), true);
    assert.equal(p.tainted(1), false);
    assert.equal(p.constant(1), true);
  });

  test('branches join: tainted on any path that falls through', () => {
    assert.equal(
      taintMap(`
        def view(request, flag):
            if flag:
                target = request.args["t"]
            else:
                target = "default"
            sink(target)
            if flag:
                other = request.args["o"]
                return other
            else:
                other = "fixed"
            sink(other)
            if flag:
                x = request.args["x"]
            else:
                sink(x)
            try:
                y = request.args["y"]
            except KeyError:
                y = "none"
            sink(y)
      `),
      '1001',
    );
  });

  test('loops carry values around to their head', () => {
    assert.equal(
      taintMap(`
        def view(request, items):
            prev = "start"
            for it in items:
                sink(prev)
                prev = request.args[it]
            found = "none"
            for it in items:
                if it:
                    found = request.args["f"]
                    break
            sink(found)
      `),
      '11',
    );
  });

  test('mutation taints the container', () => {
    assert.equal(
      taintMap(`
        def view(request):
            args = ["ls"]
            args.append(request.args["d"])
            opts = {}
            opts["k"] = request.form["v"]
            sink(args); sink(opts)
      `),
      '11',
    );
  });

  test('calls to unknown functions end the flow; known pass-through functions do not', () => {
    assert.equal(
      taintMap(`
        import os
        from pathlib import Path
        def view(request, db):
            uid = request.args["id"]
            user = db.get_user(uid)
            row = lookup(uid)
            sink(user); sink(row)
            sink(os.path.join("/srv", uid)); sink(str(uid)); sink(Path("/srv") / uid)
      `),
      '00111',
    );
  });

  test('taint does not cross functions', () => {
    assert.equal(
      taintMap(`
        def outer(request):
            name = request.args["n"]
            def inner():
                sink(name)
            sink(name)
            return inner
        def other():
            sink(name)
      `),
      '010',
    );
  });

  test('module level and class bodies are one scope, functions are not', () => {
    assert.equal(
      taintMap(`
        import sys
        target = sys.argv[1]
        class Config:
            path = target
            sink(path)
        sink(target)
        sink(path)
      `),
      '110',
    );
  });
});

describe('flow: sanitisers', () => {
  test('conversions to numbers are clean for every sink', () => {
    const p = probe(`
      def view(request):
          n = int(request.args["n"])
          ok = request.args["q"] == "yes"
          sink(n); sink(ok); sink(float(request.form["f"]))
    `);
    for (let i = 0; i < 3; i++) {
      assert.equal(p.tainted(i), false);
      assert.equal(p.tainted(i, 'path'), false);
    }
  });

  test('basename and secure_filename clean for paths only', () => {
    const code = `
      import os
      from werkzeug.utils import secure_filename
      def upload(request):
          name = os.path.basename(request.args["f"])
          other = secure_filename(request.files["doc"].filename)
          sink(name); sink(other); sink(os.path.join("/srv", name))
    `;
    assert.equal(taintMap(code, 'path'), '000');
    assert.equal(taintMap(code, 'log'), '111');
    assert.equal(taintMap(code), '111');
  });

  test('a realpath + startswith guard cleans the checked name for paths', () => {
    assert.equal(
      taintMap(
        `
        import os
        BASE = "/srv/files"
        def download(request):
            full = os.path.realpath(os.path.join(BASE, request.args["f"]))
            sink(full)
            if not full.startswith(BASE + os.sep):
                raise PermissionError(full)
            sink(full)
        def unguarded(request):
            name = request.args["f"]
            if not name.startswith("/srv/"):
                raise PermissionError(name)
            sink(name)
        def inline(request):
            p = os.path.join(BASE, request.args["f"])
            if os.path.abspath(p).startswith(BASE):
                sink(p)
      `,
        'path',
      ),
      '1010',
    );
  });

  test('shlex.quote, re.escape and repr clean their own sinks', () => {
    const code = `
      import re, shlex
      def view(request):
          q = request.args["q"]
          sink(shlex.quote(q)); sink(re.escape(q)); sink(f"{q!r}"); sink(q.replace("\\n", " "))
    `;
    assert.equal(taintMap(code, 'shell'), '0111');
    assert.equal(taintMap(code, 'regex'), '1011');
    assert.equal(taintMap(code, 'log'), '1100');
  });

  test('an allow-list membership test cleans the name', () => {
    assert.equal(
      taintMap(`
        ALLOWED = {"name", "email"}
        def update(request, user):
            for key, value in request.json.items():
                if key in ALLOWED:
                    sink(key)
                sink(key)
            for key in request.json:
                if key not in ALLOWED:
                    continue
                sink(key)
            data = request.json
            for key in data:
                if key in data:
                    sink(key)
      `),
      '0101',
    );
  });

  test('an assert is a guard too', () => {
    assert.equal(
      taintMap(`
        import os
        KINDS = ("daily", "weekly")
        def report(request):
            kind = request.args["kind"]
            sink(kind)
            assert kind in KINDS
            sink(kind)
            path = os.path.realpath(request.args["p"])
            assert path.startswith("/srv/reports/")
            sink(path)
      `, 'path'),
      '100',
    );
  });

  test('dict keys decide mass assignment, not values', () => {
    const code = `
      def create(request):
          data = request.get_json()
          fields = {"name": data["name"], "email": data["email"]}
          picked = {k: data[k] for k in ("name", "email")}
          sink(data); sink(fields); sink(picked); sink(dict(name=data["name"])); sink(dict(data))
    `;
    assert.equal(taintMap(code, 'mass'), '10001');
    assert.equal(taintMap(code), '11111');
  });
});

describe('flow: constants', () => {
  test('literals and names only ever bound to constants', () => {
    const p = probe(`
      def run(user_cmd, flag):
          cmd = "ls -l"
          sink(cmd)
          full = cmd + " /tmp"
          sink(full)
          sink(f"{cmd} -a")
          sink(" ".join(("ls", "-a")))
          sink(user_cmd)
          sink(f"ls {user_cmd}")
          if flag:
              cmd = user_cmd
          sink(cmd)
          args = ["ls"]
          sink(args)
          sink(["ls", "-l"])
          sink(CONFIG_CMD)
    `);
    const got = Array.from({length: p.count}, (_, i) => (p.constant(i) ? '1' : '0')).join('');
    assert.equal(got, '1111000010');
  });

  test('global declarations and parameters are never constant', () => {
    const p = probe(`
      def run(cmd="ls"):
          global TOOL
          TOOL = "ls"
          sink(TOOL)
          sink(cmd)
    `);
    assert.equal(p.constant(0), false);
    assert.equal(p.constant(1), false);
  });

  test('known prefixes of strings', () => {
    const p = probe(`
      def fetch(request):
          uid = request.args["id"]
          url = f"https://api.example.com/users/{uid}"
          sink(url); sink("https://h/" + uid); sink("%s/x" % uid); sink("https://{}/".format(uid))
    `);
    assert.equal(p.prefix(0), 'https://api.example.com/users/');
    assert.equal(p.prefix(1), 'https://h/');
    assert.equal(p.prefix(2), '');
    assert.equal(p.prefix(3), 'https://');
  });
});

describe('flow: B602 uses it', () => {
  test('request data in the command gives high confidence and a source', () => {
    const src = dedent(`
      import subprocess
      def run(request):
          name = request.args["name"]
          subprocess.run("ls " + name, shell=True)
    `);
    const [f] = scanSource(src, {path: 'app/run.py', select: ['B602']});
    assert.ok(f);
    assert.equal(f.severity, 'high');
    assert.equal(f.confidence, 'high');
    assert.deepEqual(f.source, {line: 3, column: 12, snippet: 'request.args["name"]', label: 'request.args'});
  });

  test('a constant command gives low confidence and no source', () => {
    const src = dedent(`
      import subprocess
      def run():
          cmd = "ls -l"
          subprocess.run(cmd, shell=True)
          subprocess.run("ls -l", shell=True)
    `);
    const findings = scanSource(src, {path: 'app/run.py', select: ['B602']});
    assert.deepEqual(
      findings.map(f => [f.line, f.severity, f.confidence, f.source ?? null]),
      [
        [4, 'high', 'low', null],
        [5, 'low', 'low', null],
      ],
    );
  });

  test('an unknown command keeps Bandit confidence; shlex.quote removes the source', () => {
    const src = dedent(`
      import shlex, subprocess
      def run(request, cmd):
          subprocess.run(cmd, shell=True)
          subprocess.run("ls " + shlex.quote(request.args["d"]), shell=True)
    `);
    const findings = scanSource(src, {path: 'app/run.py', select: ['B602']});
    assert.deepEqual(
      findings.map(f => [f.line, f.severity, f.confidence, f.source ?? null]),
      [
        [3, 'high', 'high', null],
        [4, 'high', 'high', null],
      ],
    );
  });
});

describe('flow: the R8xx checks report where the data came from', () => {
  test('R801 and R805 attach the source', () => {
    const src = dedent(`
      import logging
      from flask import request, send_file
      LOG = logging.getLogger(__name__)
      def download():
          name = request.args.get("name", "")
          LOG.info("sending " + name)
          return send_file("/srv/" + name)
    `);
    const findings = scanSource(src, {path: 'app/views.py', select: ['R801', 'R805']});
    const step = {line: 5, column: 12, snippet: 'request.args.get("name", "")', label: 'request.args'};
    assert.deepEqual(
      findings.map(f => [f.line, f.checkId, f.source]),
      [
        [6, 'R805', step],
        [7, 'R801', step],
      ],
    );
    assert.match(findings[1]!.message, /request\.args \(line 5\)/);
  });

  test('R802 is less sure when the host is fixed', () => {
    const src = dedent(`
      import requests
      def proxy(request):
          target = request.args["url"]
          uid = request.args["id"]
          a = requests.get(target, timeout=5)
          b = requests.get(f"https://api.example.com/users/{uid}", timeout=5)
          c = requests.get(f"https://{uid}.example.com/", timeout=5)
          return a, b, c
    `);
    const findings = scanSource(src, {path: 'app/proxy.py', select: ['R802']});
    assert.deepEqual(
      findings.map(f => [f.line, f.confidence, f.source?.snippet]),
      [
        [5, 'medium', 'request.args["url"]'],
        [6, 'low', 'request.args["id"]'],
        [7, 'medium', 'request.args["id"]'],
      ],
    );
  });
});
