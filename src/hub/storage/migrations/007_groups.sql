-- 2nd-level specialist groups per organisation, and which accounts belong to them.
-- New organisations get the service catalogue's defaults from the hub (seed); an organisation
-- changes them through the admin routes.
create table support_groups (
  organisation_id uuid not null references organisations (id),
  id text not null,
  position integer not null,
  data jsonb not null,
  primary key (organisation_id, id)
);

create table group_members (
  organisation_id uuid not null,
  group_id text not null,
  account_id uuid not null references accounts (id) on delete cascade,
  primary key (organisation_id, group_id, account_id),
  foreign key (organisation_id, group_id) references support_groups (organisation_id, id) on delete cascade
);
create index group_members_account on group_members (account_id);
