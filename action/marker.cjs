'use strict';
/**
 * One pull-request comment per command, found again by a hidden marker on its first line:
 * `plan review` → `<!-- env-parity:plan-review -->`. The id is derived from the command unless the
 * workflow names one (two plan reviews of two Terraform roots in one pull request need two ids).
 */

const ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The comment id of a command (`migrations check` → `migrations-check`), or `explicit` when given. */
function commentId(command, explicit = '') {
  const id =
    explicit.trim() === ''
      ? command
          .trim()
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '')
      : explicit.trim();
  if (!ID.test(id)) {
    throw new Error(
      `expected \`comment-id\` of lower-case letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit), ` +
        `found \`${id}\`. ` +
        `Fix: pass e.g. \`comment-id: plan-review-network\`.`,
    );
  }
  return id;
}

/** The hidden marker that starts the comment's body. */
function markerFor(id) {
  return `<!-- env-parity:${id} -->`;
}

/**
 * Markers of comments posted before this action, by the same command: the env-parity repository's
 * own plan review used to post its report, which starts with `<!-- parity-plan-review -->`. Such a
 * comment is taken over (updated, with the new marker) rather than left beside a second one.
 */
const LEGACY = { 'plan-review': ['<!-- parity-plan-review -->'] };

/** Every marker that identifies the comment of `id`: its own first. */
function markersFor(id) {
  return [markerFor(id), ...(LEGACY[id] ?? [])];
}

module.exports = { commentId, markerFor, markersFor };
