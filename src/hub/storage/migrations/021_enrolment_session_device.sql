-- Get Help enrolment: an installation or web page is bound to one customer of the organisation by
-- a code an admin creates. Only an HMAC of the code is kept (see src/hub/enrolment/).
create table enrolments (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  customer_id uuid not null references customers (id),
  label text not null,
  code_hash text not null unique,
  created_by uuid references accounts (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);

create index enrolments_customer on enrolments (organisation_id, customer_id);

-- Which customer and device a remote session reaches, so the hub can check the contract's scope
-- on accept, code redemption, specialist join and control hand-over. Null where not known.
alter table remote_sessions add column customer_id uuid references customers (id);
alter table remote_sessions add column device_id uuid references devices (id);
