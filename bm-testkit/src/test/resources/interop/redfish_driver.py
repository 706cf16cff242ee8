#!/usr/bin/python3
"""Drives a Redfish service with a real third-party client, one step at a time.

    /usr/bin/python3 redfish_driver.py CLIENT BASE_URL STEP [STEP ...]

CLIENT is "sushy" (OpenStack's library, python3-sushy) or "redfishtool" (DMTF's
CLI).  BASE_URL is http(s)://127.0.0.1:PORT.  The user name comes from
REDFISH_USER and the password from REDFISH_PASSWORD (not from the command line,
so that it stays out of process listings); REDFISH_CA is the CA file that sushy
verifies the server's certificate with.  redfishtool cannot verify one: it
always passes verify=False to requests.

Steps: power | session-power | reset:TYPE | boot:TARGET:ENABLED | vmedia-insert:URL |
vmedia-eject | bios-get:NAME | bios-set:NAME=VALUE | bios-reset

Each step prints one JSON line {"step": ..., "ok": true, ...}; a failing step
prints {"ok": false, "error": ...} and the script exits 1.  Run with Debian's
/usr/bin/python3: a pyenv python3 does not see python3-sushy.
"""
import json
import os
import subprocess
import sys
from urllib.parse import urlparse


class SushyClient:
    def __init__(self, url, user, password, ca):
        import sushy
        self.sushy = sushy
        # requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override a session's own verify
        # setting (which is where sushy puts the CA); keep them from replacing the test CA.
        for var in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
            os.environ.pop(var, None)
        # Session auth (falls back to Basic), certificate verified against the test CA.
        self.root = sushy.Sushy(url, username=user, password=password,
                                verify=ca if ca else True)
        self.system = self.root.get_system(
            self.root.get_system_collection().members_identities[0])

    def power(self):
        self.system.refresh()
        return {"PowerState": self.system.power_state.value}

    def session_power(self):
        # sushy logs in with a session whenever it can.
        return self.power()

    def reset(self, kind):
        self.system.reset_system(self.sushy.ResetType(kind))
        return {}

    def boot(self, target, enabled):
        self.system.set_system_boot_options(
            target=self.sushy.BootSource(target),
            enabled=self.sushy.BootSourceOverrideEnabled(enabled),
            mode=self.sushy.BootSourceOverrideMode.UEFI)
        self.system.refresh()
        return {"target": self.system.boot.target.value,
                "enabled": self.system.boot.enabled.value}

    def _cd(self):
        # sushy 4.3 reaches virtual media only through the manager; BMCs that
        # put it under the system are read with sushy's own collection class.
        from sushy.resources.manager import virtual_media
        link = self.system.json.get("VirtualMedia")
        if link:
            coll = virtual_media.VirtualMediaCollection(
                self.root._conn, link["@odata.id"],
                redfish_version=self.root.redfish_version,
                registries=None, root=self.root)
        else:
            coll = self.system.managers[0].virtual_media
        return coll.get_members()[0]

    def vmedia_insert(self, url):
        cd = self._cd()
        cd.insert_media(url, inserted=True, write_protected=True)
        cd.refresh()
        return {"path": cd.path, "inserted": cd.inserted, "image": cd.image}

    def vmedia_eject(self):
        cd = self._cd()
        cd.eject_media()
        cd.refresh()
        return {"path": cd.path, "inserted": cd.inserted}

    def bios_get(self, name):
        bios = self.system.bios
        bios.refresh()
        return {name: bios.attributes.get(name)}

    def bios_set(self, name, value):
        bios = self.system.bios
        bios.set_attributes({name: value})
        return {"pending": bios.pending_attributes}

    def bios_reset(self):
        self.system.bios.reset_bios()
        return {}

    def close(self):
        # Logs the session out (DELETE), as Ironic's conductor does, then drops the connections.
        auth = getattr(self.root, "_auth", None)
        if auth is not None:
            auth.close()
        self.root._conn._session.close()


