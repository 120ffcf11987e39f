-- Keys the hub makes for itself on first use and keeps with its data, so what it derives from
-- them (its own follow-up command ids, Get Help follow-up secrets) stays the same after a restart
-- and cannot be worked out by anyone who only knows the ids the clients chose.
create table hub_keys (
  name text primary key,
  secret text not null,
  created_at timestamptz not null default now()
);

-- Get Help's idempotency key: a retried submission answers the ticket the first one made.
alter table gethelp_followups add column request_key uuid;
create unique index gethelp_followups_request_key on gethelp_followups (request_key);
