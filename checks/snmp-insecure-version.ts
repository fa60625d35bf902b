import {defineCheck} from '../src/model/check.js';

export default defineCheck({
  id: 'B508',
  slug: 'snmp-insecure-version',
  title: 'insecure SNMP version (v1 or v2c)',
  category: 'crypto',
  severity: 'medium',
  confidence: 'high',
  cwe: 319,
  banditName: 'snmp_insecure_version',
  docs: {
    what: 'Finds pysnmp.hlapi.CommunityData(...) calls with mpModel=0 (SNMPv1) or mpModel=1 (SNMPv2c).',
    why:
      'SNMP v1 and v2c authenticate with a community string sent in clear text and encrypt nothing, so anyone on the path ' +
      'can read the data and reuse the community string to query or reconfigure the device.',
    example: 'auth = CommunityData("public", mpModel=0)',
    fix: 'Use SNMPv3 with authentication and privacy: UsmUserData(user, authKey, privKey, authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol).',
    differences:
      'Same as Bandit: only a keyword mpModel of 0 or 1 is reported; a positional model, True/False, or a star import that ' +
      'leaves the name unresolved is not.',
  },
  callNames: ['CommunityData'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (call.qualname !== 'pysnmp.hlapi.CommunityData') return;
      const model = call.kwView('mpModel');
      if (model !== 0 && model !== 1) return;
      ctx.report(node, {message: `SNMP${model === 0 ? 'v1' : 'v2c'} sends its community string and data in clear text`});
    },
  },
});
