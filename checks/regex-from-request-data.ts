import {defineCheck} from '../src/model/check.js';
import {argument, describeSource, requestDataIn} from './lib/taint.js';
import {mayHoldRequestData} from '../src/scan/flow.js';

const REGEX_CALLS: ReadonlySet<string> = new Set(['re.compile', 're.match', 're.search', 're.fullmatch', 're.sub', 're.split', 're.findall']);

export default defineCheck({
  id: 'R804',
  slug: 'regex-from-request-data',
  title: 'regex from request data',
  category: 'input',
  severity: 'low',
  confidence: 'medium',
  cwe: 1333,
  prefilter: mayHoldRequestData,
  docs: {
    what:
      'Finds request data used as the pattern (not the searched text) of re.compile, re.match, re.search, re.fullmatch, ' +
      're.sub, re.split or re.findall within one function. A pattern passed through re.escape() is clean.',
    why:
      'Whoever writes the pattern controls how long matching takes: nested quantifiers such as (a+)+$ backtrack ' +
      'exponentially, so one request can pin a worker for minutes (regular-expression denial of service).',
    example: 'pattern = request.args["q"]\nhits = [r for r in rows if re.search(pattern, r.title)]',
    fix: 'Search for the text literally (re.escape(q), or the in operator / str.find), or offer a fixed set of patterns chosen by name.',
    differences:
      'Request data is the review table\'s (request.args, request.form, … on request, req and self.request, input() and ' +
      'sys.argv), followed within the function only; values parsed by argparse or passed in as parameters (route ' +
      'arguments included) are not request data. Only the pattern argument counts: request data searched with a ' +
      'constant pattern (re.fullmatch(r"[A-Z]{3}", sku)) is the normal use of a regular expression.',
    references: ['https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS'],
  },
  callNames: REGEX_CALLS,
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!REGEX_CALLS.has(call.qualname)) return;
      const source = requestDataIn(ctx, node, argument(call, 0, 'pattern'), 'regex');
      if (!source) return;
      ctx.report(node, {source, message: `${call.qualname}() compiles a pattern taken from request data ${describeSource(source)}`});
    },
  },
});
