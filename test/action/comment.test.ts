/**
 * action/comment.cjs against a local stand-in for GitHub's API: one comment per command, found by
 * its hidden marker on every page of comments, created when absent, updated when present, others
 * left alone; fork pull requests and tokens that may not write are skipped with a notice.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { comment, type FakeGitHub, startFakeGitHub } from './support/fake-github';
import { pullRequestEvent, runScript, scratch } from './support/run-script';

const { commentBody, nextLink, MAX_BODY } = require('../../action/comment.cjs') as {
  commentBody: (o: { marker: string; command: string; report?: string; exitCode: string; runUrl?: string }) => string;
  nextLink: (header: string | null) => string | undefined;
  MAX_BODY: number;
};

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
});
afterEach(() => github.close());

function report(text: string): string {
  const file = join(scratch(), 'report.md');
  writeFileSync(file, text);
  return file;
}

const post = (command: string, extra: Record<string, string> = {}) =>
  runScript('comment.cjs', {
    GITHUB_TOKEN: 'token-123',
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: 'acme/infra',
    GITHUB_EVENT_PATH: pullRequestEvent(7),
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '42',
    PARITY_COMMAND: command,
    PARITY_REPORT: report(`## ${command}\n\nall good\n`),
    PARITY_EXIT_CODE: '0',
    ...extra,
  });

const writes = () => github.requests.filter((r) => r.method !== 'GET');

test('no comment has the marker: creates one, marker first, report and run link after', async () => {
  github.comments.set(7, [comment(1, 'LGTM', 'User')]);
  const result = await post('plan review', { PARITY_EXIT_CODE: '1' });
  expect(result.code).toBe(0);
  expect(writes()).toEqual([
    {
      method: 'POST',
      path: '/repos/acme/infra/issues/7/comments',
      authorization: 'Bearer token-123',
      body: {
        body:
          '<!-- env-parity:plan-review -->\n## plan review\n\nall good\n\n' +
          '<sub>`parity plan review` exited 1 · [run](https://github.example/acme/infra/actions/runs/42)</sub>\n',
      },
    },
  ]);
  expect(github.comments.get(7)!.map((c) => c.id)).toEqual([1, 1000]);
  expect(result.stdout).toContain('created the comment <!-- env-parity:plan-review --> on #7');
  expect(result.outputs['comment-url']).toBe('https://github.example/acme/infra/pull/7#issuecomment-1000');
});

test('a comment has the marker: updates that one, and only that one', async () => {
  github.comments.set(7, [comment(1, '<!-- env-parity:plan-review -->\nold review'), comment(2, 'a person', 'User')]);
  const result = await post('plan review');
  expect(result.code).toBe(0);
  expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /repos/acme/infra/issues/comments/1']);
  expect(github.comments.get(7)!.map((c) => c.body.split('\n')[0])).toEqual(['<!-- env-parity:plan-review -->', 'a person']);
  expect(github.comments.get(7)![0]!.body).toContain('all good');
  expect(result.stdout).toContain('updated the comment <!-- env-parity:plan-review --> on #7');
});

test("other commands' comments are left alone: migrations check creates its own beside the plan review's", async () => {
  const planReview = '<!-- env-parity:plan-review -->\nthe plan review';
  github.comments.set(7, [comment(1, planReview), comment(2, '<!-- env-parity:check -->\nthe parity check')]);
  await post('migrations check');
  expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /repos/acme/infra/issues/7/comments']);
  await post('migrations check');
  expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual([
    'POST /repos/acme/infra/issues/7/comments',
    'PATCH /repos/acme/infra/issues/comments/1000',
  ]);
  const bodies = github.comments.get(7)!.map((c) => c.body);
  expect(bodies[0]).toBe(planReview);
  expect(bodies[1]).toBe('<!-- env-parity:check -->\nthe parity check');
  expect(bodies[2]).toMatch(/^<!-- env-parity:migrations-check -->\n## migrations check/);
  expect(bodies).toHaveLength(3);
});

test('a marker quoted inside another body does not count: only a body that starts with it', async () => {
  github.comments.set(7, [comment(1, 'why does <!-- env-parity:plan-review --> say that?', 'User')]);
  await post('plan review');
  expect(writes().map((r) => r.method)).toEqual(['POST']);
  expect(github.comments.get(7)![0]!.body).toBe('why does <!-- env-parity:plan-review --> say that?');
});

test("the plan review's comment from before the action (`<!-- parity-plan-review -->` first) is taken over, not doubled", async () => {
  github.comments.set(7, [comment(1, '<!-- parity-plan-review -->\n## Terraform plan review\nold')]);
  await post('plan review');
  expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /repos/acme/infra/issues/comments/1']);
  expect(github.comments.get(7)![0]!.body.split('\n')[0]).toBe('<!-- env-parity:plan-review -->');
  // Only the plan review has a legacy marker.
  await post('check');
  expect(writes().map((r) => r.method)).toEqual(['PATCH', 'POST']);
});

test('paginates: the marked comment on the third page of 250 is updated, not duplicated', async () => {
  const many = Array.from({ length: 250 }, (_, i) => comment(i + 1, `comment ${i + 1}`, 'User'));
  many[230] = comment(231, '<!-- env-parity:drift -->\nyesterday');
  github.comments.set(7, many);
  const result = await post('drift');
  expect(result.code).toBe(0);
  expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    'GET /repos/acme/infra/issues/7/comments?per_page=100',
    'GET /repos/acme/infra/issues/7/comments?per_page=100&page=2',
    'GET /repos/acme/infra/issues/7/comments?per_page=100&page=3',
    'PATCH /repos/acme/infra/issues/comments/231',
  ]);
  expect(github.comments.get(7)).toHaveLength(250);
});

test('stops reading pages once the marked comment is found', async () => {
  github.comments.set(7, [comment(5, '<!-- env-parity:check -->\nx'), ...Array.from({ length: 150 }, (_, i) => comment(i + 10, 'y'))]);
  await post('check');
  expect(github.requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
});

test('`comment-id` overrides the marker, so two plan reviews keep two comments', async () => {
  github.comments.set(7, [comment(1, '<!-- env-parity:plan-review -->\nthe app')]);
  await post('plan review', { PARITY_COMMENT_ID: 'plan-review-network' });
  expect(writes().map((r) => r.method)).toEqual(['POST']);
  expect((writes()[0]!.body as { body: string }).body.split('\n')[0]).toBe('<!-- env-parity:plan-review-network -->');
});

test('no report (the command failed before writing one): the comment says so, with the exit code', async () => {
  const result = await post('migrations check', { PARITY_REPORT: '', PARITY_EXIT_CODE: '2' });
  expect(result.code).toBe(0);
  expect((writes()[0]!.body as { body: string }).body).toContain(
    '### parity migrations check\n\nExited 2 without a report: see the job log.',
  );
});

test('a pull request from a fork: skipped with a notice, no request made', async () => {
  const result = await post('plan review', { GITHUB_EVENT_PATH: pullRequestEvent(7, 'someone/infra-fork') });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(
    '::notice::parity plan review: #7 comes from the fork someone/infra-fork, whose token may not write: comment skipped',
  );
  expect(github.requests).toEqual([]);
});

test('a 403 (a read-only token): skipped with a notice, not failed', async () => {
  github.failNext('GET', 403, 'Resource not accessible by integration');
  const result = await post('check');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(
    '::notice::parity check: this token may not comment on #7 ' +
      '(GET /repos/acme/infra/issues/7/comments: HTTP 403 (Resource not accessible by integration)): ' +
      'comment skipped',
  );
  expect(writes()).toEqual([]);
});

test('a 403 on the write after reading: also skipped', async () => {
  github.failNext('POST', 403, 'Resource not accessible by integration');
  const result = await post('check');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('::notice::');
});

test('a rate-limited 403 is a failure, not a lack of permission', async () => {
  github.failNext('GET', 403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0' });
  const result = await post('check');
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(
    '::error::env-parity action: the pull-request comment was not posted: ' +
      'GET /repos/acme/infra/issues/7/comments: HTTP 403 (API rate limit exceeded)',
  );
});

test('a 502 on a read or an edit is tried again; the comment is still updated once', async () => {
  github.comments.set(7, [comment(1, '<!-- env-parity:check -->\nold')]);
  github.failNext('GET', 502, 'Bad Gateway');
  github.failNext('PATCH', 503, 'Service Unavailable');
  const result = await post('check');
  expect(result.code).toBe(0);
  expect(github.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'PATCH', 'PATCH']);
  expect(result.stdout).toContain('GET /repos/acme/infra/issues/7/comments: HTTP 502 (Bad Gateway): trying again in 1 s');
  expect(github.comments.get(7)![0]!.body).toContain('all good');
}, 30_000);

test('a 502 on a create is not tried again (it may have happened): the step fails', async () => {
  github.failNext('POST', 502, 'Bad Gateway');
  const result = await post('check');
  expect(result.code).toBe(1);
  expect(github.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
});

test('any other API failure fails the step: the report did not reach the pull request', async () => {
  github.failNext('PATCH', 500, 'Server Error');
  github.comments.set(7, [comment(1, '<!-- env-parity:check -->\nold')]);
  const result = await post('check');
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(
    'the pull-request comment was not posted: PATCH /repos/acme/infra/issues/comments/1: HTTP 500 (Server Error)',
  );
});

test('no pull request in the event (a push, a schedule): a notice, no request', async () => {
  const event = join(scratch(), 'push.json');
  writeFileSync(event, JSON.stringify({ ref: 'refs/heads/main' }));
  const result = await post('drift', { GITHUB_EVENT_PATH: event, GITHUB_EVENT_NAME: 'schedule' });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('::notice::parity drift: no pull request in this schedule event, so no comment');
  expect(github.requests).toEqual([]);
});

test('`pull-request` names the number when the event has none', async () => {
  const event = join(scratch(), 'dispatch.json');
  writeFileSync(event, '{}');
  await post('check', { GITHUB_EVENT_PATH: event, PARITY_PULL_REQUEST: '12' });
  expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /repos/acme/infra/issues/12/comments']);
});

test('bad input to the action: exit 2 with expected, found and fix', async () => {
  const id = await post('check', { PARITY_COMMENT_ID: 'Bad Id -->' });
  expect(id.code).toBe(2);
  expect(id.stderr).toContain(
    "expected `comment-id` of lower-case letters, digits, '.', '_' and '-' " +
      '(at most 64, starting with a letter or digit), found `Bad Id -->`.',
  );
  const pr = await post('check', { PARITY_PULL_REQUEST: 'seven' });
  expect([pr.code, pr.stderr]).toEqual([2, expect.stringContaining('expected `pull-request` a pull-request number, found `seven`.')]);
  const token = await post('check', { GITHUB_TOKEN: '' });
  expect(token.code).toBe(2);
  expect(token.stderr).toContain('expected `github-token` a token that may write pull-request comments, found none.');
  expect(github.requests).toEqual([]);
});

test("the body is cut to GitHub's 65536 characters, saying so", () => {
  const body = commentBody({ marker: '<!-- env-parity:check -->', command: 'check', report: 'x'.repeat(100_000), exitCode: '1' });
  expect(body.length).toBeLessThanOrEqual(MAX_BODY);
  expect(body).toContain("… cut here: the comment would exceed GitHub's 65536 characters; the whole report is in the job summary.");
  expect(body.startsWith('<!-- env-parity:check -->\nxxx')).toBe(true);
});

test('the Link header: next page or none', () => {
  expect(nextLink('<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"')).toBe(
    'https://api.github.com/x?page=2',
  );
  expect(nextLink('<https://api.github.com/x?page=1>; rel="prev"')).toBeUndefined();
  expect(nextLink(null)).toBeUndefined();
});
