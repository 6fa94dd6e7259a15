"""Places: finding toponyms, metonymy, resolution against the gazetteer (hand-written sentences)."""

from __future__ import annotations

import pytest

from tidings.gazetteer import country_point, distance_km, load_gazetteer
from tidings.places import Context, Geocoder, load_geocoder
from tidings.records import Place


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return load_geocoder()


def places(nlp, geocoder: Geocoder, text: str, context: Context | None = None, offset: int = 0) -> list[Place]:
    return geocoder.places(nlp(text), offset, context if context is not None else Context())


def by_text(found: list[Place]) -> dict[str, Place]:
    return {p.text: p for p in found}


@pytest.mark.parametrize(
    ("text", "name", "country", "fips", "feature"),
    [
        ("Floods swept through Bangladesh last week.", "Bangladesh", "BGD", "BG", "country"),
        ("The delegation arrived in Hanoi on Tuesday.", "Hanoi", "VNM", "VM", "city"),
        ("Clashes broke out near Kharkiv overnight.", "Kharkiv", "UKR", "UP", "city"),
        ("Wildfires burned across Alberta this summer.", "Alberta", "CAN", "CA", "admin1"),
        ("Ministers gathered in Germany for the summit.", "Germany", "DEU", "GM", "country"),
        ("A storm hit Texas on Sunday.", "Texas", "USA", "US", "admin1"),
    ],
)
def test_resolves_country_city_and_region(nlp, geocoder, text, name, country, fips, feature):
    place = by_text(places(nlp, geocoder, text))[name]
    assert (place.country, place.fips, place.feature) == (country, fips, feature)
    assert place.lat is not None and place.lon is not None and 0 < place.confidence <= 1


def test_offsets_are_article_offsets(nlp, geocoder):
    text = "Talks were held in Vienna."
    place = places(nlp, geocoder, text, offset=100)[0]
    assert (place.start, place.end) == (100 + text.index("Vienna"), 100 + text.index("Vienna") + len("Vienna"))
    assert place.text == "Vienna" and place.source == "gazetteer" and place.geonameid is not None


def test_capital_city_is_placed_at_its_coordinates(nlp, geocoder):
    place = by_text(places(nlp, geocoder, "Negotiators met in Nairobi."))["Nairobi"]
    assert distance_km(place.lat, place.lon, -1.29, 36.82) < 20


def test_georgia_the_country(nlp, geocoder):
    found = by_text(places(nlp, geocoder, "Protesters gathered in Tbilisi, the capital of Georgia, on Sunday."))
    assert found["Georgia"].country == "GEO" and found["Georgia"].feature == "country"
    assert found["Georgia"].fips == "GG"


def test_georgia_the_us_state_after_a_city(nlp, geocoder):
    found = by_text(places(nlp, geocoder, "Voters in Atlanta, Georgia, lined up before dawn."))
    assert found["Georgia"].country == "USA" and found["Georgia"].admin1 == "US.GA"
    assert found["Atlanta"].admin1 == "US.GA"


def test_georgia_the_us_state_from_article_context(nlp, geocoder):
    context = Context()
    context.add_country("USA")
    context.regions["US.FL"] += 1
    place = by_text(places(nlp, geocoder, "The storm then moved into Georgia.", context))["Georgia"]
    assert place.admin1 == "US.GA"


def test_city_state_pair_picks_the_small_town(nlp, geocoder):
    found = by_text(places(nlp, geocoder, "She grew up in Paris, Texas, before moving away."))
    assert found["Paris"].country == "USA" and found["Paris"].admin1 == "US.TX"


def test_paris_alone_is_paris_france_with_modest_confidence(nlp, geocoder):
    place = by_text(places(nlp, geocoder, "She moved to Paris last year."))["Paris"]
    assert place.country == "FRA" and place.fips == "FR"
    assert place.confidence <= 0.7


def test_one_sense_per_discourse(nlp, geocoder):
    context = Context()
    places(nlp, geocoder, "Flooding hit Paris, Texas, on Friday.", context)
    later = by_text(places(nlp, geocoder, "Residents of Paris said the water was receding.", context))
    assert later["Paris"].admin1 == "US.TX"


