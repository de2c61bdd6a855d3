"""Real servers for the tests, started on loopback and stopped at the end of the session.

PostgreSQL: Debian's package (`make test` installs it when missing). A fresh cluster is made with
initdb in a temporary directory and started with pg_ctl on a free port; as root the two run as the
`postgres` system user, since PostgreSQL refuses to run as root. TRUCE_TEST_POSTGRES=postgresql://...
uses a server of your own instead.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


@contextmanager
def postgres_server():
    """Yields a postgresql:// URL of a throw-away server, or None when PostgreSQL is not installed."""
    bindir = postgres_bin()
    if bindir is None:
        yield None
        return
    root = tempfile.mkdtemp(prefix="truce-pg-")
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = os.path.join(root, "data"), free_port()
    run = lambda *args: subprocess.run([*as_user, *args], check=True, capture_output=True, text=True)  # noqa: E731
    try:
        run(f"{bindir}/initdb", "-D", data, "-U", "truce", "--auth=trust", "-E", "UTF8", "--no-sync")
        run(f"{bindir}/pg_ctl", "-D", data, "-l", os.path.join(root, "log"), "-w", "-t", "60", "start",
            "-o", f"-h 127.0.0.1 -p {port} -k {root} -F")
        run(f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "truce", "truce_test")
        yield f"postgresql://truce@127.0.0.1:{port}/truce_test"
    finally:
        subprocess.run([*as_user, f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
