// Preload for `node --require ./scripts/register-typescript.cjs <file.ts>`: runs TypeScript
// through tsx's CommonJS hook, in-process (the `tsx` binary would start a second Node process).
// tsx turns on source-mapped stack traces, which makes Node parse the inline source map of every
// module it loads (cdktf's are large): about 80 ms of every synth. They stay off unless
// ENV_PARITY_SOURCE_MAPS=1, for debugging.
require('tsx/cjs');
if (process.env.ENV_PARITY_SOURCE_MAPS !== '1') process.setSourceMapsEnabled(false);
