-- Article changes numbered in commit order per organisation (writers take the organisation's
-- knowledge-base lock before drawing a number), so the Console can ask for everything after the
-- last number it saw and never miss or repeat a change.
create sequence kb_change_seq;
alter table kb_articles add column change_seq bigint not null default nextval('kb_change_seq');
create index kb_articles_organisation_change on kb_articles (organisation_id, change_seq);
