/**
 * The toolkit as a library (`require('@env-parity/parity')`): each engine as an async function that
 * takes its whole configuration as an argument and returns data, the contracts they take, and the
 * contract a cdktf project implements to let the CLI read its configuration. Rendering and exit
 * codes stay with the CLI (`parity`).
 */
export { checkParityOf, type CheckOptions, type CheckSource, type ProjectCheckSource } from './parity/check-parity';
export type { CheckReport } from './parity/check-report';
export type { AttributePattern, ParityGroup, ParityPolicy } from './parity/policy/parity-policy';
export { loadPolicyFile, type PolicyFile } from './parity/policy/policy-file';
export type { SynthesizedApp } from './parity/stacks/synthesize-project';
export { reviewPlans, type PlanReviewOptions, type ReviewEnvironments } from './plan-review/review';
export { hasBlockingFinding as planHasBlockingFinding, type PlanReview } from './plan-review/review-model';
export { runMigrationGate } from './migrations/gate';
export type { GateOptions } from './migrations/gate-options';
export { hasBlockingFinding as gateHasBlockingFinding, type GateReport } from './migrations/report/gate-report';
export { runPreflight, type PreflightEnvironment, type PreflightOptions, type PreflightResult } from './migrations/preflight';
export type { ParityProject, ProjectEnvironment } from './cli/project';
export { ExitCode, ExitError } from './shared/exit-error';
export { toolVersion } from './shared/version';
