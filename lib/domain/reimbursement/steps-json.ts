/**
 * Serialising explanation steps fast: the engine shares frozen step objects for the frequent cases (a base,
 * a rate on a base, one participation, a given amount), so their JSON is computed once and reused. Two forms:
 *  - `stepsToJson`: the contract's form (SIMULATION-API "steps"), with each step's source;
 *  - `stepsToStorageJson`: what a stored claim line keeps — the same without `source`, which
 *    `restoreStepSources` puts back from the rule row (rule + from) or the step's code. About half the bytes.
 */
import type { Step, StepCode } from './types';

const full = new WeakMap<Step, string>();
const compact = new WeakMap<Step, string>();

const quoted = new Map<string, string>();
/** JSON string literal of a text the engine repeats (codes, rule keys, dates, sources): escaped once. */
function q(text: string): string {
  let json = quoted.get(text);
  if (json === undefined) {
    json = JSON.stringify(text);
    if (quoted.size < 10_000) quoted.set(text, json);
  }
  return json;
}

function serialise(step: Step, withSource: boolean): string {
  let json = `{"code":${q(step.code)},"amount":${step.amount}`;
  if (step.rule !== undefined) json += `,"rule":${q(step.rule)}`;
  if (step.from !== undefined) json += `,"from":${q(step.from)}`;
  if (withSource) json += `,"source":${q(step.source)}`;
  if (step.values !== undefined) {
    let v = '';
    for (const key in step.values) {
      const value = step.values[key]!;
      v += `${v ? ',' : ''}${q(key)}:${typeof value === 'number' ? value : q(value)}`;
    }
    json += `,"values":{${v}}`;
  }
  return json + '}';
}

function one(step: Step, withSource: boolean): string {
  const cache = withSource ? full : compact;
  let json = cache.get(step);
  if (json !== undefined) return json;
  json = serialise(step, withSource);
  if (Object.isFrozen(step)) cache.set(step, json);
  return json;
}

function many(steps: readonly Step[], withSource: boolean): string {
  let out = '[';
  for (let i = 0; i < steps.length; i++) out += (i === 0 ? '' : ',') + one(steps[i]!, withSource);
  return out + ']';
}

const encoder = new TextEncoder();
const fullBytes = new WeakMap<Step, Uint8Array>();

/** The UTF-8 bytes of one step's JSON (contract form): encoded once per shared step, for writers that copy bytes. */
export function stepJsonBytes(step: Step): Uint8Array {
  let bytes = fullBytes.get(step);
  if (bytes !== undefined) return bytes;
  bytes = encoder.encode(one(step, true));
  if (Object.isFrozen(step)) fullBytes.set(step, bytes);
  return bytes;
}

/** One step's JSON, contract form. */
export function stepToJson(step: Step): string {
  return one(step, true);
}

export function stepsToJson(steps: readonly Step[]): string {
  return many(steps, true);
}

export function stepsToStorageJson(steps: readonly Step[]): string {
  return many(steps, false);
}

/**
 * Puts the sources back on stored steps: the rule row's source (looked up by key and start date), else the
 * source the engine gives every step of that code.
 */
export function restoreStepSources(
  stored: readonly Omit<Step, 'source'>[],
  sourceOfRule: (key: string, from: string) => string | undefined,
  sourceOfCode: (code: StepCode) => string,
): Step[] {
  return stored.map((s) => ({ ...s, source: (s.rule && s.from ? sourceOfRule(s.rule, s.from) : undefined) ?? sourceOfCode(s.code) }));
}
