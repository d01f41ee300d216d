"""A JSON-over-HTTP call with bearer auth; failures become typed errors."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from .errors import ProblemError, UnreachableError, problem_error


class JsonHttp:
    def __init__(self, url: str, key: str | None, timeout: float = 30.0) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"not an http(s) URL: {url!r}")
        self.url = url.rstrip("/") + "/"
        self.key = key
        self.timeout = timeout

    def call(self, method: str, path: str, body: Any = None, query: dict[str, Any] | None = None) -> Any:
        target = urllib.parse.urljoin(self.url, path.lstrip("/"))
        if query:
            target += "?" + urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(target, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.key:
            request.add_header("Authorization", f"Bearer {self.key}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as e:
            raise _problem(e) from None
        except (urllib.error.URLError, socket.timeout, ConnectionError) as e:
            raise UnreachableError(self.url, str(getattr(e, "reason", e))) from None
        return json.loads(text) if text.strip() else None


def _problem(error: urllib.error.HTTPError) -> ProblemError:
    text = error.read().decode(errors="replace")
    try:
        problem = json.loads(text) if text else {}
    except ValueError:
        problem = {}
    if not isinstance(problem, dict):
        problem = {}
    if not problem:
        problem = {"title": error.reason or f"HTTP {error.code}", "detail": text[:200] or None}
    return problem_error(error.code, problem)