class RedfishtoolClient:
    SYSTEM = "/redfish/v1/Systems/1"

    def __init__(self, url, user, password, ca):
        u = urlparse(url)
        # redfishtool switches to https whenever it sends credentials unless
        # told -S Never; over https, -S Always.
        secure = "Always" if u.scheme == "https" else "Never"
        self.base = ["redfishtool", "-r", u.netloc, "-u", user, "-p", password, "-S", secure, "-T", "20"]

    def _run(self, *args):
        r = subprocess.run(self.base + list(args), capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            # The arguments hold the password: name only the subcommand.
            raise RuntimeError("redfishtool %s exited %d: %s" % (" ".join(args[:3]), r.returncode,
                                                                   (r.stderr or r.stdout).strip()[-400:]))
        out = r.stdout.strip()
        try:
            return json.loads(out) if out else {}
        except ValueError:
            return {"output": out}

    def power(self):
        return self._run("Systems", "-1", "-P", "PowerState")

    def session_power(self):
        # -A Session: POST SessionService/Sessions, X-Auth-Token, then DELETE the session.
        return self._run("-A", "Session", "Systems", "-1", "-P", "PowerState")

    def reset(self, kind):
        self._run("Systems", "-1", "reset", kind)
        return {}

    def boot(self, target, enabled):
        self._run("Systems", "-1", "setBootOverride", enabled, target)
        boot = self._run("raw", "GET", self.SYSTEM).get("Boot", {})
        return {"target": boot.get("BootSourceOverrideTarget"),
                "enabled": boot.get("BootSourceOverrideEnabled")}

    def _cd(self):
        system = self._run("raw", "GET", self.SYSTEM)
        owner = system if "VirtualMedia" in system else self._run(
            "raw", "GET", system["Links"]["ManagedBy"][0]["@odata.id"])
        coll = self._run("raw", "GET", owner["VirtualMedia"]["@odata.id"])
        return coll["Members"][0]["@odata.id"]

    def vmedia_insert(self, url):
        cd = self._cd()
        self._run("raw", "POST", cd + "/Actions/VirtualMedia.InsertMedia", "-d",
                  json.dumps({"Image": url, "Inserted": True}))
        media = self._run("raw", "GET", cd)
        return {"path": cd, "inserted": media.get("Inserted"), "image": media.get("Image")}

    def vmedia_eject(self):
        cd = self._cd()
        self._run("raw", "POST", cd + "/Actions/VirtualMedia.EjectMedia", "-d", "{}")
        return {"path": cd, "inserted": self._run("raw", "GET", cd).get("Inserted")}

    def bios_get(self, name):
        return {name: self._run("raw", "GET", self.SYSTEM + "/Bios").get("Attributes", {}).get(name)}

    def bios_set(self, name, value):
        settings = self._run("raw", "GET", self.SYSTEM + "/Bios")["@Redfish.Settings"]["SettingsObject"]["@odata.id"]
        self._run("raw", "PATCH", settings, "-d", json.dumps({"Attributes": {name: value}}))
        return {"pending": self._run("raw", "GET", settings).get("Attributes")}

    def bios_reset(self):
        self._run("raw", "POST", self.SYSTEM + "/Bios/Actions/Bios.ResetBios", "-d", "{}")
        return {}

    def close(self):
        pass


def run_step(client, step):
    name, _, arg = step.partition(":")
    if name == "power":
        return client.power()
    if name == "session-power":
        return client.session_power()
    if name == "reset":
        return client.reset(arg)
    if name == "boot":
        target, _, enabled = arg.partition(":")
        return client.boot(target, enabled or "Once")
    if name == "vmedia-insert":
        return client.vmedia_insert(arg)
    if name == "vmedia-eject":
        return client.vmedia_eject()
    if name == "bios-get":
        return client.bios_get(arg)
    if name == "bios-set":
        key, _, value = arg.partition("=")
        return client.bios_set(key, value)
    if name == "bios-reset":
        return client.bios_reset()
    raise ValueError("unknown step " + step)


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    kind, url, steps = argv[1], argv[2], argv[3:]
    user = os.environ.get("REDFISH_USER", "admin")
    password = os.environ.get("REDFISH_PASSWORD", "")
    ca = os.environ.get("REDFISH_CA")
    client = (SushyClient if kind == "sushy" else RedfishtoolClient)(url, user, password, ca)
    status = 0
    try:
        for step in steps:
            try:
                result = {"step": step, "ok": True}
                result.update(run_step(client, step))
            except Exception as e:  # report every failure as a line the test reads
                result = {"step": step, "ok": False, "error": "%s: %s" % (type(e).__name__, e)}
                status = 1
            print(json.dumps(result), flush=True)
            if status:
                break
    finally:
        client.close()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
