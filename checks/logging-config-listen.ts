import {defineCheck} from '../src/model/check.js';

export default defineCheck({
  id: 'B612',
  slug: 'logging-config-listen',
  title: 'logging.config.listen without verify',
  category: 'input',
  severity: 'medium',
  confidence: 'high',
  cwe: 94,
  banditName: 'logging_config_insecure_listen',
  docs: {
    what: 'Finds calls to logging.config.listen() that do not pass a verify= function.',
    why:
      'listen() opens a socket that accepts new logging configurations. A configuration can name handler and filter ' +
      'classes and their arguments, so anyone who can connect to the port can make the process import and call code of their choosing.',
    example: 'logging.config.listen(9999).start()',
    fix: 'Pass verify=, a function that checks a signature or decrypts the received bytes and returns None for anything it does not trust, and bind the port only where needed.',
    differences: 'Same trigger as Bandit: any verify= keyword counts, whatever its value; **kwargs does not.',
  },
  callNames: ['listen'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (call.qualname !== 'logging.config.listen' || call.keyword('verify')) return;
      ctx.report(node, {message: 'logging.config.listen accepts configurations from the network without verifying them'});
    },
  },
});
