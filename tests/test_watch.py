"""tidings watch: a real HTTP server with ETags, feeds parsed by feedparser, backoff on errors."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tidings.errors import ConfigError
from tidings.store import Store
from tidings.watch import MAX_BACKOFF, Watcher, _backoff, parse_every

BODY = (
    "{who} met {whom} in {where} on Monday to discuss trade and security, officials said. The two sides agreed "
    "to hold further talks next month and to set up a working group on border crossings. Ministers from both "
    "governments said the meeting had been useful and that they hoped to sign a wider agreement before the end "
    "of the year. Business groups in both countries welcomed the talks and urged the governments to cut tariffs "
    "on farm goods and machinery, which have risen sharply since last spring."
)
ENTRIES = [
    ("a1", "Japan and India hold talks", BODY.format(who="Japanese officials", whom="Indian officials", where="Tokyo")),
    ("a2", "Kenya and Ethiopia hold talks", BODY.format(who="Kenyan officials", whom="Ethiopian officials",
                                                         where="Nairobi")),
    ("a3", "Chile and Peru hold talks", BODY.format(who="Chilean officials", whom="Peruvian officials", where="Lima")),
]


def rss(entries) -> bytes:
    items = "".join(
        f"<item><guid>urn:test:{key}</guid><title>{title}</title><link>http://example.invalid/{key}</link>"
        f"<pubDate>{formatdate(1736150400 + i * 3600, usegmt=True)}</pubDate>"
        f"<description><![CDATA[<p>{body}</p>]]></description></item>"
        for i, (key, title, body) in enumerate(entries))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
            f"<link>http://example.invalid/</link><description>test</description>{items}</channel></rss>").encode()


class FeedServer(BaseHTTPRequestHandler):
    entries = ENTRIES[:2]
    requests: list[tuple[str, str | None]] = []
    page_up = False

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        FeedServer.requests.append((self.path, self.headers.get("If-None-Match")))
        if self.path == "/linked.xml":
            self._send(LINKED_FEED.replace(b"SERVER", self.headers["Host"].encode()), "application/rss+xml")
            return
        if self.path == "/story.html":
            if not FeedServer.page_up:
                self.send_error(503)
                return
            self._send(PAGE, "text/html; charset=utf-8")
            return
        if self.path == "/notafeed.xml":
            self._send(b"<html><body><p>Maintenance</p></body></html>", "text/html", etag='"m"')
            return
        if self.path != "/feed.xml":
            self.send_error(404)
            return
        body = rss(FeedServer.entries)
        etag = f'"v{len(FeedServer.entries)}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send(self, body: bytes, kind: str, etag: str | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


LINKED_FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Link Wire</title><link>http://SERVER/</link>'
               b"<description>t</description><item><guid>urn:test:linked</guid><title>Chile and Peru hold talks</title>"
               b"<link>http://SERVER/story.html</link><pubDate>Mon, 06 Jan 2025 09:00:00 GMT</pubDate></item>"
               b"</channel></rss>")
PAGE = (f"<html><head><title>Chile and Peru hold talks</title></head><body><article><h1>Chile and Peru hold talks</h1>"
        f"<p>{ENTRIES[2][2]}</p></article></body></html>").encode()


@pytest.fixture()
def server():
    FeedServer.entries, FeedServer.requests, FeedServer.page_up = ENTRIES[:2], [], False
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_watch_codes_only_new_entries_and_uses_etags(server, tmp_path, coder):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test feeds\n{server}/feed.xml\n{server}/missing.xml\n", encoding="utf-8")
    store = Store(str(tmp_path / "watch.duckdb"))
    watcher = Watcher(str(feeds), store, coder, every=1.0)
    sleeps = []

    first = watcher.poll_once()
    assert (first.polled, first.new_items, first.report.coded, first.failed) == (2, 2, 2, 1)
    time.sleep(0.6)  # half a period: the good feed is due again, the failing one waits two periods
    second = watcher.poll_once()
    assert (second.polled, second.not_modified, second.new_items) == (1, 1, 0)
    FeedServer.entries = ENTRIES[:3]
    time.sleep(0.6)
    third = watcher.run(rounds=1, sleep=sleeps.append)[0]
    assert third.new_items == 1 and third.report.coded == 1

    _, rows = store.query("SELECT title, outlet, url, date FROM articles ORDER BY title")
    assert [r[0] for r in rows] == ["Chile and Peru hold talks", "Japan and India hold talks",
                                    "Kenya and Ethiopia hold talks"]
    assert {r[1] for r in rows} == {"Test Wire"} and rows[0][2] == "http://example.invalid/a3"
    assert str(rows[1][3]) == "2025-01-06"
    _, feeds_rows = store.query("SELECT url, etag, failures FROM feeds ORDER BY url")
    assert feeds_rows[0] == (f"{server}/feed.xml", '"v3"', 0)
    assert feeds_rows[1][:2] == (f"{server}/missing.xml", None) and feeds_rows[1][2] >= 1
    missing = [path for path, _ in FeedServer.requests if path == "/missing.xml"]
    assert 1 <= len(missing) < 3  # backed off: polled less often than the good feed
    assert [etag for path, etag in FeedServer.requests if path == "/feed.xml"] == [None, '"v2"', '"v2"']
    _, problems = store.query("SELECT source, message FROM problems")
    assert problems and "404" in problems[0][1]


def test_watch_cli_runs_rounds_and_reports_failure(server, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server}/feed.xml\n", encoding="utf-8")
    db = tmp_path / "cli.duckdb"
    result = subprocess.run([sys.executable, "-m", "tidings", "watch", str(feeds), "--db", str(db), "--every", "1s",
                             "--rounds", "2", "--no-fetch"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "2 rounds: 2 new articles coded, 0 failed polls" in result.stderr
    _, rows = Store(str(db)).query("SELECT count(*) FROM articles")
    assert rows == [(2,)]
    feeds.write_text(f"{server}/gone.xml\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tidings", "watch", str(feeds), "--db", str(db), "--every", "1s",
                             "--rounds", "1"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "404" in result.stderr


def test_an_entry_that_failed_is_tried_again_and_a_non_feed_is_a_failure(server, tmp_path, coder):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server}/linked.xml\n{server}/notafeed.xml\n", encoding="utf-8")
    store = Store(str(tmp_path / "retry.duckdb"))
    watcher = Watcher(str(feeds), store, coder, every=1.0)
    first = watcher.poll_once()  # the linked page is down and the entry has no summary: nothing to store
    assert first.report.coded == 0 and first.failed == 1
    assert store.query("SELECT count(*) FROM feed_items")[1] == [(0,)]
    _, feed_rows = store.query("SELECT url, etag, failures FROM feeds ORDER BY url")
    assert feed_rows[1] == (f"{server}/notafeed.xml", None, 1)  # an HTML page is no feed, and its ETag is not kept
    FeedServer.page_up = True
    time.sleep(0.6)
    second = watcher.poll_once()
    assert second.report.coded == 1
    assert store.query("SELECT item_key FROM feed_items")[1] == [("urn:test:linked",)]
    assert store.query("SELECT title, url FROM articles")[1] == [("Chile and Peru hold talks", f"{server}/story.html")]


def test_a_busy_store_skips_a_round_instead_of_stopping(server, tmp_path, coder):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server}/feed.xml\n", encoding="utf-8")
    path = tmp_path / "busy.duckdb"
    Store(str(path)).create()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); "
                               "print('held', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    messages = []
    try:
        assert holder.stdout.readline().strip() == "held"
        watcher = Watcher(str(feeds), Store(str(path), lock_wait=0.3), coder, every=1.0, on_event=messages.append)
        skipped = watcher.run(rounds=1)[0]
        assert skipped.polled == 0 and any("store busy" in m for m in messages)
    finally:
        holder.kill()
        holder.wait()
    assert watcher.run(rounds=1)[0].report.coded == 2


def test_backoff_is_capped():
    assert _backoff(900, 5000) == MAX_BACKOFF and _backoff(900, 0) == 900


def test_parse_every():
    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("2h") == 7200
    with pytest.raises(ConfigError, match="duration"):
        parse_every("soon")
