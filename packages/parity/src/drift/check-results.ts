/** Turning what a check compared into the shared RuleResult, the same way for every check. */
import { failWith, pass, type RuleFailure, type RuleResult } from '../shared/rules/rule-module';
import type { DeclaredState, EngineView, Setting } from './drift-check';
import type { DriftEnvironment } from './drift-environment';
import { describePending } from './compare-engines';

/** Text of a compared value; a value AWS did not return is said so. */
export function shownValue(value: Setting['live']): string {
  return value === undefined ? 'not returned by AWS' : String(value);
}

/** Every setting whose live value is not the declared one (undefined: AWS did not say, never a pass). */
export function settingMismatches(settings: readonly Setting[]): Setting[] {
  return settings.filter((s) => s.live !== s.declared);
}

/** `fail` with one failure per mismatched setting, `pass` when all match. */
export function settingsResult(
  settings: readonly Setting[],
  environment: DriftEnvironment,
  normalize: DeclaredState<unknown>['normalize'],
): RuleResult {
  const failures: RuleFailure[] = settingMismatches(settings).map((s) => ({
    message:
      `${s.service} ${normalize(s.resource)} \`${s.attribute}\` in ${environment.name}: ` +
      `declared ${String(s.declared)}, live ${shownValue(s.live)}`,
    address: s.resource,
    path: s.attribute,
    environment: environment.name,
    expected: String(s.declared),
    found: shownValue(s.live),
  }));
  return failWith(...failures);
}

/** `fail` when the live version differs from the declared one or a pending change would move it. */
export function engineResult(view: EngineView, declared: string, resource: string, environment: DriftEnvironment): RuleResult {
  const moving = view.pending.filter((p) => p.changesEngineVersion);
  if (view.matches && moving.length === 0) return pass;
  const problems: RuleFailure[] = [];
  const at = { address: resource, path: 'engine_version', environment: environment.name, expected: declared };
  if (!view.matches)
    problems.push({
      ...at,
      found: view.shown,
      message:
        view.shown === 'absent'
          ? `${resource} does not exist in ${environment.name}`
          : `${resource} in ${environment.name} runs ${view.shown}, declared ${declared}`,
    });
  for (const change of moving)
    problems.push({
      ...at,
      found: view.shown,
      message: `${resource} in ${environment.name} would change its engine version: ${describePending(change)}`,
    });
  return failWith(...problems);
}