@pytest.mark.parametrize(
    ("text", "metonym"),
    [
        ("Beijing said the talks would resume.", "Beijing"),
        ("Washington warned of new sanctions.", "Washington"),
        ("Moscow denied the report.", "Moscow"),
        ("Russia and China rejected the resolution.", "China"),
    ],
)
def test_government_metonyms_are_not_places(nlp, geocoder, text, metonym):
    doc = nlp(text)
    assert metonym not in by_text(geocoder.places(doc, 0, Context()))
    token = next(t for t in doc if t.text == metonym)
    assert geocoder.is_metonym(token)
    assert metonym in by_text(geocoder.places(doc, 0, Context(), keep_metonyms=True))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Talks in Beijing ended without a deal.", "Beijing"),
        ("The two leaders met in Vietnam.", "Vietnam"),
        ("Aleppo was shelled again overnight.", "Aleppo"),
        ("Kharkiv saw heavy fighting on Monday.", "Kharkiv"),
    ],
)
def test_literal_places_are_kept(nlp, geocoder, text, place):
    doc = nlp(text)
    assert place in by_text(geocoder.places(doc, 0, Context()))
    assert not geocoder.is_metonym(next(t for t in doc if t.text == place))


def test_metonym_in_the_same_sentence_as_a_place(nlp, geocoder):
    found = by_text(places(nlp, geocoder, "Washington warned Moscow against new clashes near Kharkiv."))
    assert "Washington" not in found and "Moscow" not in found and found["Kharkiv"].country == "UKR"


def test_news_outlets_are_not_places(nlp, geocoder):
    found = by_text(places(nlp, geocoder, "Yonhap reported that the ship sailed into the Sea of Japan near Busan."))
    assert "Yonhap" not in found


def test_unknown_place_name_gives_nothing_or_a_flagged_guess(geocoder):
    context = Context()
    assert geocoder.resolve("Qwertyville", context) is None
    context.regions["US.LA"] += 1
    guess = geocoder.resolve("Qwertyville", context, guess=True)
    assert guess is not None and guess.source == "guess" and guess.confidence < 0.2 and guess.admin1 == "US.LA"


@pytest.mark.parametrize("text", ["", "   ", "!!!", "in in in", "The GEORGIA 4TH district", "Paris" * 50])
def test_odd_input_does_not_crash(nlp, geocoder, text):
    assert isinstance(places(nlp, geocoder, text), list)


@pytest.mark.parametrize(("form", "iso3"), [("U.S.", "USA"), ("Britain", "GBR"), ("Sudanese", "SDN")])
def test_country_aliases_and_adjectives_resolve(geocoder, form, iso3):
    assert geocoder.resolve(form, Context()).country == iso3


@pytest.mark.parametrize(("iso3", "fips"), [("DEU", "GM"), ("GBR", "UK"), ("CHN", "CH"), ("RUS", "RS"), ("AUS", "AS"), ("KOR", "KS")])
def test_fips_codes(iso3, fips):
    assert load_gazetteer().fips[iso3] == fips


def test_datelines_in_capitals_resolve(geocoder):
    assert geocoder.resolve("BEIJING", Context()).country == "CHN"


def test_county_is_placed_near_the_article_towns(geocoder):
    context = Context()
    geocoder.resolve("Alexandria", context, within="La.")
    county = geocoder.resolve("Rapides Parish", context)
    assert county.feature == "admin2" and county.admin1 == "US.LA"
    assert distance_km(county.lat, county.lon, 31.31, -92.45) < 50


def test_article_places_reads_ahead_for_context(nlp, geocoder):
    blocks = [(0, nlp("Athens man arrested")), (20, nlp("Police in Clarke County, Georgia, arrested a man in Athens, Ga., on Friday."))]
    found = geocoder.article_places(blocks, Context())
    assert found[0].text == "Athens" and found[0].country == "USA"


def test_country_point_still_serves_the_map():
    point = country_point("FRA")
    assert point is not None and point.name == "Paris"
    assert country_point("UNO") is None


# -- the wider gazetteer (towns of 500+, regions of every country) and the article's third reading --

def article(nlp, geocoder: Geocoder, text: str) -> dict[str, Place]:
    from tidings.nlp import paragraphs

    blocks = [(start, nlp(piece)) for start, piece in paragraphs(text)]
    return by_text(geocoder.article_places(blocks, Context()))


