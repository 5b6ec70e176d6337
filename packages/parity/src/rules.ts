/**
 * The rule contract as the package exports it (`@env-parity/parity/rules`), for projects that judge
 * their own subjects with the same rule modules and loop as the engines (this repository's config/ does).
 */
export type { EngineId, Finding } from './shared/findings/finding';
export {
  failWith,
  notApplicable,
  pass,
  passWithWarnings,
  unknown,
  verdictOf,
  type FailureLocation,
  type FindingLevel,
  type RuleFailure,
  type RuleLevel,
  type RuleMeta,
  type RuleModule,
  type RuleResult,
} from './shared/rules/rule-module';
export {
  levelOf,
  ruleById,
  runPack,
  type PackEntry,
  type PackRun,
  type RulePack,
  type RuleOutcome,
  type RunPackOptions,
} from './shared/rules/run-pack';
