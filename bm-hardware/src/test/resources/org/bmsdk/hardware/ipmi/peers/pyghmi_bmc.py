# A recording IPMI 2.0 BMC on pyghmi.ipmi.bmc.Bmc (the base class of OpenStack VirtualBMC), for
# bm-sdk's interoperability tests. Run with Debian's /usr/bin/python3 (python3-pyghmi).
#
#   pyghmi_bmc.py --port N --user U --password-file F --state-dir D [--power on|off]
#
# Binds 127.0.0.1 only. Every operation a client causes is appended to D/calls.jsonl as one JSON
# object ({"op": "power_on", ...}), so a test can check what the BMC was asked to do. pyghmi's
# server speaks cipher suite 3 only and has no SEL, SDR or FRU. Its Serial-over-LAN console (only
# while the power is on, as in VirtualBMC) echoes what it receives, answers CR or LF with a login
# prompt, and records each input as {"op": "sol_input", "data": ...}.
import argparse
import json
import os
import sys
import threading
import traceback

import pyghmi.ipmi.bmc as bmc
import pyghmi.ipmi.private.session as session


class RecordingBmc(bmc.Bmc):

    def __init__(self, authdata, port, state_dir, power):
        super().__init__(authdata, port=port, address="127.0.0.1")
        self.state_dir = state_dir
        self.power = power
        self.boot = "default"
        self.lock = threading.Lock()
        self.held = b""

    def record(self, op, **fields):
        fields["op"] = op
        with self.lock, open(os.path.join(self.state_dir, "calls.jsonl"), "a") as f:
            f.write(json.dumps(fields) + "\n")

    def get_power_state(self):
        return self.power

    def _power(self, op, state):
        self.power = state
        self.record(op, power=state)

    def power_on(self):
        self._power("power_on", "on")

    def power_off(self):
        self._power("power_off", "off")

    def power_shutdown(self):
        self._power("power_shutdown", "off")

    def power_cycle(self):
        self._power("power_cycle", "on")

    def power_reset(self):
        self._power("power_reset", "on")

    def pulse_diag(self):
        self.record("pulse_diag", power=self.power)

    def get_boot_device(self):
        return self.boot

    def set_boot_device(self, bootdevice):
        self.boot = bootdevice
        self.record("set_boot_device", boot=bootdevice)

    def is_active(self):
        # pyghmi activates SOL only while this says the machine runs
        return self.power == "on"

    def iohandler(self, data):
        if isinstance(data, str):
            data = data.encode()
        if isinstance(data, dict):
            return
        self.record("sol_input", data=bytes(data).decode("latin-1"))
        out = b"".join(b"\r\nfake-node login: " if c in (10, 13) else bytes([c]) for c in data)
        sol = self.sol
        if sol is None:
            self.held += out
        else:
            self.echo(sol, out)

    @staticmethod
    def echo(sol, out):
        try:
            sol.send_data(out)
        except Exception:
            traceback.print_exc()

    def activate_payload(self, request, session):
        # pyghmi's ServerConsole handles the packets already waiting while it is made (its constructor
        # reads them), before activate_payload has set self.sol: a keystroke sent right after the
        # activation's answer was recorded and acknowledged, but its echo went nowhere (a CI run's
        # SolPyghmiInteropTest got nothing back). The echo is held until self.sol is set, on this
        # same thread, and sent then.
        self.held = b""
        super().activate_payload(request, session)
        held, self.held = self.held, b""
        if held and self.sol is not None:
            self.echo(self.sol, held)

    def cold_reset(self):
        # pyghmi sends whatever this returns as the completion code: None would crash its handler
        self.record("cold_reset")
        return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password-file", required=True)
    ap.add_argument("--state-dir", required=True)
    ap.add_argument("--power", default="off", choices=["on", "off"])
    ap.add_argument("--kg-file", help="a BMC key (Kg): it keys the session integrity key instead of the password")
    a = ap.parse_args()
    with open(a.password_file) as f:
        password = f.read().strip()
    server = RecordingBmc({a.user: password}, a.port, a.state_dir, a.power)
    if a.kg_file:
        with open(a.kg_file) as f:
            # pyghmi's server hands self.kg to each session it opens; None means "use Kuid"
            server.kg = f.read().strip().encode()
    print("listening on udp 127.0.0.1:%d" % a.port, flush=True)
    # Bmc.listen() ends at the first exception inside pyghmi's packet handling; keep serving
    while True:
        try:
            session.Session.wait_for_rsp(30)
        except Exception:
            traceback.print_exc()
            sys.stderr.flush()


if __name__ == "__main__":
    main()
