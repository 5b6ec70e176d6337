#!/usr/bin/env node
'use strict';
/**
 * Creates or updates this command's one pull-request comment: the comment whose body starts with
 * the command's hidden marker (marker.cjs) is edited; when none has it, one is created. Comments of
 * other commands (other markers) and of people are never touched. Every page of comments is read
 * (GitHub's Link header), so a long discussion does not hide the comment and create a second one.
 *
 * Skipped with a notice, not failed: no pull request in the event; a pull request from a fork
 * (its token is read-only); a 403 from the API (the token may not write). Any other API failure is
 * an error: the report did not reach the pull request, and nobody should believe it did.
 *
 * Input (environment, set by action.yml): GITHUB_TOKEN, GITHUB_API_URL, GITHUB_REPOSITORY,
 * GITHUB_EVENT_PATH, PARITY_COMMAND, PARITY_COMMENT_ID, PARITY_REPORT, PARITY_EXIT_CODE,
 * PARITY_PULL_REQUEST (overrides the event's number); GITHUB_SERVER_URL and GITHUB_RUN_ID for the link.
 */
const { appendFileSync, existsSync, readFileSync } = require('node:fs');
const { commentId, markerFor, markersFor } = require('./marker.cjs');

/** GitHub refuses comment bodies over 65536 characters; the rest stays in the job summary. */
const MAX_BODY = 65536;
const PER_PAGE = 100;
/** A bound on pagination: 100 pages of 100 comments. */
const MAX_PAGES = 100;
const REQUEST_TIMEOUT_MS = 30_000;
/**
 * GitHub answers 502/503/504 now and then: reads and edits (idempotent) are tried again after these
 * pauses; a create is not (it may have happened, and a second would be a duplicate comment).
 */
const RETRY_DELAYS_MS = [1_000, 3_000];
const RETRIED_STATUSES = [502, 503, 504];

class ApiError extends Error {
  constructor(status, method, path, message, rateLimited) {
    super(`${method} ${path}: HTTP ${status}${message ? ` (${message})` : ''}`);
    this.status = status;
    this.rateLimited = rateLimited;
  }
}

function createClient({ apiUrl, token }) {
  const base = new URL(apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  async function request(method, pathOrUrl, body) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await requestOnce(method, pathOrUrl, body);
      } catch (error) {
        const transient = error instanceof ApiError && RETRIED_STATUSES.includes(error.status);
        if (!transient || method === 'POST' || attempt >= RETRY_DELAYS_MS.length) throw error;
        process.stdout.write(`${error.message}: trying again in ${RETRY_DELAYS_MS[attempt] / 1000} s\n`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      }
    }
  }
  async function requestOnce(method, pathOrUrl, body) {
    const url = pathOrUrl.startsWith('http') ? new URL(pathOrUrl) : new URL(pathOrUrl.replace(/^\//, ''), base);
    // The token goes only to the API it was given for, never to a host a Link header names.
    if (url.origin !== base.origin) throw new Error(`refusing to follow ${url.origin}: the API is ${base.origin}`);
    const response = await fetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'user-agent': 'env-parity-action',
        'x-github-api-version': '2022-11-28',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) {
      let message = '';
      try {
        message = JSON.parse(text).message ?? '';
      } catch {
        message = text.slice(0, 200);
      }
      const rateLimited = response.headers.get('x-ratelimit-remaining') === '0' || /rate limit/i.test(message);
      throw new ApiError(response.status, method, url.pathname, message, rateLimited);
    }
    return { data: text === '' ? undefined : JSON.parse(text), next: nextLink(response.headers.get('link')) };
  }
  return { request };
}

