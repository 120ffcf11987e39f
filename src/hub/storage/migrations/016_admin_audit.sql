-- What admins did: accounts, roles, groups, customers, contracts, enrolments, settings. Written in
-- the same transaction as the change it records, so the log never claims a change that did not
-- happen nor misses one that did.
create table admin_audit (
  seq bigserial primary key,
  organisation_id uuid not null references organisations (id),
  at timestamptz not null default now(),
  actor_id uuid references accounts (id),
  actor_name text not null,
  action text not null,
  target_kind text not null,
  target_id text,
  target_name text,
  details jsonb not null default '{}'::jsonb
);
create index admin_audit_by_organisation on admin_audit (organisation_id, seq desc);
create index admin_audit_by_action on admin_audit (organisation_id, action, seq desc);
