#!/usr/bin/python3
"""Python requests, which oauthsim did not write, against `oauthsim serve`'s control API and its
token endpoint on both hosts.

Usage: reset_and_token_faults_probe.py READY_FILE CLIENT_ID CLIENT_SECRET COMPANY

COMPANY is the company the client's client_credentials tokens act for (the client's name).
Probes: a company whose Customer API was turned off gets it back from POST /_oauthsim/reset (as
the configuration says); a quirk queued on the authorization server's token endpoint meets a
vendor posting to the token endpoint on the Customer API's host (as SR's current docs do), and
the trace says which host answered; a fault queued on the resource server at the token path
fires only on that host. Exits 0 when each probe saw that, 1 naming the probe that did not.
"""
import json
import sys
from urllib.parse import quote

import requests

TOKEN_PATH = "/identity/oauth/token"


def fail(probe, detail):
    print(f"FAIL {probe}: {detail}", file=sys.stderr)
    sys.exit(1)


def main():
    ready_file, client_id, client_secret, company = sys.argv[1:]
    with open(ready_file, encoding="utf-8") as f:
        ready = json.load(f)
    authz, api = ready["authorization_server"], ready["resource_server"]
    control = authz + "/_oauthsim"
    form = {"grant_type": "client_credentials", "client_id": client_id,
            "client_secret": client_secret, "scope": "jobs_read"}

    def token(host):
        return requests.post(host + TOKEN_PATH, data=form, timeout=10)

    def jobs():
        t = token(api)
        if t.status_code != 200:
            fail("token", f"{t.status_code} {t.text}")
        headers = {"Authorization": "Bearer " + t.json()["access_token"]}
        return requests.get(api + "/jobs", headers=headers, timeout=10)

    switch = f"{control}/companies/{quote(company, safe='')}/customer-api"
    if requests.put(switch, json={"enabled": False}, timeout=10).status_code != 200:
        fail("customer api off", "the control API refused")
    off = jobs()
    if off.status_code != 403 or off.json().get("message") != "No access to feature: Customer API":
        fail("customer api off", f"{off.status_code} {off.text}")
    if requests.post(control + "/reset", json={}, timeout=10).status_code != 200:
        fail("reset", "the control API refused")
    if not requests.get(switch, timeout=10).json().get("enabled"):
        fail("reset restores customer api access", "still off after the reset")
    on = jobs()
    if on.status_code != 200:
        fail("reset restores customer api access", f"{on.status_code} {on.text}")
    print("reset restores customer api access: ok")

    queued = requests.post(control + "/faults", timeout=10, json={
        "server": "authorization_server", "path": TOKEN_PATH, "quirk": "empty_json_200"})
    if queued.status_code != 201:
        fail("token fault on the api host", f"queueing answered {queued.status_code}")
    quirk = token(api)
    if quirk.status_code != 200 or quirk.json() != {}:
        fail("token fault on the api host", f"{quirk.status_code} {quirk.text}")
    if token(api).json().get("token_type") != "Bearer":
        fail("token fault on the api host", "the fault fired more than once")
    entries = requests.get(control + "/trace", timeout=10).json()["entries"]
    faulted = [e for e in entries if e["path"] == TOKEN_PATH and e.get("fault")]
    if not faulted or faulted[-1].get("served_at") != api:
        fail("trace names the host", f"faulted token entries: {faulted}")
    print("token fault on the api host: ok")

    requests.post(control + "/faults", timeout=10, json={
        "server": "resource_server", "path": TOKEN_PATH, "status": 503})
    if token(authz).status_code != 200:
        fail("fault named for the api host", "it fired on the authorization server's host")
    if token(api).status_code != 503:
        fail("fault named for the api host", "it did not fire on the api host")
    print("fault named for the api host: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
