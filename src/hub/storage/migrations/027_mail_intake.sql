-- Mailboxes the hub reads for e-mail intake. The password is sealed with the hub's secret key
-- (secretBox, context "mailboxes.password:<id>"). uid_validity and last_uid are the reading
-- position: they move only in the transaction that stores what the message produced.
create table mailboxes (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  name text not null,
  address text not null,
  host text not null,
  port integer not null,
  security text not null,
  username text not null,
  password text not null,
  folder text not null,
  enabled boolean not null default true,
  uid_validity text,
  last_uid bigint not null default 0,
  last_error text,
  last_checked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index mailboxes_organisation on mailboxes (organisation_id);

-- Every message intake has handled, whatever it decided, written with the ticket or event it
-- produced. Unique by mailbox position and by Message-ID, so a message seen again (after a
-- restart, or a UIDVALIDITY change that numbers the folder anew) is skipped.
create table mail_intake (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  mailbox_id uuid references mailboxes (id) on delete set null,
  uid_validity text,
  uid bigint,
  message_id text,
  sender text,
  subject text not null,
  decision text not null,
  reason text,
  ticket_id uuid,
  event_id text,
  full_text text not null,
  received_at timestamptz not null default now()
);
create unique index mail_intake_position on mail_intake (mailbox_id, uid_validity, uid) where mailbox_id is not null;
create unique index mail_intake_message_id on mail_intake (organisation_id, message_id) where message_id is not null;
create index mail_intake_sender on mail_intake (organisation_id, sender, received_at);
create index mail_intake_ticket on mail_intake (ticket_id);

-- Message-IDs that belong to a ticket (mail received for it, and mail the hub sent for it), so a
-- reply's In-Reply-To or References finds its ticket.
create table ticket_message_ids (
  organisation_id uuid not null references organisations (id),
  message_id text not null,
  ticket_id uuid not null,
  primary key (organisation_id, message_id)
);
create index ticket_message_ids_ticket on ticket_message_ids (ticket_id);
