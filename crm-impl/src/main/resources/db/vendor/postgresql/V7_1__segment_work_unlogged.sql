-- The recomputation scratch table needs no write-ahead log: its rows never outlive a transaction, so a crash
-- loses nothing. Saves the WAL traffic of a million-row recomputation.
ALTER TABLE crm_segment_work SET UNLOGGED;
