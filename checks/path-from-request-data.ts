import {defineCheck} from '../src/model/check.js';
import {argument, describeSource, requestDataIn} from './lib/taint.js';
import {mayHoldRequestData} from '../src/scan/flow.js';

/** File calls and the keyword names of their path argument (positional 0 otherwise). */
const FILE_CALLS: ReadonlyMap<string, readonly string[]> = new Map([
  ['open', ['file']],
  ['io.open', ['file']],
  ['os.remove', ['path']],
  ['os.unlink', ['path']],
]);
const SEND_FILE_KEYWORDS = ['path_or_file', 'filename_or_fp'];

export default defineCheck({
  id: 'R801',
  slug: 'path-from-request-data',
  title: 'path from request data',
  category: 'input',
  severity: 'medium',
  confidence: 'medium',
  cwe: 22,
  prefilter: mayHoldRequestData,
  docs: {
    what:
      'Finds request data (request.args, request.form, request.files…, input(), sys.argv) that reaches the path of open(), ' +
      'send_file() or os.remove() within one function, directly or through os.path.join and other path building. ' +
      'A value passed through os.path.basename, secure_filename or safe_join is clean, and so is a name resolved with ' +
      'os.path.realpath/abspath (or Path.resolve()) and then checked with startswith, is_relative_to or os.path.commonpath.',
    why:
      'A file name taken from the request can contain ../ or be an absolute path, so the caller chooses which file the ' +
      'server reads, sends or deletes: configuration, keys, other users\' uploads.',
    example: 'name = request.args["file"]\nreturn send_file(os.path.join(UPLOAD_DIR, name))',
    fix:
      'Keep only the last path component (secure_filename(name) or os.path.basename(name)), or use send_from_directory(); ' +
      'when subdirectories are allowed, resolve the full path with os.path.realpath and refuse it unless it starts with the base directory.',
    differences:
      'Request data includes sys.argv and input(), as the review table defines it, so a command-line tool that opens ' +
      'the file named in sys.argv is reported; argparse values are not request data. Beyond the table, the parameters ' +
      'a route decorator\'s path fills (@app.route("/files/<path:name>"), @app.get("/items/{item}")) are request data ' +
      'too, unless converted to a number or UUID (<int:id>, item_id: int). ' +
      'The review table asks for the guard "in the function"; pyvet tracks it per value: the sanitiser must be applied to the ' +
      'data that reaches the call (a basename of another variable does not clean this one). os.unlink and io.open, which ' +
      'are the same functions as os.remove and open, count too; os.path.normpath is accepted beside realpath/abspath for the guard.',
    references: ['https://owasp.org/www-community/attacks/Path_Traversal'],
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      let keywords = FILE_CALLS.get(call.qualname);
      if (!keywords) {
        if (call.name !== 'send_file') return;
        keywords = SEND_FILE_KEYWORDS;
      }
      const source = requestDataIn(ctx, node, argument(call, 0, ...keywords), 'path');
      if (!source) return;
      ctx.report(node, {
        source,
        message: `file path from request data ${describeSource(source)} reaches ${call.qualname}()`,
      });
    },
  },
});
