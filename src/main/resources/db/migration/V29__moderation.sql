-- Moderation (PeerTube's abuses, video blacklist, and each user's muted accounts and servers).

-- A report about a video, a comment or an account. A local reporter is an account; a remote one (a Flag
-- from another instance) is the actor URL that sent it. What the report names may be deleted later:
-- the report stays (PeerTube shows it as deleted), with the names it had as a snapshot.
CREATE TABLE abuses (
    id ${id},
    reporter_account_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    reporter_url TEXT,
    flagged_account_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    video_id BIGINT REFERENCES videos(id) ON DELETE SET NULL,
    comment_id BIGINT REFERENCES video_comments(id) ON DELETE SET NULL,
    video_name TEXT,
    comment_text TEXT,
    reason TEXT NOT NULL,
    predefined_reasons TEXT NOT NULL DEFAULT '',
    start_at INTEGER,
    end_at INTEGER,
    state INTEGER NOT NULL DEFAULT 1,
    moderation_comment TEXT,
    flag_url TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX abuses_state ON abuses(state, id);
CREATE INDEX abuses_reporter ON abuses(reporter_account_id, id);

-- PeerTube's video blacklist: a blocked video leaves every public list; `unfederated` also sent its Delete.
CREATE TABLE video_blacklist (
    video_id BIGINT PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE,
    reason TEXT,
    unfederated BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);

-- What one user muted (PeerTube's /users/me/blocklist): hidden from that user's lists and comments only.
CREATE TABLE account_mutes (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    target_account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, target_account_id)
);

CREATE TABLE server_mutes (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    host TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, host)
);
