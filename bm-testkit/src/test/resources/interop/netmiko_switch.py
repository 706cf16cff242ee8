#!/usr/bin/python3
# netmiko_switch.py -- drive a switch with netmiko (Debian python3-netmiko), the SSH client
# library networking-generic-switch uses, with netmiko's own device type for it.
#
#   /usr/bin/python3 netmiko_switch.py DEVICE_TYPE HOST PORT STEP...
#   env: SWITCH_USER, SWITCH_PASSWORD, SWITCH_SECRET (the enable password; optional)
#   STEP: config:LINE|LINE|...  -> send_config_set([...])
#         save                  -> save_config()
#         commit                -> commit() (Junos), then exit_config_mode()
#         show:COMMAND          -> send_command(COMMAND)
# Prints one JSON object per step: {"step": STEP, "output": TEXT}, the last one with the
# "prompt" netmiko finds at the end; exits 1 on an exception. find_prompt() runs only at the end:
# with fast_cli it may send a second return, whose prompt the next send_command would then take
# for the end of its own output.
import json
import os
import sys

from netmiko import ConnectHandler


def main():
    device_type, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    device = dict(device_type=device_type, host=host, port=port,
                  username=os.environ["SWITCH_USER"], password=os.environ["SWITCH_PASSWORD"],
                  secret=os.environ.get("SWITCH_SECRET", ""), fast_cli=True,
                  timeout=30, banner_timeout=15, auth_timeout=15,
                  allow_agent=False, use_keys=False)
    with ConnectHandler(**device) as conn:
        if device["secret"]:
            conn.enable()
        steps = sys.argv[4:]
        for i, step in enumerate(steps):
            if step.startswith("config:"):
                out = conn.send_config_set(step[len("config:"):].split("|"))
            elif step == "save":
                out = conn.save_config()
            elif step == "commit":
                out = conn.commit()
                out += conn.exit_config_mode()
            elif step.startswith("show:"):
                out = conn.send_command(step[len("show:"):])
            else:
                raise SystemExit("unknown step " + step)
            result = {"step": step, "output": out}
            if i == len(steps) - 1:
                result["prompt"] = conn.find_prompt()
            print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
