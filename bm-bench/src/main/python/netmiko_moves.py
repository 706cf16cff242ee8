#!/usr/bin/python3
"""The peer of the switch port-move benchmark (bench/switch-moves.sh): netmiko (Debian
python3-netmiko) moving ports between VLANs the way networking-generic-switch does without
batching: for every change, a new SSH session, enable, the port's configuration lines, save,
disconnect.

    netmiko_moves.py MOVES.json [--workers N] [--fast-cli]

MOVES.json: {"switches": {"sw-0": {"dialect": "cisco_ios", "host": "127.0.0.1", "port": 2222,
"username": "...", "password": "...", "secret": "..."}, ...},
"moves": [{"switch": "sw-0", "port": "Ethernet1/1", "vlan": 101}, ...]}.
Moves run in order per switch; with --workers N, up to N switches at once (networking-generic-switch
serialises the changes to one switch with a lock, not those to different switches).
Prints one JSON line: moves, seconds, per-change mean, p50, p99 and max latency, errors.
"""
import argparse
import collections
import concurrent.futures
import json
import logging
import time

from netmiko import ConnectHandler

# networking-generic-switch's command sets for an access-port move (its "plug_port_to_network").
PLUG = {
    "cisco_ios": ["interface {port}", "switchport mode access", "switchport access vlan {vlan}"],
    "cisco_nxos": ["interface {port}", "switchport mode access", "switchport access vlan {vlan}"],
    "arista_eos": ["interface {port}", "switchport mode access", "switchport access vlan {vlan}"],
    "dell_os10": ["interface {port}", "switchport mode access", "switchport access vlan {vlan}"],
}


def move(sw, m, fast_cli):
    device = dict(device_type=sw["dialect"], host=sw["host"], port=sw["port"],
                  username=sw["username"], password=sw["password"], secret=sw.get("secret", ""),
                  fast_cli=fast_cli, timeout=30, banner_timeout=15, auth_timeout=15,
                  allow_agent=False, use_keys=False)
    t0 = time.monotonic()
    with ConnectHandler(**device) as conn:
        if device["secret"]:
            conn.enable()
        conn.send_config_set([line.format(port=m["port"], vlan=m["vlan"]) for line in PLUG[sw["dialect"]]])
        conn.save_config()
    return time.monotonic() - t0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("moves")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--fast-cli", action="store_true")
    a = p.parse_args()
    logging.basicConfig(level=logging.ERROR)
    with open(a.moves) as f:
        doc = json.load(f)
    per_switch = collections.OrderedDict()
    for m in doc["moves"]:
        per_switch.setdefault(m["switch"], []).append(m)

    latencies, errors = [], []

    def run(name):
        for m in per_switch[name]:
            try:
                latencies.append(move(doc["switches"][name], m, a.fast_cli))
            except Exception as e:  # reported, not raised: one failure must not hide the others' figures
                errors.append(f"{name} {m['port']}: {type(e).__name__}: {e}")

    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(a.workers) as ex:
        list(ex.map(run, per_switch))
    seconds = time.monotonic() - t0
    lat = sorted(latencies)

    def pct(q):
        return lat[min(len(lat) - 1, int(q * len(lat)))] if lat else None

    print(json.dumps({"tool": "netmiko", "moves": len(lat), "seconds": seconds,
                      "per_change_s": seconds / max(1, len(lat)), "mean_s": sum(lat) / max(1, len(lat)),
                      "p50_s": pct(0.5), "p99_s": pct(0.99), "max_s": lat[-1] if lat else None,
                      "workers": a.workers, "fast_cli": a.fast_cli, "errors": errors[:5],
                      "error_count": len(errors)}))


if __name__ == "__main__":
    main()
