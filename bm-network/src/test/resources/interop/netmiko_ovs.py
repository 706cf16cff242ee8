#!/usr/bin/python3
"""Runs shell commands on an Open vSwitch host with netmiko's ovs_linux device type, as
networking-generic-switch's netmiko_ovs_linux device does, and prints one JSON object:
{"prompt": ..., "results": [{"command": ..., "output": ..., "rc": "rc=0"}, ...]}.

usage: netmiko_ovs.py HOST PORT USER KEY_FILE COMMAND...

Keep commands short: paramiko's pty is 80 columns and bash wraps longer lines, which leaves
junk in netmiko's output. The exit status is fetched by a separate "echo rc=$?".
"""
import json
import sys

from netmiko import ConnectHandler


def main():
    host, port, user, key_file = sys.argv[1:5]
    device = dict(device_type="ovs_linux", host=host, port=int(port), username=user,
                  use_keys=True, key_file=key_file, allow_agent=False, fast_cli=True,
                  timeout=30, banner_timeout=15, auth_timeout=15)
    results = []
    with ConnectHandler(**device) as conn:
        prompt = conn.find_prompt()
        for command in sys.argv[5:]:
            out = conn.send_command(command)
            rc = conn.send_command("echo rc=$?").strip()
            results.append({"command": command, "output": out.strip(), "rc": rc})
    print(json.dumps({"prompt": prompt, "results": results}))


if __name__ == "__main__":
    main()
