-- How each organisation's people sign in: local passwords (may be switched off), OpenID Connect
-- providers, one LDAP directory. Secrets are kept here for the hub to use and never sent back.
create table sign_in_settings (
  organisation_id uuid primary key references organisations (id),
  local_passwords boolean not null default true,
  ldap jsonb,
  ldap_bind_password text,
  updated_at timestamptz not null default now()
);

create table oidc_providers (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  display_name text not null,
  issuer text not null,
  client_id text not null,
  client_secret text not null,
  scopes text not null,
  role_claim text not null,
  role_mappings jsonb not null,
  email_domains jsonb not null default '[]'::jsonb,
  create_accounts boolean not null default false,
  created_at timestamptz not null default now()
);
create index oidc_providers_by_organisation on oidc_providers (organisation_id, created_at);

-- An account signed in through OpenID is found again by its provider's subject, whatever its
-- e-mail address becomes; through LDAP by the entry it was bound as.
alter table accounts add column oidc_issuer text;
alter table accounts add column oidc_subject text;
create unique index accounts_oidc_identity on accounts (oidc_issuer, oidc_subject) where oidc_subject is not null;
alter table accounts add column ldap_dn text;

-- A started OpenID sign-in: the browser comes back with the state, whose hash finds the PKCE
-- verifier and nonce; each is used once.
create table oidc_pending (
  state_hash text primary key,
  provider_id uuid not null references oidc_providers (id) on delete cascade,
  code_verifier text not null,
  nonce text not null,
  redirect_uri text not null,
  expires_at timestamptz not null
);

-- A finished OpenID sign-in waiting for the Console to fetch its token with the one-time code
-- from the address fragment (so no token ever appears in a URL).
create table oidc_handoffs (
  code_hash text primary key,
  account_id uuid not null references accounts (id) on delete cascade,
  expires_at timestamptz not null
);