@pytest.mark.parametrize(
    ("text", "name", "country", "admin1", "feature", "point"),
    [
        # a town of 2,200 people: below the old cities5000 floor
        ("The fire started on a farm near Chiefland, Fla., on Monday.", "Chiefland", "USA", "US.FL", "city", (29.47, -82.86)),
        # a second-level region outside the US, placed at its towns' mean position
        ("Flooding closed roads across Lancashire overnight.", "Lancashire", "GBR", "GB.ENG", "admin2", (53.8, -2.6)),
        # a Syrian governorate that the old index did not have
        ("Air strikes hit villages in Idlib province.", "Idlib", "SYR", "SY.12", None, (35.9, 36.6)),
    ],
)
def test_small_towns_and_foreign_regions(nlp, geocoder, text, name, country, admin1, feature, point):
    place = by_text(places(nlp, geocoder, text))[name]
    assert (place.country, place.admin1) == (country, admin1)
    if feature:
        assert place.feature == feature
    assert distance_km(place.lat, place.lon, *point) < 60


def test_a_county_has_its_own_point_and_follows_its_state(nlp, geocoder):
    found = article(nlp, geocoder, "Deputies in Henry County, Tenn., arrested two men on Friday.")
    county = found["Henry County"]
    assert county.feature == "admin2" and county.admin1 == "US.TN"
    assert distance_km(county.lat, county.lon, 36.33, -88.30) < 60  # Paris, Tennessee, is its seat


def test_continents_are_places_without_a_country(nlp, geocoder):
    place = by_text(places(nlp, geocoder, "The ministers travelled across Europe last week."))["Europe"]
    assert place.feature == "continent" and place.country is None and place.lat is not None


def test_compass_words_are_not_regions(geocoder):
    gaz = geocoder.gaz
    for word in ("North", "Central", "Western", "South"):
        assert not any(e.feature in ("admin1", "admin2") for e, _ in gaz.lookup(word)), word


def test_a_country_name_is_the_country_not_a_hamlet(nlp, geocoder):
    found = article(nlp, geocoder, "Farmers in Kentucky said exports to Canada fell.\n\nThe Kentucky growers will meet in Louisville.")
    assert found["Canada"].feature == "country" and found["Canada"].country == "CAN"


def test_the_rest_of_the_article_decides_an_ambiguous_town(nlp, geocoder):
    text = ("Paris council approves budget\n\n"
            "The Paris city council approved the budget on Tuesday. Edgar County officials and the mayor of "
            "Urbana attended the meeting in Paris.")
    assert article(nlp, geocoder, text)["Paris"].admin1 == "US.IL"
    alone = article(nlp, geocoder, "The Paris city council approved the budget on Tuesday.")
    assert alone["Paris"].country == "FRA"  # with nothing else to go on, the big city


@pytest.mark.parametrize(("text", "name", "country", "point"), [
    ("Houthi rebels attacked a cargo ship in the Red Sea on Tuesday.", "Red Sea", None, (20.0, 38.5)),
    ("Chinese and Philippine vessels clashed near the Spratly Islands.", "Spratly Islands", None, (10.0, 114.5)),
    ("The army and the RSF fought in Darfur for a third week.", "Darfur", "SDN", (13.5, 24.0)),
    ("Iran seized a tanker in the Strait of Hormuz.", "Strait of Hormuz", None, (26.6, 56.5)),
    ("Leaders from the Middle East met on Sunday.", "Middle East", None, (29.0, 41.0)),  # not a US hamlet
    ("Israel launched strikes in Sinai.", "Sinai", "EGY", (29.5, 33.8)),  # not Sinaí, Ecuador
])
def test_named_areas_seas_and_regions_without_an_administration(nlp, geocoder, text, name, country, point):
    place = next(p for p in places(nlp, geocoder, text) if p.name == name)
    assert place.feature == "area" and place.country == country and (place.lat, place.lon) == point


