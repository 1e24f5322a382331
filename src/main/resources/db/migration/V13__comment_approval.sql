-- PeerTube's comment approval (a video's commentsPolicy 3): a comment waits for the video owner's
-- review, shown only to its author and the video's managers; reply_approval is the id of the
-- ApproveReply a remote video's origin sent for one of our comments.
ALTER TABLE video_comments ADD COLUMN held_for_review BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE video_comments ADD COLUMN reply_approval TEXT;
