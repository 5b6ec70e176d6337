/** Plan review's changed paths are the shared plan layer's (src/shared/plan/changed-paths.ts); kept for the rule modules' imports. */
export { changedPaths, formatPath, type ChangedPath } from '../shared/plan/changed-paths';
