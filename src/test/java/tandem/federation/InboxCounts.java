package tandem.federation;

/** What an inbox could wrongly store, counted in the instance's database. */
record InboxCounts(long inbox, long videos, long comments, long follows, long ratings) {
    static InboxCounts of(InboxFixture f) {
        return new InboxCounts(f.count("SELECT COUNT(*) FROM inbox_activities"), f.count("SELECT COUNT(*) FROM videos"),
                f.count("SELECT COUNT(*) FROM video_comments"), f.count("SELECT COUNT(*) FROM actor_follows"),
                f.count("SELECT COUNT(*) FROM video_ratings"));
    }

    /** The same counts without the inbox rows, which accepted-then-refused activities do add. */
    InboxCounts withoutInbox() {
        return new InboxCounts(0, videos, comments, follows, ratings);
    }
}
