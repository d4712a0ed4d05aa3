-- Teams may have new requests in their categories assigned automatically (off by default).
ALTER TABLE teams ADD COLUMN auto_assign INTEGER NOT NULL DEFAULT 0;
