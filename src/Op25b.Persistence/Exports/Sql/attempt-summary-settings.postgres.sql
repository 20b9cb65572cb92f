-- For the export's own transaction only (SET LOCAL): JIT compilation would add its cost to a
-- query that only walks an index, and a plan with a sort of the whole period is never wanted.
SET LOCAL jit = off;
