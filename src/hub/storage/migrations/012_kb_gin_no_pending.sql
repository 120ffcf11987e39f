-- Articles are written rarely and searched all the time. A GIN index's pending list makes writes
-- cheaper but every search scans it until a vacuum merges it, and PGlite has no autovacuum: new
-- entries go straight into the index instead.
alter index kb_articles_search_de set (fastupdate = off);
alter index kb_articles_search_en set (fastupdate = off);
alter index kb_articles_words_de set (fastupdate = off);
alter index kb_articles_words_en set (fastupdate = off);
alter index kb_articles_tags set (fastupdate = off);
alter index kb_words_trigram set (fastupdate = off);
select gin_clean_pending_list(index_name::regclass)
from (values ('kb_articles_search_de'), ('kb_articles_search_en'), ('kb_articles_words_de'),
  ('kb_articles_words_en'), ('kb_articles_tags'), ('kb_words_trigram')) as i (index_name);
