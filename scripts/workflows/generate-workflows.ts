/**
 * `npm run workflows`: writes the workflows generated from config/ (pull-request and deploy).
 * `--check`: writes nothing; exits 1 naming each stale file, so CI can refuse a config change that
 * did not regenerate them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProjectConfig } from '../../config';
import { deployWorkflow } from './deploy-workflow';
import { pullRequestWorkflow } from './pull-request-workflow';

const ROOT = join(__dirname, '..', '..');

/** Each generated workflow: its path in the repository and its text for the current config. */
export function generatedWorkflows(): { path: string; text: string }[] {
  const { environments } = loadProjectConfig();
  return [
    { path: '.github/workflows/pull-request.yml', text: pullRequestWorkflow(environments) },
    { path: '.github/workflows/deploy.yml', text: deployWorkflow(environments) },
  ];
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(
      `generate-workflows: expected no argument or \`--check\`, found \`${unknown.join(' ')}\`. Fix: ` +
        `run \`npm run workflows\` or \`npm run workflows -- --check\`.\n`,
    );
    return 2;
  }
  let stale = 0;
  for (const { path, text } of generatedWorkflows()) {
    const file = join(ROOT, path);
    let current: string | undefined;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    if (check) {
      process.stderr.write(
        `${path} is stale: expected the workflow generated from config/, found ` +
          `${current === undefined ? 'no file' : 'a different file'}. Fix: run \`npm run workflows\` and commit it.\n`,
      );
      stale++;
    } else {
      writeFileSync(file, text);
      process.stdout.write(`wrote ${path}\n`);
    }
  }
  return stale > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
