/**
 * Configuration overrides and oslo.config option declarations, shared by R301 (timeout
 * overridden), R501 (configuration overridden at run time), R104 and R105 (secret options).
 *
 * An override call is one of:
 * - `self.flags(name=value, …, group='g')` (Nova's test base class),
 * - `self.config(name=value, …, group='g')` (oslo.config's fixture),
 * - `X.set_override(name, value, group)` / `X.set_default(name, value, group)` where `X`
 *   is a name whose last part ends in `CONF` or `conf` (`CONF`, `cfg.CONF`, `self.conf`).
 */
import type {CallInfo} from '../../src/scan/calls.js';
import type {NameTable} from '../../src/scan/names.js';
import {plainString} from '../../src/scan/strings.js';
import {lastNameOf, unwrap, type SyntaxNode} from '../../src/scan/syntax.js';

export type OverrideKind = 'flags' | 'config' | 'set_override' | 'set_default';

export interface OverriddenOption {
  /** The option's name: the keyword, the string literal, or (when not a literal) the expression's text. */
  readonly name: string;
  /** False when the name is computed (`CONF.set_override(opt, …)`). */
  readonly literal: boolean;
  /** What sets it: the keyword argument (flags/config) or the call itself (set_override/set_default). */
  readonly node: SyntaxNode;
  /** The value it is set to, parentheses removed; null when not passed. */
  readonly value: SyntaxNode | null;
}

export interface Override {
  readonly kind: OverrideKind;
  readonly call: CallInfo;
  /** The option group when given as a string literal, else null. */
  readonly group: string | null;
  /** The options it sets, in argument order. */
  readonly options: readonly OverriddenOption[];
  /** The call also passes `**mapping`, whose options cannot be listed. */
  readonly splat: boolean;
}

/** Short names of override calls: test this first, it is the cheap filter. */
export const OVERRIDE_NAMES: ReadonlySet<string> = new Set(['flags', 'config', 'set_override', 'set_default']);

/**
 * `self.flags` / `self.config`, or the same on oslo.config's fixture: `self.conf_fixture.config`,
 * `self.cfg_fixture.config`, or the fixture kept as `self.conf` / `self.cfg`
 * (`self.conf = self.useFixture(config_fixture.Config(CONF))`).
 */
function isFixtureReceiver(obj: SyntaxNode | null): boolean {
  const o = unwrap(obj);
  if (!o) return false;
  if (o.type === 'identifier') return o.text === 'self';
  if (o.type !== 'attribute') return false;
  const last = lastNameOf(o);
  return /fixture/i.test(last) || last === 'conf' || last === 'cfg' || last === 'CONF';
}

/**
 * The configuration override a call makes, or null when it is not one. `names` tells
 * `self.config(...)` of a Tk widget (files that import tkinter) from oslo.config's fixture.
 */
export function configOverride(call: CallInfo, names: NameTable): Override | null {
  if (!OVERRIDE_NAMES.has(call.name)) return null;
  const name = call.name as OverrideKind;
  const callee = call.callee;
  if (!callee || callee.type !== 'attribute') return null;
  const obj = callee.childForFieldName('object');
  if (name === 'flags' || name === 'config') {
    if (!isFixtureReceiver(obj)) return null;
    if (name === 'config' && (names.importedLike('tkinter') || names.importedLike('Tkinter'))) return null;
    const options: OverriddenOption[] = [];
    let group: string | null = null;
    for (const k of call.keywords) {
      if (k.name === 'group') group = plainString(k.value);
      else options.push({name: k.name, literal: true, node: k.node, value: k.value});
    }
    return {kind: name, call, group, options, splat: call.hasKwargsSplat};
  }
  const recv = lastNameOf(obj);
  if (!recv.endsWith('CONF') && !recv.endsWith('conf')) return null;
  const nameNode = call.args[0] ?? call.keyword('name')?.value ?? null;
  const value = call.args[1] ?? call.keyword(name === 'set_override' ? 'override' : 'default')?.value ?? null;
  const groupNode = call.args[2] ?? call.keyword('group')?.value ?? null;
  const group = groupNode ? plainString(groupNode) : null;
  if (!nameNode) return {kind: name, call, group, options: [], splat: call.hasKwargsSplat};
  const literalName = plainString(nameNode);
  const option: OverriddenOption = {
    name: literalName ?? nameNode.text,
    literal: literalName !== null,
    node: call.node,
    value: value ? unwrap(value) : null,
  };
  return {kind: name, call, group, options: [option], splat: call.hasKwargsSplat};
}

/** Whether an option's name makes it a timeout (R301 reports it; R501 leaves it out). */
export function isTimeoutOption(option: OverriddenOption): boolean {
  return option.literal && /timeout/i.test(option.name);
}

/** `group.name`, or the name alone when there is no literal group. */
export function optionLabel(option: OverriddenOption, group: string | null): string {
  return group ? `${group}.${option.name}` : option.name;
}

export interface OptionDeclaration {
  readonly call: CallInfo;
  /** The option class's short name: `StrOpt`, `IntOpt`, … */
  readonly cls: string;
  /** The option's name when it is a string literal, else null. */
  readonly name: string | null;
}

/** oslo.config option classes, resolved through the import table (`from oslo_config import cfg`). */
const OSLO_OPT = /^(?:(?:oslo_config|oslo\.config)\.)?cfg\.[A-Za-z]*Opt$/;

/**
 * An oslo.config option declaration (`cfg.StrOpt('name', default=…)`), or null.
 * `DeprecatedOpt` names an old spelling of an option, not an option, and is left out.
 */
export function osloOption(call: CallInfo): OptionDeclaration | null {
  const cls = call.name;
  if (!cls.endsWith('Opt') || cls === 'DeprecatedOpt' || !OSLO_OPT.test(call.qualname)) return null;
  const nameNode = call.args[0] ?? call.keyword('name')?.value ?? null;
  return {call, cls, name: nameNode ? plainString(nameNode) : null};
}
