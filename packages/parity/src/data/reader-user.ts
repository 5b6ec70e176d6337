/** The database role `parity data check` connects as (README "Data parity"); the IAM policy allows `rds-db:connect` for it alone. */
export const DATA_READER_USER = 'parity_reader';
