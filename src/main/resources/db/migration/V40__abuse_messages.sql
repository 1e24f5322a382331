-- PeerTube's abuse messages: a local reporter and the moderators talk about one report. The report
-- going deletes its messages; an account going leaves its messages, without their author.
CREATE TABLE abuse_messages (
    id ${id},
    abuse_id BIGINT NOT NULL REFERENCES abuses(id) ON DELETE CASCADE,
    account_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    message TEXT NOT NULL,
    by_moderator BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX abuse_messages_abuse ON abuse_messages(abuse_id, id);

-- A notification may name a report (PeerTube's ABUSE_NEW_MESSAGE, type 16); it goes with the report.
ALTER TABLE user_notifications ADD COLUMN abuse_id BIGINT REFERENCES abuses(id) ON DELETE CASCADE;
