-- The ledger's storage history: how many bytes of our mirrors of other instances' videos we held,
-- per origin host (`host[:port]`) and hour (epoch milliseconds of its start), as a recurring job
-- last saw them in that hour. A month's "storage held for" a host is the sum over its hours divided by
-- the hours of the month (a byte-month average); hours with no row (instance down) held nothing.
CREATE TABLE held_bytes (
    origin_host TEXT NOT NULL,
    hour_start BIGINT NOT NULL,
    bytes BIGINT NOT NULL,
    PRIMARY KEY (origin_host, hour_start)
);
