-- Which kind of Console a sign-in token was issued to, decided by the hub at sign-in.
-- Tokens from before this migration count as the web Console: view and chat only in sessions,
-- until their holder signs in again from the desktop Console.
alter table auth_sessions add column client_kind text not null default 'web';
alter table auth_sessions add constraint auth_sessions_client_kind check (client_kind in ('web', 'desktop'));
