#!/usr/bin/env bash
# install-peers.sh [--list] [GROUP ...]
#
# Installs the third-party programs that bm-sdk's interoperability tests run
# against (DESIGN.md, "Tests": real peers, never only our own simulators).
# CI calls it before the build; the tests FAIL, not skip, under CI=true when a
# peer is missing, and their message points here.
#
#   GROUP   ssh      OpenSSH server and client (bm-ssh; later bm-network, bm-storage)
#           redfish  OpenStack sushy and DMTF redfishtool, real Redfish clients (bm-testkit's simulator)
#           ipmi     ipmitool, OpenIPMI's ipmi_sim and the pyghmi BMC (bm-hardware's IPMI driver)
#           network  netmiko, the real switch client that configures bm-testkit's simulated switches,
#                    and Open vSwitch, a real switch the OVS driver configures (userspace only)
#           iscsi    tgt (the iSCSI target), libiscsi's initiator tools and qemu-img over
#                    iscsi:// (bm-storage's volume driver and boot from volume)
#           postgres PostgreSQL (bm-store's JDBC store and bm-ha's controller cluster): the tests run a
#                    private server as the 'postgres' user on 127.0.0.1 and a port chosen at run
#                    time; the package's own service and cluster are never started
#           s3       S3Proxy, a real S3 server (bm-storage's S3 backup repository): a Java program
#                    from Maven Central, not a Debian package, fetched with Maven into
#                    .peers/s3proxy/ at the top of the work tree (the tests run it in its own JVM)
#           bench    wrk, the HTTP load generator bench/redfish-poll.sh compares against, and
#                    restic, the backup tool bench/backup.sh compares against; not in "all":
#                    CI does not run benchmarks
#           all      every group but bench (the default)
#   --list  print each group and its Debian packages, install nothing
#
# Idempotent: when every package is already installed it returns at once,
# without touching apt.  Otherwise it runs apt-get install, with one
# "apt-get update" first when the package lists are missing, or after the
# first attempt fails on stale lists.  Debian/Ubuntu only; runs as root, or
# through "sudo -n" when that works.
#
# Adding a peer: add a group to group_packages (and to ALL_GROUPS), e.g.
#   backup) echo restic ;;
set -euo pipefail

ALL_GROUPS=(ssh redfish ipmi network iscsi postgres s3)

# group_packages GROUP -> the Debian packages of GROUP, space-separated.
group_packages() {
    case "$1" in
        # passwd: useradd/chpasswd, with which the sshd fixture makes its
        # password-login user (sshd with UsePAM no checks /etc/shadow).
        # sshpass: feeds a password to the real OpenSSH client, which logs in to the simulated vendor
        # consoles (iDRAC, iLO) by password, as their users do.
        ssh) echo openssh-server openssh-client passwd sshpass ;;
        # python3-sushy runs under Debian's /usr/bin/python3 (not a pyenv python3 on PATH).
        redfish) echo python3-sushy redfishtool ;;
        # ipmitool: the reference client, to check what the simulator holds; openipmi: ipmi_sim;
        # python3-pyghmi: VirtualBMC's BMC base class, run with /usr/bin/python3.
        ipmi) echo ipmitool openipmi python3-pyghmi ;;
        # python3-netmiko: networking-generic-switch's SSH client library, run with /usr/bin/python3,
        # configures the simulated switches with its own device types (cisco_ios, arista_eos).
        # openvswitch-switch: ovsdb-server, ovs-vswitchd and ovs-vsctl, run by the tests in userspace
        # (--disable-system, netdev datapath); the policy-rc.d below keeps its system service off.
        network) echo python3-netmiko openvswitch-switch ;;
        # tgt: tgtd/tgtadm, the target bm-storage's driver drives over SSH (userspace, no kernel
        # module); libiscsi-bin: iscsi-ls/-inq/-readcapacity16, a userspace initiator (this kernel
        # has no iSCSI transport); qemu-utils + qemu-block-extra: qemu-img's iscsi driver, which
        # reads and writes a volume as a node booting from it would.
        iscsi) echo tgt libiscsi-bin qemu-utils qemu-block-extra ;;
        # postgresql: the server binaries under /usr/lib/postgresql/VERSION/bin and the 'postgres'
        # system user that the test fixture runs initdb and pg_ctl as (PostgreSQL refuses root).
        # Debian's postinst would create a "main" cluster on port 5432: the drop-in below stops
        # that, and the policy-rc.d below keeps any PostgreSQL service from starting.
        postgres) echo postgresql ;;
        # S3Proxy comes from Maven Central (group_maven below); no Debian package.
        s3) echo ;;
        # Benchmarks only (bench/redfish-poll.sh: wrk; bench/backup.sh: restic), so deliberately not in ALL_GROUPS.
        bench) echo wrk restic ;;
        *) return 1 ;;
    esac
}

