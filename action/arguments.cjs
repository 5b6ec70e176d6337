'use strict';
/**
 * The action's `arguments` input, split into words as a shell would split them, without a shell:
 * whitespace separates words; '…' is literal; "…" is literal but for \" \\ \$ and variables;
 * a backslash outside quotes escapes the next character (backslash-newline continues the line);
 * $NAME and ${NAME} are read from the environment (so a secret reaches the command through `env:`
 * and never appears in the workflow text). A value is never split again or globbed, and nothing
 * runs: command substitution, ${NAME:-default} and the like are refused, as is an unset variable
 * (a typo would otherwise pass an empty argument and switch an option off).
 */

class ArgumentsError extends Error {}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** @returns {string[]} the words of `text`, variables expanded from `env`. */
function splitArguments(text, env = process.env) {
  const words = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const fail = (what) => {
    throw new ArgumentsError(
      `expected \`arguments\` as shell words, found ${what} at character ${i + 1} of \`${text}\`. ` +
        `Fix: quote it ('…') or pass the value through \`env:\` as $NAME.`,
    );
  };
  const variable = () => {
    // text[i] === '$'
    const next = text[i + 1];
    if (next === '{') {
      const end = text.indexOf('}', i + 2);
      const name = end < 0 ? '' : text.slice(i + 2, end);
      if (end < 0 || NAME.exec(name)?.[0] !== name)
        fail(`\`${text.slice(i, end < 0 ? undefined : end + 1)}\` (only $NAME and \${NAME} are expanded)`);
      i = end + 1;
      return value(name);
    }
    if (next === '(' || next === '`') fail('command substitution');
    const match = NAME.exec(text.slice(i + 1));
    if (!match) {
      i += 1;
      return '$';
    }
    i += 1 + match[0].length;
    return value(match[0]);
  };
  const value = (name) => {
    if (!Object.hasOwn(env, name) || env[name] === undefined) {
      throw new ArgumentsError(
        `expected the environment variable \`${name}\` named in \`arguments\` to be set, found it unset. ` +
          `Fix: set it in the step's \`env:\`, or quote the \`$\` ('$${name}').`,
      );
    }
    return env[name];
  };
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i += 1;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) fail('an unterminated single quote');
      word += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) fail('an unterminated double quote');
        const d = text[i];
        if (d === '"') break;
        if (d === '\\' && '"\\$`\n'.includes(text[i + 1] ?? '')) {
          if (text[i + 1] !== '\n') word += text[i + 1];
          i += 2;
        } else if (d === '$') {
          word += variable();
        } else if (d === '`') {
          fail('command substitution');
        } else {
          word += d;
          i += 1;
        }
      }
      i += 1;
    } else if (c === '\\') {
      if (i + 1 >= text.length) fail('a trailing backslash');
      if (text[i + 1] === '\n') {
        if (word === '') inWord = false;
      } else {
        word += text[i + 1];
      }
      i += 2;
    } else if (c === '$') {
      word += variable();
    } else if (c === '`') {
      fail('command substitution');
    } else if (';|&<>'.includes(c)) {
      fail(`\`${c}\`, a shell operator`);
    } else {
      word += c;
      i += 1;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The words again as one line, each quoted where needed: for logs (variables stay unexpanded there). */
function quoteWord(word) {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

module.exports = { splitArguments, quoteWord, ArgumentsError };
