-- parity:no-transaction
-- The same index, built without blocking writes: CONCURRENTLY holds only a SHARE UPDATE
-- EXCLUSIVE lock, and cannot run in a transaction block (hence parity:no-transaction).
-- (In a real change this file would replace 0003; both are here to compare.)
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_address_concurrently_idx ON orders (status, shipping_address, created_at);
