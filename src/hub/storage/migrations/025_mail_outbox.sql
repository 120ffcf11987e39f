-- Outbound e-mail per organisation: SMTP settings (the password sealed with the hub's secret key)
-- and the transactional outbox. A delivery row is written in the transaction that writes the
-- ticket event it tells the requester about, with its Message-ID and threading headers fixed
-- then; the worker only sends what is committed.
create table mail_settings (
  organisation_id uuid primary key references organisations (id),
  data jsonb not null,
  smtp_password text,
  updated_at timestamptz not null default now()
);

create table mail_outbox (
  id uuid primary key,
  -- Order of writing, for threading: rows of one transaction share created_at.
  seq bigserial not null,
  organisation_id uuid not null references organisations (id),
  ticket_id uuid,
  event_id text,
  kind text not null check (kind in ('acknowledgement', 'reply', 'question', 'resolved')),
  to_address text not null,
  language text not null check (language in ('de', 'en')),
  message_id text not null unique,
  in_reply_to text,
  reference_ids text not null default '',
  subject text not null,
  text_body text not null,
  html_body text not null,
  state text not null check (state in ('queued', 'sending', 'sent', 'failed', 'bounced', 'unknown')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  claimed_at timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where state = 'queued';
create index mail_outbox_sending on mail_outbox (claimed_at) where state = 'sending';
create index mail_outbox_ticket on mail_outbox (organisation_id, ticket_id, seq);
