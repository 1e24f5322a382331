-- The purge of old activities (federation.ActivityPurge) deletes by age: without these it reads whole tables.
CREATE INDEX inbox_activities_received ON inbox_activities(received_at);
CREATE INDEX outbox_activities_created ON outbox_activities(created_at);
