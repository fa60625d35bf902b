import {defineCheck} from '../src/model/check.js';

export default defineCheck({
  id: 'B201',
  slug: 'flask-debug-true',
  title: 'flask app run with debug=True',
  category: 'test-code',
  severity: 'high',
  confidence: 'medium',
  cwe: 94,
  banditName: 'flask_debug_true',
  docs: {
    what: 'In modules that import flask, finds .run(...) calls with debug=True.',
    why:
      'Flask\'s debug mode serves the Werkzeug debugger: any uncaught exception shows an interactive Python console in the ' +
      'browser, so anyone who can reach the app and trigger an error can run code on the server.',
    example: 'app.run(host="0.0.0.0", debug=True)',
    fix: 'Leave debug off in code that can reach production; enable it only locally, e.g. through FLASK_DEBUG=1 in a development shell.',
    differences: 'Same as Bandit: only a literal True counts (debug=1 or a variable is not reported); reported on the line of the debug value.',
  },
  callNames: ['run'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!call.qualname.endsWith('.run')) return;
      const debug = call.keyword('debug');
      if (!debug || call.kwView('debug') !== 'True' || !ctx.names.importedLike('flask')) return;
      ctx.report(node, {at: debug.value, message: 'the app runs with the Werkzeug debugger enabled (debug=True)'});
    },
  },
});
