-- The baseline POST: a 50-byte JSON body, the size of a small API write or a token request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"grant_type":"client_credentials","scope":"abcd"}'
assert(#wrk.body == 50, "the baseline body must be 50 bytes, got " .. #wrk.body)
