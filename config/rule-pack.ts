/**
 * The configuration's cross-field rules, run over a configuration that already has the right shape
 * (zod checked it): each rule is a file in rules/ with its `meta` beside its check; this pack lists
 * them in the order their problems are reported. runPack runs them all, so one run reports everything
 * that is wrong. A configuration is valid or not: every finding is a problem, so every rule blocks.
 */
import { runPack, type RulePack } from '@env-parity/parity/rules';
import type { ConfigProblem } from './problems';
import { problemOf } from './rule-support';
import aProductionEnvironment from './rules/a-production-environment';
import integrationsUseTheRightEndpoint from './rules/integrations-use-the-right-endpoint';
import knownParityGroup from './rules/known-parity-group';
import oneServiceLinkedRolePerAccount from './rules/one-service-linked-role-per-account';
import parameterFamilyMatchesEngine from './rules/parameter-family-matches-engine';
import platformEndpointsAreReal from './rules/platform-endpoints-are-real';
import productionInOneGroup from './rules/production-in-one-group';
import searchNodesSpanZones from './rules/search-nodes-span-zones';
import ssmValuesMatchCatalog from './rules/ssm-values-match-catalog';
import storageCeiling from './rules/storage-ceiling';
import thresholdsMatchAlarms from './rules/thresholds-match-alarms';
import uniqueEnvironmentNames from './rules/unique-environment-names';
import type { ProjectConfig } from './schema';

export const configRulePack: RulePack<ProjectConfig> = [
  { rule: uniqueEnvironmentNames, level: 'block' },
  { rule: aProductionEnvironment, level: 'block' },
  { rule: productionInOneGroup, level: 'block' },
  { rule: knownParityGroup, level: 'block' },
  { rule: parameterFamilyMatchesEngine, level: 'block' },
  { rule: storageCeiling, level: 'block' },
  { rule: searchNodesSpanZones, level: 'block' },
  { rule: ssmValuesMatchCatalog, level: 'block' },
  { rule: thresholdsMatchAlarms, level: 'block' },
  { rule: oneServiceLinkedRolePerAccount, level: 'block' },
  { rule: platformEndpointsAreReal, level: 'block' },
  { rule: integrationsUseTheRightEndpoint, level: 'block' },
];

/** Every problem of every cross-field rule, in pack order. */
export function validateRules(config: ProjectConfig): ConfigProblem[] {
  return runPack(configRulePack, [config], undefined, { engine: 'config' }).findings.map(problemOf);
}
