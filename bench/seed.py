#!/usr/bin/env python3
"""Seeds one thread through Sala's HTTP API for the read benchmark.

Posts TOP top-level comments with REPLIES replies each (default 50 x 3 = 200
comments), in that order, on one keep-alive connection. Bodies are markdown of
200 to 600 characters (paragraphs, emphasis, links, lists, quotes), made from a
fixed seed so every run stores the same text. Standard library only.

Usage: seed.py BASE_URL SITE THREAD [TOP] [REPLIES]
Prints the number of comments stored; exits non-zero on the first error.
"""

import http.client
import json
import random
import sys
import urllib.parse

WORDS = (
    "the ministry said on Tuesday that court hearing opposition journalists were "
    "detained without charge after a protest outside parliament while observers "
    "from several embassies asked for access to the prison and families waited "
    "for news of lawyers who had not been allowed to see their clients since the "
    "arrests began last month in the capital and two provinces near the border "
    "reporters spoke to farmers teachers monks students and union leaders about "
    "land disputes wages elections and what freedom of the press means to them"
).split()

LINKS = (
    "https://news.example.org/2024/court-ruling",
    "https://www.example.com/report/land-rights",
    "https://archive.example.net/statement.pdf",
)


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = "*" + words[i] + "*"
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        words[i] = "**" + words[i] + "**"
    if rng.random() < 0.15:
        i = rng.randrange(len(words))
        words[i] = "[" + words[i] + "](" + rng.choice(LINKS) + ")"
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice(".?.!.")


def markdown_body(rng: random.Random) -> str:
    """A comment of 200 to 600 characters, in a few markdown shapes."""
    target = rng.randint(200, 600)
    blocks: list[str] = []
    if rng.random() < 0.25:
        blocks.append("> " + sentence(rng))
    while sum(len(b) + 2 for b in blocks) < target:
        if rng.random() < 0.15:
            blocks.append("\n".join("- " + sentence(rng) for _ in range(rng.randint(2, 3))))
        else:
            blocks.append(" ".join(sentence(rng) for _ in range(rng.randint(1, 3))))
    body = "\n\n".join(blocks)
    if len(body) > 600:
        # Cut at a word boundary, never inside markdown syntax, and close it.
        body = body[:590].rsplit(" ", 1)[0].rstrip("*[(") + "..."
    return body


def main() -> int:
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    base, site, thread = sys.argv[1:4]
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 50
    replies = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    rng = random.Random(20240601)
    names = ["Sokha", "Dara", "Chantha", "Vibol", "Mealea", "Rith", "Srey Mom", "Piseth"]

    def post(parent):
        doc = {
            "site": site,
            "thread": thread,
            "title": "Benchmark article",
            "author": rng.choice(names),
            "body": markdown_body(rng),
        }
        if parent is not None:
            doc["parent"] = parent
        conn.request("POST", "/api/v1/comments", body=json.dumps(doc).encode(),
                     headers={"Content-Type": "application/json"})
        answer = conn.getresponse()
        data = answer.read()
        if answer.status != 201:
            raise SystemExit(f"seed: POST answered {answer.status}: {data[:300]!r}")
        return json.loads(data)["comment"]["id"]

    stored = 0
    for _ in range(top):
        parent = post(None)
        stored += 1
        for _ in range(replies):
            post(parent)
            stored += 1
    print(stored)
    return 0


if __name__ == "__main__":
    sys.exit(main())
