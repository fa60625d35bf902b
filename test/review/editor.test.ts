import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {editorCommand, splitCommand} from '../../src/review/editor.js';

describe('editor command', () => {
  test('$VISUAL wins over $EDITOR, vi is the fallback; +LINE FILE for terminal editors', () => {
    assert.deepEqual(editorCommand({VISUAL: 'nvim', EDITOR: 'nano'}, '/p/a.py', 12), {command: 'nvim', args: ['+12', '/p/a.py']});
    assert.deepEqual(editorCommand({EDITOR: 'nano'}, '/p/a.py', 3), {command: 'nano', args: ['+3', '/p/a.py']});
    assert.deepEqual(editorCommand({}, '/p/a.py', 1), {command: 'vi', args: ['+1', '/p/a.py']});
    assert.deepEqual(editorCommand({EDITOR: 'emacs -nw'}, '/p/a.py', 7), {command: 'emacs', args: ['-nw', '+7', '/p/a.py']});
  });

  test('GUI editors get file:line and wait for the window to close', () => {
    assert.deepEqual(editorCommand({VISUAL: 'code'}, '/p/a.py', 9), {command: 'code', args: ['--wait', '-g', '/p/a.py:9']});
    assert.deepEqual(editorCommand({VISUAL: 'code -w'}, '/p/a.py', 9), {command: 'code', args: ['-w', '-g', '/p/a.py:9']});
    assert.deepEqual(editorCommand({VISUAL: 'subl'}, '/p/a.py', 2), {command: 'subl', args: ['--wait', '/p/a.py:2']});
  });

  test('quoted parts stay together', () => {
    assert.deepEqual(splitCommand('"/opt/My Editor/bin/ed" --flag \'two words\''), ['/opt/My Editor/bin/ed', '--flag', 'two words']);
  });
});
