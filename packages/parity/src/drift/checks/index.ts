/**
 * The registry of drift checks, in report order. A check is one file in this folder (its id is
 * its file name, tested); adding one here is all it takes for it to be read, compared, given its
 * service's status and listed in the report's findings.
 */
import type { AnyDriftCheck } from '../drift-check';
import cacheEngineVersion from './cache-engine-version';
import cacheLayout from './cache-layout';
import databaseBackupRetention from './database-backup-retention';
import databaseEngineVersion from './database-engine-version';
import databaseLayout from './database-layout';
import searchEngineVersion from './search-engine-version';
import searchLayout from './search-layout';
import ssmCrossEnvironment from './ssm-cross-environment';
import ssmKeyTypes from './ssm-key-types';
import ssmKeys from './ssm-keys';
import ssmValues from './ssm-values';

export const DRIFT_CHECKS: readonly AnyDriftCheck[] = [
  ssmKeys,
  ssmKeyTypes,
  ssmValues,
  ssmCrossEnvironment,
  databaseEngineVersion,
  cacheEngineVersion,
  searchEngineVersion,
  databaseLayout,
  databaseBackupRetention,
  cacheLayout,
  searchLayout,
];
