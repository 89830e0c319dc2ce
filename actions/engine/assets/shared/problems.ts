import type { z } from 'zod';
import type { Problem } from '../../errors.js';
import { formatPath } from '../../files/yaml.js';

/** `error` blocks shipping (the content stage retries with it as feedback); `warning` is reported only. */
export type Severity = 'error' | 'warning';

/** A broken rule of an asset: where (a field path such as `headlines[2]`), what, and how bad. */
export interface ContentProblem extends Problem {
  severity: Severity;
}

export const error = (where: string, message: string): ContentProblem => ({
  where,
  message,
  severity: 'error',
});
export const warning = (where: string, message: string): ContentProblem => ({
  where,
  message,
  severity: 'warning',
});

/** The problems that block shipping. */
export const blockingProblems = (problems: readonly ContentProblem[]): ContentProblem[] =>
  problems.filter((p) => p.severity === 'error');

export interface LengthRule {
  /** A hard limit: going over is an error. */
  max?: number;
  /** A recommendation: going over is a warning (truncation, readability). */
  recommendedMax?: number;
  /** Below this is an error. */
  min?: number;
  /** Below this is a warning. */
  recommendedMin?: number;
}

/**
 * Checks one measured text against a rule. Messages name the field and both numbers, e.g.
 * "headline 3 is 34 characters; the limit is 30", so the model (and a person) can fix it in one go.
 */
export function checkLength(
  where: string,
  label: string,
  length: number,
  rule: LengthRule,
  unit = 'characters',
): ContentProblem[] {
  if (rule.max !== undefined && length > rule.max) {
    return [error(where, `${label} is ${length} ${unit}; the limit is ${rule.max}`)];
  }
  if (rule.min !== undefined && length < rule.min) {
    return [error(where, `${label} is ${length} ${unit}; the minimum is ${rule.min}`)];
  }
  if (rule.recommendedMax !== undefined && length > rule.recommendedMax) {
    return [
      warning(where, `${label} is ${length} ${unit}; the recommended maximum is ${rule.recommendedMax}`),
    ];
  }
  if (rule.recommendedMin !== undefined && length < rule.recommendedMin) {
    return [
      warning(where, `${label} is ${length} ${unit}; the recommended minimum is ${rule.recommendedMin}`),
    ];
  }
  return [];
}

/** Checks how many items a list has, e.g. "there are 16 headlines; the limit is 15". */
export function checkCount(
  where: string,
  noun: string,
  count: number,
  min: number,
  max: number,
): ContentProblem[] {
  const plural = (n: number) => `${n} ${n === 1 ? noun : `${noun}s`}`;
  if (count < min) {
    return [
      error(
        where,
        `there ${count === 1 ? 'is' : 'are'} ${plural(count)}; at least ${min} ${min === 1 ? 'is' : 'are'} required`,
      ),
    ];
  }
  if (count > max) return [error(where, `there are ${plural(count)}; the limit is ${max}`)];
  return [];
}

/** Turns a failed schema parse into problems, one per zod issue. */
export function schemaProblems(issues: readonly z.core.$ZodIssue[]): ContentProblem[] {
  return issues.map((issue) => error(formatPath(issue.path, '(asset)'), issue.message));
}
