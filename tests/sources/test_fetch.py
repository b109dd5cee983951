"""`argmap sources fetch` against a local HTTP server on 127.0.0.1 (never the internet): what it
keeps, what it refuses and why, and that the map is never changed."""

from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

import pytest

from argmap.sourcetext import cache_folder
from tests.conftest import run
from tests.sources.documents import html
from tests.sources.test_search_and_formats import CLAIMS, TEXT

#: path -> (status, content type, body, seconds to wait before answering)
ROUTES: dict[str, tuple[int, str, bytes, float]] = {}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, kind, body, delay = ROUTES.get(self.path, (404, "text/plain", b"no such page", 0))
        time.sleep(delay)
        try:
            self.send_response(status)
            if status in (301, 302):
                self.send_header("Location", body.decode())
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_routes() -> None:
    ROUTES.clear()


def _map(make_map, url: str, name: str = "ann.txt", lock: bool = True) -> Path:
    """A map whose ann-2024 has `url:`, locked with its text, then without the text (a clone)."""
    folder = make_map({"claims.yaml": CLAIMS})
    manifest = folder / "map.yaml"
    manifest.write_text(manifest.read_text().replace("text: ann.txt}", f"text: {name}, url: '{url}'}}"))
    (folder / "ann.txt").write_text(TEXT, encoding="utf-8")
    if name != "ann.txt":
        (folder / "ann.txt").rename(folder / name)
    if lock:
        assert run("sources", "lock", folder).exit_code == 0
    (folder / name).unlink()
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_fetch_keeps_a_copy_that_matches_the_record(make_map, server) -> None:
    ROUTES["/ann.txt"] = (200, "text/plain", TEXT.encode(), 0)
    folder = _map(make_map, f"{server}/ann.txt")
    assert run("check", folder).output.count("verified against the record") == 1
    before = _files(folder)
    result = run("sources", "fetch", folder)
    assert result.exit_code == 0, result.output
    assert f"ann-2024: fetching {server}/ann.txt\n  ok: 1 kB, digest matches the record; saved as " in result.output
    assert (cache_folder(f"{server}/ann.txt") / "ann.txt").read_text() == TEXT
    assert _files(folder) == before  # the map is never changed
    checked = run("check", folder)
    assert checked.exit_code == 0 and "against the record" not in checked.output  # read from the cache now


def test_fetch_of_a_source_not_yet_recorded_needs_every_quote(make_map, server) -> None:
    ROUTES["/essay.html"] = (
        200,
        "text/html",
        html(["The town should plant trees.", "Trees cool streets in summer."]),
        0,
    )
    folder = _map(make_map, f"{server}/essay.html", name="essay.html", lock=False)
    result = run("sources", "fetch", folder)
    assert result.exit_code == 0, result.output
    assert "every quote found (no record of it yet)" in result.output
    assert run("check", folder).exit_code == 0


def test_html_page_that_no_longer_holds_the_quotes_is_refused(make_map, server, cache) -> None:
    ROUTES["/essay.html"] = (200, "text/html", html(["The town should plant trees.", "Trees are nice."]), 0)
    folder = _map(make_map, f"{server}/essay.html", name="essay.html")
    result = run("sources", "fetch", folder)
    assert result.exit_code == 1
    assert "refused: the fetched text no longer holds the quotes of cool; nothing kept" in result.output
    assert not any(p.is_file() for p in cache.rglob("*"))


def test_digest_mismatch_is_refused(make_map, server, cache) -> None:
    ROUTES["/ann.txt"] = (200, "text/plain", (TEXT + "A line added since.\n").encode(), 0)
    folder = _map(make_map, f"{server}/ann.txt")
    result = run("sources", "fetch", folder)
    assert result.exit_code == 1
    assert "refused: the fetched text's digest sha256:" in result.output
    assert "differs from the record's sha256:" in result.output and "nothing kept" in result.output
    assert not any(p.is_file() for p in cache.rglob("*"))


def test_too_large_a_body_is_refused(make_map, server) -> None:
    ROUTES["/big.txt"] = (200, "text/plain", TEXT.encode() + b"x" * 3000, 0)
    folder = _map(make_map, f"{server}/big.txt")
    result = run("sources", "fetch", folder, "--max-size", "0.001")
    assert result.exit_code == 1
    assert "refused: the body is 3072 bytes, more than the limit of 1048" in result.output


def test_timeout_is_refused(make_map, server) -> None:
    ROUTES["/slow.txt"] = (200, "text/plain", TEXT.encode(), 3)
    folder = _map(make_map, f"{server}/slow.txt")
    started = time.monotonic()
    result = run("sources", "fetch", folder, "--timeout", "0.5")
    assert time.monotonic() - started < 2.5
    assert result.exit_code == 1 and "refused: timed out after 0.5 s" in result.output


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "ftp://127.0.0.1/ann.txt"])
def test_non_http_url_is_refused(make_map, url) -> None:
    # The map itself refuses such a URL (Y011, docs/security.md): fetch never looks at it.
    folder = _map(make_map, url, lock=False)
    result = run("sources", "fetch", folder)
    assert result.exit_code == 2
    assert "Y011" in result.output and "http, https or mailto" in result.output
    assert "root:" not in result.output


def test_server_error_is_refused(make_map, server) -> None:
    folder = _map(make_map, f"{server}/gone.txt")
    result = run("sources", "fetch", folder)
    assert result.exit_code == 1 and "refused: the server answered 404 Not Found" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/ann.txt"])
def test_redirect_out_of_http_is_refused(make_map, server, target) -> None:
    ROUTES["/moved.txt"] = (302, "text/plain", target.encode(), 0)
    folder = _map(make_map, f"{server}/moved.txt")
    result = run("sources", "fetch", folder)
    assert result.exit_code == 1
    assert f"refused: the server redirects to {target!r}, which is not http(s)" in result.output


def test_redirect_within_http_is_followed(make_map, server) -> None:
    ROUTES["/old.txt"] = (301, "text/plain", b"/ann.txt", 0)
    ROUTES["/ann.txt"] = (200, "text/plain", TEXT.encode(), 0)
    folder = _map(make_map, f"{server}/old.txt")
    assert run("sources", "fetch", folder).exit_code == 0


def test_source_with_a_url_but_no_text_is_a_citation_only(make_map, server) -> None:
    folder = make_map({"claims.yaml": CLAIMS})
    manifest = folder / "map.yaml"
    manifest.write_text(manifest.read_text().replace("title: Ben's reply}", f"title: Ben's reply, url: '{server}/b'}}"))
    result = run("sources", "fetch", folder)
    assert result.exit_code == 0
    assert result.output == "ben-2024: no `text:`, nothing to fetch\n"
