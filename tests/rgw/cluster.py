"""A throwaway single-node Ceph cluster for the real-RGW suite.

One monitor, one OSD on memstore (objects live in RAM) and one radosgw,
all on 127.0.0.1, all state under one directory. No manager (RGW does not
need one), no cephx, no systemd. Every daemon writes a PID file under
`<state>/run/`; `stop_daemons` stops exactly those processes, and the `run`
script calls it again from its trap in case this process dies first.
"""

import glob
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid

# Seconds each daemon may take to fork into the background. A bad
# configuration makes Ceph daemons hang rather than fail.
START_TIMEOUT = 60
# Seconds a daemon may take to be ready after it forked.
READY_TIMEOUT = 90
# Seconds a daemon may take to exit on SIGTERM before it gets SIGKILL.
STOP_GRACE = 2


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rados_class_dir():
    """Where the OSD's object classes (RGW needs cls_rgw and others) are.

    Debian trixie's Reef build defaults `osd class dir` to a relative
    path, so the OSD finds no classes and radosgw fails with EOPNOTSUPP;
    naming the directory works everywhere.
    """
    for pattern in ("/usr/lib/*/rados-classes", "/usr/lib64/rados-classes", "/usr/lib/rados-classes"):
        for path in sorted(glob.glob(pattern)):
            if glob.glob(os.path.join(path, "libcls_rgw.so*")):
                return path
    return None


def ceph_config(state, mon_port, rgw_port, lc_debug_interval, memstore_bytes):
    """ceph.conf text: msgr2 only, auth none with crc everywhere."""
    lines = [
        "[global]",
        f"fsid = {uuid.uuid4()}",
        # msgr2 addresses throughout: a v2 monmap with msgr2 off makes the
        # OSD loop on "Address family not supported".
        f"mon host = [v2:127.0.0.1:{mon_port}]",
        "public addr = 127.0.0.1",
        "auth cluster required = none",
        "auth service required = none",
        "auth client required = none",
        # Without cephx, every connection mode must be crc, or radosgw
        # loops on get_initial_auth_request returning -13.
    ]
    for who in ("mon client", "client", "mon service", "service", "mon cluster", "cluster"):
        lines.append(f"ms {who} mode = crc")
    lines += [
        f"run dir = {state}/run",
        f"pid file = {state}/run/$name.pid",
        f"admin socket = {state}/run/$name.asok",
        f"log file = {state}/log/$name.log",
        "log to stderr = false",
        "err to stderr = true",
        "osd pool default size = 1",
        "osd pool default min size = 1",
        "osd pool default pg num = 8",
        "osd pool default pgp num = 8",
        "osd pool default pg autoscale mode = off",
        "osd crush chooseleaf type = 0",
        "mon allow pool size one = true",
        "mon warn on pool no redundancy = false",
        "mon max pg per osd = 1000",
        # The state directory sits on a shared disk; do not let its free
        # space stop the monitor.
        "mon data avail warn = 1",
        "mon data avail crit = 0",
        "",
        "[mon]",
        f"mon data = {state}/$name",
        "",
        "[osd]",
        f"osd data = {state}/$name",
        "osd objectstore = memstore",
        f"memstore device bytes = {memstore_bytes}",
        "osd op num shards = 1",
        "osd op num threads per shard = 2",
    ]
    class_dir = rados_class_dir()
    if class_dir:
        lines.append(f"osd class dir = {class_dir}")
    lines += [
        "",
        "[client.rgw.a]",
        # Without TCP_NODELAY every reuse of a kept-alive connection
        # waits ~40 ms for a delayed ACK.
        f"rgw frontends = beast endpoint=127.0.0.1:{rgw_port} tcp_nodelay=1",
        f"rgw data = {state}/rgw",
        "rgw enable usage log = false",
        "rgw thread pool size = 32",
        # One lifecycle "day" lasts this many seconds.
        f"rgw lc debug interval = {lc_debug_interval}",
    ]
    return "\n".join(lines) + "\n"


