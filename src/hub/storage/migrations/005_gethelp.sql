create table diagnostics (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  ticket_id uuid not null references tickets (id),
  kind text not null check (kind in ('desktop', 'browser')),
  data jsonb not null,
  received_at timestamptz not null default now()
);
create index diagnostics_ticket on diagnostics (ticket_id, received_at);

-- A Get Help client may follow up on its own ticket (fresh diagnostics) with this secret.
create table gethelp_followups (
  ticket_id uuid primary key references tickets (id),
  token_hash text not null,
  fresh_requested_at timestamptz
);
