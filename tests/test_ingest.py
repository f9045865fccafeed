"""Ingest: seeds with their manifest, idempotence, bad input, hostile text."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.ingest import ingest_paths
from workbench.ingest.layout import boilerplate_spans, detect_title, infer_published
from workbench.seeds import seed_dir

pytestmark = pytest.mark.backends


def run(db, *args):
    return CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)


def test_seeds_twice_gives_four_articles_with_titles_and_dates(db_path):
    seeds = str(seed_dir())
    first = run(db_path, "ingest", seeds, "--manifest", f"{seeds}/manifest.csv", "--no-extract")
    assert first.exit_code == 0, first.output
    assert "ingested 4 new" in first.output
    second = run(db_path, "ingest", seeds, "--manifest", f"{seeds}/manifest.csv", "--no-extract")
    assert "ingested 0 new article(s), 4 already present" in second.output
    out = run(db_path, "articles", "list", "--format", "jsonl")
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert len(rows) == 4
    by_file = {r["file"]: r for r in rows}
    assert (
        by_file["000_44ae33d8b5e333e4.txt"]["title"]
        == "All hell broke loose after a Russian pilot died in Syria"
    )
    assert by_file["002_3130d0606da1117a.txt"]["published"] == "2019-05-06"
    assert by_file["002_3130d0606da1117a.txt"]["title"].startswith("Escalating Syrian and Russian")
    assert "Democracy Dies" not in by_file["003_69a7459503f12aec.txt"]["title"]
    assert all(r["published_source"] == "given" for r in rows)


def test_title_detection_skips_mastheads():
    text = "The Washington PostDemocracy Dies in Darkness\n\nRebels shell a town in Hama\n\nBody text here."
    assert detect_title(text) == "Rebels shell a town in Hama"
    assert detect_title("NEWS\n\nTroops enter Afrin after heavy clashes\n\nBody.") == (
        "Troops enter Afrin after heavy clashes"
    )
    assert (
        detect_title("In a long first sentence that is clearly body text, rebels said things.\n")
        == ""
    )


def test_boilerplate_lines_are_flagged_not_body():
    text = (
        "Heavy fighting in Deraa\n\nGovernment forces shelled the town on Monday, killing four.\n\n"
        "Also Read: Ten things about tanks\n\nRelated headline between paragraphs\n\n"
        "Residents fled north, a monitor said.\n\n— Local Council (@council) May 3, 2020\n\n"
        "Like Us on Facebook for more"
    )
    spans = [text[s:e] for s, e in boilerplate_spans(text, title="Heavy fighting in Deraa")]
    assert "Also Read: Ten things about tanks" in spans
    assert "Related headline between paragraphs" in spans
    assert "Like Us on Facebook for more" in spans
    assert not any("shelled" in s or "fled" in s or "@council" in s for s in spans)


def test_publication_date_inferred_from_dateline_or_unknown():
    assert infer_published("Rebels advance\nMarch 3, 2021\n\nBody text.") == "2021-03-03"
    assert infer_published("Rebels advance\n\nNo date anywhere in this text.") is None


@pytest.fixture
def bad_dir(tmp_path):
    d = tmp_path / "batch"
    d.mkdir()
    (d / "good.txt").write_text("Clashes in Daraa\n\nFighting killed 3 people on Monday.\n")
    (d / "good2.md").write_text("# Strike on Ariha\n\nAn airstrike hit a market, killing 7.\n")
    (d / "page.html").write_text(
        "<html><head><title>Shelling in Hama</title><script>alert('x')</script>"
        "<style>p{}</style></head><body><p>Artillery shelled Kafr Zita on Sunday.</p></body></html>"
    )
    (d / "empty.txt").write_text("")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" + bytes(range(256)))
    (d / "latin1.txt").write_bytes("Caf\xe9 bombed in Homs".encode("latin-1"))
    (d / "records.jsonl").write_text(
        json.dumps(
            {"id": "r1", "title": "One", "text": "Shelling hit Douma on May 2.", "source": "x"}
        )
        + "\n{not json\n"
        + json.dumps({"id": "r3", "text": ""})
        + "\n"
        + json.dumps({"id": "r4", "text": "Rockets hit Azaz, killing two."})
        + "\n"
    )
    (d / "notext.csv").write_text("id,title,body_html\n1,A,<p>x</p>\n")
    (d / "ok.csv").write_text(
        'id,title,text,published\nc1,T,"Clashes near Tal Rifaat, 4 dead.",2020-01-02\n'
    )
    (d / "huge.txt").write_bytes(b"a" * (50 * 1024 * 1024))
    (d / "markup.txt").write_text(
        "[bold red]Alarm[/] [@click=app.quit]quit[/] \x1b[31mred\x1b[0m \x1b]0;pwned\x07 title\n\nbody [link=http://x]x[/link]"
    )
    locked = d / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    yield d
    locked.chmod(0o644)


def test_bad_inputs_one_line_each_rest_ingested(db_path, bad_dir):
    result = CliRunner().invoke(
        main,
        ["--db", db_path, "ingest", str(bad_dir), str(bad_dir / "missing.txt"), "--no-extract"],
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    text = "\n".join(errors)
    expect = {
        "empty.txt": "empty file",
        "binary.txt": "binary",
        "latin1.txt": "not valid UTF-8",
        "records.jsonl:2": "malformed JSON",
        "records.jsonl:3": "text is empty",
        "notext.csv": "no text column",
        "huge.txt": "too large",
        "missing.txt": "no such file",
    }
    if os.geteuid() != 0:  # root reads any file regardless of permissions
        expect["locked.txt"] = "permission denied"
    for where, what in expect.items():
        assert any(where in e and what in e for e in errors), (where, text)
    assert len(errors) == len(expect)
    # good, good2, page, r1, r4, c1, markup (+ locked.txt when root can read it anyway)
    assert f"ingested {7 if os.geteuid() != 0 else 8} new" in result.output


def test_markup_and_escapes_are_stored_as_plain_text(store, bad_dir):
    ingest_paths(store, [str(bad_dir / "markup.txt")])
    text = store.scalar("SELECT text FROM articles")
    assert "\x1b" not in text and "\x07" not in text
    assert "[@click=app.quit]" in text and "[bold red]" in text  # literal, not interpreted
    html = ingest_paths(store, [str(bad_dir / "page.html")])
    row = store.row("articles", html.added[0])
    assert (
        row["title"] == "Shelling in Hama"
        and "alert" not in row["text"]
        and "p{}" not in row["text"]
    )


def test_jsonl_and_csv_records_keep_ids_and_metadata(store, bad_dir):
    report = ingest_paths(store, [str(bad_dir / "records.jsonl"), str(bad_dir / "ok.csv")])
    rows = {r["record_id"]: r for r in store.query("SELECT * FROM articles")}
    assert set(rows) == {"r1", "r4", "c1"}
    assert json.loads(rows["r1"]["meta"]) == {"source": "x"}
    assert rows["c1"]["published"] == "2020-01-02" and rows["c1"]["published_source"] == "given"
    assert len(report.problems) == 2


def test_bad_manifest_is_one_clear_error(db_path, tmp_path):
    bad = tmp_path / "m.csv"
    bad.write_text("name,title\nx,y\n")
    result = run(db_path, "ingest", str(seed_dir()), "--manifest", str(bad))
    assert result.exit_code == 1 and "manifest needs a 'file' column" in result.output


def test_a_folder_with_its_own_manifest_uses_it(db_path):
    out = run(db_path, "ingest", str(seed_dir()), "--no-extract")
    assert out.exit_code == 0, out.output
    assert "used as the manifest of its folder" in out.output
    rows = json.loads("[" + ",".join(run(db_path, "articles", "list", "--format", "jsonl")
                                     .output.splitlines()) + "]")  # fmt: skip
    assert len(rows) == 4 and all(r["published_source"] == "given" for r in rows)


def test_a_records_csv_named_manifest_is_still_records(db_path, tmp_path):
    (tmp_path / "manifest.csv").write_text("id,text\nr1,Gunmen attacked a checkpoint.\n")
    out = run(db_path, "ingest", str(tmp_path), "--no-extract")
    assert out.exit_code == 0 and "ingested 1 new" in out.output, out.output


def test_a_record_that_only_names_an_article_is_refused(store, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "G1", "article": "p01_market.txt", "required": true}\n')
    report = ingest_paths(store, [str(gold)])
    assert report.added == []
    assert "is not article text" in str(report.problems[0])


def test_a_record_whose_text_is_not_a_string_says_what_it_is(store, tmp_path):
    feed = tmp_path / "feed.jsonl"
    good = "Gunmen attacked a checkpoint near Tal Rifaat, killing four soldiers."
    lines = ['{"id": "n", "text": 42}', '{"id": "l", "body": ["a"]}', '{"id": "b", "text": true}',
             '{"id": "cut", "text": "Government forces sh', json.dumps({"id": "ok", "text": good})]  # fmt: skip
    feed.write_text("\n".join(lines) + "\n")
    report = ingest_paths(store, [str(feed)])
    problems = [str(p) for p in sorted(report.problems, key=lambda p: p.line or 0)]
    assert problems[0].endswith("feed.jsonl:1: record 'text' is a number, not text"), problems
    assert problems[1].endswith("feed.jsonl:2: record 'body' is a list, not text"), problems
    assert problems[2].endswith("feed.jsonl:3: record 'text' is true (a boolean), not text")
    assert "at at" not in problems[3] and "malformed JSON" in problems[3], problems[3]
    assert len(problems) == 4 and len(report.added) == 1


def test_a_record_over_the_size_limit_says_so_even_as_one_word(store, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "huge", "text": "' + "x" * (11 * 1024 * 1024) + '"}\n')
    report = ingest_paths(store, [str(feed)])
    assert "too large for one article (11.0 MB; limit 10 MB)" in str(report.problems[0])


def test_a_mention_of_twitter_in_body_text_is_not_boilerplate():
    body = (
        "Government forces shelled the town on Monday, the ministry said on Twitter. Residents "
        "fled north as the bombardment went on through the night and into the next day, a "
        "monitor said."
    )
    assert boilerplate_spans(body) == []
    assert boilerplate_spans(f"{body}\n\nFollow us on Twitter") == [[len(body) + 2, len(body) + 22]]
    short = "Officials said on Twitter that the army shelled the town on Monday."
    assert boilerplate_spans(f"{short}\n\n{body}") == []


def test_the_only_line_of_a_text_is_never_boilerplate():
    assert boilerplate_spans("Watch: troops shelled Qardaha on Wednesday") == []
    assert boilerplate_spans("Troops enter Afrin", title="Troops enter Afrin") == []
    # Lines of spaces (a tab, an em space, a no-break space) around it are no lines with text.
    assert boilerplate_spans("\n \t\n\u2003\nWatch: troops shelled Qardaha\n\u00a0\n\n") == []


def test_first_and_last_lines_with_text_are_found_past_blank_ones():
    body = "Government forces shelled the town on Monday, a monitor said."
    text = (
        f" \n\u2003\nRebels Take The Hill\n{body}\nResidents Flee North\n{body}\n\t\nShop Now \n \n"
    )
    spans = [text[s:e] for s, e in boilerplate_spans(text)]
    # The short line between paragraphs and the last line with text (a footer, its trailing
    # space in its span); not the first, a headline.
    assert spans == ["Residents Flee North", "Shop Now "]


def test_a_csv_line_over_the_limit_is_refused_without_reading_it_whole(monkeypatch, tmp_path):
    # A 200 MB line was read whole (1.4 GB peak) before the csv module's field limit
    # refused it; now no line longer than the limit is ever read (bench/hostile: memory).
    from workbench.ingest import records

    monkeypatch.setattr(records, "MAX_ARTICLE_BYTES", 500)
    good = "Gunmen attacked a checkpoint near Tal Rifaat, killing four soldiers."
    path = tmp_path / "rows.csv"
    path.write_text(f'id,text\nr1,"{good}"\nr2,"{"word " * 1000}"\nr3,"{good}"\n')
    with path.open("rb") as fh:
        items = list(records.read_csv(path, fh))
    assert isinstance(items[0], records.Record) and items[0].record_id == "r1"
    assert len(items) == 2 and isinstance(items[1], records.Problem)
    assert "rows.csv:3: line is too large for one article record" in str(items[1])
