"""recommendations.json / .csv / .schema.json at the site root (report_site/outputs/opendata.py)."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest
import yaml
from helpers import PENINSULA, Built

SITE_URL = "https://example.org/peninsula-plus/"
RECS = yaml.safe_load((PENINSULA / "recommendations.yaml").read_text("utf-8"))["recommendations"]


@pytest.fixture(scope="module")
def data(published: Built) -> dict:
    return json.loads((published.site / "recommendations.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def schema(published: Built) -> dict:
    return json.loads((published.site / "recommendations.schema.json").read_text("utf-8"))


def test_json_validates_against_its_published_schema(data: dict, schema: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["$schema"] == SITE_URL + "recommendations.schema.json"


def test_schema_rejects_a_broken_record(data: dict, schema: dict) -> None:
    broken = json.loads(json.dumps(data))
    del broken["recommendations"][0]["passages"][0]["anchor"]
    broken["recommendations"][1]["number"] = "two"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(broken))
    assert len(errors) == 2


def test_json_follows_the_data_file(data: dict, published: Built) -> None:
    recs = data["recommendations"]
    assert [r["id"] for r in recs] == [r["id"] for r in RECS]
    assert [r["number"] for r in recs] == list(range(1, 10))
    assert [r["title"] for r in recs] == [r["title"] for r in RECS]
    assert [[a["id"] for a in r["focus_areas"]] for r in recs] == [r["focus_areas"] for r in RECS]
    assert (
        data["report"]["authors"] == ["Jacob Stokes", "Joshua Fitt"]
        and data["report"]["published"] == "2023-03-15"
    )
    for rec in recs:
        assert rec["url"] == f"{SITE_URL}recommendations/{rec['id']}/"
        assert rec["passages"], rec["id"]
        for p in rec["passages"]:
            assert p["url"] == p["chapter_url"] + "#" + p["anchor"]
            rel = p["chapter_url"][len(SITE_URL) :] + "index.html"
            para = published.soup(rel).find(id=p["anchor"])
            assert para is not None, p["url"]
            assert " ".join(para.get_text().split()).startswith(p["excerpt"].rstrip("…"))


def test_csv_has_nine_rows_matching_the_json(data: dict, published: Built) -> None:
    raw = (published.site / "recommendations.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert len(rows) == 9
    assert list(rows[0]) == [
        "id",
        "number",
        "label",
        "title",
        "focus_area_ids",
        "focus_areas",
        "url",
        "passage_count",
        "passage_chapters",
        "passage_urls",
        "passage_excerpts",
    ]
    for row, rec in zip(rows, data["recommendations"], strict=False):
        assert row["id"] == rec["id"] and int(row["number"]) == rec["number"] and row["title"] == rec["title"]
        assert row["url"] == rec["url"]
        assert row["focus_areas"].split("\n") == [a["title"] for a in rec["focus_areas"]]
        assert int(row["passage_count"]) == len(rec["passages"])
        assert row["passage_urls"].split("\n") == [p["url"] for p in rec["passages"]]
        assert row["passage_chapters"].split("\n") == [p["chapter"] for p in rec["passages"]]


def test_recommendations_index_links_the_data(published: Built) -> None:
    soup = published.soup("recommendations/index.html")
    links = {a.get_text(): a["href"] for a in soup.select("p.report-open-data a")}
    assert links == {
        "JSON": "../recommendations.json",
        "a JSON Schema": "../recommendations.schema.json",
        "CSV": "../recommendations.csv",
    }


def test_local_build_uses_relative_urls(site: Built) -> None:
    data = json.loads((site.site / "recommendations.json").read_text("utf-8"))
    assert data["$schema"] == "recommendations.schema.json"
    for rec in data["recommendations"]:
        assert (site.site / rec["url"] / "index.html").is_file()


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised() -> None:
    """OWASP's convention: a text cell starting with = + - @ (or tab, CR) gets a leading single quote."""
    from report_site.outputs import opendata

    titles = [
        '=HYPERLINK("http://evil")',
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\tx",
        'Plain, with "quotes"\nand a break',
        "a=b",
    ]
    doc = {
        "recommendations": [
            {
                "id": f"r{i}",
                "number": i + 1,
                "label": "=1A",
                "title": t,
                "focus_areas": [{"id": "a", "title": "=cmd"}],
                "url": "r/",
                "passages": [{"chapter": "-c", "url": "u", "excerpt": "@x"}],
            }
            for i, t in enumerate(titles)
        ]
    }
    rows = list(csv.DictReader(io.StringIO(opendata.to_csv(doc), newline="")))
    assert [r["title"] for r in rows] == [
        '\'=HYPERLINK("http://evil")',
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tx",
        'Plain, with "quotes"\nand a break',
        "a=b",
    ]
    assert {r["label"] for r in rows} == {"'=1A"}
    assert {r["focus_areas"] for r in rows} == {"'=cmd"} and {r["passage_chapters"] for r in rows} == {"'-c"}
    assert {r["passage_excerpts"] for r in rows} == {"'@x"} and [r["number"] for r in rows] == [
        str(i + 1) for i in range(len(titles))
    ]


def test_the_status_history_is_open_data_when_the_report_records_one(living: Built) -> None:
    doc = json.loads((living.site / "recommendations.json").read_text("utf-8"))
    schema = json.loads((living.site / "recommendations.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(doc)
    from helpers import FIXTURES

    source = yaml.safe_load((FIXTURES / "living-report" / "recs.yaml").read_text("utf-8"))
    assert doc["statuses"] == [{"id": s["id"], "title": s["title"]} for s in source["statuses"]]
    for rec, data in zip(doc["recommendations"], source["recommendations"], strict=True):
        updates = data.get("updates", [])
        assert [(u["date"], u["status"], u["note"]) for u in rec["updates"]] == [
            (u["date"].isoformat(), u["status"], u["note"]) for u in updates
        ]
        assert rec["status"] == (
            {
                "id": updates[-1]["status"],
                "title": doc["statuses"][[s["id"] for s in doc["statuses"]].index(updates[-1]["status"])][
                    "title"
                ],
                "date": updates[-1]["date"].isoformat(),
            }
            if updates
            else None
        )
    rows = list(csv.DictReader(io.StringIO((living.site / "recommendations.csv").read_text("utf-8"))))
    assert [r["status"] for r in rows] == [(r["status"] or {}).get("id", "") for r in doc["recommendations"]]
    assert rows[0]["update_dates"].split("\n") == [u["date"] for u in doc["recommendations"][0]["updates"]]
    assert rows[0]["update_sources"].split("\n")[1] == " ".join(
        doc["recommendations"][0]["updates"][1]["sources"]
    )


def test_no_status_fields_for_a_report_without_updates(data: dict, published: Built) -> None:
    assert "statuses" not in data and not any({"status", "updates"} & set(r) for r in data["recommendations"])
    header = (published.site / "recommendations.csv").read_text("utf-8").splitlines()[0]
    assert "status" not in header
