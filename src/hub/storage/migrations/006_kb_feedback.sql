-- Articles linked to tickets and the agent's verdict per ticket ("solved it" / "did not help").
-- A projection of the tickets' article links, written in the same transaction as the ticket
-- command that made it, so counts and tickets never disagree.
create table kb_article_feedback (
  organisation_id uuid not null references organisations (id),
  article_id uuid not null references kb_articles (id) on delete cascade,
  ticket_id uuid not null references tickets (id) on delete cascade,
  verdict text check (verdict in ('solved', 'not_helpful')),
  linked_at timestamptz not null,
  rated_at timestamptz,
  primary key (article_id, ticket_id)
);

create index kb_article_feedback_organisation on kb_article_feedback (organisation_id, article_id);

-- The Console asks for articles changed since its last refresh.
create index kb_articles_organisation_updated on kb_articles (organisation_id, updated_at);
