/**
 * A database of this project's environment reached with no password: the endpoint is the
 * environment's published `DATABASE_ENDPOINT` SSM parameter (read with the environment's
 * read-only role, as `parity drift` does), and the password is an RDS IAM authentication token
 * (`@aws-sdk/rds-signer`, valid 15 minutes, signed locally) for the read-only database user.
 * TLS is required and the server's certificate verified (RDS refuses IAM tokens without TLS).
 */
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { Signer } from '@aws-sdk/rds-signer';
import { isIP } from 'node:net';
import type { ClientConfig } from 'pg';
import type { DatabaseTarget } from './read-database';

import { DATA_READER_USER } from './reader-user';

export { DATA_READER_USER };

export interface IamTargetOptions {
  /** Environment name (`staging`). */
  readonly environment: string;
  /** `/{app}/{environment}/DATABASE_ENDPOINT` is read: the app (`orders`). */
  readonly app: string;
  /** The environment's region. */
  readonly region: string;
  /** The role to assume first (the environment's `readOnlyRoleArn`); absent: the caller's credentials. */
  readonly roleArn?: string;
  /** Database to connect to (config/platform.ts `databaseName`). */
  readonly databaseName: string;
  /** Database user. @default DATA_READER_USER */
  readonly user?: string;
  /** PEM CA bundle to verify the server with; absent: Node's default store. */
  readonly ca?: string;
  /** AWS request bound, ms. @default 10000 */
  readonly requestTimeoutMs?: number;
}

/** Splits `host:port` (the RDS `endpoint` attribute); a bare host gets 5432. */
export function parseEndpoint(value: string): { host: string; port: number } {
  const match = /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!match) throw new Error(`expected the parameter to hold \`host:port\`, found \`${value}\``);
  return { host: match[1]!, port: match[2] ? Number(match[2]) : 5432 };
}

export function iamTarget(options: IamTargetOptions): DatabaseTarget {
  const user = options.user ?? DATA_READER_USER;
  const parameter = `/${options.app}/${options.environment}/DATABASE_ENDPOINT`;
  const timeout = options.requestTimeoutMs ?? 10_000;
  return {
    name: options.environment,
    description: `the endpoint in SSM ${parameter}, as ${user} with an IAM token${options.roleArn ? ` (role ${options.roleArn})` : ''}`,
    async connection(): Promise<ClientConfig> {
      const requestHandler = { requestTimeout: timeout, connectionTimeout: timeout };
      // One AssumeRole for SSM and the signer (the SDK's provider would assume the role for each).
      const assume = options.roleArn
        ? fromTemporaryCredentials({
            params: { RoleArn: options.roleArn, RoleSessionName: `parity-data-${options.environment}`, DurationSeconds: 900 },
            clientConfig: { region: options.region, requestHandler },
          })
        : undefined;
      let assumed: ReturnType<NonNullable<typeof assume>> | undefined;
      const credentials = assume ? () => (assumed ??= assume()) : undefined;
      const ssm = new SSMClient({ region: options.region, requestHandler, ...(credentials ? { credentials } : {}) });
      let endpoint: { host: string; port: number };
      try {
        const value = (await ssm.send(new GetParameterCommand({ Name: parameter }))).Parameter?.Value;
        if (!value) throw new Error(`SSM parameter ${parameter} has no value`);
        endpoint = parseEndpoint(value);
      } catch (error) {
        const e = error as Error;
        throw new Error(`reading SSM parameter ${parameter}: ${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`);
      } finally {
        ssm.destroy();
      }
      const signer = new Signer({
        hostname: endpoint.host,
        port: endpoint.port,
        username: user,
        region: options.region,
        ...(credentials ? { credentials } : {}),
      });
      const token = await signer.getAuthToken();
      return {
        host: endpoint.host,
        port: endpoint.port,
        user,
        database: options.databaseName,
        password: token,
        ssl: {
          rejectUnauthorized: true,
          ...(isIP(endpoint.host) ? {} : { servername: endpoint.host }),
          ...(options.ca ? { ca: options.ca } : {}),
        },
      };
    },
  };
}
