-- An organisation's own wording of its mails, per kind and language. No row: the built-in text.
create table mail_templates (
  organisation_id uuid not null references organisations (id),
  kind text not null check (kind in ('acknowledgement', 'reply', 'question', 'resolved', 'invitation', 'password_reset')),
  language text not null check (language in ('de', 'en')),
  subject text not null,
  body text not null,
  updated_by uuid references accounts (id),
  updated_at timestamptz not null default now(),
  primary key (organisation_id, kind, language)
);

-- Account mails (one-time invitation and password-reset links) go through the same outbox, without a ticket.
alter table mail_outbox drop constraint mail_outbox_kind_check;
alter table mail_outbox add constraint mail_outbox_kind_check
  check (kind in ('acknowledgement', 'reply', 'question', 'resolved', 'invitation', 'password_reset'));
