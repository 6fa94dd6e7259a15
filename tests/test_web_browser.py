"""The explorer in a real browser: Debian's chromium driven by Playwright against `tidings serve`.

Each view is drawn, filtered through the URL, screenshotted and checked; the page must make
no request beyond the server and log no console error.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from located import located_articles
from tidings.corpus import ingest
from tidings.ingest import ReadOptions, read_dates, read_inputs
from tidings.store import Store

DEMO = Path(__file__).parent.parent / "corpus" / "demo"
QUOTED = Path(__file__).parent / "fixtures" / "quotes" / "relayed.jsonl"  # Kim said …, KCNA reported
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory, coder):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    path = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    inputs = [str(p) for p in sorted(DEMO.glob("*.txt"))] + [str(DEMO / "wire_copies.jsonl"), str(QUOTED)]
    ingest(read_inputs(inputs, ReadOptions(dates=read_dates(str(DEMO / "dates.tsv")))), Store(str(path)), coder)
    ingest(located_articles(), Store(str(path)), None)  # coded by hand: events with dates and places
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "tidings", "serve", str(path), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/api/facets", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("tidings serve did not start: " + process.stderr.read())
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []  # console errors, page errors, and requests to anywhere but the server
    page.on("console", lambda message: page.problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.problems.append(str(error)))

    def guard(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:
            page.problems.append(f"outside request: {route.request.url}")
            route.abort()

    page.route("**/*", guard)
    yield page
    context.close()
    assert page.problems == []


def shot(page, path: Path) -> None:
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 15_000  # a blank page of this size compresses to a few kB


def test_events_view_lists_rows(page, server, tmp_path):
    page.goto(server + "/")
    page.wait_for_selector("#events-table tbody tr")
    assert page.locator("#events-table tbody tr").count() == 50
    assert "events match" in page.inner_text("#events-count")
    shot(page, tmp_path / "events.png")


def test_filter_round_trip_through_the_url(page, server):
    page.goto(server + "/")
    page.wait_for_selector("#events-table tbody tr")
    page.fill("#filters [name=actor]", "prk")
    page.fill("#filters [name=recipient]", "chn")
    page.click("#filters button[type=submit]")
    page.wait_for_function("location.search.includes('actor=PRK') && location.search.includes('recipient=CHN')")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr').length <= 3")
    cells = page.locator("#events-table tbody tr td:nth-child(2)").all_inner_texts()
    targets = page.locator("#events-table tbody tr td:nth-child(4)").all_inner_texts()
    assert cells and all(c.startswith("PRK") for c in cells) and all(t.startswith("CHN") for t in targets)
    shared = page.url
    page.goto(server + "/")
    page.goto(shared)  # the shared link restores the same view
    page.wait_for_selector("#events-table tbody tr")
    assert page.input_value("#filters [name=actor]") == "PRK"
    assert page.locator("#events-table tbody tr td:nth-child(2)").all_inner_texts() == cells


def test_drill_down_to_the_highlighted_sentence(page, server, tmp_path):
    page.goto(server + "/?actor=PRK&recipient=CHN")
    page.wait_for_selector("#events-table tbody tr")
    page.click("#events-table tbody tr >> nth=0")
    page.wait_for_selector("#detail mark.trigger")
    assert "event=" in page.url
    assert page.locator("#detail mark.actor").count() >= 1 and page.locator("#detail mark.recipient").count() >= 1
    sentence = page.inner_text("#detail .sentence")
    assert page.inner_text("#detail mark.trigger >> nth=0") in sentence and "Kim" in sentence
    assert "Factuality: asserted" in page.inner_text("#detail")
    shot(page, tmp_path / "detail.png")


def test_drill_down_shows_the_factuality_cue_and_attribution(page, server, tmp_path):
    page.goto(server + "/?recipient=KOR&factuality=negated")
    page.wait_for_selector("#events-table tbody tr")
    options = page.locator("#filters [name=factuality] option").all_inner_texts()
    assert options == ["any", "asserted", "negated", "hypothetical", "future", "historical", "reported"]
    assert page.input_value("#filters [name=factuality]") == "negated"
    page.click("#events-table tbody tr >> nth=0")
    page.wait_for_selector("#detail .sentence mark.cue")
    assert page.inner_text("#detail .sentence mark.cue") == "not"
    assert "negated" in page.get_attribute("#detail .sentence mark.cue", "title")
    assert page.locator("#detail .sentence mark.outlet").count() >= 1
    chain = page.inner_text("#detail .attribution")
    assert "speaker Kim Jong Un" in chain and "outlet Korean Central News Agency" in chain
    assert chain.index("Kim Jong Un") < chain.index("Korean Central News Agency")  # nearest first: who said it, who relayed it
    assert "Factuality: negated (cue not)" in page.inner_text("#detail")
    shot(page, tmp_path / "attribution.png")


def test_timeline_changes_with_the_filter(page, server, tmp_path):
    page.goto(server + "/?view=timeline&by=year")
    page.wait_for_selector("#timeline rect.bar", state="attached")
    everything = page.locator("#timeline rect.bar").count()
    assert page.locator("#timeline polyline.goldstein").count() == 1
    shot(page, tmp_path / "timeline.png")
    page.goto(server + "/?view=timeline&by=year&actor=CHN&recipient=PRK")
    page.wait_for_function("n => { const k = document.querySelectorAll('#timeline rect.bar').length; "
                           "return k >= 1 && k < n; }", arg=everything)


def test_map_draws_places_and_filters(page, server, tmp_path):
    page.goto(server + "/?view=map")
    page.wait_for_selector("#map circle.place", state="attached")
    assert page.locator("#map circle.place").count() >= 10
    shot(page, tmp_path / "map.png")
    page.goto(server + "/?view=map&actor=CHN&recipient=PRK")
    page.wait_for_function("document.querySelectorAll('#map circle.place').length === 1")
    assert "CHN" in page.text_content("#map")


def test_network_draws_edges_and_filters(page, server, tmp_path):
    page.goto(server + "/?view=network")
    page.wait_for_selector("#network line.edge", state="attached")
    assert page.locator("#network line.edge").count() >= 10
    shot(page, tmp_path / "network.png")
    page.goto(server + "/?view=network&actor=CHN&recipient=PRK")
    page.wait_for_function("document.querySelectorAll('#network line.edge').length === 1")
    assert page.locator("#network circle.node").count() == 2


def test_download_links_carry_the_filters(page, server):
    page.goto(server + "/?actor=RUS")
    page.wait_for_selector("#events-table tbody tr")
    href = page.get_attribute("#dl-gdelt", "href")
    assert "actor=RUS" in href and "format=gdelt" in href
    with page.expect_download() as download:
        page.click("#dl-csv")
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,") and len(lines) - 1 == int(page.inner_text("#events-count").split()[0])


def test_drill_down_shows_where_and_when_with_their_evidence(page, server, tmp_path):
    page.goto(server + "/?location_country=UKR&text=Russian%20forces%20shelled%20Ukrainian")
    page.wait_for_selector("#events-table tbody tr")
    assert page.input_value("#filters [name=location_country]") == "UKR"
    assert page.locator("#events-table tbody tr").count() == 1
    assert page.inner_text("#events-table tbody tr td:nth-child(9)") == "Kharkiv (UKR)"
    page.click("#events-table tbody tr >> nth=0")
    page.wait_for_selector("#detail .sentence mark.place")
    assert page.inner_text("#detail .sentence mark.place") == "Kharkiv"
    assert "UKR" in page.get_attribute("#detail .sentence mark.place", "title")
    assert page.inner_text("#detail .sentence mark.time") == "on Friday"
    assert "2022-03-04 (day)" in page.get_attribute("#detail .sentence mark.time", "title")
    where = page.inner_text("#detail .mention .where")
    assert "When: 2022-03-04 (day, from a time expression in the text: on Friday)" in where
    assert "Where: Kharkiv, UKR (the place its sentence names: Kharkiv)" in where
    assert "Kharkiv" in page.inner_text("#detail h2")
    shot(page, tmp_path / "where.png")
    page.goto(server + "/?actor=JPN&recipient=TUR")
    page.wait_for_selector("#events-table tbody tr")
    page.click("#events-table tbody tr >> nth=0")
    page.wait_for_selector("#detail .mention .where")
    assert "Where: no place in the text" in page.inner_text("#detail .mention .where")
    assert page.locator("#detail .sentence mark.place").count() == 0


def test_map_tells_located_events_from_capitals(page, server, tmp_path):
    page.goto(server + "/?view=map")
    page.wait_for_selector("#map circle.place.located", state="attached")
    assert page.locator("#map circle.place.located").count() >= 5 and page.locator("#map circle.place.capital").count() >= 1
    hanoi = page.locator("#map circle.located", has=page.locator("title", has_text="Hanoi"))
    assert hanoi.count() == 1 and "placed from the text" in hanoi.locator("title").text_content()
    assert "shown at the actor country's capital" in page.text_content("#map circle.capital >> nth=0")
    note = page.inner_text("#map-note")
    assert "Solid circles" in note and "Dashed circles" in note
    shot(page, tmp_path / "map-located.png")
    hanoi.dispatch_event("click")
    page.wait_for_function("location.search.includes('location_country=VNM')")
    page.wait_for_selector("#events-table tbody tr")
    places = page.locator("#events-table tbody tr td:nth-child(9)").all_inner_texts()
    assert places and all(p.endswith("(VNM)") for p in places)
