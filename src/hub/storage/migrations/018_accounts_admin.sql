-- Accounts are managed by admins: each may choose its language, and one-time links invite a new
-- account or reset a password. Only the SHA-256 of a link's token is kept, so a database copy
-- holds no usable link.
alter table accounts add column language text check (language in ('de', 'en'));

create table account_links (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  kind text not null check (kind in ('invitation', 'reset')),
  token_hash text not null unique,
  email text not null,
  -- The name the admin gave, offered on the invitation page; the new account chooses its own.
  display_name text,
  -- The role an invitation grants; null for a reset.
  role text check (role in ('agent', 'specialist', 'admin')),
  -- The account a reset is for; for an invitation, the account it created once used.
  account_id uuid references accounts (id) on delete cascade,
  created_by uuid references accounts (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  check ((kind = 'invitation') = (role is not null)),
  check (kind = 'invitation' or account_id is not null)
);
create index account_links_by_organisation on account_links (organisation_id, kind, created_at desc);
