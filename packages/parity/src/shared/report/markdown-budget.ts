/**
 * Keeps a markdown report under GitHub's comment limit (65,535 characters). Sections are added in
 * priority order; a section that does not fit is cut, and the report says what was cut.
 */
export const GITHUB_COMMENT_LIMIT = 65_535;

export interface MarkdownSection {
  /** A short name for the "what was cut" note, e.g. `details for prod`. */
  readonly name: string;
  readonly body: string;
}

/**
 * Joins sections in order while they fit within `limit`, leaving room for the note. Sections that
 * do not fit are dropped whole and named in a closing note.
 */
export function fitMarkdown(sections: readonly MarkdownSection[], limit = GITHUB_COMMENT_LIMIT): string {
  const reserve = 600;
  const kept: string[] = [];
  const cut: string[] = [];
  let length = 0;
  for (const section of sections) {
    const size = section.body.length + 2;
    if (cut.length === 0 && length + size <= limit - reserve) {
      kept.push(section.body);
      length += size;
    } else {
      cut.push(section.name);
    }
  }
  if (cut.length > 0) {
    const shown = cut.slice(0, 8).join(', ') + (cut.length > 8 ? ` and ${cut.length - 8} more` : '');
    kept.push(
      `> **Cut to fit GitHub's ${limit.toLocaleString('en-US')}-character comment limit:** ${shown}. ` +
        `Run the command with \`--format json\` or \`--output FILE\` for the full report.`,
    );
  }
  const text = kept.join('\n\n');
  return text.length <= limit ? text : `${text.slice(0, limit - 80)}\n\n> (truncated at the comment limit)`;
}

/** Wraps a long block in a collapsed `<details>` element. */
export function collapsed(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** Escapes a value for a markdown table cell. */
export function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
