-- Media requests for thumbnails, previews, torrents and web videos find their video by the file key
-- their names start with: without this index each would read the whole videos table.
CREATE INDEX videos_file_key ON videos(file_key);
