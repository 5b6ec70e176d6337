-- Incident 1 reproduced: a plain CREATE INDEX takes a SHARE lock on orders, blocking every
-- INSERT/UPDATE/DELETE until the build ends. 80 ms on staging's 200 rows; not on 1.8M.
CREATE INDEX orders_status_address_idx ON orders (status, shipping_address, created_at);
