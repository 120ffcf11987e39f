-- The words of published articles' titles and keywords, per organisation and language. A query
-- word no article contains (a typo, the tail of a compound) is looked up here by trigram
-- resemblance, and the words it resembles are searched for instead: a few thousand short words
-- to compare rather than every article.
create table kb_words (
  organisation_id uuid not null references organisations (id),
  language text not null check (language in ('de', 'en')),
  word text not null,
  primary key (organisation_id, language, word)
);

create index kb_words_trigram on kb_words using gin (word public.gin_trgm_ops);

insert into kb_words (organisation_id, language, word)
select distinct a.organisation_id, 'de', w.word
from kb_articles a, regexp_split_to_table(a.words_de, '[^a-z0-9äöüß]+') as w (word)
where a.status = 'published' and char_length(w.word) >= 3
on conflict do nothing;

insert into kb_words (organisation_id, language, word)
select distinct a.organisation_id, 'en', w.word
from kb_articles a, regexp_split_to_table(a.words_en, '[^a-z0-9äöüß]+') as w (word)
where a.status = 'published' and char_length(w.word) >= 3
on conflict do nothing;