/** The `rel="next"` URL of a Link header, if any. */
function nextLink(header) {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

/** The comment body: the marker, the report (cut to GitHub's limit), and where it came from. */
function commentBody({ marker, command, report, exitCode, runUrl }) {
  const footer = `\n\n<sub>\`parity ${command}\` exited ${exitCode}${runUrl ? ` · [run](${runUrl})` : ''}</sub>\n`;
  let text = report ?? `### parity ${command}\n\nExited ${exitCode} without a report: see the job log.`;
  const room = MAX_BODY - marker.length - 1 - footer.length;
  if (text.length > room) {
    const cut = "\n\n… cut here: the comment would exceed GitHub's 65536 characters; the whole report is in the job summary.";
    text = text.slice(0, room - cut.length) + cut;
  }
  return `${marker}\n${text.trimEnd()}${footer}`;
}

/**
 * Upserts the comment: the first whose body starts with one of `markers` (default: `marker`).
 * Returns `{ action: 'created' | 'updated', id, url }`. `repository` is `owner/name`; `client` is
 * createClient's.
 */
async function upsertComment({ client, repository, pullRequest, marker, body, markers = [marker] }) {
  let path = `repos/${repository}/issues/${pullRequest}/comments?per_page=${PER_PAGE}`;
  let existing;
  for (let page = 0; path && !existing; page++) {
    if (page === MAX_PAGES) throw new Error(`more than ${MAX_PAGES * PER_PAGE} comments on #${pullRequest}: stopped looking for ${marker}`);
    const { data, next } = await client.request('GET', path);
    existing = data.find((c) => typeof c.body === 'string' && markers.some((m) => c.body.trimStart().startsWith(m)));
    path = next;
  }
  if (existing) {
    const { data } = await client.request('PATCH', `repos/${repository}/issues/comments/${existing.id}`, { body });
    return { action: 'updated', id: data.id, url: data.html_url };
  }
  const { data } = await client.request('POST', `repos/${repository}/issues/${pullRequest}/comments`, { body });
  return { action: 'created', id: data.id, url: data.html_url };
}

/** The pull request this event is about, and whether it comes from a fork. */
function pullRequestOf(event, repository, override) {
  if (override && override.trim() !== '') {
    if (!/^[1-9]\d*$/.test(override.trim()))
      throw new Error(
        `expected \`pull-request\` a pull-request number, found \`${override}\`. ` +
          `Fix: pass e.g. \`pull-request: \${{ github.event.number }}\`.`,
      );
    return { number: Number(override.trim()), fork: false };
  }
  const pr = event?.pull_request;
  if (pr?.number)
    return {
      number: pr.number,
      fork: pr.head?.repo?.full_name !== undefined && pr.head.repo.full_name !== repository,
      from: pr.head?.repo?.full_name,
    };
  if (event?.issue?.pull_request && event.issue.number) return { number: event.issue.number, fork: false };
  return undefined;
}

async function main(env = process.env) {
  const notice = (message) => process.stdout.write(`::notice::${message}\n`);
  const command = (env.PARITY_COMMAND ?? '').trim().replace(/\s+/g, ' ');
  const id = commentId(command, env.PARITY_COMMENT_ID ?? '');
  const marker = markerFor(id);
  const repository = env.GITHUB_REPOSITORY ?? '';
  if (!/^[^/\s]+\/[^/\s]+$/.test(repository))
    throw new Error(`expected GITHUB_REPOSITORY as owner/name, found \`${repository}\`. Fix: run this script through the action.`);
  const event =
    env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH) ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : undefined;
  const pr = pullRequestOf(event, repository, env.PARITY_PULL_REQUEST);
  if (!pr) {
    notice(
      `parity ${command}: no pull request in this ${env.GITHUB_EVENT_NAME ?? ''} event, so no comment (the report is in the job summary).`,
    );
    return 0;
  }
  if (pr.fork) {
    notice(
      `parity ${command}: #${pr.number} comes from the fork ${pr.from}, whose token may not write: ` +
        `comment skipped (the report is in the job summary).`,
    );
    return 0;
  }
  if (!env.GITHUB_TOKEN)
    throw new Error(
      'expected `github-token` a token that may write pull-request comments, found none. ' +
        'Fix: leave `github-token` at its default `${{ github.token }}` and grant `pull-requests: write`.',
    );
  const report = env.PARITY_REPORT && existsSync(env.PARITY_REPORT) ? readFileSync(env.PARITY_REPORT, 'utf8') : undefined;
  const runUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const body = commentBody({ marker, command, report, exitCode: env.PARITY_EXIT_CODE ?? '?', runUrl });
  const client = createClient({ apiUrl: env.GITHUB_API_URL || 'https://api.github.com', token: env.GITHUB_TOKEN });
  try {
    const result = await upsertComment({ client, repository, pullRequest: pr.number, marker, body, markers: markersFor(id) });
    process.stdout.write(`parity ${command}: ${result.action} the comment ${marker} on #${pr.number}: ${result.url}\n`);
    if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `comment-url=${result.url}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ApiError && error.status === 403 && !error.rateLimited) {
      notice(
        `parity ${command}: this token may not comment on #${pr.number} (${error.message}): ` +
          `comment skipped (the report is in the job summary). Grant \`pull-requests: write\` to post it.`,
      );
      return 0;
    }
    throw error;
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`::error::env-parity action: the pull-request comment was not posted: ${error.message}\n`);
      // Bad input to the action (expected, found, fix) is exit 2, as everywhere in parity.
      process.exitCode = /^expected /.test(error.message) ? 2 : 1;
    },
  );
}

module.exports = { commentBody, nextLink, MAX_BODY };
