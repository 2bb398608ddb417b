import type { Applied, Decision, Refusal } from '../rules/decision.js';

/** Narrows a decision in a test, failing with the refusal's code and message otherwise. */
export function expectApplied(d: Decision): Applied['effects'] {
  if (!d.ok) throw new Error(`Expected applied, got ${d.code}: ${d.message}`);
  return d.effects;
}

export function expectRefused(d: Decision): Refusal {
  if (d.ok) throw new Error('Expected a refusal, got applied');
  return d;
}
