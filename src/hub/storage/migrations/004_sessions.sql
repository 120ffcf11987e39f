-- Remote sessions: a Get Help request waiting in the queue or a session opened with a one-time code.
create table remote_sessions (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  -- Not yet a foreign key: tickets arrive with the ticket workspace. Null while a request waits.
  ticket_id uuid,
  origin text not null check (origin in ('request', 'code')),
  status text not null check (status in ('waiting', 'active', 'ended')),
  requester_name text not null,
  description text,
  end_user_credential_hash text not null unique,
  agent_account_id uuid references accounts (id),
  requested_at timestamptz,
  accepted_at timestamptz,
  started_at timestamptz,
  ended_at timestamptz,
  end_reason text,
  summary jsonb
);

create index remote_sessions_waiting on remote_sessions (organisation_id, requested_at) where status = 'waiting';

-- One row per person per session, so a participant keeps its id (and TURN username) when it rejoins.
create table remote_session_participants (
  id uuid primary key,
  session_id uuid not null references remote_sessions (id),
  role text not null check (role in ('end_user', 'agent', 'specialist')),
  account_id uuid references accounts (id),
  display_name text not null,
  unique (session_id, account_id)
);

-- Only an HMAC of each code is kept; see src/hub/sessions/codes.ts for the limits.
create table remote_session_codes (
  id uuid primary key,
  code_hash text not null,
  organisation_id uuid not null references organisations (id),
  ticket_id uuid not null,
  issued_by uuid not null references accounts (id),
  issued_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  session_id uuid references remote_sessions (id),
  near_misses integer not null default 0,
  wrong_entries_seen integer not null default 0,
  blocked_at timestamptz
);

create index remote_session_codes_hash on remote_session_codes (code_hash);
create index remote_session_codes_live on remote_session_codes (expires_at) where used_at is null and blocked_at is null;

-- The consent trail: who did what to whom, when. Rows are never changed or removed.
create table remote_session_audit (
  id bigint generated always as identity primary key,
  session_id uuid not null references remote_sessions (id),
  at timestamptz not null,
  actor_participant_id uuid,
  actor_role text,
  actor_name text,
  action text not null,
  subject_participant_id uuid,
  subject_name text,
  detail jsonb not null default '{}'
);

create index remote_session_audit_session on remote_session_audit (session_id, id);

create function remote_session_audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the remote session audit log is append-only';
end
$$;

create trigger remote_session_audit_append_only before update or delete on remote_session_audit
  for each row execute function remote_session_audit_append_only();

create table remote_session_chat (
  id uuid primary key,
  seq bigint generated always as identity unique,
  session_id uuid not null references remote_sessions (id),
  participant_id uuid not null references remote_session_participants (id),
  display_name text not null,
  role text not null,
  text text not null,
  sent_at timestamptz not null
);

create index remote_session_chat_session on remote_session_chat (session_id, seq);
