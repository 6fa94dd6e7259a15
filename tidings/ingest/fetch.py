"""HTTP GET for URL inputs and feed links.

:func:`fetch` follows redirects, sends ``User-Agent: tidings/<version>``, caps
the body size and the wait, and makes conditional requests (``If-None-Match``,
``If-Modified-Since``): a ``304 Not Modified`` answer comes back as a
:class:`Response` with status 304, not as an error. Network and HTTP errors are
raised as :class:`FetchError`, an :class:`InputError` naming the URL.
"""

from __future__ import annotations

import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message

from .. import __version__
from ..errors import InputError

DEFAULT_TIMEOUT = 20.0
MAX_FETCH_BYTES = 20 * 1024 * 1024
USER_AGENT = f"tidings/{__version__}"


class FetchError(InputError):
    """A URL could not be fetched; ``status`` is the HTTP status when there was one."""

    def __init__(self, url: str, message: str, status: int | None = None, hint: str = "") -> None:
        super().__init__(url, message, hint=hint)
        self.status = status


@dataclass(frozen=True)
class Response:
    """One HTTP answer: ``url`` is the final URL after redirects."""

    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    url: str

    @property
    def media_type(self) -> str:
        """The content type without parameters, lower-cased (``text/html``)."""
        return self.content_type.split(";", 1)[0].strip().lower()


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


def fetch(url: str, etag: str | None = None, modified: str | None = None, timeout: float = DEFAULT_TIMEOUT,
          max_bytes: int = MAX_FETCH_BYTES) -> Response:
    """GET ``url``; ``etag``/``modified`` (from an earlier Response) make it conditional."""
    if not is_url(url):
        raise FetchError(url, "is not an http(s) URL")
    request = urllib.request.Request(url, headers=_request_headers(etag, modified))
    try:
        with urllib.request.build_opener().open(request, timeout=timeout) as answer:
            body = _read_capped(answer, url, max_bytes)
            return _response(answer.status, body, answer.headers, answer.geturl())
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return _response(304, b"", exc.headers, exc.geturl() or url)
        raise FetchError(url, f"HTTP {exc.code} {exc.reason}", exc.code, _http_hint(exc.code)) from None
    except urllib.error.URLError as exc:
        raise FetchError(url, f"cannot be fetched ({exc.reason})", hint="check the URL and the network") from None
    except TimeoutError:
        raise FetchError(url, f"timed out after {timeout:g} s", hint="try again later or raise the timeout") from None
    except (OSError, ValueError) as exc:  # connection reset, bad URL parts, malformed HTTP answer
        raise FetchError(url, f"cannot be fetched ({exc})", hint="check the URL and the network") from None


def _request_headers(etag: str | None, modified: str | None) -> dict[str, str]:
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, identity"}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    return headers


def _read_capped(answer, url: str, max_bytes: int) -> bytes:
    length = answer.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError(url, f"is {int(length) / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    body = answer.read(max_bytes + 1)
    if answer.headers.get("Content-Encoding", "").lower() == "gzip":
        body = _gunzip(body, url, max_bytes)
    if len(body) > max_bytes:
        raise FetchError(url, f"is over the {max_bytes / 1e6:.0f} MB limit")
    return body


def _gunzip(body: bytes, url: str, max_bytes: int) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise FetchError(url, f"sent a broken gzip body ({exc})") from None


def _response(status: int, body: bytes, headers: Message, url: str) -> Response:
    return Response(
        status=status, body=body, content_type=headers.get("Content-Type", ""),
        etag=headers.get("ETag"), last_modified=headers.get("Last-Modified"), url=url,
    )


def _http_hint(status: int) -> str:
    if status in (401, 403):
        return "the site refuses access; save the page and pass the file instead"
    if status == 404:
        return "check the URL"
    if status >= 500:
        return "the server failed; try again later"
    return ""
