-- The ledger's raw counts: body bytes this instance sent, per video, the video's origin host and the
-- hour (epoch milliseconds of its start), on every path (main listener, media listener, our mirrors
-- of others' videos). `origin_host` is our own host for our own videos. Counters are added to, never
-- overwritten, so a flush that repeats after a crash cannot double a figure it never wrote.
CREATE TABLE served_bytes (
    video_uuid TEXT NOT NULL,
    origin_host TEXT NOT NULL,
    hour_start BIGINT NOT NULL,
    bytes BIGINT NOT NULL,
    PRIMARY KEY (video_uuid, origin_host, hour_start)
);
CREATE INDEX served_bytes_origin_hour ON served_bytes(origin_host, hour_start);