# group_maven GROUP -> "groupId:artifactId:VERSION:jar:classifier DIR" lines: Java programs the
# tests run as separate processes, copied from Maven Central into ROOT/DIR.
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
group_maven() {
    case "$1" in
        # S3Proxy's jar-with-dependencies; its version is the parent pom's s3proxy.version.
        s3) local v
            v="$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
            echo "org.gaul:s3proxy:${v:-3.0.0}:jar:jar-with-dependencies .peers/s3proxy" ;;
    esac
}

# fetch_maven GROUP...: copies each group's artifacts with Maven unless already there.
fetch_maven() {
    local g coords dir file
    for g in "$@"; do
        while read -r coords dir; do
            [ -n "$coords" ] || continue
            IFS=: read -r _ a v _ c <<<"$coords"
            file="$ROOT/$dir/$a-$v${c:+-$c}.jar"
            if [ -f "$file" ]; then
                echo "install-peers: $g: $dir/$(basename "$file") already there"
                continue
            fi
            command -v mvn >/dev/null 2>&1 || { echo "install-peers: mvn is needed to fetch $coords" >&2; exit 3; }
            mkdir -p "$ROOT/$dir"
            # Older versions of the same artifact would be picked up by the tests: keep one.
            rm -f "$ROOT/$dir/$a"-*.jar
            (cd "$ROOT" && mvn -B -q -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
                -Dartifact="$coords" -DoutputDirectory="$ROOT/$dir")
            [ -f "$file" ] || { echo "install-peers: fetching $coords did not produce $file" >&2; exit 1; }
            echo "install-peers: $g: fetched $dir/$(basename "$file")"
        done < <(group_maven "$g")
    done
}

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//' >&2
    exit "${1:-2}"
}

list_only=0
groups=()
for arg in "$@"; do
    case "$arg" in
        -h|--help) usage 0 ;;
        --list) list_only=1 ;;
        all) groups+=("${ALL_GROUPS[@]}") ;;
        -*) echo "install-peers: unknown option $arg" >&2; usage 2 ;;
        *) group_packages "$arg" >/dev/null || {
               echo "install-peers: unknown group '$arg' (known: ${ALL_GROUPS[*]} all)" >&2; exit 2; }
           groups+=("$arg") ;;
    esac
done
[ ${#groups[@]} -gt 0 ] || groups=("${ALL_GROUPS[@]}")
# "all ssh" names ssh twice: keep each group once, in order.
uniq_groups=()
for g in "${groups[@]}"; do
    case " ${uniq_groups[*]-} " in *" $g "*) ;; *) uniq_groups+=("$g") ;; esac
done
groups=("${uniq_groups[@]}")

if [ "$list_only" = 1 ]; then
    for g in "${ALL_GROUPS[@]}" bench; do
        printf '%-8s %s\n' "$g" "$(group_packages "$g") $(group_maven "$g" | cut -d' ' -f1 | tr '\n' ' ')"
    done
    exit 0
fi

fetch_maven "${groups[@]}"

# Collect the packages once each, in order.
pkgs=()
for g in "${groups[@]}"; do
    for p in $(group_packages "$g"); do
        [ -n "$p" ] || continue
        case " ${pkgs[*]-} " in *" $p "*) ;; *) pkgs+=("$p") ;; esac
    done
