/**
 * Splits a string as `@cdktf/hcl2json` writes HCL expressions (`"orders-${local.stage}"`,
 * `"${var.count * 2}"`) into literal text and `${...}` interpolations, respecting nested braces
 * and quoted strings inside an interpolation.
 */

export type TemplatePart = { readonly text: string } | { readonly expression: string };

/** The end index (exclusive) of the interpolation whose `${` starts at `start`, or -1 when unclosed. */
function interpolationEnd(source: string, start: number): number {
  let depth = 0;
  let quote = false;
  for (let i = start + 2; i < source.length; i++) {
    const ch = source[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === '"') quote = false;
    } else if (ch === '"') quote = true;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return i + 1;
      depth--;
    }
  }
  return -1;
}

export function templateParts(source: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < source.length) {
    if (source.startsWith('$${', i)) {
      text += '$${';
      i += 3;
      continue;
    }
    if (source.startsWith('${', i)) {
      const end = interpolationEnd(source, i);
      if (end > 0) {
        if (text) parts.push({ text });
        text = '';
        parts.push({ expression: source.slice(i + 2, end - 1).trim() });
        i = end;
        continue;
      }
    }
    text += source[i];
    i++;
  }
  if (text) parts.push({ text });
  return parts;
}

/** A traversal of an input: `var.name`, `local.name`, with attribute and index steps after it. */
export const INPUT_REFERENCE = /\b(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z_][A-Za-z0-9_-]*|\[\s*(?:\d+|"[^"]*")\s*\])*)/g;

/** Parses the steps after the input name: `.a[0]["b"]` → `a`, 0, `b`. */
export function traversalSteps(steps: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const match of steps.matchAll(/\.([A-Za-z_][A-Za-z0-9_-]*)|\[\s*(\d+)\s*\]|\[\s*"([^"]*)"\s*\]/g)) {
    if (match[1] !== undefined) out.push(match[1]);
    else if (match[2] !== undefined) out.push(Number(match[2]));
    else out.push(match[3]!);
  }
  return out;
}
