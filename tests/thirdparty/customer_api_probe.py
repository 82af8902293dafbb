#!/usr/bin/python3
"""Python requests, which oauthsim did not write, against the Customer API of `oauthsim serve`.

Usage: customer_api_probe.py READY_FILE CLIENT_ID CLIENT_SECRET

Takes a client_credentials token from the token endpoint on the Customer API's own host (as SR's
current docs post to api.smartrecruiters.com), then pages GET /jobs by cursor, applies
repeatable and single filters, and reads SR's error body on the refusals. Exits 0 when each
probe saw what SR documents, 1 naming the probe that did not.
"""
import json
import sys

import requests

RATE_HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Concurrent-Limit",
                "X-RateLimit-Concurrent-Remaining")


def fail(probe, detail):
    print(f"FAIL {probe}: {detail}", file=sys.stderr)
    sys.exit(1)


def sr_error(probe, response, status, field=None, code=None):
    """SR's error body: {"message": ..., "errors": [{"code": ..., "message": ...}]}."""
    if response.status_code != status:
        fail(probe, f"status {response.status_code}, wanted {status}: {response.text}")
    body = response.json()
    errors = body.get("errors")
    if not isinstance(body.get("message"), str) or not isinstance(errors, list) or not errors:
        fail(probe, f"not SR's error body: {body}")
    first = errors[0]
    if not isinstance(first.get("code"), str) or not isinstance(first.get("message"), str):
        fail(probe, f"an error without code and message: {body}")
    if field is not None and first.get("field") != field:
        fail(probe, f"error does not name {field}: {body}")
    if code is not None and first["code"] != code:
        fail(probe, f"code {first['code']}, wanted {code}")
    print(f"{probe}: ok")


def main():
    ready_file, client_id, client_secret = sys.argv[1:]
    with open(ready_file, encoding="utf-8") as f:
        api = json.load(f)["resource_server"]

    token = requests.post(api + "/identity/oauth/token", timeout=10, data={
        "grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret,
        "scope": "jobs_read candidates_read candidates_create"})
    if token.status_code != 200 or token.json().get("token_type") != "Bearer":
        fail("token endpoint on the Customer API host", f"{token.status_code} {token.text}")
    print("token endpoint on the Customer API host: ok")
    s = requests.Session()
    s.headers["Authorization"] = "Bearer " + token.json()["access_token"]

    def get(path, **params):
        r = s.get(api + path, params=params, timeout=10)
        missing = [h for h in RATE_HEADERS if h not in r.headers]
        if missing:
            fail("rate-limit headers", f"{path} answered {r.status_code} without {missing}")
        return r

    # Cursor paging: nextPageId until there is none; every job once.
    seen, page_id, pages, total = set(), None, 0, None
    while True:
        params = {"limit": 10} if page_id is None else {"limit": 10, "pageId": page_id}
        r = get("/jobs", **params)
        if r.status_code != 200:
            fail("jobs paging", f"{r.status_code} {r.text}")
        page = r.json()
        total = page["totalFound"]
        for job in page["content"]:
            if job["id"] in seen:
                fail("jobs paging", "a job came twice")
            seen.add(job["id"])
        pages += 1
        page_id = page.get("nextPageId")
        if not page_id:
            break
        if "rel=\"next\"" not in r.headers.get("Link", ""):
            fail("jobs paging", "nextPageId without a Link rel=next")
    if len(seen) != total or pages != (total + 9) // 10:
        fail("jobs paging", f"{len(seen)} jobs in {pages} pages, totalFound {total}")
    print(f"jobs paging: ok ({total} jobs, {pages} pages)")

    sr_error("offset refused", get("/jobs", offset=10), 400, field="offset")
    sr_error("status given twice on /jobs", get("/jobs", status=["SOURCING", "FILLED"]), 400,
             field="status")
    sr_error("unknown job", get("/jobs/no-such-job"), 404)

    # Repeatable filters on /candidates: any of the values.
    every = get("/candidates", limit=100).json()["content"]
    tagged = get("/candidates", limit=100, tag=["senior", "remote"])
    want = [c["id"] for c in every if {"senior", "remote"} & set(c.get("tags", []))]
    got = [c["id"] for c in tagged.json()["content"]]
    if tagged.status_code != 200 or got != want or not want:
        fail("repeated tag filter", f"{tagged.status_code}: {len(got)} candidates, wanted {len(want)}")
    print(f"repeated tag filter: ok ({len(got)} of {len(every)})")
    sr_error("bad updatedAfter", get("/candidates", updatedAfter="last tuesday"), 400,
             field="updatedAfter")

    ada = {"firstName": "Ada", "lastName": "Lovelace", "email": "ada.probe@example.com"}
    first = s.post(api + "/candidates", json=ada, timeout=10)
    if first.status_code != 201:
        fail("create candidate", f"{first.status_code} {first.text}")
    sr_error("duplicate candidate", s.post(api + "/candidates", json=ada, timeout=10), 409,
             code="CANDIDATE_DATA_CONFLICT")
    return 0


if __name__ == "__main__":
    sys.exit(main())