done

# Groups of Java programs only (s3) need no apt.
[ ${#pkgs[@]} -gt 0 ] || exit 0

command -v dpkg-query >/dev/null 2>&1 || {
    echo "install-peers: no dpkg here; install by hand: ${pkgs[*]}" >&2; exit 3; }

# One dpkg-query for all packages keeps the "nothing to do" path fast (CI
# calls this on every build).  Unknown packages print nothing, hence missing.
missing=()
installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${pkgs[@]}" 2>/dev/null | awk '/ install ok installed$/ {print $1}' || true)"
for p in "${pkgs[@]}"; do
    grep -qx "$p" <<<"$installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-peers: ${groups[*]}: all ${#pkgs[@]} packages already installed"
    exit 0
fi

SUDO=()
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=(sudo -n)
    else
        echo "install-peers: must run as root (or with passwordless sudo) to install: ${missing[*]}" >&2
        exit 1
    fi
fi
echo "install-peers: installing ${missing[*]}"

# Installing openssh-server, openvswitch-switch or postgresql (and later tgt, ...) normally
# starts its system service: a real sshd on 0.0.0.0:22, a system OVS, a PostgreSQL on 5432.  Tests start their own servers on
# 127.0.0.1 only, so forbid service starts during the install with a
# temporary policy-rc.d (exit 101 = "action forbidden", honoured by
# invoke-rc.d and deb-systemd-invoke) -- unless the machine already has one,
# which is then left exactly as it is.
POLICY=/usr/sbin/policy-rc.d
added_policy=0
# Debian's postgresql also creates a "main" cluster (data in /var/lib/postgresql, port 5432) on
# install. The tests make their own, so while installing it, say create_main_cluster = off in a
# drop-in that createcluster.conf includes (read by the package's postinst through pg_conftool).
NO_MAIN_CLUSTER=/etc/postgresql-common/createcluster.d/zz-bm-sdk-install-peers.conf
added_no_main_cluster=0
cleanup() {
    if [ "$added_policy" = 1 ]; then "${SUDO[@]}" rm -f "$POLICY"; fi
    if [ "$added_no_main_cluster" = 1 ]; then
        "${SUDO[@]}" rm -f "$NO_MAIN_CLUSTER"
        # The directory too, when we made it and nothing else went in.
        "${SUDO[@]}" rmdir "$(dirname "$NO_MAIN_CLUSTER")" 2>/dev/null || true
    fi
}
trap cleanup EXIT
if [ ! -e "$POLICY" ]; then
    printf '#!/bin/sh\n# temporary, from bm-sdk .ci/install-peers.sh: no service starts\nexit 101\n' \
        | "${SUDO[@]}" tee "$POLICY" >/dev/null
    "${SUDO[@]}" chmod 755 "$POLICY"
    added_policy=1
fi

case " ${missing[*]} " in
    *" postgresql "*)
        if [ ! -e "$NO_MAIN_CLUSTER" ]; then
            "${SUDO[@]}" mkdir -p "$(dirname "$NO_MAIN_CLUSTER")"
            printf '# temporary, from bm-sdk .ci/install-peers.sh: no main cluster\ncreate_main_cluster = off\n' \
                | "${SUDO[@]}" tee "$NO_MAIN_CLUSTER" >/dev/null
            added_no_main_cluster=1
        fi ;;
esac

apt_get() {
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@"
}
install_missing() {
    apt_get install -y -q --no-install-recommends "${missing[@]}"
}

updated=0
# A fresh container has no package lists at all: update before the first try.
if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    apt_get update -q
    updated=1
fi
if ! install_missing; then
    # Stale lists name package versions the mirror no longer has.
    [ "$updated" = 0 ] || exit 1
    echo "install-peers: install failed; running apt-get update once and retrying" >&2
    apt_get update -q
    install_missing
fi
echo "install-peers: installed ${missing[*]}"
