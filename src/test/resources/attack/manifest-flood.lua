-- wrk: every request asks a manifest of a link that does not exist, as a flood of guesses would.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"recipient":"flood"}'
