#!/usr/bin/python3
"""A vendor's web app built the requests-oauthlib way, for `oauthsim check-client`.

Usage: requests_oauthlib_app.py --port PORT --authz URL --api URL --client-id ID
           --client-secret SECRET [--mode MODE] [--ready-file FILE]

Routes: GET /connect (starts the flow), GET /callback (the redirect URI,
http://127.0.0.1:PORT/callback), GET /action?path=/users/me (calls the Customer API with the
user's token, refreshing once on 401). It uses requests-oauthlib's defaults: HTTP Basic client
authentication, the state it generates and checks, requests' Accept-Encoding: gzip, deflate.

--mode correct (default), or one deliberate flaw a vendor could ship:
  state_not_checked               the callback rebuilds the session without the saved state
  code_redeemed_twice             the callback fetches the token again with the same code
  rotated_refresh_token_not_kept  after a refresh the app keeps the old refresh token
"""
import argparse
import json
import os
import secrets
import sys
import threading
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import requests
from oauthlib.oauth2.rfc6749.errors import OAuth2Error
from requests_oauthlib import OAuth2Session

# The mock serves plain HTTP on loopback; oauthlib refuses http:// URLs without this.
os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"
# SR may grant fewer scopes than asked; oauthlib would raise on any difference.
os.environ["OAUTHLIB_RELAX_TOKEN_SCOPE"] = "1"

MODES = ("correct", "state_not_checked", "code_redeemed_twice", "rotated_refresh_token_not_kept")
SCOPES = ["user_me_read", "jobs_read"]
COOKIE = "acme_session"


class App:
    def __init__(self, args):
        self.args = args
        self.redirect_uri = f"http://127.0.0.1:{args.port}/callback"
        self.token_url = args.authz + "/identity/oauth/token"
        self.sessions = {}  # session id -> {"state": ..., "token": ...}
        self.lock = threading.Lock()

    def basic(self):
        return requests.auth.HTTPBasicAuth(self.args.client_id, self.args.client_secret)

    def new_session(self):
        sid = secrets.token_urlsafe(24)
        with self.lock:
            self.sessions[sid] = {}
        return sid, self.sessions[sid]

    def session_of(self, cookie_header):
        cookie = SimpleCookie(cookie_header or "")
        if COOKIE not in cookie:
            return None
        with self.lock:
            return self.sessions.get(cookie[COOKIE].value)


class Handler(BaseHTTPRequestHandler):
    app = None  # set in main()

    def log_message(self, fmt, *args):  # the harness reads the trace, not this log
        pass

    def answer(self, status, text, headers=()):
        body = f"<!doctype html><title>Acme ATS</title><p>{text}</p>".encode()
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        routes = {"/connect": self.connect, "/callback": self.callback, "/action": self.action}
        route = routes.get(url.path)
        if route is None:
            return self.answer(404, "not found")
        try:
            route(query)
        except Exception as e:  # a vendor app shows an error page rather than dropping the socket
            self.answer(500, f"error: {type(e).__name__}")

    def connect(self, _query):
        app = self.app
        sid, session = app.new_session()
        oauth = OAuth2Session(app.args.client_id, redirect_uri=app.redirect_uri, scope=SCOPES)
        url, state = oauth.authorization_url(app.args.authz + "/identity/oauth/allow")
        session["state"] = state
        self.answer(302, "redirecting", [("Location", url),
                                         ("Set-Cookie", f"{COOKIE}={sid}; Path=/; HttpOnly")])

    def callback(self, query):
        app = self.app
        session = app.session_of(self.headers.get("Cookie"))
        if session is None or "state" not in session:
            return self.answer(400, "no flow was started in this browser")
        if "error" in query:
            session.pop("state", None)
            return self.answer(200, "You did not connect Acme ATS.")
        # requests-oauthlib compares the state of the callback with the one it is given.
        state = None if app.args.mode == "state_not_checked" else session["state"]
        oauth = OAuth2Session(app.args.client_id, redirect_uri=app.redirect_uri, scope=SCOPES,
                              state=state)
        callback_url = app.redirect_uri + "?" + urlsplit(self.path).query
        try:
            token = oauth.fetch_token(app.token_url, authorization_response=callback_url,
                                      client_secret=app.args.client_secret)
        except OAuth2Error as e:
            return self.answer(400, f"could not connect: {e.error}")
        if app.args.mode == "code_redeemed_twice":
            try:  # "make sure it worked": the same code again
                oauth.fetch_token(app.token_url, authorization_response=callback_url,
                                  client_secret=app.args.client_secret)
            except OAuth2Error:
                pass
        session.pop("state", None)
        session["token"] = token
        self.answer(200, "Connected to SmartRecruiters.")

    def call(self, oauth, path):
        return oauth.get(self.app.args.api + path, headers={"Accept": "application/json"})

    def action(self, query):
        app = self.app
        session = app.session_of(self.headers.get("Cookie"))
        if not session or "token" not in session:
            return self.answer(401, "Connect to SmartRecruiters first.")
        path = query.get("path", "/users/me")
        if not path.startswith("/") or path.startswith("//"):
            return self.answer(400, "path must start with a single '/'")
        oauth = OAuth2Session(app.args.client_id, token=session["token"], scope=SCOPES)
        answer = self.call(oauth, path)
        if answer.status_code == 401:
            old = session["token"]
            try:
                fresh = oauth.refresh_token(app.token_url, auth=app.basic())
            except OAuth2Error:
                # invalid_grant: the grant is gone; the user must connect again.
                session.pop("token", None)
                return self.answer(401, "Your SmartRecruiters connection expired: connect again.")
            if app.args.mode == "rotated_refresh_token_not_kept":
                fresh["refresh_token"] = old["refresh_token"]
            session["token"] = fresh
            answer = self.call(OAuth2Session(app.args.client_id, token=fresh), path)
        if answer.status_code == 429 or answer.status_code >= 500:
            # No retry inside the user's click: SR asks for back-off, the user can try later.
            return self.answer(503, f"SmartRecruiters is busy ({answer.status_code}); try later.")
        self.answer(200, f"GET {path}: {answer.status_code}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--authz", required=True)
    parser.add_argument("--api", required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--mode", choices=MODES, default="correct")
    parser.add_argument("--ready-file")
    args = parser.parse_args()
    Handler.app = App(args)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    if args.ready_file:
        with open(args.ready_file + ".tmp", "w", encoding="utf-8") as f:
            json.dump({"client": f"http://127.0.0.1:{server.server_address[1]}"}, f)
        os.replace(args.ready_file + ".tmp", args.ready_file)
    print(f"requests-oauthlib app ({args.mode}) on http://127.0.0.1:{args.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
