-- The provider's customers, their people (contacts), contracts and devices. Every row carries its
-- organisation, and every query filters by it. Fields the hub looks things up by have columns;
-- the rest of each record is jsonb, parsed with the shared schemas when read.
create table customers (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  name text not null,
  data jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index customers_name on customers (organisation_id, lower(name));

-- An e-mail domain identifies the people of one customer of the organisation.
create table customer_domains (
  organisation_id uuid not null references organisations (id),
  domain text not null,
  customer_id uuid not null references customers (id) on delete cascade,
  primary key (organisation_id, domain)
);
create index customer_domains_customer on customer_domains (customer_id);

-- E-mail addresses are stored lower case; phone_digits is the number without non-digits and
-- leading zeros (shared `phoneDigits`), which lookups compare.
create table contacts (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  customer_id uuid not null references customers (id),
  name text not null,
  email text,
  phone text,
  phone_digits text,
  language text not null,
  data jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index contacts_email on contacts (organisation_id, email) where email is not null;
create index contacts_customer on contacts (customer_id);
create index contacts_phone on contacts (organisation_id, phone_digits);

create table contracts (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  customer_id uuid not null references customers (id),
  technical_contact_id uuid references contacts (id),
  data jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index contracts_customer on contracts (customer_id);

create table devices (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  customer_id uuid not null references customers (id),
  contact_id uuid references contacts (id),
  name text not null,
  kind text not null check (kind in ('client', 'server')),
  device_group text,
  serial text,
  data jsonb not null,
  last_seen_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index devices_serial on devices (customer_id, serial) where serial is not null;
create index devices_name on devices (customer_id, lower(name));
create index devices_contact on devices (contact_id);
create index devices_organisation on devices (organisation_id, customer_id);

-- Diagnostics snapshots a device sent over time (the diagnostics row holds the snapshot itself).
create table device_snapshots (
  device_id uuid not null references devices (id) on delete cascade,
  snapshot_id uuid not null,
  organisation_id uuid not null references organisations (id),
  at timestamptz not null,
  findings jsonb not null,
  primary key (device_id, snapshot_id)
);
create index device_snapshots_by_time on device_snapshots (device_id, at desc);
