#!/usr/bin/python3
"""A vendor's client that oauthsim did not write: requests-oauthlib against `oauthsim serve`.

Usage: requests_oauthlib_flow.py READY_FILE CLIENT_ID CLIENT_SECRET REDIRECT_URI

READY_FILE is the JSON `oauthsim serve --ready-file` writes. The resource owner's part (login and
consent) is scripted over plain HTTP; the client's part (authorization URL, state, code
exchange, API call, refresh) is requests-oauthlib's own. Exits 0 when every leg behaved as SR's
flow says, 1 naming the leg that did not.
"""
import json
import os
import sys
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests
from requests_oauthlib import OAuth2Session

# The mock serves plain HTTP on loopback; oauthlib refuses http:// URLs without this.
os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"
# SR may grant fewer scopes than asked; oauthlib would raise on any difference.
os.environ["OAUTHLIB_RELAX_TOKEN_SCOPE"] = "1"

USERNAME, PASSWORD = "alice@example.com", "wonderland"


class Forms(HTMLParser):
    """Every <form> of a page with its action and its named inputs and buttons."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}, "buttons": {}})
        elif tag in ("input", "button") and self.forms and a.get("name"):
            kind = a.get("type", "text" if tag == "input" else "submit")
            target = "buttons" if kind == "submit" else "fields"
            self.forms[-1][target].setdefault(a["name"], []).append(a.get("value", ""))


def forms_of(response):
    parser = Forms()
    parser.feed(response.text)
    return parser.forms


def fail(leg, detail):
    print(f"requests-oauthlib flow: {leg}: {detail}", file=sys.stderr)
    sys.exit(1)


def resource_owner_allows(authorization_url, redirect_uri):
    """Logs in and allows like a person at a browser; returns the redirect back to the client."""
    browser = requests.Session()
    page = browser.get(authorization_url)
    for _ in range(4):
        if page.status_code != 200:
            fail("user agent", f"{page.url} answered {page.status_code}")
        forms = forms_of(page)
        login = next((f for f in forms if "password" in f["fields"]), None)
        consent = next((f for f in forms if "decision" in f["buttons"]), None)
        if login:
            data = {k: v[0] for k, v in login["fields"].items()}
            data.update(username=USERNAME, password=PASSWORD)
            form = login
        elif consent:
            data = {k: v[0] for k, v in consent["fields"].items()}
            data["decision"] = "allow"
            form = consent
        else:
            fail("user agent", f"no login or consent form at {page.url}")
        page = browser.post(urljoin(page.url, form["action"]), data=data, allow_redirects=False)
        while page.is_redirect:
            location = urljoin(page.url, page.headers["Location"])
            if location.startswith(redirect_uri):
                return location
            page = browser.get(location, allow_redirects=False)
    fail("user agent", "never redirected back to the client")


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    ready_file, client_id, client_secret, redirect_uri = sys.argv[1:]
    with open(ready_file, encoding="utf-8") as f:
        ready = json.load(f)
    authz, api = ready["authorization_server"], ready["resource_server"]
    token_url = authz + "/identity/oauth/token"

    oauth = OAuth2Session(client_id, redirect_uri=redirect_uri, scope=["user_me_read", "jobs_read"])
    authorization_url, state = oauth.authorization_url(authz + "/identity/oauth/allow")
    callback = resource_owner_allows(authorization_url, redirect_uri)

    # Step 7-8: requests-oauthlib checks the state itself and posts the code with the secret.
    token = oauth.fetch_token(
        token_url, authorization_response=callback, client_secret=client_secret,
        include_client_id=True)
    if token.get("token_type", "").lower() != "bearer" or "refresh_token" not in token:
        fail("token response", f"expected a Bearer token and a refresh token, got keys {sorted(token)}")

    # Step 9-10: the Bearer header is requests-oauthlib's doing.
    me = oauth.get(api + "/users/me")
    if me.status_code != 200 or me.json().get("email") != USERNAME:
        fail("API call", f"GET /users/me answered {me.status_code}: {me.text[:200]}")

    # Refresh: SR rotates the refresh token; the old one must then be refused.
    old_refresh = token["refresh_token"]
    refreshed = oauth.refresh_token(token_url, client_id=client_id, client_secret=client_secret)
    if refreshed.get("refresh_token") in (None, old_refresh):
        fail("refresh", "the refresh answer did not rotate the refresh token")
    again = oauth.get(api + "/jobs")
    if again.status_code != 200:
        fail("API call after refresh", f"GET /jobs answered {again.status_code}")
    reuse = requests.post(token_url, data={
        "grant_type": "refresh_token", "refresh_token": old_refresh,
        "client_id": client_id, "client_secret": client_secret})
    if reuse.status_code != 400 or reuse.json().get("error") != "invalid_grant":
        fail("refresh token reuse", f"expected 400 invalid_grant, got {reuse.status_code} {reuse.text[:200]}")
    print("requests-oauthlib flow: code exchange, API call, refresh with rotation: ok")


if __name__ == "__main__":
    main()
