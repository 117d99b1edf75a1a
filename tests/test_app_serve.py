"""`korea1950 app` as a teacher runs it: private, quiet, and stopped by Ctrl-C with exit 0.

Out of the box Solara reports usage to its makers, checks PyPI for a newer
Solara and advises an upgrade (which would not match the pinned offline assets),
warns a page long about cookies over plain http, and answers Ctrl-C with
"Aborted." and exit code 1 (``korea1950.teaching.app.serve``).
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from korea1950.teaching.app.serve import PRIVATE, STOPPED, keep_private, solara_arguments


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_solara_is_asked_not_to_check_for_upgrades_nor_open_a_browser():
    arguments = solara_arguments("127.0.0.1", 8765)
    assert {"--no-check-version", "--no-open", "--production"} <= set(arguments)
    assert PRIVATE == {"SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false"}


def test_no_usage_report_leaves_the_server(monkeypatch):
    import requests
    from solara.server import settings, telemetry

    posted = []
    monkeypatch.setattr(requests, "post", lambda *args, **kwargs: posted.append(args))
    monkeypatch.setattr(telemetry, "_auto_restart_enabled", False)
    monkeypatch.setattr(settings.telemetry, "mixpanel_enable", True)  # Solara's default
    for name in PRIVATE:
        monkeypatch.setenv(name, "true")  # restored (removed) after the test
    telemetry.track("probe")
    assert len(posted) == 1, "the probe itself would report"
    keep_private()
    telemetry.track("Solara server start")
    assert len(posted) == 1, "nothing more is posted"
    assert os.environ["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "false"


@pytest.mark.parametrize("stop", ["ctrl-c", "terminate"])
def test_ctrl_c_or_a_terminate_signal_stops_the_page_with_exit_0_and_three_lines(
        tmp_path: Path, stop: str):
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "korea1950.cli.main", "app", "--port",
                                   str(port)], stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:  # the page's HTML: over plain http on 127.0.0.1, Solara's cookie warning
            assert server.poll() is None, log.read_text()[-2000:]
            assert time.monotonic() < deadline, "the page did not come up"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    assert page.status == 200
                    break
            except OSError:
                time.sleep(0.3)
        if stop == "ctrl-c":  # what Ctrl-C in the teacher's terminal sends: the whole group
            os.killpg(server.pid, signal.SIGINT)
        else:  # what `kill PID` or a service manager sends: the server alone
            server.terminate()
        assert server.wait(timeout=60) == 0
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    lines = [line for line in log.read_text().splitlines() if line.strip()]
    assert lines[0] == f"korea1950 classroom page on http://127.0.0.1:{port}/ (Ctrl-C to stop)"
    assert lines[-1] == STOPPED
    assert len(lines) == 3, lines  # the address, Solara's "server is starting", stopped
    text = "\n".join(lines)
    for noise in ("New version", "pip install", "Warning", "samesite", "Aborted", "Traceback",
                  "leaked"):
        assert noise not in text


def test_a_port_in_use_is_one_line_and_exit_2(capsys):
    from korea1950.cli.main import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["app", "--port", str(port)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "", "nothing is served, no address printed"
    error = captured.err.strip()
    assert "\n" not in error and f"cannot serve the page on 127.0.0.1:{port}" in error
    assert "choose another --port" in error


def test_a_port_outside_the_range_is_refused_in_one_line(capsys):
    from korea1950.cli.main import main

    with pytest.raises(SystemExit) as done:
        main(["app", "--port", "70000"])
    assert done.value.code == 2
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "up to 65,535" in error


def test_no_anticipate_turns_the_anticipator_off_for_the_server(monkeypatch):
    from solara import __main__ as solara_main

    from korea1950.cli.main import build_parser
    from korea1950.teaching.app import anticipation, serve

    parse = build_parser("app").parse_args
    assert parse(["app"]).anticipate and not parse(["app", "--no-anticipate"]).anticipate
    monkeypatch.setattr(anticipation, "_STATE", anticipation._State())
    monkeypatch.setattr(solara_main.cli, "main", lambda *args, **kwargs: None)
    monkeypatch.setattr(serve.signal, "signal", lambda *args: None)
    for name in ("keep_private", "hide_banner"):  # they change this process's environment
        monkeypatch.setattr(serve, name, lambda: None)
    assert serve.serve("127.0.0.1", free_port(), anticipate=False) == 0
    assert not anticipation._STATE.enabled
    assert serve.serve("127.0.0.1", free_port()) == 0
    assert anticipation._STATE.enabled
