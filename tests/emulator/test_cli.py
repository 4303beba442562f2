"""`flowroute emulator`: serves in the foreground, prints URL and keys, stops cleanly."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

import pytest
import requests

from flowroute import cli
from flowroute.emulator import Emulator

READY = 10.0  # seconds to wait for the server to come up before failing the test


class Output(io.StringIO):
    """Captures output and tells when the banner has been flushed."""

    def __init__(self) -> None:
        super().__init__()
        self.ready = threading.Event()

    def flush(self) -> None:
        super().flush()
        self.ready.set()


class Running:
    """`main()` running in a thread, stopped through its injected stop event."""

    def __init__(self, argv: list[str], stop: Optional[threading.Event] = None) -> None:
        self.out = Output()
        self.stop = stop or threading.Event()
        self.status: Optional[int] = None
        self.thread = threading.Thread(target=self._run, args=(argv,), daemon=True)
        self.thread.start()
        assert self.out.ready.wait(READY), "the emulator did not start"

    def _run(self, argv: list[str]) -> None:
        self.status = cli.main(argv, out=self.out, stop=self.stop)
        self.out.ready.set()

    @property
    def url(self) -> str:
        found = re.search(r"listening on (http://\S+)", self.out.getvalue())
        assert found, self.out.getvalue()
        return found.group(1)

    def finish(self) -> Optional[int]:
        self.stop.set()
        self.thread.join(READY)
        assert not self.thread.is_alive()
        return self.status


@pytest.fixture
def running() -> Iterator[Running]:
    run = Running(["emulator", "--port", "0", "--seed", "3"])
    yield run
    run.finish()


def printed_keys(text: str) -> tuple[str, str]:
    access = re.search(r"^access key: (\S+)$", text, re.M)
    secret = re.search(r"^secret key: (\S+)$", text, re.M)
    assert access and secret, text
    return access.group(1), secret.group(1)


def test_serves_and_prints_url_and_credentials(running: Running) -> None:
    text = running.out.getvalue()
    expected = Emulator(seed=3)
    assert printed_keys(text) == (expected.access_key, expected.secret_key)
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", running.url)
    assert f"export FLOWROUTE_BASE_URL={running.url} FR_ACCESS_KEY=" in text
    response = requests.get(f"{running.url}/v2/routes", auth=printed_keys(text))
    assert response.status_code == 200
    assert running.finish() == 0
    assert running.out.getvalue().endswith("flowroute emulator stopped\n")
    port = int(running.url.rsplit(":", 1)[1])
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port)):
        pass


def test_faults_file_is_injected(tmp_path: Path) -> None:
    rules = [{"fault": "status", "status": 503, "retry_after": 2, "path": "/v2/*", "times": 1}]
    faults = tmp_path / "faults.json"
    faults.write_text(json.dumps(rules))
    run = Running(["emulator", "--port", "0", "--faults", str(faults)])
    try:
        assert f"1 fault rule(s) from {faults}" in run.out.getvalue()
        keys = printed_keys(run.out.getvalue())
        first = requests.get(f"{run.url}/v2/routes", auth=keys)
        second = requests.get(f"{run.url}/v2/routes", auth=keys)
        assert (first.status_code, first.headers["Retry-After"]) == (503, "2")
        assert second.status_code == 200
    finally:
        assert run.finish() == 0


class Interrupted(threading.Event):
    """A stop event whose wait is interrupted as Ctrl-C interrupts the main thread."""

    def wait(self, timeout: Optional[float] = None) -> bool:
        raise KeyboardInterrupt


def test_ctrl_c_stops_cleanly() -> None:
    out = io.StringIO()
    assert cli.main(["emulator", "--port", "0"], out=out, stop=Interrupted()) == 0
    assert out.getvalue().endswith("flowroute emulator stopped\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, r"cannot read faults file .*missing\.json: No such file"),
        ("[{", r"faults file .*faults\.json is not JSON: "),
        ('{"fault": "drop"}', r"faults file .*: expected a list of fault objects, got dict"),
        ('[{"fault": "status"}]', r"faults file .*: entry 0: a status fault needs 'status'"),
        ('[{"fault": "explode"}]', r"entry 0: 'fault' must be one of drop, html, latency"),
    ],
)
def test_bad_faults_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Optional[str], message: str
) -> None:
    path = tmp_path / ("missing.json" if content is None else "faults.json")
    if content is not None:
        path.write_text(content)
    out = io.StringIO()
    status = cli.main(["emulator", "--port", "0", "--faults", str(path)], out=out)
    assert status == 2
    assert out.getvalue() == ""
    error = capsys.readouterr().err
    assert error.startswith("flowroute: ") and re.search(message, error), error


def test_a_busy_port_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        status = cli.main(["emulator", "--port", str(port)], out=io.StringIO())
    assert status == 1
    assert f"flowroute: cannot listen on 127.0.0.1:{port}: " in capsys.readouterr().err


_WITH_CTRL_C = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv[0] = 'flowroute'; runpy.run_module('flowroute', run_name='__main__')"
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child needs POSIX signals")
def test_the_command_stops_on_sigint() -> None:
    env: dict[str, Any] = {**os.environ, "PYTHONWARNINGS": "error"}
    # A shell starts background jobs (a CI step, `make test &`) with SIGINT
    # ignored, and Python then keeps it ignored: Ctrl-C is restored here, as a
    # terminal would have it, before the command runs.
    command = [sys.executable, "-c", _WITH_CTRL_C, "emulator", "--port", "0", "--seed", "1"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as child:
        try:
            assert child.stdout is not None
            banner = [child.stdout.readline() for _ in range(4)]
            url = banner[0].rsplit(" ", 1)[1].strip()
            keys = printed_keys("".join(banner))
            assert requests.get(f"{url}/v2/numbers", auth=keys).status_code == 200
            child.send_signal(signal.SIGINT)
            out, err = child.communicate(timeout=READY)
        finally:
            child.kill()  # a failure, not a test run waiting forever on the child
    assert child.returncode == 0, err
    assert err == ""
    assert out.endswith("flowroute emulator stopped\n")


def test_given_keys_open_the_emulator_and_the_secret_is_not_echoed() -> None:
    secret = "hard-coded-s3cret"
    run = Running(["emulator", "--port", "0", "--access-key", "AK123", "--secret-key", secret])
    try:
        text = run.out.getvalue()
        assert "access key: AK123\n" in text
        assert "secret key: (as given with --secret-key)\n" in text
        assert secret not in text
        assert requests.get(f"{run.url}/v2/routes", auth=("AK123", secret)).status_code == 200
        derived = Emulator(seed=0)
        wrong = requests.get(f"{run.url}/v2/routes", auth=(derived.access_key, derived.secret_key))
        assert wrong.status_code == 401
    finally:
        assert run.finish() == 0


def test_the_banner_shows_the_address_bound() -> None:
    run = Running(["emulator", "--port", "0", "--host", "0.0.0.0"])
    try:
        text = run.out.getvalue()
        bound = re.search(r"listening on http://0\.0\.0\.0:(\d+)\n", text)
        assert bound, text
        client_url = f"http://127.0.0.1:{bound.group(1)}"
        assert f"clients connect to {client_url}\n" in text
        assert f"export FLOWROUTE_BASE_URL={client_url} " in text
        assert requests.get(f"{client_url}/v2/routes", auth=printed_keys(text)).status_code == 200
    finally:
        assert run.finish() == 0


@pytest.mark.parametrize("quiet", [False, True])
def test_an_access_log_line_per_request_unless_quiet(quiet: bool) -> None:
    run = Running(["emulator", "--port", "0", *(["--quiet"] if quiet else [])])
    try:
        keys = printed_keys(run.out.getvalue())
        requests.get(f"{run.url}/v2/routes", auth=keys)
        requests.get(f"{run.url}/v2/numbers/available?limit=1&order_by=cost", auth=keys)
    finally:
        assert run.finish() == 0
    lines = run.out.getvalue().split("Press Ctrl-C to stop.\n", 1)[1].splitlines()
    access = [re.sub(r"^\d\d:\d\d:\d\d ", "", line) for line in lines[:-1]]
    expected = [
        "GET /v2/routes -> 200",
        "GET /v2/numbers/available?limit=1&order_by=cost -> 200 (ignored undocumented query "
        "parameter 'order_by' (documented: limit, offset, starts_with, contains, ends_with, "
        "rate_center, state))",
    ]
    assert access == ([] if quiet else expected)
    assert lines[-1] == "flowroute emulator stopped"


@pytest.mark.parametrize(("flag", "status"), [([], 200), (["--strict"], 400)])
def test_strict_refuses_undocumented_query_parameters(flag: list[str], status: int) -> None:
    run = Running(["emulator", "--port", "0", "--quiet", *flag])
    try:
        keys = printed_keys(run.out.getvalue())
        answer = requests.get(f"{run.url}/v2/numbers/available?order_by=cost", auth=keys)
        assert answer.status_code == status
        banner = "strict: undocumented query parameters and media without is_mms are refused"
        assert (banner in run.out.getvalue()) == bool(flag)
    finally:
        assert run.finish() == 0


def _child(*options: str) -> subprocess.Popen[str]:
    env: dict[str, Any] = {**os.environ, "PYTHONWARNINGS": "error"}
    command = [sys.executable, "-m", "flowroute", "emulator", "--port", "0", *options]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM to a child needs POSIX signals")
def test_the_command_stops_cleanly_on_sigterm() -> None:
    with _child() as child:
        assert child.stdout is not None
        banner = [child.stdout.readline() for _ in range(4)]
        url = banner[0].rsplit(" ", 1)[1].strip()
        assert requests.get(f"{url}/v2/numbers", auth=printed_keys("".join(banner))).ok
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=READY)
    assert (child.returncode, err) == (0, "")
    assert re.search(r"^\d\d:\d\d:\d\d GET /v2/numbers -> 200$", out, re.M), out
    assert out.endswith("flowroute emulator stopped\n")


@pytest.mark.skipif(sys.platform == "win32", reason="closing a pipe under a child needs POSIX")
def test_a_closed_output_pipe_ends_it_cleanly() -> None:
    with _child() as child:
        assert child.stdout is not None and child.stderr is not None
        banner = [child.stdout.readline() for _ in range(4)]
        url = banner[0].rsplit(" ", 1)[1].strip()
        keys = printed_keys("".join(banner))
        child.stdout.close()  # as `flowroute emulator | head -4` does after four lines
        # The next access log line meets the closed pipe: the command ends, and
        # may close this very connection before its answer is sent.
        with contextlib.suppress(requests.RequestException):
            requests.get(f"{url}/v2/numbers", auth=keys)
        assert child.wait(timeout=READY) == 0
        assert child.stderr.read() == ""