def test_a_region_of_the_same_name_wins_in_its_country(nlp, geocoder):
    """Burkina Faso's Sahel region, not the band across Africa, in an article about Burkina Faso."""
    found = places(nlp, geocoder, "Gunmen attacked the town of Djibo in northern Burkina Faso on Sunday. "
                                  "The attack in the Sahel killed 20 villagers.")
    sahel = [p for p in found if p.text == "Sahel"]
    assert sahel and sahel[-1].country == "BFA" and sahel[-1].feature == "admin1"


@pytest.mark.parametrize(
    ("text", "name", "country", "admin1"),
    [
        ("The council met in St. Paul on Monday.", "St. Paul", "USA", "US.MN"),
        ("Flights to St. Petersburg resumed after the talks in Moscow.", "St. Petersburg", "RUS", "RU.66"),
        ("Fans gathered in Ft. Worth for the parade.", "Ft. Worth", "USA", "US.TX"),
    ],
)
def test_abbreviated_words_in_names(nlp, geocoder, text, name, country, admin1):
    place = by_text(places(nlp, geocoder, text))[name]
    assert (place.country, place.admin1) == (country, admin1)


def test_spellings_of_abbreviated_names():
    gaz = load_gazetteer()
    assert {e.admin1 for e, _ in gaz.lookup("St. Petersburg")} >= {"US.FL", "RU.66"}
    assert any(e.admin1 == "US.MN" and e.population > 200_000 for e, _ in gaz.lookup("St. Paul"))
    assert any(e.admin1 == "US.MO" for e, _ in gaz.lookup("St Louis"))
    assert gaz.lookup("Mt. Nowhere Special") == []


@pytest.mark.parametrize(
    ("url", "outlet", "home"),
    [
        ("https://www.richmondandtwickenhamtimes.co.uk/news/1/", None, "GBR"),
        ("http://www.rg.ru/2009/04/01/", None, "RUS"),
        ("richmond-news.ca/local-news", None, "CAN"),
        ("https://www.example.com/story", None, None),
        ("https://news.example.tv/story", None, None),
        (None, "The Washington Post", "USA"),
        ("https://www.example.co.uk/story", "The New York Times", "USA"),
        # an outlet we know by its site's name
        ("https://www.themoscowtimes.com/2024/01/01/a", None, "NLD"),
        ("https://www.bangkokpost.com/thailand/x", None, "THA"),
        ("https://www.reuters.com/world/x", None, None),
        (None, "Yonhap", None),  # a wire agency's home says nothing about its stories
        ("https://www.example.co.uk/story", "Reuters", None),
        (None, None, None),
        ("not a url at all", "An outlet nobody knows", None),
    ],
)
def test_home_country_of_the_outlet(geocoder, url, outlet, home):
    assert geocoder.home_country(url, outlet) == home


def test_the_outlet_home_decides_a_town_named_in_several_countries():
    import tidings

    text = "Council approves new cycle lanes\n\nRichmond council voted on Tuesday to add cycle lanes on two roads."
    british = tidings.code(text, date="2024-05-01", url="https://www.richmondandtwickenhamtimes.co.uk/news/24/")
    canadian = tidings.code(text, date="2024-05-01", url="https://www.richmond-news.ca/local-news/24")
    assert {p.country for p in british.places if p.text == "Richmond"} == {"GBR"}
    assert {p.country for p in canadian.places if p.text == "Richmond"} == {"CAN"}


def test_a_town_and_the_county_it_lies_in_decide_each_other(nlp, geocoder):
    text = ("Rescue squad asks for donations\n\n"
            "Residents of Paris and Henry County will receive a letter from the rescue squad this week.")
    blocks = [(0, nlp(text))]
    found = by_text(geocoder.article_places(blocks, Context()))
    assert (found["Paris"].country, found["Paris"].admin1) == ("USA", "US.TN")
    assert (found["Henry County"].admin1, found["Henry County"].feature) == ("US.TN", "admin2")


def test_a_compass_word_or_a_region_kind_around_a_known_name(nlp, geocoder):
    found = by_text(places(nlp, geocoder, "Storms hit North Texas while clashes spread in Kermanshah province and across West Africa."))
    assert (found["North Texas"].admin1, found["North Texas"].source) == ("US.TX", "gazetteer")
    assert found["Kermanshah province"].country == "IRN" and found["Kermanshah province"].feature == "admin1"
    assert found["West Africa"].source == "gazetteer"


