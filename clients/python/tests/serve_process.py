"""A real `qonduit serve` process for the tests that need the control plane itself, not a fake.

The CLI is the one the build produced (scripts/test.sh builds Release); QONDUIT_CLI names another. A missing
build is a test error with the command to run, never a silent skip."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def find_cli() -> Path:
    given = os.environ.get("QONDUIT_CLI")
    if given:
        if not Path(given).is_file():
            raise AssertionError(f"QONDUIT_CLI={given} does not exist")
        return Path(given)
    built = [ROOT / "src" / "Qonduit.Cli" / "bin" / c / "net10.0" / "qonduit" for c in ("Release", "Debug")]
    existing = [p for p in built if p.is_file()]
    if not existing:
        raise AssertionError("the qonduit CLI is not built: run `dotnet build src/Qonduit.Cli -c Release` "
                             f"(scripts/test.sh does) or set QONDUIT_CLI; looked for {', '.join(map(str, built))}")
    return max(existing, key=lambda p: p.stat().st_mtime)


class ServeProcess:
    """`qonduit serve` on a free loopback port over a fresh database, with an admin and two user keys."""

    def __init__(self, embedded_agent_slots: int = 1) -> None:
        self.cli = find_cli()
        self.home = tempfile.mkdtemp(prefix="qonduit-py-")
        self.db = os.path.join(self.home, "qonduit.db")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        self._log = open(os.path.join(self.home, "serve.log"), "w")
        self._process = subprocess.Popen(
            [str(self.cli), "serve", "--db", self.db, "--urls", self.url.rstrip("/"), "--no-seed",
             "--embedded-agent", str(embedded_agent_slots)],
            stdout=self._log, stderr=subprocess.STDOUT, env={**os.environ, "QONDUIT_HOME": self.home})
        self._wait_healthy()
        # The first start writes its admin key beside the database; the users' keys are made through the server with it.
        try:
            with open(os.path.join(self.home, "admin.key")) as admin_key:
                admin = admin_key.read().strip()
            self.keys = {"admin": admin, **{name: self._key(name, admin) for name in ("alice", "bob")}}
        except BaseException:
            self.stop()
            raise

    def _key(self, name: str, admin: str) -> str:
        done = subprocess.run([str(self.cli), "keys", "create", "--role", "user", "--name", name],
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "QONDUIT_URL": self.url, "QONDUIT_API_KEY": admin})
        if done.returncode != 0:
            raise AssertionError(f"qonduit keys create failed: {done.stderr}")
        return done.stdout.strip().splitlines()[0]

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + 60
        while True:
            if self._process.poll() is not None:
                raise AssertionError(f"qonduit serve exited with {self._process.returncode}: {self.log()}")
            try:
                with urllib.request.urlopen(self.url + "healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"qonduit serve did not become healthy within 60 s: {self.log()}")
            time.sleep(0.1)

    def log(self) -> str:
        return Path(self.home, "serve.log").read_text(errors="replace")[-2000:]

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._log.close()
        shutil.rmtree(self.home, ignore_errors=True)
