-- Video lists read an index in the order they show (PeerTube's sorts; ties by id in the same direction)
-- and stop after the page, instead of sorting every row. The public lists only ever show published public
-- videos (privacy 1, state 1): partial indexes hold just those rows, and a list's WHERE repeats the
-- predicate literally so both engines use them. The dialect files V15.1 add the counters and the text index.
CREATE INDEX videos_public_published ON videos(published_at, id) WHERE privacy = 1 AND state = 1;
CREATE INDEX videos_public_views ON videos(views, id) WHERE privacy = 1 AND state = 1;
CREATE INDEX videos_public_likes ON videos(likes, id) WHERE privacy = 1 AND state = 1;
CREATE INDEX videos_public_created ON videos(created_at, id) WHERE privacy = 1 AND state = 1;
CREATE INDEX videos_public_name ON videos(name, id) WHERE privacy = 1 AND state = 1;
CREATE INDEX videos_public_duration ON videos(duration, id) WHERE privacy = 1 AND state = 1;
CREATE INDEX videos_public_originally ON videos(originally_published_at, id) WHERE privacy = 1 AND state = 1;
-- The filters the pages use with the default sort: local videos, a category, a channel's page.
CREATE INDEX videos_public_local_published ON videos(is_local, published_at, id) WHERE privacy = 1 AND state = 1;
CREATE INDEX videos_public_category_published ON videos(category, published_at, id) WHERE privacy = 1 AND state = 1;
CREATE INDEX videos_public_channel_published ON videos(channel_id, published_at, id) WHERE privacy = 1 AND state = 1;
-- Tags are matched lower-cased (tagsOneOf, search).
CREATE INDEX video_tags_lower ON video_tags(LOWER(tag));
-- An account's channels (its pages, "my videos"), and the blocked servers' and accounts' channels.
CREATE INDEX channels_account ON channels(account_id);
CREATE INDEX channels_host ON channels(host) WHERE host IS NOT NULL;
-- The old index on every row's published_at goes: PostgreSQL preferred it to the partial ones and then
-- read past every unpublished (NULL) and private row at the head of a descending scan.
DROP INDEX videos_published;
