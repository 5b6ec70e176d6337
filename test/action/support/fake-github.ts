/**
 * A local stand-in for the GitHub REST API's issue comments (list with Link pagination, create,
 * update), on 127.0.0.1, recording every request, for the action's comment step.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
  html_url: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeGitHub {
  url: string;
  /** Comments of each pull request, in order. */
  comments: Map<number, FakeComment[]>;
  requests: RecordedRequest[];
  /** Answers the next request of this method with this status (and message, and headers). */
  failNext(method: string, status: number, message: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

export async function startFakeGitHub(repository = 'acme/infra'): Promise<FakeGitHub> {
  const comments = new Map<number, FakeComment[]>();
  const requests: RecordedRequest[] = [];
  const failures: { method: string; status: number; message: string; headers: Record<string, string> }[] = [];
  let nextId = 1000;
  let base = '';
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', base);
      const body = await readBody(request);
      requests.push({
        method: request.method ?? '',
        path: `${url.pathname}${url.search}`,
        authorization: request.headers.authorization,
        body,
      });
      const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(data));
      };
      const failure = failures.findIndex((f) => f.method === request.method);
      if (failure >= 0) {
        const [f] = failures.splice(failure, 1);
        return send(f!.status, { message: f!.message }, f!.headers);
      }
      const list = new RegExp(`^/repos/${repository}/issues/(\\d+)/comments$`).exec(url.pathname);
      const one = new RegExp(`^/repos/${repository}/issues/comments/(\\d+)$`).exec(url.pathname);
      if (list && request.method === 'GET') {
        const all = comments.get(Number(list[1])) ?? [];
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const headers: Record<string, string> = {};
        const at = (n: number) => `<${base}${url.pathname}?per_page=${perPage}&page=${n}>`;
        if (page * perPage < all.length) headers.link = `${at(page + 1)}; rel="next", ${at(Math.ceil(all.length / perPage))}; rel="last"`;
        return send(200, all.slice((page - 1) * perPage, page * perPage), headers);
      }
      if (list && request.method === 'POST') {
        const number = Number(list[1]);
        const id = nextId++;
        const comment: FakeComment = {
          id,
          body: (body as { body: string }).body,
          user: { login: 'github-actions[bot]', type: 'Bot' },
          html_url: `https://github.example/${repository}/pull/${number}#issuecomment-${id}`,
        };
        comments.set(number, [...(comments.get(number) ?? []), comment]);
        return send(201, comment);
      }
      if (one && request.method === 'PATCH') {
        for (const list of comments.values()) {
          const comment = list.find((c) => c.id === Number(one[1]));
          if (comment) {
            comment.body = (body as { body: string }).body;
            return send(200, comment);
          }
        }
        return send(404, { message: 'Not Found' });
      }
      return send(404, { message: 'Not Found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    comments,
    requests,
    failNext: (method, status, message, headers = {}) => failures.push({ method, status, message, headers }),
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** A comment as another author or command left it. */
export function comment(id: number, body: string, type: 'Bot' | 'User' = 'Bot'): FakeComment {
  return {
    id,
    body,
    user: { login: type === 'Bot' ? 'github-actions[bot]' : 'octocat', type },
    html_url: `https://github.example/c/${id}`,
  };
}
