/**
 * The pull-request workflow (.github/workflows/pull-request.yml), generated from config/: one
 * plan per environment of config/environments.ts, all reviewed together. Adding an environment to
 * config/ adds its plan and its review after `npm run workflows` (test/stacks/workflows.test.ts
 * fails while the checked-in file is stale).
 *
 * The environments are unrolled as steps of one job, not a `strategy.matrix` of jobs: plan JSON
 * holds secrets in clear text, so it must never leave the runner as an artifact, and the review
 * compares every environment's plan in one place.
 */

export interface WorkflowEnvironment {
  /** The environment name (`staging`). */
  readonly name: string;
}

/** The repository variable holding an environment's plan role ARN (`PLAN_ROLE_ARN_STAGING`). */
export function planRoleVariable(environment: string): string {
  return `PLAN_ROLE_ARN_${environment.toUpperCase()}`;
}

/** Where each environment's plan JSON is written on the runner. */
const planJson = (environment: string) => `"$RUNNER_TEMP/plans/${environment}.json"`;

function planSteps(environment: string): string {
  return `
      - name: assume the ${environment} plan role
        uses: aws-actions/configure-aws-credentials@v4
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

/** The workflow's YAML text. */
export function pullRequestWorkflow(environments: readonly WorkflowEnvironment[]): string {
  if (environments.length === 0) throw new Error('the pull-request workflow needs at least one environment in config/environments.ts');
  const names = environments.map((e) => e.name);
  const plans = names.map((name) => `            --plan ${name}=${planJson(name)} \\`).join('\n');
  return `# GENERATED from config/environments.ts by \`npm run workflows\` (scripts/workflows/): do not edit.
#
# On every pull request: install, synthesize, run the parity check, plan every environment of
# config/ (${names.join(', ')}) with a read-only OIDC role per account, review the plans together
# (changes, dangerous changes, asymmetry within a parity group, and drift: the plans refresh), and
# keep ONE sticky comment up to date. Plans run as steps of one job (not a matrix with artifacts)
# because plan JSON holds secrets in clear text: it never leaves the runner. Roles and variables:
# docs/plan-review.md.
name: pull-request

on:
  pull_request:
    branches: [main]

permissions:
  contents: read

concurrency:
  group: pull-request-\${{ github.event.pull_request.number }}
  cancel-in-progress: true

jobs:
  plan-review:
    name: parity check and plan review
    # OIDC tokens are not issued to pull requests from forks.
    if: github.event.pull_request.head.repo.full_name == github.repository
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
      - uses: actions/checkout@v4

      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm

      - run: bash .ci/install-deps

      - run: npm run synth

      - name: parity check
        id: check
        run: |
          set +e
          npx parity check --format markdown --output parity-check.md
          echo "exit=$?" >> "$GITHUB_OUTPUT"
          cat parity-check.md >> "$GITHUB_STEP_SUMMARY"

      - uses: hashicorp/setup-terraform@v3
        with:
          terraform_version: 1.11.4
          # The wrapper prints \`[command]...\` around stdout, which is not plan JSON.
          terraform_wrapper: false
${names.map(planSteps).join('')}
      - name: parity plan review
        id: review
        run: |
          set +e
          waivers=()
          if [ -f config/plan-waivers.yml ]; then waivers=(--waivers config/plan-waivers.yml); fi
          npx parity plan review \\
${plans}
            "\${waivers[@]}" \\
            --format markdown --output review.md
          echo "exit=$?" >> "$GITHUB_OUTPUT"

      - name: create or update the sticky comment
        if: always() && steps.review.outputs.exit != ''
        uses: actions/github-script@v7
        with:
          script: |
            const fs = require('fs');
            const marker = '<!-- parity-plan-review -->';
            let body = fs.readFileSync('review.md', 'utf8');
            if (!body.includes(marker)) body = \`\${marker}\\n\${body}\`;
            const { owner, repo } = context.repo;
            const issue_number = context.issue.number;
            const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
            const existing = comments.find((c) => c.user?.type === 'Bot' && c.body?.includes(marker));
            if (existing) {
              await github.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
            } else {
              await github.rest.issues.createComment({ owner, repo, issue_number, body });
            }

      - name: fail on blocking findings or bad input
        if: always()
        run: |
          echo "parity check exit \${{ steps.check.outputs.exit }}, plan review exit \${{ steps.review.outputs.exit }}"
          test "\${{ steps.check.outputs.exit }}" = "0" && test "\${{ steps.review.outputs.exit }}" = "0"

      - name: remove plan files
        if: always()
        run: rm -rf "$RUNNER_TEMP/plans" cdktf.out/stacks/*/plan.tfplan
`;
}
