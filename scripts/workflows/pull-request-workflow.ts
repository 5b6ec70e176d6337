/**
 * The pull-request workflow (.github/workflows/pull-request.yml), generated from config/: one
 * plan per environment of config/environments.ts, all reviewed together. Adding an environment to
 * config/ adds its plan and its review after `npm run workflows` (test/stacks/workflows.test.ts
 * fails while the checked-in file is stale).
 *
 * Two jobs. `check` needs no credentials, so it runs for pull requests from forks too (the action
 * skips its comment there: their token is read-only). `plan-review` needs an OIDC role per account,
 * which GitHub does not issue to forks, so it is skipped for them. Both run `parity` through this
 * repository's own action (`uses: ./`, action.yml) with the in-repo package, and each keeps its own
 * pull-request comment, found by its marker.
 *
 * The environments are unrolled as steps of one job, not a `strategy.matrix` of jobs: plan JSON
 * holds secrets in clear text, so it must never leave the runner as an artifact, and the review
 * compares every environment's plan in one place.
 */

export interface WorkflowEnvironment {
  /** The environment name (`staging`). */
  readonly name: string;
}

/**
 * Third-party actions, pinned by the commit of a release tag (a tag can be moved; a commit
 * cannot). The SHAs were read from each action's repository (`git rev-parse vX.Y.Z^{commit}`).
 */
export const PINNED_ACTIONS = {
  checkout: 'actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4.4.0',
  setupNode: 'actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0',
  setupTerraform: 'hashicorp/setup-terraform@b9cd54a3c349d3f38e8881555d616ced269862dd # v3.1.2',
  awsCredentials: 'aws-actions/configure-aws-credentials@7474bc4690e29a8392af63c5b98e7449536d5c3a # v4.3.1',
} as const;

/** The parity package this repository's workflows run: the workspace's own, installed by `npm ci`. */
export const IN_REPO_PACKAGE = './packages/parity';

/** Pull requests from this repository (not from a fork): only they get AWS credentials. */
export const NOT_A_FORK = 'github.event.pull_request.head.repo.full_name == github.repository';

/** The repository variable holding an environment's plan role ARN (`PLAN_ROLE_ARN_STAGING`). */
export function planRoleVariable(environment: string): string {
  return `PLAN_ROLE_ARN_${environment.toUpperCase()}`;
}

/** Where each environment's plan JSON is written on the runner. */
const planJson = (environment: string) => `"$RUNNER_TEMP/plans/${environment}.json"`;

function planSteps(environment: string): string {
  return `
      - name: assume the ${environment} plan role
        uses: ${PINNED_ACTIONS.awsCredentials}
        with:
          role-to-assume: \${{ vars.${planRoleVariable(environment)} }}
          role-session-name: parity-plan-${environment}-\${{ github.run_id }}
          aws-region: \${{ env.AWS_REGION }}

      - name: plan ${environment}
        working-directory: cdktf.out/stacks/${environment}
        run: |
          terraform init -input=false
          terraform plan -input=false -lock=false -out=plan.tfplan
          mkdir -p "$RUNNER_TEMP/plans"
          terraform show -json plan.tfplan > ${planJson(environment)}
`;
}

/** Checkout, Node and the locked dependencies: the start of every job that runs the toolkit (deploy's too). */
export const CHECKOUT_AND_INSTALL = `      - uses: ${PINNED_ACTIONS.checkout}

      - uses: ${PINNED_ACTIONS.setupNode}
        with:
          node-version: 20
          cache: npm

      - run: bash .ci/install-deps
`;

/** The start of both pull-request jobs: installed, then synthesized. */
const SETUP = `${CHECKOUT_AND_INSTALL}
      - run: npm run synth
`;

/** The workflow's YAML text. */
export function pullRequestWorkflow(environments: readonly WorkflowEnvironment[]): string {
  if (environments.length === 0) throw new Error('the pull-request workflow needs at least one environment in config/environments.ts');
  const names = environments.map((e) => e.name);
  const plans = names.map((name) => `            --plan ${name}=${planJson(name)}`).join('\n');
  return `# GENERATED from config/environments.ts by \`npm run workflows\` (scripts/workflows/): do not edit.
#
# On every pull request, two jobs, each keeping ONE pull-request comment up to date through this
# repository's action (\`uses: ./\`, action.yml), found by its hidden marker:
# - check: install, synthesize, \`parity check\`. It needs no credentials, so pull requests from
#   forks get it too (their read-only token cannot comment: the action skips that with a notice).
# - plan-review: plan every environment of config/ (${names.join(', ')}) with a read-only OIDC role
#   per account and review the plans together (changes, dangerous changes, asymmetry within a
#   parity group, and drift: the plans refresh). Skipped for forks: GitHub issues them no OIDC
#   token. Plans run as steps of one job (not a matrix with artifacts) because plan JSON holds
#   secrets in clear text: it never leaves the runner. Roles and variables: docs/plan-review.md.
name: pull-request

on:
  pull_request:
    branches: [main]

permissions:
  contents: read

concurrency:
  group: \${{ github.workflow }}-\${{ github.event.pull_request.number || github.ref }}
  cancel-in-progress: true

jobs:
  check:
    name: parity check
    runs-on: ubuntu-latest
    timeout-minutes: 20
    permissions:
      contents: read
      pull-requests: write
    steps:
${SETUP}
      - name: parity check
        uses: ./
        with:
          command: check
          package: ${IN_REPO_PACKAGE}
          node-version: ''

  plan-review:
    name: plan review
    # OIDC tokens are not issued to pull requests from forks.
    if: ${NOT_A_FORK}
    runs-on: ubuntu-latest
    timeout-minutes: ${20 + 5 * names.length}
    permissions:
      id-token: write
      contents: read
      pull-requests: write
    env:
      AWS_REGION: eu-west-1
      TF_IN_AUTOMATION: '1'
      TF_INPUT: '0'
    steps:
${SETUP}
      - uses: ${PINNED_ACTIONS.setupTerraform}
        with:
          terraform_version: 1.11.4
          # The wrapper prints \`[command]...\` around stdout, which is not plan JSON.
          terraform_wrapper: false
${names.map(planSteps).join('')}
      # Blocking findings fail the job, after the comment is posted.
      - name: parity plan review
        uses: ./
        with:
          command: plan review
          package: ${IN_REPO_PACKAGE}
          node-version: ''
          arguments: |
${plans}
            \${{ hashFiles('config/plan-waivers.yml') != '' && '--waivers config/plan-waivers.yml' || '' }}

      - name: remove plan files
        if: always()
        run: rm -rf "$RUNNER_TEMP/plans" cdktf.out/stacks/*/plan.tfplan
`;
}
