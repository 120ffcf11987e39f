-- Files on tickets: uploaded by agents or kept from inbound mail. The bytes live in the database
-- (bytea) so one backup holds everything and several hubs on one PostgreSQL see the same files;
-- per-file and per-ticket limits keep the table's growth bounded. content_type is what the hub
-- sniffed from the bytes, never what the uploader declared.
create table attachments (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  ticket_id uuid not null,
  -- The public reply or internal note (or mailed reply) that carries it; null while only uploaded.
  event_id text,
  file_name text not null,
  declared_type text,
  content_type text not null,
  size integer not null,
  sha256 text not null,
  content bytea not null,
  source text not null,
  uploaded_by uuid,
  uploaded_by_name text not null,
  created_at timestamptz not null default now()
);
create index attachments_ticket on attachments (organisation_id, ticket_id, created_at);
create index attachments_event on attachments (event_id) where event_id is not null;

-- The attachments an outbound mail carries; their bytes are read when the worker sends it.
alter table mail_outbox add column attachment_ids jsonb not null default '[]';
