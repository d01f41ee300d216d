"""An in-test control plane following the REST API of docs/architecture.md and docs/leases.md, with a classical 'simulator'
that understands only x gates and measurements (enough to check bit order and basis changes)."""

from __future__ import annotations

import json
import re
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY = "user-key"


def classical_counts(circuit: str, shots: int) -> dict[str, int]:
    code = re.sub(r"//[^\n]*", "", circuit)
    flipped = {m.group(1).replace(" ", "") for m in re.finditer(r"\bx\s+(\w+\s*\[\s*\d+\s*\])\s*;", code)}
    registers = [(m.group(1), int(m.group(2))) for m in re.finditer(r"\bcreg\s+(\w+)\s*\[\s*(\d+)\s*\]", code)]
    registers += [(m.group(2), int(m.group(1))) for m in re.finditer(r"\bbit\s*\[\s*(\d+)\s*\]\s*(\w+)\s*;", code)]
    bits = {name: [0] * size for name, size in registers}
    for m in re.finditer(r"measure\s+(\w+\[\d+\])\s*->\s*(\w+)\[(\d+)\]", code):
        bits[m.group(2)][int(m.group(3))] = int(m.group(1) in flipped)
    for m in re.finditer(r"(\w+)\[(\d+)\]\s*=\s*measure\s+(\w+\[\d+\])", code):
        bits[m.group(1)][int(m.group(2))] = int(m.group(3) in flipped)
    key = " ".join("".join(str(b) for b in reversed(bits[name])) for name, _ in reversed(registers))
    return {key: shots}


class FakeControlPlane:
    def __init__(self, lanes: int = 1) -> None:
        self.lanes = lanes
        self.leases: dict[str, dict] = {}
        self.tasks: dict[str, dict] = {}
        self.released: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                outer._dispatch(self, "GET")

            def do_POST(self):
                outer._dispatch(self, "POST")

            def do_DELETE(self):
                outer._dispatch(self, "DELETE")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _dispatch(self, h: BaseHTTPRequestHandler, method: str) -> None:
        if h.headers.get("Authorization") != f"Bearer {KEY}":
            return self._problem(h, 401, "auth.invalid-key", "missing or unknown API key")
        length = int(h.headers.get("Content-Length") or 0)
        body = json.loads(h.rfile.read(length)) if length else None
        path = h.path.split("?")[0].strip("/").split("/")
        route = (method, *path[:1], *path[1:])
        if route == ("GET", "v1", "devices"):
            return self._json(h, 200, [self._device("fake_fez"), self._device("fake_torino")])
        if method == "GET" and path[:2] == ["v1", "devices"] and len(path) == 3:
            return self._json(h, 200, self._device(path[2]))
        if method == "POST" and path[:2] == ["v1", "devices"] and path[3:] == ["leases"]:
            if len(self.leases) >= self.lanes:
                return self._problem(h, 409, "lease.unavailable", f"all {self.lanes} lanes of {path[2]} are leased")
            token = "lt_" + uuid.uuid4().hex
            lease = {"token": token, "leaseId": uuid.uuid4().hex, "device": path[2], "lane": len(self.leases),
                     "exclusive": body.get("exclusive", False), "holder": body["holder"], "expiresAt": "2099-01-01T00:00:00+00:00"}
            self.leases[token] = lease
            return self._json(h, 201, lease)
        if method == "DELETE" and path[:2] == ["v1", "leases"]:
            self.leases.pop(path[2], None)
            self.released.append(path[2])
            return self._json(h, 204, None)
        if route == ("POST", "v1", "tasks"):
            token = body.get("leaseToken")
            if token is not None and token not in self.leases:
                return self._problem(h, 409, "lease.not-found", "unknown lease token")
            task = {"id": str(uuid.uuid4()), "state": "queued", "device": body["device"], "polls": 0, "body": body}
            self.tasks[task["id"]] = task
            return self._json(h, 201, {"id": task["id"], "state": "queued"})
        if method == "GET" and path[:2] == ["v1", "tasks"] and len(path) >= 3:
            task = self.tasks.get(path[2])
            if task is None:
                return self._problem(h, 404, "task.not-found", "no such task")
            if len(path) == 3:
                task["polls"] += 1
                if task["polls"] >= 2:
                    task["state"] = "failed" if "// fail" in task["body"]["circuit"] else "completed"
                record = {"id": task["id"], "state": task["state"], "device": task["device"]}
                if task["state"] == "failed":
                    record["error"] = {"code": "runner.crashed", "origin": "runner", "message": "the runner crashed"}
                return self._json(h, 200, record)
            if task["state"] != "completed":
                return self._problem(h, 409, "task.not-terminal", "not finished")
            shots = task["body"]["shots"]
            result = {"shots": shots, "seed": task["body"].get("seed", 7), "counts": classical_counts(task["body"]["circuit"], shots),
                      "trajectories": task["body"].get("trajectories")}
            return self._json(h, 200, {"taskId": task["id"], "state": "completed", "boundSnapshotVersion": 3, "result": result})
        return self._problem(h, 404, "http.not-found", f"{method} {h.path}")

    def _device(self, name: str) -> dict:
        return {"device": name, "version": 3, "numQubits": 2, "lanes": self.lanes, "lanesInUse": len(self.leases)}

    @staticmethod
    def _json(h, status, doc) -> None:
        data = b"" if doc is None else json.dumps(doc).encode()
        h.send_response(status)
        if data:
            h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    @staticmethod
    def _problem(h, status, code, detail) -> None:
        doc = {"type": "about:blank", "title": code.replace("_", " ").lower(), "status": status, "detail": detail,
               "code": code, "origin": "protocol", "correlationId": "c-1", "timestamp": "2025-01-01T00:00:00Z"}
        data = json.dumps(doc).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/problem+json")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)