class Cluster:
    """The cluster under `state`; `start()` brings it up, `stop()` down."""

    def __init__(self, state, lc_debug_interval=2, memstore_bytes=512 << 20):
        self.state = state
        self.conf = os.path.join(state, "ceph.conf")
        self.mon_port = free_port()
        self.rgw_port = free_port()
        self.lc_debug_interval = lc_debug_interval
        self.memstore_bytes = memstore_bytes
        self.endpoint = f"http://127.0.0.1:{self.rgw_port}"

    # -- commands -----------------------------------------------------

    def _run(self, argv, timeout=60, check=True):
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=timeout, check=False
        )
        if check and done.returncode != 0:
            raise RuntimeError(
                f"`{' '.join(argv)}` exited {done.returncode}: {done.stderr.strip()[-2000:]}"
            )
        return done

    def ceph(self, *args, timeout=30, check=True):
        return self._run(
            ["ceph", "-c", self.conf, "--connect-timeout", "5", *args],
            timeout=timeout,
            check=check,
        )

    def admin(self, *args, timeout=60):
        """radosgw-admin; returns parsed JSON when it prints any."""
        out = self._run(["radosgw-admin", "-c", self.conf, *args], timeout=timeout).stdout
        out = out.strip()
        return json.loads(out) if out.startswith(("{", "[")) else out

    def _start_daemon(self, argv):
        # The daemon forks into the background once it is set up; the
        # timeout bounds that part, which is where a bad config hangs.
        self._run(["timeout", str(START_TIMEOUT), *argv], timeout=START_TIMEOUT + 5)

    @staticmethod
    def _wait(what, ready, log):
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if ready():
                return
            time.sleep(0.3)
        raise RuntimeError(f"{what} did not become ready in {READY_TIMEOUT} s; see {log}")

    # -- bring-up -----------------------------------------------------

    def start(self):
        for sub in ("mon.a", "osd.0", "run", "log", "rgw"):
            os.makedirs(os.path.join(self.state, sub), exist_ok=True)
        with open(self.conf, "w") as f:
            f.write(
                ceph_config(
                    self.state,
                    self.mon_port,
                    self.rgw_port,
                    self.lc_debug_interval,
                    self.memstore_bytes,
                )
            )
        self._start_mon()
        self._start_osd()
        self._start_rgw()

    def _start_mon(self):
        monmap = os.path.join(self.state, "monmap")
        keyring = os.path.join(self.state, "mon.keyring")
        fsid = next(
            line.split("=", 1)[1].strip()
            for line in open(self.conf)
            if line.startswith("fsid")
        )
        self._run(
            ["monmaptool", "--create", "--fsid", fsid,
             "--addv", "a", f"[v2:127.0.0.1:{self.mon_port}]", monmap]
        )
        # mkfs wants a keyring even with auth off.
        self._run(
            ["ceph-authtool", "--create-keyring", keyring, "--gen-key",
             "-n", "mon.", "--cap", "mon", "allow *"]
        )
        self._run(
            ["ceph-mon", "-c", self.conf, "-i", "a", "--mkfs",
             "--monmap", monmap, "--keyring", keyring]
        )
        self._start_daemon(["ceph-mon", "-c", self.conf, "-i", "a"])
        self._wait(
            "ceph-mon",
            lambda: self.ceph("mon", "stat", check=False).returncode == 0,
            self._log("mon.a"),
        )

    def _start_osd(self):
        osd_uuid = str(uuid.uuid4())
        self.ceph("osd", "new", osd_uuid)
        self._run(
            ["ceph-osd", "-c", self.conf, "-i", "0", "--mkfs", "--osd-uuid", osd_uuid]
        )
        self._start_daemon(["ceph-osd", "-c", self.conf, "-i", "0"])

        def osd_up():
            done = self.ceph("osd", "dump", "--format", "json", check=False)
            if done.returncode != 0:
                return False
            osds = json.loads(done.stdout).get("osds", [])
            return any(o.get("osd") == 0 and o.get("up") == 1 for o in osds)

        self._wait("ceph-osd", osd_up, self._log("osd.0"))

    def _start_rgw(self):
        self._start_daemon(["radosgw", "-c", self.conf, "-n", "client.rgw.a"])

        def answers():
            try:
                with urllib.request.urlopen(self.endpoint + "/", timeout=2) as r:
                    return r.status == 200
            except (urllib.error.URLError, OSError):
                return False

        self._wait("radosgw", answers, self._log("client.rgw.a"))

    def log_tail(self, lines=20):
        """The last lines of every daemon's log, for a failed start."""
        out = []
        for path in sorted(glob.glob(os.path.join(self.state, "log", "*.log"))):
            with open(path, errors="replace") as f:
                tail = f.readlines()[-lines:]
            out.append(f"--- {path} (last {len(tail)} lines)\n" + "".join(tail).rstrip())
        return "\n".join(out)

    def _log(self, name):
        return os.path.join(self.state, "log", f"{name}.log")

    def stop(self):
        stop_daemons(self.state)


def _started_here(pid, state):
    """The process is alive and was started with this cluster's config."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return state.encode() in f.read()
    except OSError:
        return False


def stop_daemons(state):
    """Stops the daemons whose PID files are under `state/run`, RGW first.

    A PID is only signalled when that process's command line names this
    state directory, so a stale PID file never hits a stranger.
    """
    run = os.path.join(state, "run")
    order = ["client.rgw.a.pid", "osd.0.pid", "mon.a.pid"]
    for name in order:
        path = os.path.join(run, name)
        try:
            pid = int(open(path).read().strip())
        except (OSError, ValueError):
            continue
        if not _started_here(pid, state):
            continue
        os.kill(pid, signal.SIGTERM)
        # radosgw takes ~10 s to honour SIGTERM; nothing here is worth
        # keeping, so a short grace is enough before SIGKILL.
        deadline = time.monotonic() + STOP_GRACE
        while _started_here(pid, state) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _started_here(pid, state):
            os.kill(pid, signal.SIGKILL)


if __name__ == "__main__":
    # `python3 cluster.py stop STATE`: the run script's trap, in case the
    # suite died without stopping its daemons.
    import sys

    if len(sys.argv) != 3 or sys.argv[1] != "stop":
        sys.exit("usage: cluster.py stop STATE_DIR")
    stop_daemons(sys.argv[2])
