-- Trigram matching gives typo tolerance. The extension lives in `public` and is called
-- schema-qualified, so it also serves hubs (and tests) whose tables sit in another schema.
-- The lock keeps two hubs migrating one database at once from both creating it.
select pg_advisory_xact_lock(727001);
create extension if not exists pg_trgm with schema public;

create table kb_articles (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  category text not null check (char_length(category) between 1 and 64),
  tags text[] not null default '{}',
  audience text not null check (audience in ('internal', 'end_user')),
  status text not null check (status in ('draft', 'in_review', 'published', 'outdated')),
  version integer not null check (version >= 1),
  -- { "de": { title, symptoms, cause, steps[], keywords[] }, "en": { ... } }; at least one.
  translations jsonb not null check (translations ? 'de' or translations ? 'en'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Weights rank a match in the title or keywords (A) above symptoms (B) above the solution (C, D).
  search_de tsvector generated always as (
    setweight(to_tsvector('german', coalesce(translations #>> '{de,title}', '')), 'A')
    || setweight(to_tsvector('german', coalesce(translations #>> '{de,keywords}', '')), 'A')
    || setweight(to_tsvector('german', coalesce(translations #>> '{de,symptoms}', '')), 'B')
    || setweight(to_tsvector('german', coalesce(translations #>> '{de,steps}', '')), 'C')
    || setweight(to_tsvector('german', coalesce(translations #>> '{de,cause}', '')), 'D')
  ) stored,
  search_en tsvector generated always as (
    setweight(to_tsvector('english', coalesce(translations #>> '{en,title}', '')), 'A')
    || setweight(to_tsvector('english', coalesce(translations #>> '{en,keywords}', '')), 'A')
    || setweight(to_tsvector('english', coalesce(translations #>> '{en,symptoms}', '')), 'B')
    || setweight(to_tsvector('english', coalesce(translations #>> '{en,steps}', '')), 'C')
    || setweight(to_tsvector('english', coalesce(translations #>> '{en,cause}', '')), 'D')
  ) stored,
  -- Title and keywords as plain text for trigram similarity: typos and the tails of compounds
  -- ("warteschlange" in "druckerwarteschlange") that word stems cannot match.
  words_de text generated always as (
    lower(coalesce(translations #>> '{de,title}', '') || ' ' || coalesce(translations #>> '{de,keywords}', ''))
  ) stored,
  words_en text generated always as (
    lower(coalesce(translations #>> '{en,title}', '') || ' ' || coalesce(translations #>> '{en,keywords}', ''))
  ) stored
);

create index kb_articles_organisation_status on kb_articles (organisation_id, status, category);
create index kb_articles_search_de on kb_articles using gin (search_de);
create index kb_articles_search_en on kb_articles using gin (search_en);
create index kb_articles_words_de on kb_articles using gin (words_de public.gin_trgm_ops);
create index kb_articles_words_en on kb_articles using gin (words_en public.gin_trgm_ops);
create index kb_articles_tags on kb_articles using gin (tags);

-- Every state an article has been in, with who made it and when; rows are never changed.
create table kb_article_versions (
  article_id uuid not null references kb_articles (id) on delete cascade,
  version integer not null,
  author_id uuid not null references accounts (id),
  status text not null,
  category text not null,
  tags text[] not null,
  audience text not null,
  translations jsonb not null,
  created_at timestamptz not null default now(),
  primary key (article_id, version)
);
