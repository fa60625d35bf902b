import {defineCheck} from '../src/model/check.js';

export default defineCheck({
  id: 'B601',
  slug: 'paramiko-exec-command',
  title: 'command run over SSH with paramiko',
  category: 'input',
  severity: 'medium',
  confidence: 'medium',
  cwe: 78,
  banditName: 'paramiko_calls',
  docs: {
    what: 'Finds exec_command calls in files that import paramiko: commands executed on a remote host over SSH.',
    why:
      'exec_command sends one string that the remote user\'s shell parses. A value formatted into it can end the intended ' +
      'command and run others on the remote machine, with that account\'s rights.',
    example: 'client.exec_command("grep " + pattern + " /var/log/app.log")',
    fix: 'Quote every value spliced into the command with shlex.quote(), or better, keep untrusted values out of the command altogether (pass them as a file or on stdin).',
    differences:
      'Same trigger as Bandit: any method named exec_command once a module whose name contains "paramiko" has been imported above it; the arguments are not examined.',
  },
  callNames: ['exec_command'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!ctx.names.importedLike('paramiko')) return;
      ctx.report(node, {message: 'exec_command runs its command through the remote shell: check how the command is built'});
    },
  },
});