def test_an_unknown_river_or_town_gets_a_flagged_guess_from_the_article():
    import tidings

    text = ("Flooding in Connecticut\n\nThe Naugatuck River flooded homes in Harwinton and Torrington, "
            "Connecticut, on Monday, and the governor declared an emergency.")
    article = tidings.code(text, date="2024-03-01")
    found = by_text(article.places)
    for name in ("Naugatuck River", "Harwinton"):
        assert (found[name].source, found[name].admin1) == ("guess", "US.CT") and found[name].confidence <= 0.1
        assert found[name].geonameid is None
    assert found["Torrington"].source == "gazetteer"
    # a guess is never where an event happened nor what the article is about
    assert all(e.location is None or e.location.name != "Naugatuck River" for e in article.events)


def test_people_and_firms_tagged_as_places_get_no_guess(nlp, geocoder):
    context = Context()
    context.add_country("GEO")  # a context to guess from, so only the mention test can keep them out
    found = by_text(places(nlp, geocoder, "Saakashvili met Yogananda and the United Way in Tbilisi.", context))
    assert set(found) <= {"Tbilisi"}


def test_a_guess_lies_inside_the_region_the_text_names(nlp, geocoder):
    text = ("Storms hit Dallas, Houston and Austin in Texas on Monday. "
            "Flooding was also reported in Harwinton, Connecticut, on Tuesday.")
    found = by_text(geocoder.article_places([(0, nlp(text))], Context()))
    if "Harwinton" in found:  # only when spaCy marks it a place
        assert (found["Harwinton"].source, found["Harwinton"].admin1) == ("guess", "US.CT")
    guess = geocoder.resolve("Qwertyville", Context(), within="Connecticut", guess=True)
    assert (guess.source, guess.admin1, guess.country) == ("guess", "US.CT", "USA")


def test_odd_web_addresses_and_wire_agencies_give_no_home(geocoder):
    for url in ("[none]", "http://[bad/x", "https://[example.com]/", "tag:blog.example.com,2024:post[12]"):
        assert geocoder.home_country(url) is None
    assert geocoder.home_country("https://www.example.com/", "Reuters") is None
    assert geocoder.home_country("https://www.example.com/", "Associated Press") is None
    import tidings

    assert tidings.code("Rain fell in Paris.", date="2024-01-01", url="[none]").places  # no crash


def test_the_outlet_home_alone_does_not_lift_a_lone_names_confidence(geocoder):
    paris = geocoder.resolve("Paris", geocoder.context_for("https://www.example.co.uk/"))
    assert paris.country == "FRA" and paris.confidence <= 0.7


def test_spellings_keep_a_place_s_own_name_and_a_real_region_beats_a_country_word(nlp, geocoder):
    assert by_text(places(nlp, geocoder, "Fans gathered in Saint Louis for the parade."))["Saint Louis"].admin1 == "US.MO"
    assert all(primary for e, primary in load_gazetteer().lookup("St Petersburg") if e.iso2 == "RU" and e.feature == "city"
               and e.population > 5_000_000)
    somali = geocoder.resolve("Somali", Context())
    assert somali.country == "ETH" and somali.feature == "admin1"
    assert geocoder.resolve("Canadian", Context()).country == "CAN"


def test_a_region_kind_needs_a_region():
    gc = load_geocoder()
    from tidings.nlp import load_model

    doc = load_model()("Clashes continued in Hama province and in Georgia county.")
    forms = {m.span.text: m.form for m in gc.mentions(doc)}
    assert forms.get("Hama province") in (None, "Hama Province", "Hama")  # a region if GeoNames has one, never the city
    for place in gc.places(doc, 0, Context()):
        if place.text == "Hama province":
            assert place.feature in ("admin1", "admin2")


def test_one_geocoder_per_process():
    assert load_geocoder() is load_geocoder()


