-- A remote video from an instance without HLS plays from its progressive MP4s ("web videos"): where they are.
ALTER TABLE remote_videos ADD COLUMN web_files TEXT NOT NULL DEFAULT '[]';
