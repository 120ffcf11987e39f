-- The desktop Console signs in through the system browser, which the hub sends back to a
-- one-shot listener on the agent's own computer (RFC 8252 §7.3). That loopback address is kept
-- with the started sign-in, so the callback cannot be pointed anywhere else.
alter table oidc_pending add column return_to text;
