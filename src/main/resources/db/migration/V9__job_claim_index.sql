-- The claim query takes the most urgent ready jobs (ORDER BY priority, run_at, id): with this index
-- it reads them in order instead of sorting every pending job (a fan-out leaves thousands).
CREATE INDEX jobs_claim ON jobs(state, priority, run_at, id);
