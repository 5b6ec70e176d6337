/** action/arguments.cjs: `arguments` split as a shell would, with no shell. */
const { splitArguments, quoteWord } = require('../../action/arguments.cjs') as {
  splitArguments: (text: string, env?: Record<string, string>) => string[];
  quoteWord: (word: string) => string;
};

const env = { RUNNER_TEMP: '/tmp/r', URL: 'postgres://u:p@h/db', SPACED: 'a b  c', EMPTY: '' };

test.each([
  ['', []],
  ['  \n ', []],
  ['--from staging --to prod', ['--from', 'staging', '--to', 'prod']],
  [
    '--plan dev="$RUNNER_TEMP/plans/dev.json" \\\n  --plan prod=${RUNNER_TEMP}/p.json',
    ['--plan', 'dev=/tmp/r/plans/dev.json', '--plan', 'prod=/tmp/r/p.json'],
  ],
  ["--message 'it''s $URL'", ['--message', 'its $URL']],
  ['--name "a \\"b\\" \\$c"', ['--name', 'a "b" $c']],
  ['--database-url "$URL"', ['--database-url', 'postgres://u:p@h/db']],
  // A value is never split again: unquoted or not, one word.
  ['--x $SPACED', ['--x', 'a b  c']],
  ['--empty "" --also "$EMPTY"', ['--empty', '', '--also', '']],
  ['a\\ b', ['a b']],
  ['price=$ 5', ['price=$', '5']],
  ["'--env' 'staging' '--env' 'prod'", ['--env', 'staging', '--env', 'prod']],
])('%j', (text, words) => {
  expect(splitArguments(text, env)).toEqual(words);
});

test.each([
  ['--x "open', 'an unterminated double quote'],
  ["--x 'open", 'an unterminated single quote'],
  ['--x $(whoami)', 'command substitution'],
  ['--x `whoami`', 'command substitution'],
  ['--x "`whoami`"', 'command substitution'],
  ['--x ${URL:-default}', '`${URL:-default}` (only $NAME and ${NAME} are expanded)'],
  ['--x a; rm -rf /', '`;`, a shell operator'],
  ['--x a | b', '`|`, a shell operator'],
  ['--x \\', 'a trailing backslash'],
])('%j is refused: %s', (text, what) => {
  expect(() => splitArguments(text, env)).toThrow(`expected \`arguments\` as shell words, found ${what} at character`);
});

test('an unset variable is refused, naming it (a typo would otherwise switch an option off)', () => {
  expect(() => splitArguments('--database-url "$STAGING_URL"', env)).toThrow(
    'expected the environment variable `STAGING_URL` named in `arguments` to be set, found it unset. ' +
      "Fix: set it in the step's `env:`, or quote the `$` ('$STAGING_URL').",
  );
});

test('quoteWord quotes only what needs it', () => {
  expect(quoteWord('/tmp/r/plan-review.md')).toBe('/tmp/r/plan-review.md');
  expect(quoteWord("a b'c")).toBe("'a b'\\''c'");
});
