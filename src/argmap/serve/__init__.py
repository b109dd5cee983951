"""`argmap serve`: a live preview of a map on 127.0.0.1, redrawn within a second of each save.

The server is the standard library's `ThreadingHTTPServer`: a preview for one writer on their own
machine needs three routes and one long-lived response, which a thread per connection serves
well; an ASGI stack (Starlette, uvicorn) would add two dependencies and an event loop for nothing
the page uses. Changes reach the page by server-sent events (`/events`), which browsers reconnect
on their own; files are watched with watchfiles (inotify on Linux, FSEvents on macOS).

What is drawn: the map as checked now, with every problem listed and the claims a problem
concerns outlined in red. A map whose rules fail still draws what it has; a file that cannot be
read (a syntax error) would make its claims vanish, so then the last good picture stays, under
the error.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from argmap.check import CheckResult, check_map
from argmap.diagnostics import Diagnostic
from argmap.loader import MapNotFound
from argmap.model import Severity

#: How long the watcher waits for more changes before it redraws (ms): an editor's save is often
#: several writes (a temporary file, a rename).
DEBOUNCE_MS = 80
#: Seconds between comments on an idle event stream, so that a closed page is noticed.
KEEPALIVE_S = 10
#: The page's own script and style come from the server; nothing inline may run, so no text of
#: the map (inside the SVG) can run script.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


@dataclass
class Snapshot:
    """What the page shows: the problems of the map as it is now, and the last map that could be drawn."""

    version: int = 0
    problems: list[dict] = field(default_factory=list)
    #: True when a file could not be read, so the picture is the last good one.
    stale: bool = False
    #: The view names of the drawable map, and each view's SVG once it was asked for.
    views: list[str] = field(default_factory=list)
    svgs: dict[str, str] = field(default_factory=dict)
    drawable: CheckResult | None = None


class Preview:
    """The map's current snapshot, rebuilt on each change; waiters are woken when it changes."""

    def __init__(self, folder: Path, sources: Sequence[Path] = ()) -> None:
        self.folder, self.sources = folder, sources
        self.snapshot = Snapshot()
        self.changed = threading.Condition()
        self.stopping = threading.Event()
        self.lock = threading.Lock()

    def refresh(self) -> None:
        try:
            result = check_map(self.folder, sources=self.sources)
        except MapNotFound as exc:
            problems, result = (
                [{"where": str(self.folder), "code": "", "severity": "error", "message": str(exc), "subject": None}],
                None,
            )
        else:
            problems = [_problem(d) for d in result.diagnostics]
        unreadable = result is None or not result.ran_rules
        with self.lock:
            old = self.snapshot
            drawable = old.drawable if unreadable else result
            views = _view_names(drawable) if drawable is not None else []
            self.snapshot = Snapshot(
                old.version + 1,
                problems,
                unreadable and old.drawable is not None,
                views,
                {} if drawable is not old.drawable else old.svgs,
                drawable,
            )
        with self.changed:
            self.changed.notify_all()

    def state(self) -> dict:
        snap = self.snapshot
        return {
            "version": snap.version,
            "map": str(self.folder),
            "problems": snap.problems,
            "stale": snap.stale,
            "views": snap.views,
        }

    def svg(self, view: str) -> str | None:
        """The SVG of `view` for the drawable map, drawn on first request and kept with the snapshot."""
        snap = self.snapshot
        if view not in snap.views:
            return None
        if view not in snap.svgs:
            snap.svgs[view] = _draw(snap.drawable, view)
        return snap.svgs[view]

    def wait(self, version: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.snapshot.version != version or self.stopping.is_set(), timeout)
        return self.snapshot.version

    def watch(self) -> None:
        from watchfiles import watch

        for _ in watch(
            self.folder,
            debounce=DEBOUNCE_MS,
            step=20,
            stop_event=self.stopping,
            rust_timeout=200,
            yield_on_timeout=False,
        ):
            self.refresh()

    def stop(self) -> None:
        self.stopping.set()
        with self.changed:
            self.changed.notify_all()


def _problem(diag: Diagnostic) -> dict:
    return {
        "where": str(diag.loc),
        "code": diag.code,
        "severity": diag.severity.value,
        "message": diag.message,
        "subject": diag.subject,
    }


def _view_names(result: CheckResult) -> list[str]:
    from argmap.render import views

    return [view.name for view in views.default_views(result.amap)]


def _draw(result: CheckResult, name: str) -> str:
    """One view as SVG, laid out by Graphviz; a failure is drawn as a message, never a traceback."""
    from argmap.render import outputs, views
    from argmap.status import annotate as annotated

    chosen = [view for view in views.default_views(result.amap) if view.name == name]
    annotations = annotated(result.amap, result.evaluation)
    try:
        planned = outputs.plan(result.amap, chosen, ["svg"], annotations)
        return planned.files[0].make().decode("utf-8")
    except (outputs.RenderError, OSError, ValueError, KeyError) as exc:
        return f"<p class='draw-error'>could not draw {name}: {type(exc).__name__}</p>"


class _Handler(BaseHTTPRequestHandler):
    preview: Preview

    def log_message(self, format: str, *args) -> None:  # the terminal shows the address and problems only
        pass

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if url.path == "/":
            self._send(_asset("serve.html"), "text/html; charset=utf-8")
        elif url.path == "/serve.js":
            self._send(_asset("serve.js"), "text/javascript; charset=utf-8")
        elif url.path == "/state":
            self._send(json.dumps(self.preview.state()).encode("utf-8"), "application/json")
        elif url.path == "/svg":
            svg = self.preview.svg(parse_qs(url.query).get("view", ["map"])[0])
            if svg is None:
                self.send_error(HTTPStatus.NOT_FOUND)
            else:
                self._send(svg.encode("utf-8"), "image/svg+xml; charset=utf-8")
        elif url.path == "/events":
            self._events()
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """Server-sent events: the snapshot's version each time it changes (and a comment when idle)."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        version = self.preview.snapshot.version
        try:
            self.wfile.write(f"data: {version}\n\n".encode())
            self.wfile.flush()
            while not self.preview.stopping.is_set():
                now = self.preview.wait(version, KEEPALIVE_S)
                self.wfile.write(f"data: {now}\n\n".encode() if now != version else b": idle\n\n")
                self.wfile.flush()
                version = now
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed


def _asset(name: str) -> bytes:
    return (resources.files("argmap") / "serve" / name).read_bytes()


def make_server(folder: Path, port: int, sources: Sequence[Path] = ()) -> tuple[ThreadingHTTPServer, Preview]:
    """A server for the map at `folder` on 127.0.0.1:`port` (0: any free port); raises OSError if the port is taken.

    `sources` are the folders of source texts the user gave (`--sources`)."""
    preview = Preview(folder, sources)
    handler = type("Handler", (_Handler,), {"preview": preview})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server, preview


def serve(server: ThreadingHTTPServer, preview: Preview) -> None:
    """Watch the map and serve the page until Ctrl-C (KeyboardInterrupt), then stop cleanly."""
    watcher = threading.Thread(target=preview.watch, name="argmap-watch", daemon=True)
    try:
        watcher.start()
        server.serve_forever(poll_interval=0.2)
    finally:
        preview.stop()
        server.server_close()
        if watcher.is_alive():
            watcher.join(timeout=2)
