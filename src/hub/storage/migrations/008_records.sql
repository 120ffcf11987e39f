-- 2nd-level records beside the tickets: vendor cases (3rd level), problems and changes.
-- Each row keeps its record as jsonb (parsed with the shared schema on the way out) next to the
-- columns queries need; links to tickets live in their own tables so a ticket finds its records.

-- PRB- and CHG- numbers are handed out per organisation, in order.
create table record_counters (
  organisation_id uuid not null references organisations (id),
  kind text not null,
  last_number integer not null,
  primary key (organisation_id, kind)
);

create table vendor_cases (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  ticket_id uuid not null references tickets (id),
  status text not null,
  updated_at timestamptz not null,
  data jsonb not null
);
create index vendor_cases_ticket on vendor_cases (organisation_id, ticket_id);

create table problems (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  number integer not null,
  status text not null,
  updated_at timestamptz not null,
  data jsonb not null,
  unique (organisation_id, number)
);

-- An incident belongs to at most one problem: its cause is one cause.
create table problem_incidents (
  ticket_id uuid primary key references tickets (id),
  problem_id uuid not null references problems (id),
  organisation_id uuid not null references organisations (id),
  linked_at timestamptz not null
);
create index problem_incidents_problem on problem_incidents (problem_id);

create table changes (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  number integer not null,
  state text not null,
  updated_at timestamptz not null,
  data jsonb not null,
  unique (organisation_id, number)
);

create table change_tickets (
  change_id uuid not null references changes (id),
  ticket_id uuid not null references tickets (id),
  organisation_id uuid not null references organisations (id),
  linked_at timestamptz not null,
  primary key (change_id, ticket_id)
);
create index change_tickets_ticket on change_tickets (ticket_id);