def test_a_local_paper_s_home_town_places_its_ambiguous_names(geocoder):
    """data/outlet_homes.tsv: the Concord Monitor's "Hanover" is Hanover, New Hampshire, found by the web
    site (or a subdomain of it) or by the outlet's name; elsewhere the same name is another Hanover."""
    for url, outlet in (("https://www.concordmonitor.com/news/2009/story", None),
                        ("http://news.concordmonitor.com/x", None), (None, "Concord Monitor")):
        town = geocoder.home_town(url, outlet)
        assert (town.name, town.admin1) == ("Concord", "US.NH")
        assert geocoder.home_country(url, outlet) == "USA"
        hanover = geocoder.resolve("Hanover", geocoder.context_for(url, outlet))
        assert (hanover.country, hanover.admin1) == ("USA", "US.NH")
    elsewhere = geocoder.resolve("Hanover", geocoder.context_for("https://www.example.de/"))
    assert elsewhere.country == "DEU"
    assert geocoder.home_town("https://www.example.com/") is None
    assert geocoder.home_town("https://www.concordmonitor.com/", "Reuters") is None  # a wire story on a local site


def test_a_local_paper_s_home_does_not_count_as_a_place_named(geocoder):
    context = geocoder.context_for("https://www.concordmonitor.com/news/")
    assert context.empty


def test_a_user_outlets_file_can_give_home_towns(geocoder, tmp_path):
    """--outlets FILE with the optional columns domain, city, region: the user's local paper places
    its names like a built-in one; rows without them are plain outlets, as before."""
    from tidings.outlets import load_outlets

    extra = tmp_path / "outlets.tsv"
    extra.write_text(
        "# my outlets\n# version: 1\n# source: me\n# licence: CC0-1.0\n"
        "name\taliases\tcountry\tstate\tkind\tdomain\tcity\tregion\n"
        "Lebanon Valley Ledger\t\tUSA\tno\tnewspaper\tlvledger.example\tLebanon\tPA\n"
        "Some Weekly\t\tUSA\tno\tnewspaper\t\t\t\n", encoding="utf-8")
    outlets = load_outlets(str(extra))
    for url, outlet in (("https://www.lvledger.example/2024/story", None), (None, "Lebanon Valley Ledger")):
        town = geocoder.home_town(url, outlet, outlets)
        assert (town.name, town.admin1) == ("Lebanon", "US.PA")
        annville = geocoder.resolve("Lebanon", geocoder.context_for(url, outlet, outlets))
        assert (annville.country, annville.admin1) == ("USA", "US.PA")
    assert geocoder.home_town(None, "Some Weekly", outlets) is None
    assert geocoder.home_town("https://www.concordmonitor.com/x", None, outlets).admin1 == "US.NH"  # built-ins stay


def _article_at(nlp, geocoder: Geocoder, text: str, url: str) -> dict[str, Place]:
    from tidings.nlp import paragraphs

    blocks = [(start, nlp(piece)) for start, piece in paragraphs(text)]
    return by_text(geocoder.article_places(blocks, geocoder.context_for(url)))


def test_a_county_that_begins_an_organisation_is_a_place(nlp, geocoder):
    found = by_text(places(nlp, geocoder, "Donations may be sent to the Edgar County Community Foundation this week."))
    assert found["Edgar County"].country == "USA" and found["Edgar County"].admin1 == "US.IL"
    # a state or a city starting a name is no place of the story
    assert not by_text(places(nlp, geocoder, "The Washington Post reported the story on Monday."))


@pytest.mark.parametrize(
    ("url", "name", "country"),
    [
        ("http://www.parisnewsbeacon.example.com/x", "Paris", "FRA"),  # not a site named after Paris
        ("http://theparisnews.com/story?id=1", "Paris", "USA"),
        ("http://www.parisbeacon.com/articles/1.txt", "Paris", "USA"),
        (None, "Paris", "FRA"),
    ],
)
def test_a_local_site_named_after_its_town(nlp, geocoder, url, name, country):
    text = "Council approves tree project\n\nThe City of Paris backs the new tree project, the mayor said on Monday."
    assert _article_at(nlp, geocoder, text, url)[name].country == country


def test_a_town_site_prefers_the_town_the_other_names_point_to(nlp, geocoder):
    text = "Tree project\n\nThe Paris council met on Monday. Edgar County officials also attended."
    assert _article_at(nlp, geocoder, text, "http://www.parisbeacon.com/a.txt")["Paris"].admin1 == "US.IL"


