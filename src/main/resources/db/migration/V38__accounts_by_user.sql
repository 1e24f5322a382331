-- A local account by its user: notifications check each recipient's mutes through it (V29), rather than
-- reading every account, remote ones included.
CREATE INDEX accounts_user ON accounts(user_id) WHERE user_id IS NOT NULL;
