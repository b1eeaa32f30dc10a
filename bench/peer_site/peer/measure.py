"""`python -m peer.measure URL RUNS MARKER`: the peer's page through Django's test client, the
same way bench/bench_article_page.py times Newsroom's "uncached" row: one warm-up request
(renditions made, templates compiled, as on a live site), then RUNS requests each after the
whole cache is emptied. Prints {"cold": median ms, "queries": …, "size": …} as its last line.
"""

import json
import statistics
import sys
import time

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

url, runs, marker = sys.argv[1], int(sys.argv[2]), sys.argv[3]
client = Client(HTTP_USER_AGENT="Mozilla/5.0 (bench) Firefox/128.0")
assert client.get(url).status_code == 200
cache.clear()
with CaptureQueriesContext(connection) as queries:
    response = client.get(url)
assert response.status_code == 200 and marker in response.content.decode(), response.status_code
count = len(queries)  # now: the next request empties the connection's log
times = []
for _ in range(runs):
    cache.clear()
    started = time.perf_counter()
    response = client.get(url)
    times.append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200 and marker in response.content.decode()
print(json.dumps({"cold": statistics.median(times), "queries": count,
                  "size": len(response.content)}))  # fmt: skip
