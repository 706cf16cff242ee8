#!/usr/bin/python3
"""Peer 1 of the Redfish polling benchmark (bench/redfish-poll.sh): OpenStack sushy polling the
power state of the BMCs in a SimulatorHost endpoints file, as Ironic's redfish power interface
does (one Sushy object per BMC, with a Redfish session; each poll GETs the System).

Run it with Debian's /usr/bin/python3 (python3-sushy). It drops REQUESTS_CA_BUNDLE and
CURL_CA_BUNDLE from its environment: requests lets them override the verify= sushy passes.

    sushy_poll.py ENDPOINTS.json [--threads 16] [--warmup 5] [--duration 20] [--bmcs N] [--label L]

Prints one JSON line: polls/s, p50/p99/max latency, errors, CPU seconds of the measured window,
max RSS.  Python has no heap-after-GC figure that compares with the JVM's; RSS is reported instead.
"""
import argparse
import concurrent.futures
import itertools
import json
import logging
import os
import resource
import threading
import time

import sushy
from sushy import auth as sushy_auth


def main():
    p = argparse.ArgumentParser()
    p.add_argument("endpoints")
    p.add_argument("--threads", type=int, default=16)
    p.add_argument("--warmup", type=float, default=5)
    p.add_argument("--duration", type=float, default=20)
    p.add_argument("--bmcs", type=int, default=0, help="use only the first N BMCs (0: all)")
    p.add_argument("--label", default="sushy")
    a = p.parse_args()
    logging.basicConfig(level=logging.ERROR)
    # requests lets these override the verify= sushy passes (the simulator's CA).
    for var in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        os.environ.pop(var, None)

    with open(a.endpoints) as f:
        doc = json.load(f)
    uris = doc["baseUris"][: a.bmcs or None]
    verify = doc["ca"] if doc.get("ca") else True

    def connect(base):
        conn = sushy.Sushy(base + "/redfish/v1/", verify=verify,
                           auth=sushy_auth.SessionAuth(doc["username"], doc["password"]))
        path = conn.get_system_collection().members_identities[0]
        return conn, path

    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(a.threads) as ex:
        conns = list(ex.map(connect, uris))
    connect_s = time.monotonic() - t0

    counter = itertools.count()
    lock = threading.Lock()
    start = time.monotonic() + a.warmup
    end = start + a.duration
    lat = []
    errors = [0]
    on = [0]

    def worker():
        mine, err, ons = [], 0, 0
        while True:
            t = time.monotonic()
            if t >= end:
                break
            conn, path = conns[next(counter) % len(conns)]
            try:
                state = conn.get_system(path).power_state
            except Exception:  # noqa: BLE001 - every failure counts as an error
                if t >= start:
                    err += 1
                continue
            t1 = time.monotonic()
            if t >= start and t1 <= end:
                mine.append(t1 - t)
                ons += state == sushy.POWER_STATE_ON
        with lock:
            lat.extend(mine)
            errors[0] += err
            on[0] += ons

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(a.threads)]
    for th in threads:
        th.start()
    time.sleep(max(0.0, start - time.monotonic()))
    cpu0 = time.process_time()
    for th in threads:
        th.join()
    cpu1 = time.process_time()

    lat.sort()
    n = len(lat)

    def pct(q):
        return lat[min(n - 1, int(q * n))] * 1000 if n else 0.0

    print(json.dumps({
        "label": a.label, "client": "sushy " + getattr(sushy, "__version__", "?"), "bmcs": len(uris),
        "protocol": "https" if doc.get("ca") else "http", "auth": "session", "threads": a.threads,
        "durationS": a.duration, "polls": n, "pollsPerS": round(n / a.duration, 1),
        "p50Ms": round(pct(0.50), 3), "p99Ms": round(pct(0.99), 3), "maxMs": round(lat[-1] * 1000 if n else 0, 3),
        "errors": errors[0], "onFraction": round(on[0] / n, 3) if n else 0,
        "maxRssMiB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "cpuS": round(cpu1 - cpu0, 2), "connectS": round(connect_s, 2)}))
    os._exit(0)  # skip 1,000 session logouts at exit: not part of the measurement


if __name__ == "__main__":
    main()
