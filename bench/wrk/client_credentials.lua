-- POST /identity/oauth/token (or the peer's /token), grant_type=client_credentials with
-- client_secret_post; every request mints a new access token.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=client_credentials&client_id=acme-ats&client_secret=acme-secret" ..
           "&scope=configuration_read"
