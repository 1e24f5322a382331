-- E-mail verification (PeerTube's signup.requiresEmailVerification). email_verified is NULL for
-- users who signed up while no verification was asked (and everyone from before this version):
-- only FALSE keeps someone out. pending_email holds a changed address until its owner confirms it.
ALTER TABLE users ADD COLUMN email_verified BOOLEAN;
ALTER TABLE users ADD COLUMN pending_email TEXT;
ALTER TABLE user_registrations ADD COLUMN email_verified BOOLEAN;

-- One live verification link per user or registration request ('user:12', 'registration:3'),
-- stored as a SHA-256 hash; used once, then deleted.
CREATE TABLE email_verifications (
    subject TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
