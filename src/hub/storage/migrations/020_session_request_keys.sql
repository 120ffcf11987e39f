-- Get Help's idempotency key for "Ask for a remote session": a retried request answers the
-- waiting session the first one made, with the same credential, instead of queueing a second.
alter table remote_sessions add column request_key uuid;
create unique index remote_sessions_request_key on remote_sessions (request_key);
