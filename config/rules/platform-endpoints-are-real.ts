import { problems, show, stubEndpointReason, type ConfigRule, type ProjectConfig } from '../rule-support';

const meta = {
  id: 'platform-endpoints-are-real',
  description: "An integration's sandbox or live endpoint in config/platform.ts is a stub, a mock, localhost or a bare IP address.",
  why:
    'Every environment takes its endpoints from the platform: a stub declared there hides integration bugs in every environment until ' +
    'prod.',
  docsUrl: 'README.md#the-configuration-model',
  defaultLevel: 'block',
} as const;

const check = (config: ProjectConfig) =>
  problems(
    config.platform.integrations.flatMap((integration) =>
      (['sandboxEndpoint', 'liveEndpoint'] as const).flatMap((key) => {
        const stub = stubEndpointReason(integration[key]);
        return stub
          ? [
              {
                field: `platform.integrations.${integration.name}.${key}`,
                expected: "the provider's real endpoint",
                found: `${stub} ${show(integration[key])}`,
                fix: 'use the URL the provider publishes',
              },
            ]
          : [];
      }),
    ),
  );

const rule: ConfigRule = { meta, check };
export default rule;
