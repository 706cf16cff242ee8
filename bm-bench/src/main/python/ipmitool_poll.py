#!/usr/bin/python3
"""Peer of the IPMI polling benchmark (bench/ipmi-poll.sh): spawning ipmitool once per poll, as
many controllers do (Ironic's ipmitool power interface runs
`ipmitool -I lanplus -H ... -L ADMINISTRATOR -U ... -R 1 -N 1 -f PWFILE power status` per call),
over the BMCs of an IpmiSimulatorHost endpoints file.

Each poll is `ipmitool -I lanplus -C SUITE -H HOST -p PORT -U USER -E chassis power status`: a new
process, a new RMCP+ session (discovery, Open Session, RAKP 1-4), one Get Chassis Status, Close
Session.  The password goes through the environment (-E reads IPMI_PASSWORD), never the command line.

    ipmitool_poll.py ENDPOINTS.json [--workers 4] [--warmup 3] [--duration 15] [--suite 17] [--label L]

Prints one JSON line: polls/s, p50/p99/max latency, errors, and CPU seconds of the measured window:
`cpuS` is the ipmitool children's user+sys (from wait4's rusage of each child whose poll started
and ended in the window), `driverCpuS` is this Python process's own (spawning, reading pipes).
"""
import argparse
import itertools
import json
import os
import resource
import subprocess
import threading
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("endpoints")
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--warmup", type=float, default=3)
    p.add_argument("--duration", type=float, default=15)
    p.add_argument("--suite", type=int, default=17)
    p.add_argument("--label", default="ipmitool")
    p.add_argument("--ipmitool", default="/usr/bin/ipmitool")
    a = p.parse_args()
    doc = json.load(open(a.endpoints))
    host, user, ports = doc["host"], doc["username"], doc["ports"]
    env = dict(os.environ)
    env["IPMI_PASSWORD"] = doc["password"]
    counter = itertools.count()
    lock = threading.Lock()
    latencies, errors, on, cpu = [], [0], [0], [0.0]
    last_error = [None]
    start = time.monotonic() + a.warmup
    end = start + a.duration

    def worker():
        while True:
            t0 = time.monotonic()
            if t0 >= end:
                return
            port = ports[next(counter) % len(ports)]
            argv = [a.ipmitool, "-I", "lanplus", "-C", str(a.suite), "-H", host, "-p", str(port),
                    "-U", user, "-E", "chassis", "power", "status"]
            proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE)
            out, err = proc.stdout.read(), proc.stderr.read()
            proc.stdout.close()
            proc.stderr.close()
            # wait4 rather than proc.wait(): it gives this child's own CPU time.
            _, status, ru = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            t1 = time.monotonic()
            if t0 < start or t1 > end:
                continue
            with lock:
                cpu[0] += ru.ru_utime + ru.ru_stime
                text = out.decode(errors="replace")
                if proc.returncode != 0 or "Chassis Power is" not in text:
                    errors[0] += 1
                    last_error[0] = (proc.returncode, err.decode(errors="replace").strip()[:200])
                    continue
                latencies.append(t1 - t0)
                if text.strip().endswith("on"):
                    on[0] += 1

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(a.workers)]
    for t in threads:
        t.start()
    time.sleep(max(0.0, start - time.monotonic()))
    self0 = resource.getrusage(resource.RUSAGE_SELF)
    for t in threads:
        t.join()
    self1 = resource.getrusage(resource.RUSAGE_SELF)
    latencies.sort()

    def pct(q):
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0.0

    n = len(latencies)
    row = {"label": a.label, "client": "ipmitool per call", "bmcs": len(ports), "cipherSuite": a.suite,
           "concurrency": a.workers, "durationS": a.duration, "polls": n, "pollsPerS": n / a.duration,
           "p50Ms": pct(0.50), "p99Ms": pct(0.99), "maxMs": latencies[-1] * 1000 if latencies else 0.0,
           "errors": errors[0], "onFraction": on[0] / n if n else 0.0, "cpuS": round(cpu[0], 2),
           "driverCpuS": round((self1.ru_utime + self1.ru_stime) - (self0.ru_utime + self0.ru_stime), 2)}
    if last_error[0] is not None:
        row["lastError"] = last_error[0]
    print(json.dumps(row))


if __name__ == "__main__":
    main()
