-- Where a user stopped in each video (PeerTube's history): one row per user and video, the latest
-- position wins; the history page reads it newest first.
CREATE TABLE user_video_history (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    video_id BIGINT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    current_time_s INTEGER NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, video_id)
);
CREATE INDEX user_video_history_recent ON user_video_history(user_id, updated_at);

-- A user's notifications (PeerTube's UserNotificationType numbers in `type`), each naming the
-- video, comment and account it is about.
CREATE TABLE user_notifications (
    id ${id},
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    type INTEGER NOT NULL,
    video_id BIGINT REFERENCES videos(id) ON DELETE CASCADE,
    comment_id BIGINT REFERENCES video_comments(id) ON DELETE CASCADE,
    account_id BIGINT REFERENCES accounts(id) ON DELETE CASCADE,
    is_read BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);
CREATE INDEX user_notifications_user ON user_notifications(user_id, id);

-- Which notifications a user wants on the web (PeerTube's settings, a bit field: 1 web, 2 e-mail).
CREATE TABLE user_notification_settings (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (user_id, name)
);
