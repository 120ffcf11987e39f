-- Every word stem the published articles of an organisation contain, per language, as one
-- position-free tsvector. Search asks it which query words full-text search can match at all;
-- only the others (typos, tails of compounds) take the slower trigram path.
create table kb_vocabulary (
  organisation_id uuid not null references organisations (id),
  language text not null check (language in ('de', 'en')),
  lexemes tsvector not null,
  primary key (organisation_id, language)
);

insert into kb_vocabulary (organisation_id, language, lexemes)
select organisation_id, 'de', array_to_tsvector(array_agg(distinct lexeme))
from kb_articles, unnest(tsvector_to_array(search_de)) as lexeme
where status = 'published'
group by organisation_id;

insert into kb_vocabulary (organisation_id, language, lexemes)
select organisation_id, 'en', array_to_tsvector(array_agg(distinct lexeme))
from kb_articles, unnest(tsvector_to_array(search_en)) as lexeme
where status = 'published'
group by organisation_id;
