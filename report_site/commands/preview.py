"""Serve a built site the way a static host does: gzip, a URL prefix, the 404 page.

``python -m http.server`` neither compresses nor serves a site under a subpath, so
tests and Lighthouse would measure something no reader gets. Loopback only.

    python -m report_site.preview site --prefix /peninsula-plus/ --port 8001
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import mimetypes
import threading
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class StaticHandler(BaseHTTPRequestHandler):
    server_version = "report-site-preview"

    def __init__(self, *args, root: Path, prefix: str, **kwargs):
        self.root, self.prefix = root, prefix
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args) -> None:  # quiet: tests read their own records
        pass

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _resolve(self) -> Path | None:
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return None
        rel = path[len(self.prefix) :]
        target = (self.root / rel).resolve()
        if self.root not in (target, *target.parents):
            return None
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.end_headers()
                return Path()
            target = target / "index.html"
        return target if target.is_file() else None

    def _serve(self, head: bool) -> None:
        target = self._resolve()
        if target == Path():
            return
        status = HTTPStatus.OK
        if target is None:
            status, target = HTTPStatus.NOT_FOUND, self.root / "404.html"
            if not target.is_file():
                self.send_error(HTTPStatus.NOT_FOUND)
                return
        body = target.read_bytes()
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header(
            "Content-Type",
            ctype
            + (
                "; charset=utf-8"
                if ctype.startswith("text/") or ctype.endswith(("javascript", "json"))
                else ""
            ),
        )
        if (
            ctype.startswith(COMPRESSIBLE)
            and "gzip" in self.headers.get("Accept-Encoding", "")
            and len(body) > 256
        ):
            body = gzip.compress(body, 6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        cache = (
            "no-cache"
            if ctype == "text/html"
            else "public, max-age=31536000"
            if "/assets/" in self.path
            else "public, max-age=3600"
        )
        self.send_header("Cache-Control", cache)
        self.end_headers()
        if not head:
            self.wfile.write(body)


class PreviewServer:
    """A background server on 127.0.0.1; ``url`` is the site's base URL (ends in /)."""

    def __init__(self, root: Path, prefix: str = "/", port: int = 0):
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        handler = partial(StaticHandler, root=Path(root).resolve(), prefix=prefix)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> PreviewServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site")
    parser.add_argument("--prefix", default="/")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args()
    with PreviewServer(Path(args.site), args.prefix, args.port) as server:
        print(f"Serving {args.site} at {server.url} (Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.thread.join()


if __name__ == "__main__":
    main()
