"""The input formats of tidings.ingest: HTML, CSV/JSONL with mapped names, feeds, WARC, folders, globs, URLs.

Fixture files live in tests/fixtures/ingest/; WARC archives are written here with
warcio, and URLs are served by a real HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import gzip
import io
import shutil
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.errors import InputError
from tidings.ingest import MAX_ARTICLE_BYTES, ReadOptions, fetch, read_inputs
from tidings.ingest.fetch import FetchError
from tidings.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ARTICLE_HTML = (FIXTURES / "article.html").read_bytes()
NEWS_COLUMNS = {"text": "body", "id": "story_id", "title": "headline", "date": "published", "url": "link",
                "outlet": "source"}
NEWS_KEYS = {"text": "content", "id": "guid", "title": "headline", "date": "published", "url": "permalink",
             "outlet": "publisher"}

BRIDGE_PAGE = b"""<!DOCTYPE html><html><head><title>Bridge across the Danube reopens</title></head><body>
<nav><a href="/">Front page</a> <a href="/about">About the archive</a></nav>
<article><h1>Bridge across the Danube reopens</h1>
<p>The bridge between Ruse and Giurgiu reopened to lorries on Friday after repairs that took almost two years,
the transport ministers of Bulgaria and Romania said at a ceremony on the riverbank.</p>
<p>The ministers said that the two governments would share the cost of the work and that a second bridge further
upstream was being planned. Hauliers had complained that the closure forced them to drive long detours through
Serbia and Hungary, and that the queues at the ferry crossings had grown longer every month.</p>
</article><footer>Archive footer text that should never be coded</footer></body></html>"""

STORY_PAGE = b"""<!DOCTYPE html><html><head><title>Ghana and Togo reopen border crossing</title>
<meta property="article:published_time" content="2024-04-02T10:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/feed.xml">Our feed</a></nav>
<article><h1>Ghana and Togo reopen border crossing</h1>
<p>Ghana and Togo reopened the main border crossing at Aflao on Tuesday, a month after it was closed when traders
clashed with customs officers over new import fees, the Ghanaian interior ministry said.</p>
<p>The two governments agreed to set up a joint committee to hear complaints from traders, and the customs
services said they would publish the fees at the crossing in English and French. Long queues of lorries formed on
both sides of the border as soon as the gates were opened in the morning.</p>
</article><footer>Site footer: all rights reserved</footer></body></html>"""


def items_of(*paths, **options) -> list:
    return list(read_inputs([str(p) for p in paths], ReadOptions(**options)))


def articles(items: list) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


# --- HTML ------------------------------------------------------------------------------------------------------

def test_html_page_gives_main_text_and_metadata_without_boilerplate():
    [article] = items_of(FIXTURES / "article.html")
    assert isinstance(article, Article)
    assert article.title == "Norway and Iceland sign fisheries pact in Reykjavik"
    assert article.date == "2023-03-14"
    assert article.url == "https://news.example.org/world/2023/03/14/fisheries-pact"
    assert article.outlet == "Harbour Tribune"
    assert article.source == str(FIXTURES / "article.html")
    assert article.text.startswith("Norway and Iceland sign fisheries pact in Reykjavik\n\nNorway and Iceland signed")
    assert "ending a dispute over mackerel quotas" in article.text
    assert "approval before it takes effect" in article.text
    for boilerplate in ("Subscribe", "cookie", "newsletter", "Privacy policy", "All rights reserved", "Business"):
        assert boilerplate not in article.text


def test_html_page_with_no_article_text_is_an_error_naming_the_file():
    [error] = items_of(FIXTURES / "no_article.html")
    assert isinstance(error, InputError)
    assert error.source == str(FIXTURES / "no_article.html")
    assert error.message == "no article text found in the HTML"
    assert "save the article page itself" in error.hint


def test_html_is_sniffed_in_files_with_other_suffixes_and_on_stdin(tmp_path, monkeypatch):
    saved = tmp_path / "saved-page"
    saved.write_bytes(ARTICLE_HTML)
    [article] = items_of(saved)
    assert article.title == "Norway and Iceland sign fisheries pact in Reykjavik" and article.date == "2023-03-14"

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE_HTML)))
    [from_stdin] = items_of("-")
    assert from_stdin.source == "<stdin>" and from_stdin.outlet == "Harbour Tribune"


def test_dates_table_overrides_the_page_date_and_date_fills_in_a_missing_one(tmp_path):
    page = tmp_path / "bridge.html"
    page.write_bytes(BRIDGE_PAGE)
    [undated] = items_of(page)
    assert undated.date is None and "Archive footer" not in undated.text
    [defaulted] = items_of(page, date="2020-01-02")
    assert defaulted.date == "2020-01-02"
    copy = tmp_path / "fisheries.html"
    copy.write_bytes(ARTICLE_HTML)
    [listed] = items_of(copy, dates={"fisheries.html": "2023-03-15"}, date="2020-01-02")
    assert listed.date == "2023-03-15"


# --- CSV and JSONL ---------------------------------------------------------------------------------------------

def test_csv_with_mapped_columns():
    path = FIXTURES / "mapped.csv"
    items = items_of(path, columns=NEWS_COLUMNS)
    assert [type(item) for item in items] == [Article, InputError, Article]
    port, missing, aid = items
    assert port.id == "rot-1" and port.title == "Port workers end strike in Rotterdam after wage deal"
    assert port.date == "2023-05-08"  # from 2023-05-08T14:20:00+02:00
    assert port.url == "https://wire.example.com/rot-1" and port.outlet == "Example Wire"
    assert port.source == f"{path}:2"
    assert "Dock workers in Rotterdam" in port.text and "\n\nShipping lines" in port.text
    assert missing.source == str(path) and missing.line == 5  # the quoted text of row 1 spans lines 2-4
    assert str(missing) == f"{path}:5: record has no 'body' (add the article text in a 'body' field)"
    assert aid.id == "aid-3" and aid.date == "2022-09-01" and aid.source == f"{path}:6"  # "September 1, 2022"


def test_csv_without_the_text_column_is_one_error_listing_the_columns():
    [error] = items_of(FIXTURES / "mapped.csv")
    assert error.line == 1
    assert "has no 'text' column" in error.message and "'body'" in error.message
    assert "--column text=NAME" in error.hint


def test_tsv_with_default_names_and_a_bad_date(tmp_path):
    path = tmp_path / "stories.tsv"
    path.write_text(
        "id\ttext\tdate\ttitle\n"
        "t1\tThe prime minister of Japan met the president of South Korea in Seoul.\t2019-07-01\tLeaders meet\n"
        "t2\tThe foreign minister said the embassy would reopen.\tnot a date\t\n",
        encoding="utf-8",
    )
    first, second = items_of(path)
    assert first.id == "t1" and first.title == "Leaders meet" and first.date == "2019-07-01"
    assert first.source == f"{path}:2" and first.outlet is None
    assert isinstance(second, InputError) and second.line == 3 and "'not a date'" in second.message
    assert second.hint == "use YYYY-MM-DD"


def test_jsonl_with_mapped_keys_reports_the_bad_lines_and_goes_on():
    path = FIXTURES / "mapped.jsonl"
    items = items_of(path, columns=NEWS_KEYS)
    assert [type(item) for item in items] == [Article, InputError, InputError, Article]
    court, no_text, ambiguous, port = items
    assert court.id == "nbo-1" and court.title == "Court in Nairobi orders release of opposition activists"
    assert court.date == "2023-07-12"  # "Wed, 12 Jul 2023 08:15:00 +0300"
    assert court.url == "https://daily.example.net/nbo-1" and court.outlet == "Example Daily"
    assert court.source == f"{path}:1"
    assert str(no_text) == f"{path}:2: record has no 'content' (add the article text in a 'content' field)"
    assert ambiguous.line == 3 and "'07/08/2023'" in ambiguous.message and "YYYY-MM-DD" in str(ambiguous)
    assert port.id == "rot-1" and port.source == f"{path}:4" and port.outlet is None


# --- feeds -----------------------------------------------------------------------------------------------------

def test_rss_feed_entries_become_articles():
    path = FIXTURES / "gazette.rss"
    cable, ferry = items_of(path, fetch_links=False)
    assert cable.title == "Finland and Estonia agree to build undersea power cable"
    assert cable.url == "https://lakeside.example.com/2024/02/power-cable"
    assert cable.date == "2024-02-11" and cable.outlet == "Lakeside Gazette"
    assert cable.source == f"{path}#entry-1"
    assert cable.text.startswith("Finland and Estonia agree to build undersea power cable\n\nFinland and Estonia agreed")
    assert "across the Gulf of Finland, the energy ministers" in cable.text  # source line breaks are spaces
    assert "trackReader" not in cable.text and "<p>" not in cable.text
    assert cable.warnings == [] and len(cable.id) == 16
    assert ferry.text == "Town council approves new ferry timetable\n\nThe council voted for more ferry crossings in the summer months."
    assert ferry.date == "2024-02-12" and ferry.source == f"{path}#entry-2"
    assert ferry.warnings == ["only the feed's 11-word summary was available (fetching entry links is off); events may be missed"]


def test_atom_feed_entries_become_articles():
    path = FIXTURES / "coastal.atom"
    talks, festival = items_of(path)
    assert talks.title == "Chile and Peru hold talks on shared water rights"
    assert talks.url == "https://coastal.example.org/2022/11/water-talks"
    assert talks.date == "2022-11-02"  # the published date as written (-03:00), not the update
    assert talks.outlet == "Coastal Report" and talks.source == f"{path}#entry-1"
    assert "a joint commission to measure the rivers" in talks.text and "Negotiators met in Lima." not in talks.text
    assert festival.url == "urn:uuid:5f2e7c1a-9d3b-4e0a-b6c8-1a2b3c4d5e6f"  # no link: the guid
    assert festival.date == "2022-11-01"
    assert "the entry has no link" in festival.warnings[0]


def test_broken_feeds(tmp_path):
    garbage = tmp_path / "garbage.xml"
    garbage.write_text("this is <not a feed & never was", encoding="utf-8")
    [error] = items_of(garbage)
    assert error.source == str(garbage) and "not a readable RSS/Atom feed" in error.message

    sloppy = tmp_path / "sloppy.rss"
    sloppy.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Sloppy & Sons</title>'
        "<item><title>Talks in Vienna</title><link>https://sloppy.example.com/vienna</link>"
        "<description>Diplomats from Austria and Hungary met in Vienna on Monday.</description></item>"
        "</channel>",  # '&' unescaped and </rss> missing
        encoding="utf-8",
    )
    [article] = items_of(sloppy, fetch_links=False)
    assert article.title == "Talks in Vienna" and article.url == "https://sloppy.example.com/vienna"
    assert any(w.startswith("the feed is malformed") for w in article.warnings)

    empty_feed = tmp_path / "empty.atom"
    empty_feed.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title></feed>', encoding="utf-8")
    assert items_of(empty_feed) == []


# --- WARC ------------------------------------------------------------------------------------------------------

def http_response(writer: WARCWriter, uri: str, status: str, content_type: str, body: bytes,
                  warc_date: str = "2021-06-01T12:00:00Z"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                     warc_headers_dict={"WARC-Date": warc_date})


def write_archive(path: Path, compress: bool) -> dict[str, int]:
    """warcinfo, article, 404, image, garbage, undated article, then a record cut short. Returns offsets."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tidings tests"}))
    writer.write_record(http_response(writer, "https://news.example.org/fisheries", "200 OK", "text/html; charset=utf-8",
                                      ARTICLE_HTML))
    writer.write_record(http_response(writer, "https://news.example.org/gone", "404 Not Found", "text/html", b"<html>gone</html>"))
    writer.write_record(http_response(writer, "https://news.example.org/logo.png", "200 OK", "image/png", b"\x89PNG" * 50))
    offsets = {"garbage": out.tell()}
    out.write(b"this is not a WARC record at all\r\n" * 3)
    offsets["bridge"] = out.tell()
    writer.write_record(http_response(writer, "https://archive.example.com/stories/bridge", "200 OK", "text/html",
                                      BRIDGE_PAGE, warc_date="2021-06-04T08:00:00Z"))
    offsets["cut"] = out.tell()
    writer.write_record(http_response(writer, "https://news.example.org/cut", "200 OK", "text/html", ARTICLE_HTML))
    data = out.getvalue()
    path.write_bytes(data[: offsets["cut"] + (len(data) - offsets["cut"]) // 2])
    return offsets


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses_become_articles_and_damage_is_reported(tmp_path, name):
    path = tmp_path / name
    offsets = write_archive(path, compress=name.endswith(".gz"))
    items = items_of(path)
    assert [type(item) for item in items] == [Article, InputError, Article, InputError]
    fisheries, garbage, bridge, cut = items
    assert fisheries.url == "https://news.example.org/fisheries"  # WARC-Target-URI, not the canonical URL
    assert fisheries.title == "Norway and Iceland sign fisheries pact in Reykjavik"
    assert fisheries.date == "2023-03-14" and fisheries.outlet == "Harbour Tribune"
    assert fisheries.source == f"{path}#record-2"
    assert garbage.source == str(path) and f"record 5 at byte {offsets['garbage']} cannot be read" in garbage.message
    assert bridge.url == "https://archive.example.com/stories/bridge"
    assert bridge.date == "2021-06-04"  # no date in the page: the WARC-Date
    assert bridge.source == f"{path}#record-6" and "Bridge across the Danube reopens" in bridge.text
    assert cut.source == str(path) and "record 7" in cut.message and f"byte {offsets['cut']}" in cut.message
    assert "truncated" in cut.message


def test_an_intact_warc_gives_no_errors(tmp_path):
    path = tmp_path / "small.warc.gz"
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(http_response(writer, "https://archive.example.com/stories/bridge", "200 OK", "text/html", BRIDGE_PAGE))
    writer.write_record(http_response(writer, "https://news.example.org/moved", "301 Moved", "text/html", b""))
    path.write_bytes(out.getvalue())
    [bridge] = items_of(path)
    assert bridge.date == "2021-06-01" and bridge.source == f"{path}#record-1"


# --- folders and globs -----------------------------------------------------------------------------------------

STORY = "Title of a story\n\nThe minister of defence said on Monday that the troops would stay in the region."


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "b.txt").write_text(STORY, encoding="utf-8")
    (root / "a.txt").write_text(STORY.replace("Title", "First"), encoding="utf-8")
    (root / ".hidden.txt").write_text(STORY, encoding="utf-8")
    (root / ".git" / "config.txt").write_text(STORY, encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4\x00\x00")
    (root / "sub" / "page.html").write_bytes(ARTICLE_HTML)
    (root / "sub" / "deeper" / "wire.jsonl").write_text(
        '{"id": "w1", "text": "The foreign minister said the embassy would reopen.", "date": "2020-02-02"}\n',
        encoding="utf-8",
    )
    shutil.copy(FIXTURES / "gazette.rss", root / "sub" / "deeper" / "gazette.rss")
    return root


def test_a_directory_is_walked_in_sorted_order_skipping_hidden_and_unknown_files(tree):
    items = items_of(tree, fetch_links=False)
    assert all(isinstance(item, Article) for item in items)
    assert [item.source for item in items] == [
        f"{tree}/a.txt", f"{tree}/b.txt",
        f"{tree}/sub/deeper/gazette.rss#entry-1", f"{tree}/sub/deeper/gazette.rss#entry-2",
        f"{tree}/sub/deeper/wire.jsonl:1",
        f"{tree}/sub/page.html",
    ]


def test_a_directory_with_nothing_to_read_is_an_error(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(b"%PDF")
    [error] = items_of(folder)
    assert error.source == str(folder) and error.message == "is a directory with no files tidings can read"


def test_globs_expand_sorted_and_a_glob_without_match_is_an_error(tree):
    items = items_of(f"{tree}/**/*.txt", f"{tree}/*.html", f"{tree}/sub/*.htm[l]")
    assert [type(item) for item in items] == [Article, Article, InputError, Article]
    assert [item.source for item in items] == [
        f"{tree}/a.txt", f"{tree}/b.txt", f"{tree}/*.html", f"{tree}/sub/page.html",
    ]
    assert items[2].message == "matches no files"


# --- URLs ------------------------------------------------------------------------------------------------------

class Site(BaseHTTPRequestHandler):
    """A small news site: pages, a feed linking to them, a 404, a redirect and an ETag-aware route."""

    seen_agents: list[str] = []

    def do_GET(self) -> None:
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        routes = {
            "/article.html": (200, "text/html; charset=utf-8", ARTICLE_HTML),
            "/story/1": (200, "text/html", STORY_PAGE),
            "/feed.xml": (200, "application/rss+xml", site_feed(base)),
            "/plain": (200, "text/plain; charset=utf-8", STORY.encode()),
            "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        }
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.end_headers()
        elif self.path == "/conditional":
            self.conditional()
        elif self.path == "/gzip":
            self.send_body(200, "text/html", gzip.compress(ARTICLE_HTML), [("Content-Encoding", "gzip")])
        elif self.path in routes:
            self.send_body(*routes[self.path])
        else:
            self.send_body(404, "text/html", b"<html><body>Not found</body></html>")

    def conditional(self) -> None:
        etag, modified = '"v1"', "Tue, 14 Mar 2023 09:30:00 GMT"
        if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == modified:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_body(200, "text/html", ARTICLE_HTML, [("ETag", etag), ("Last-Modified", modified)])

    def send_body(self, status: int, content_type: str, body: bytes, extra: list | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra or []:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def site_feed(base: str) -> bytes:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Border Watch</title>
<item><title>Ghana and Togo reopen border crossing</title><link>{base}/story/1</link>
<description>The main crossing at Aflao is open again.</description></item>
<item><title>Customs talks postponed</title><link>{base}/story/404</link>
<pubDate>Wed, 03 Apr 2024 09:00:00 GMT</pubDate>
<description>Talks between the customs services were put off until May.</description></item>
</channel></rss>""".encode()


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def test_a_url_to_an_html_page_after_a_redirect(site):
    [article] = items_of(f"{site}/redirect")
    assert article.title == "Norway and Iceland sign fisheries pact in Reykjavik"
    assert article.date == "2023-03-14" and article.outlet == "Harbour Tribune"
    assert article.url == "https://news.example.org/world/2023/03/14/fisheries-pact"
    assert article.source == f"{site}/redirect"
    assert "Subscribe" not in article.text
    assert Site.seen_agents[-1].startswith("tidings/")


def test_a_url_to_plain_text_and_a_gzipped_page(site):
    [story] = items_of(f"{site}/plain", date="2020-03-03")
    assert story.title == "Title of a story" and story.date == "2020-03-03" and story.source == f"{site}/plain"
    [page] = items_of(f"{site}/gzip")
    assert page.title == "Norway and Iceland sign fisheries pact in Reykjavik"


def test_url_errors_name_the_url_and_the_status(site):
    missing, image, refused = items_of(f"{site}/nothing-here", f"{site}/image", "http://127.0.0.1:1/feed")
    assert missing.source == f"{site}/nothing-here" and missing.message == "HTTP 404 Not Found"
    assert str(missing) == f"{site}/nothing-here: HTTP 404 Not Found (check the URL)"
    assert image.source == f"{site}/image" and "image/png" in image.message
    assert refused.source == "http://127.0.0.1:1/feed" and refused.message.startswith("cannot be fetched")


def test_a_feed_url_fetches_the_pages_its_short_entries_link_to(site):
    story, postponed = items_of(f"{site}/feed.xml")
    assert story.title == "Ghana and Togo reopen border crossing" and story.outlet == "Border Watch"
    assert story.url == f"{site}/story/1" and story.source == f"{site}/feed.xml#entry-1"
    assert "a joint committee to hear complaints from traders" in story.text and "Site footer" not in story.text
    assert story.date == "2024-04-02"  # the entry has none; the page has
    assert story.warnings == []
    assert postponed.date == "2024-04-03" and "put off until May" in postponed.text
    assert postponed.warnings and "HTTP 404" in postponed.warnings[0] and f"{site}/story/404" in postponed.warnings[0]


def test_a_feed_url_without_fetching_links_uses_the_summaries(site):
    story, _ = items_of(f"{site}/feed.xml", fetch_links=False)
    assert story.text == "Ghana and Togo reopen border crossing\n\nThe main crossing at Aflao is open again."
    assert "fetching entry links is off" in story.warnings[0]


def test_fetch_makes_conditional_requests_and_returns_304(site):
    first = fetch(f"{site}/conditional")
    assert first.status == 200 and first.body == ARTICLE_HTML and first.media_type == "text/html"
    assert first.etag == '"v1"' and first.last_modified == "Tue, 14 Mar 2023 09:30:00 GMT"
    assert first.url == f"{site}/conditional"
    by_etag = fetch(f"{site}/conditional", etag=first.etag)
    assert by_etag.status == 304 and by_etag.body == b"" and by_etag.etag == '"v1"'
    by_date = fetch(f"{site}/conditional", modified=first.last_modified)
    assert by_date.status == 304
    moved = fetch(f"{site}/redirect")
    assert moved.status == 200 and moved.url == f"{site}/article.html"


def test_fetch_raises_for_http_errors_and_oversized_bodies(site):
    with pytest.raises(FetchError) as caught:
        fetch(f"{site}/missing")
    assert caught.value.status == 404 and caught.value.source == f"{site}/missing"
    with pytest.raises(FetchError, match="over the"):
        fetch(f"{site}/article.html", max_bytes=1000)
    assert MAX_ARTICLE_BYTES == 5 * 1024 * 1024
