-- The administrator's instance settings (name, descriptions, sign-up policy, defaults), one JSON row.
CREATE TABLE instance_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    body TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
