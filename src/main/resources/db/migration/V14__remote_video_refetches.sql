-- What an Update of a remote video must not fetch again: its preview's URL (PeerTube's larger icon),
-- compared with the new one like the thumbnail's; when its likes and dislikes were last read, and
-- when the one read that covers the Updates since is due (NULL: none planned).
ALTER TABLE remote_videos ADD COLUMN preview_url TEXT;
ALTER TABLE remote_videos ADD COLUMN counts_fetched_at BIGINT;
ALTER TABLE remote_videos ADD COLUMN counts_due_at BIGINT;