def test_a_capital_named_site_writing_about_its_country_is_left_alone(nlp, geocoder):
    text = "Kremlin talks\n\nIn Moscow, officials said Russia would not attend the talks."
    assert _article_at(nlp, geocoder, text, "https://www.themoscowtimes.com/2024/01/01/a")["Moscow"].country == "RUS"


def test_a_site_named_after_a_country_or_state_is_left_alone(nlp, geocoder):
    text = "Volleyball starts again\n\nThe volleyball program starts again in Jordan this week."
    assert _article_at(nlp, geocoder, text, "http://www.jordannews.com/news/x")["Jordan"].country == "JOR"
    text = "Protests\n\nProtesters in Paris clashed with police on Monday."
    assert _article_at(nlp, geocoder, text, "https://www.washingtonpost.com/world/x")["Paris"].country == "FRA"


@pytest.mark.parametrize(
    ("text", "url", "name", "country"),
    [
        ("Floods\n\nPhilippine officials said floods hit Manila on Monday.", "https://www.manilatimes.net/2024/x", "Manila", "PHL"),
        ("Floods\n\nFloods hit Manila and Quezon City on Monday.", "https://www.manilatimes.net/2024/x", "Manila", "PHL"),
        ("Protests\n\nProtesters marched in Paris on Monday.", "https://news.example.com/world/paris-news/x", "Paris", "FRA"),
        ("Floods\n\nFloods hit Bangkok on Monday.", "https://www.bangkokpost.com/x", "Bangkok", "THA"),
        # a known outlet's folders are desks, not towns' editions
        ("Arrests\n\nPolice in Moscow detained dozens on Saturday.", "https://www.rferl.org/a/moscow-today/x.html", "Moscow", "RUS"),
        # Canadian papers on .com are known by their site's name
        ("Shooting\n\nOttawa police are investigating a shooting.", "https://ottawacitizen.com/news/local-news/x", "Ottawa", "CAN"),
        # no web site: a file or an IP address
        ("Protests\n\nProtesters marched in Paris on Monday.", "file:///home/u/paris_news/a.html", "Paris", "FRA"),
        ("Protests\n\nProtesters marched in Paris on Monday.", "http://[2001:db8::1]/news/paris-news/story", "Paris", "FRA"),
    ],
)
def test_a_city_site_abroad_keeps_its_city(nlp, geocoder, text, url, name, country):
    assert _article_at(nlp, geocoder, text, url)[name].country == country


def test_clubs_and_churches_are_no_counties(nlp, geocoder):
    found = by_text(places(nlp, geocoder, "Essex County Cricket Club beat Kent by six wickets at Chelmsford."))
    assert "Essex County" not in found
    found = by_text(places(nlp, geocoder, "The St. Martin Parish Church will hold a concert in Norwich."))
    assert not any(p.country != "GBR" for p in found.values())


def test_a_local_edition_in_the_address_names_its_town(nlp, geocoder):
    text = "Council appointments\n\nCouncil members in Dublin began a discussion on Monday."
    url = "http://localnews.example.com/articles/2009/03/18/dublin_news/news/council_5.txt"
    assert _article_at(nlp, geocoder, text, url)["Dublin"].country == "USA"
    # a world desk's folder names no town of a local paper
    world = "http://news.example.com/world/jordan-news/king-visit.html"
    assert _article_at(nlp, geocoder, "King visits\n\nThe king of Jordan visited Amman on Monday.", world)["Jordan"].country == "JOR"


@pytest.mark.parametrize(
    ("form", "iso3", "name"),
    [
        ("Ohioans", "USA", "Ohio"),
        ("Texan", "USA", "Texas"),
        ("Ontarians", "CAN", "Ontario"),
        ("South Ossetians", "GEO", "South Ossetia"),
        ("Londoner", "GBR", "London"),
        ("Loudon Co.", "USA", "Loudon County"),
        ("Calif", "USA", "California"),
    ],
)
def test_words_for_a_place_s_people_and_shortened_names_resolve(geocoder, form, iso3, name):
    place = geocoder.resolve(form, Context())
    assert place is not None and (place.country, place.name) == (iso3, name)


@pytest.mark.parametrize("form", ["Republicans", "Europeans", "Spartans", "Muslims"])
def test_words_that_name_no_place_s_people_stay_unknown(geocoder, form):
    assert geocoder.resolve(form, Context()) is None
