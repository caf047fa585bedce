"""`newsfuse serve` started as a user starts it: a real process on a loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import ROOT


def test_serve_command_answers_and_stops_on_interrupt(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, NEWSFUSE_TOKEN="from-the-environment")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsfuse",
            "serve",
            "--db",
            str(tmp_path / "s.db"),
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                paths = httpx.get(f"{base}/openapi.json", timeout=5).json()["paths"]
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.3)
        assert {"/api/stories", "/api/stories/{story_id}", "/api/articles"} <= set(paths)
        assert httpx.get(f"{base}/api/stories").json() == {"stories": [], "next": None}
        denied = httpx.post(f"{base}/api/articles", json=[{"text": "x"}])
        assert denied.status_code == 401
    finally:
        server.send_signal(signal.SIGINT)
        out, _ = server.communicate(timeout=120)
    assert server.returncode == 0, out
    assert f"http://127.0.0.1:{port}" in out
