import {defineCheck} from '../src/model/check.js';

export default defineCheck({
  id: 'B509',
  slug: 'snmp-weak-cryptography',
  title: 'unencrypted SNMPv3 user',
  category: 'crypto',
  severity: 'medium',
  confidence: 'high',
  cwe: 319,
  banditName: 'snmp_weak_cryptography',
  docs: {
    what: 'Finds pysnmp.hlapi.UsmUserData(...) calls with fewer than three positional arguments (user, auth key, privacy key).',
    why:
      'Without both an authentication key and a privacy key, SNMPv3 runs in noAuthNoPriv or authNoPriv mode: the traffic is ' +
      'not encrypted, so device data and configuration travel in clear text.',
    example: 'user = UsmUserData("monitor", "auth-key-from-vault")',
    fix: 'Pass both keys and strong protocols: UsmUserData(user, auth_key, priv_key, authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol).',
    differences:
      'Bandit counts only positional arguments, so UsmUserData("u", authKey=a, privKey=p) is reported although both keys ' +
      'are given; pyvet counts an authKey= or privKey= keyword (other than None) as filling its slot.',
  },
  callNames: ['UsmUserData'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (call.qualname !== 'pysnmp.hlapi.UsmUserData') return;
      const given = (slot: number, keyword: string) => {
        if (call.args.length > slot) return true;
        const v = call.kwView(keyword);
        return v !== undefined && v !== 'None';
      };
      if (given(1, 'authKey') && given(2, 'privKey')) return;
      ctx.report(node, {message: 'SNMPv3 user without both an authentication and a privacy key: traffic is not encrypted'});
    },
  },
});
