/**
 * A local HTTP server on 127.0.0.1 that answers the real AWS SDK v3 clients in each service's wire
 * protocol, for the operations the drift check uses. The account of a request comes from the
 * access key in its SigV4 `Authorization` header: keys issued by AssumeRole belong to the role's
 * account, any other key to the `callerAccountId` (the CI identity). Faults (access denied,
 * throttling, expired token) are injected per operation and account, a given number of times.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeAccount } from './fake-aws-world';
import { faultFraming, sendError, type FaultKind, type Protocol } from './fake-aws-protocols';
import { elasticache, opensearch, rds, ssm, sts } from './fake-aws-services';

export interface Fault {
  /** The operation it hits (`DescribeParameters`, `AssumeRole`...). */
  operation: string;
  /** The account it hits; absent means every account. */
  accountId?: string;
  kind: FaultKind;
  /** How many requests it answers; absent means all of them. */
  times?: number;
}

export interface RecordedRequest {
  /** The signing name from the credential scope (`ssm`, `sts`, `rds`, `elasticache`, `es`). */
  service: string;
  operation: string;
  accountId: string;
  accessKeyId: string;
  region: string;
  /** The `Host` header the SDK sent. */
  host: string;
  /** The JSON body of a JSON-protocol (SSM) request. */
  input?: Record<string, unknown>;
}

const OPENSEARCH_DOMAIN = /^\/2021-01-01\/opensearch\/domain\/([^/?]+)$/;

export class FakeAwsServer {
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  /** Roles whose trust policy does not let the caller assume them: AssumeRole answers AccessDenied. */
  readonly deniedRoles = new Set<string>();
  /** The account of credentials that were not issued by AssumeRole. */
  callerAccountId = '999999999999';
  private readonly accounts = new Map<string, FakeAccount>();

  private constructor(
    private readonly server: Server,
    accounts: readonly FakeAccount[],
  ) {
    for (const account of accounts) this.accounts.set(account.accountId, account);
  }

  static async start(accounts: readonly FakeAccount[]): Promise<FakeAwsServer> {
    let fake: FakeAwsServer | undefined;
    const server = createServer((req, res) => {
      void fake!.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 'json', 500, 'InternalFailure', String(error));
      });
    });
    server.keepAliveTimeout = 5_000;
    fake = new FakeAwsServer(server, accounts);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  account(accountId: string): FakeAccount {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`no fake account ${accountId}`);
    return account;
  }

  /** Requests made for an operation, optionally in one account. */
  count(operation: string, accountId?: string): number {
    return this.requests.filter((r) => r.operation === operation && (accountId === undefined || r.accountId === accountId)).length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '');
    if (!scope) {
      sendError(res, 'json', 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
      return;
    }
    const [, accessKeyId, region, service] = scope as unknown as [string, string, string, string];
    const accountId = /^ASIAFAKE(\d{12})$/.exec(accessKeyId)?.[1] ?? this.callerAccountId;
    const target = req.headers['x-amz-target'];
    const form = new URLSearchParams(body);
    const domainMatch = OPENSEARCH_DOMAIN.exec(req.url ?? '');
    let protocol: Protocol;
    let operation: string;
    if (typeof target === 'string') {
      protocol = 'json';
      operation = target.replace(/^AmazonSSM\./, '');
    } else if (service === 'es') {
      protocol = 'rest-json';
      operation = req.method === 'GET' && domainMatch ? 'DescribeDomain' : `${req.method} ${req.url}`;
    } else {
      protocol = 'query';
      operation = form.get('Action') ?? '(no Action)';
    }
    this.requests.push({
      service,
      operation,
      accountId,
      accessKeyId,
      region,
      host: req.headers.host ?? '',
      ...(protocol === 'json' && body ? { input: JSON.parse(body) } : {}),
    });

    const fault = this.faults.find(
      (f) =>
        f.operation === operation && (f.accountId === undefined || f.accountId === accountId) && (f.times === undefined || f.times > 0),
    );
    if (fault) {
      if (fault.times !== undefined) fault.times--;
      const { status, code } = faultFraming(protocol, fault.kind);
      const message =
        fault.kind === 'Throttling'
          ? 'Rate exceeded'
          : fault.kind === 'ExpiredToken'
            ? 'The security token included in the request is expired'
            : `User: arn:aws:sts::${accountId}:assumed-role/parity-drift-reader/session is not authorized to perform: ` +
              `${service}:${operation}`;
      sendError(res, protocol, status, code, message);
      return;
    }
    if (service === 'sts') {
      sts(res, operation, form, accountId, this.accounts, this.deniedRoles);
      return;
    }
    const account = this.accounts.get(accountId);
    if (!account) {
      sendError(
        res,
        protocol,
        protocol === 'json' ? 400 : 403,
        protocol === 'query' ? 'AccessDenied' : 'AccessDeniedException',
        `no resources in account ${accountId}`,
      );
      return;
    }
    if (service === 'ssm') ssm(res, account, operation, body ? JSON.parse(body) : {});
    else if (service === 'rds') rds(res, account, operation, form);
    else if (service === 'elasticache') elasticache(res, account, operation, form);
    else if (service === 'es') opensearch(res, account, operation, decodeURIComponent(domainMatch?.[1] ?? ''));
    else sendError(res, protocol, 400, 'UnknownService', `the fake does not answer ${service}`);
  }
}
