"""A real Vigil for the tests: ``node --import tsx server/main.ts`` from the repository root,
on loopback, with its own data directory and admin key; plus a proxy whose answers a test
chooses (a 429, a 503) in front of it."""

from __future__ import annotations

import json
import os
import queue
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, Union

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
ADMIN_KEY = "sdk-python-test-admin-key-0123456789"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class VigilServer:
    """One Vigil process; ``restart`` brings it back on the same port and data directory."""

    def __init__(self, data_dir: str, port: int) -> None:
        self.data_dir = data_dir
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.process: Optional[subprocess.Popen[str]] = None

    def start(self, timeout_s: float = 90) -> None:
        env = {
            "PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", ""), "PORT": str(self.port), "HOST": "127.0.0.1",
            "VIGIL_DATA_DIR": self.data_dir, "VIGIL_ADMIN_KEY": ADMIN_KEY, "LOG_LEVEL": "info",
        }
        self.process = subprocess.Popen(
            ["node", "--import", "tsx", "server/main.ts"], cwd=REPO_ROOT, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        lines: "queue.Queue[Optional[str]]" = queue.Queue()
        output: List[str] = []

        def drain(stream: Any) -> None:  # keeps reading so the pipe never fills
            for line in stream:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=drain, args=(self.process.stdout,), daemon=True).start()
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                self.stop()
                raise RuntimeError("Vigil did not start in time:\n" + "".join(output))
            if line is None:
                raise RuntimeError("Vigil exited before listening:\n" + "".join(output))
            output.append(line)
            if '"msg":"listening"' in line:
                assert json.loads(line)["url"].rstrip("/") == self.url
                return

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def restart(self) -> None:
        self.stop()
        self.start()

    def api(self, method: str, path: str, body: Optional[Dict[str, Any]] = None) -> Tuple[int, Any]:
        """Calls the API with the admin key; returns the status and the parsed body."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method, headers={"Authorization": f"Bearer {ADMIN_KEY}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def prediction(self, model: str, prediction_id: str) -> Tuple[int, Any]:
        return self.api("GET", f"/v1/models/{model}/predictions/{urllib.request.quote(prediction_id, safe='')}")


@pytest.fixture(scope="session")
def vigil() -> Iterator[VigilServer]:
    """A running Vigil with the model ``churn`` (tenure_months numeric, plan categorical)."""
    with tempfile.TemporaryDirectory(prefix="vigil-sdk-python-") as data_dir:
        server = VigilServer(data_dir, free_port())
        server.start()
        try:
            status, body = server.api("POST", "/v1/models", {
                "name": "churn", "task": "binary_classification",
                "features": [{"name": "tenure_months", "type": "numeric"}, {"name": "plan", "type": "categorical"}],
            })
            assert status == 201, body
            yield server
        finally:
            server.stop()


Answer = Union[str, Tuple[int, Dict[str, str]]]


class Proxy:
    """Forwards to Vigil, or answers with the status and headers ``choose(n)`` returns for
    request ``n`` (1-based); records when each request arrived."""

    def __init__(self, target: str, choose: Callable[[int], Answer]) -> None:
        self.arrivals: List[float] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                proxy.arrivals.append(time.monotonic())
                answer = choose(len(proxy.arrivals))
                if answer != "forward":
                    status, headers = answer  # type: ignore[misc]
                    payload = json.dumps({"error": {"code": "test", "message": f"proxy says {status}"}}).encode()
                    self.send_response(status)
                    for name, value in {"Content-Type": "application/json", **headers}.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                request = urllib.request.Request(f"{target}{self.path}", data=body, method="POST", headers={"Content-Type": self.headers["Content-Type"], "Authorization": self.headers["Authorization"]})
                try:
                    with urllib.request.urlopen(request, timeout=10) as response:
                        status, payload = response.status, response.read()
                except urllib.error.HTTPError as error:
                    status, payload = error.code, error.read()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def proxy(vigil: VigilServer) -> Iterator[Callable[[Callable[[int], Answer]], Proxy]]:
    opened: List[Proxy] = []

    def make(choose: Callable[[int], Answer]) -> Proxy:
        opened.append(Proxy(vigil.url, choose))
        return opened[-1]

    yield make
    for p in opened:
        p.close()


def wait_until(condition: Callable[[], bool], what: str, timeout_s: float = 10) -> None:
    """Polls ``condition`` until it holds (no sleeps as synchronisation)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)
