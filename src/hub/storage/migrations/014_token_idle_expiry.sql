-- A sign-in token also ends after a time without use; its lifetime at sign-in stays the upper bound.
alter table auth_sessions add column last_used_at timestamptz not null default now();
alter table auth_sessions add column idle_seconds integer not null default 43200 check (idle_seconds > 0);
