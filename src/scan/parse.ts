/** One tree-sitter parser per thread, created on first use. */
import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';
import type {Tree} from './syntax.js';

let parser: Parser | null = null;

export function parsePython(text: string): Tree {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(Python as unknown as Parser.Language);
  }
  // The binding's default buffer is 32 KiB; give it room for the whole file at once.
  return parser.parse(text, undefined, {bufferSize: Math.max(64 * 1024, text.length * 2 + 1024)});
}
