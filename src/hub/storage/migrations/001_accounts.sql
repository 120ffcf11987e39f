create table organisations (
  id uuid primary key,
  name text not null,
  created_at timestamptz not null default now()
);

create table accounts (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  email text not null unique,
  display_name text not null,
  role text not null check (role in ('agent', 'specialist', 'admin')),
  password_hash text not null,
  created_at timestamptz not null default now(),
  disabled_at timestamptz
);

create table auth_sessions (
  token_hash text primary key,
  account_id uuid not null references accounts (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

create index auth_sessions_account on auth_sessions (account_id);
