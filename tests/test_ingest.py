import json

from tidings.errors import InputError
from tidings.ingest import ReadOptions, looks_english, read_dates, read_inputs
from tidings.records import Article


def test_txt_file_becomes_one_article_with_title_and_date(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Headline here\n\nBody text of the article is here and it is in English.", encoding="utf-8")
    [article] = list(read_inputs([str(path)], ReadOptions(date="2020-05-01")))
    assert isinstance(article, Article)
    assert article.title == "Headline here" and article.date == "2020-05-01" and article.source == str(path)


def test_jsonl_records_keep_their_metadata_and_bad_lines_name_their_line(tmp_path):
    path = tmp_path / "b.jsonl"
    lines = [
        json.dumps({"id": "n1", "text": "The minister said the talks were useful.", "date": "2021-02-03",
                    "url": "https://example.org/n1", "outlet": "Example Wire"}),
        "",
        json.dumps({"id": "n2", "text": "Another story about the talks in the capital.", "date": "03/02/2021"}),
        json.dumps(["not", "an", "object"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert isinstance(items[0], Article) and items[0].id == "n1" and items[0].outlet == "Example Wire"
    assert isinstance(items[1], InputError) and items[1].line == 3 and "YYYY-MM-DD" in str(items[1])
    assert isinstance(items[2], InputError) and items[2].line == 4


def test_dates_table_assigns_dates_by_file_name(tmp_path):
    table = tmp_path / "dates.tsv"
    table.write_text("file\tdate\na.txt\t2019-01-08\n", encoding="utf-8")
    story = tmp_path / "a.txt"
    story.write_text("Title\n\nThe government said on Monday that the talks would go on.", encoding="utf-8")
    [article] = list(read_inputs([str(story)], ReadOptions(dates=read_dates(str(table)))))
    assert article.date == "2019-01-08"


def test_english_check():
    assert looks_english("The president of the country said on Monday that the talks were over.")
    assert not looks_english('Le président de la République a annoncé lundi une nouvelle réforme des retraites. Les syndicats ont appelé à une grève générale dans tout le pays, et le gouvernement a promis de recevoir leurs représentants cette semaine pour discuter du calendrier et des mesures envisagées par le ministère du Travail.')
