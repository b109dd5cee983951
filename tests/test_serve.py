"""`argmap serve` as a writer uses it: a page in headless Chromium that follows the files on disk."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import cli_env, run

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the `test` extra")
pytest.importorskip("watchfiles", reason="watchfiles is in the `serve` extra, which `test` includes")
browser_only = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
    ),
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed"),
]
#: What the issue asks: each change visible on the page within this many seconds of the save.
WITHIN_S = 2.0


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "m").exit_code == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "serve", "m", "--port", "0"],
        env=cli_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # As in a terminal, where Ctrl-C reaches the foreground process: a test run started in the
        # background of a non-interactive shell ignores SIGINT, and a child would inherit that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    line = process.stdout.readline()
    assert line.startswith("serving m at http://127.0.0.1:"), line + process.stderr.read()
    yield tmp_path / "m", line.split(" at ")[1].split()[0], process
    if process.poll() is None:
        process.kill()
        process.wait()


def save(path: Path, old: str, new: str) -> float:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return time.monotonic()


@pytest.mark.parametrize("_", [None], ids=["chromium"])
@pytest.mark.usefixtures("_")
def test_the_page_follows_each_save(served, tmp_path: Path, _) -> None:
    folder, url, _process = served
    claims = folder / "claims.yaml"
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(url)
        picture, problems = tab.locator("#picture"), tab.locator("#problems")
        sync_api.expect(picture).to_contain_text("Street trees lower summer temperatures.", timeout=10_000)

        saved = save(claims, "Street trees lower summer temperatures.", "Street trees cool the streets in July.")
        sync_api.expect(picture).to_contain_text("Street trees cool the streets in July.", timeout=WITHIN_S * 1000)
        assert time.monotonic() - saved < WITHIN_S

        saved = save(claims, "text: Street trees cool the streets in July.", "text: Note: trees cool streets")
        sync_api.expect(problems).to_contain_text("Y001", timeout=WITHIN_S * 1000)
        assert time.monotonic() - saved < WITHIN_S
        sync_api.expect(problems).to_contain_text("must be quoted")
        sync_api.expect(tab.locator("#stale")).to_be_visible()
        # The last good picture stays while the file cannot be read.
        sync_api.expect(picture).to_contain_text("Street trees cool the streets in July.")

        saved = save(claims, "text: Note: trees cool streets", 'text: "Note: trees cool streets"')
        sync_api.expect(problems).not_to_contain_text("Y001", timeout=WITHIN_S * 1000)
        assert time.monotonic() - saved < WITHIN_S
        sync_api.expect(picture).to_contain_text("Note: trees cool streets")
        sync_api.expect(tab.locator("#stale")).to_be_hidden()

        # A map with a rule error is drawn all the same, the claim concerned outlined.
        save(claims, "supports: [plant-trees]", "supports: [plant-tres]")
        sync_api.expect(problems).to_contain_text("R002 error unknown claim 'plant-tres'", timeout=WITHIN_S * 1000)
        sync_api.expect(tab.locator('g[id="claim-trees-cool-streets"].has-problem')).to_have_count(1)
        tab.screenshot(path=str(tmp_path / "serve.png"))
        assert errors == []
        browser.close()


for mark in browser_only:
    test_the_page_follows_each_save = mark(test_the_page_follows_each_save)


def test_ctrl_c_stops_cleanly(served) -> None:
    _folder, _url, process = served
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert out.strip() == "stopped" and "Traceback" not in err


def test_a_port_in_use_is_refused_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "m").exit_code == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "m", "--port", str(port))
    assert result.exit_code == 2
    assert f"port {port} on 127.0.0.1 is in use already; choose another with --port" in result.output
