import { perEnvironment, show, type ConfigRule } from '../rule-support';

const meta = {
  id: 'thresholds-match-alarms',
  description: 'An environment lacks a threshold for an alarm of the platform, or sets one for an alarm the platform does not declare.',
  why: 'Every environment alarms on the same things: a missing threshold is an alarm staging never raises, an unknown one watches nothing.',
  docsUrl: 'README.md#the-configuration-model',
  defaultLevel: 'block',
} as const;

const check = perEnvironment((env, config) => {
  const ids = new Set(config.platform.alarms.map((a) => a.id));
  const thresholds = env.scale.alarms.thresholds;
  return [
    ...[...ids]
      .filter((id) => thresholds[id] === undefined)
      .map((id) => ({
        environment: env.name,
        field: `scale.alarms.thresholds.${id}`,
        expected: 'a threshold for every alarm of the platform',
        found: 'nothing',
        fix: `add \`'${id}'\` to this environment's thresholds`,
      })),
    ...Object.keys(thresholds)
      .filter((id) => !ids.has(id))
      .map((id) => ({
        environment: env.name,
        field: `scale.alarms.thresholds.${id}`,
        expected: 'an alarm id declared in config/platform.ts',
        found: `unknown alarm ${show(id)}`,
        fix: 'declare the alarm in `alarms` in config/platform.ts so every environment gets it, or remove the threshold',
      })),
  ];
});

const rule: ConfigRule = { meta, check };
export default rule;
