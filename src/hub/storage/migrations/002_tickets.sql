-- Every ticket change and its events are stamped from one sequence; clients pull "after" a
-- cursor. Writers take a per-organisation advisory lock, so commit order follows this order.
create sequence change_seq;

create table ticket_counters (
  organisation_id uuid primary key references organisations (id),
  last_number integer not null
);

create table tickets (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  number integer not null,
  version integer not null,
  status text not null,
  priority text not null,
  level smallint not null,
  assignee_id uuid,
  change_seq bigint not null,
  data jsonb not null,
  unique (organisation_id, number)
);
create index tickets_changes on tickets (organisation_id, change_seq);

create table ticket_events (
  ticket_id uuid not null references tickets (id),
  id text not null,
  organisation_id uuid not null references organisations (id),
  change_seq bigint not null,
  at timestamptz not null,
  data jsonb not null,
  primary key (ticket_id, id)
);
create index ticket_events_changes on ticket_events (organisation_id, change_seq);

-- The idempotency record: a command id is applied at most once, whatever is re-sent.
create table applied_commands (
  command_id uuid primary key,
  organisation_id uuid not null references organisations (id),
  ticket_id uuid not null,
  account_id uuid not null,
  type text not null,
  ticket_version integer not null,
  device_time timestamptz not null,
  applied_at timestamptz not null default now()
);
