"""Languages: identified when the source does not say; per-language scores."""

from __future__ import annotations

import json
import subprocess
import sys

import powtrack
from powtrack.document import Document
from powtrack.pipeline import process


def powtrack_cli(*args: str, stdin: str | None = None):
    return subprocess.run([sys.executable, "-m", "powtrack", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_a_document_without_a_language_gets_one_when_it_is_read_further():
    doc = Document(text="Україна та Росія провели обмін полоненими: додому повернулися 90 "
                        "українських військових, повідомив Координаційний штаб.")
    process(doc)
    assert doc.lang == "uk"


def test_a_given_language_is_kept():
    doc = Document(text="Ukraine and Russia swapped 90 prisoners each on Friday.", lang="en")
    process(doc)
    assert doc.lang == "en"


def test_a_report_in_a_script_no_pack_reads_is_identified_not_passed_over():
    doc = Document(text="中国和日本今天交换了战俘。双方各释放了五十名士兵，"
                        "这是多年来的第一次交换。")
    process(doc)
    assert doc.lang == "zh"


def test_ingest_counts_documents_in_languages_with_no_pack(tmp_path):
    text = "中国和日本今天交换了战俘。双方各释放了五十名士兵，这是多年来的第一次交换。官员们表示。"
    result = powtrack_cli("ingest", "-", "--db", f"sqlite:///{tmp_path / 'l.db'}", stdin=text)
    assert result.returncode == 0, result.stderr
    assert "1 documents in languages with no pack (zh: 1)" in result.stdout


def test_evaluate_reports_one_row_per_language(tmp_path):
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "a", "lang": "en", "published": "2024-01-05", "relevant": True,
         "text": "Ukraine and Russia swapped 90 prisoners each on Friday.",
         "events": [{"status": "completed", "date": "2024-01-05", "date_text": "on Friday",
                     "parties": ["Ukraine", "Russia"],
                     "returned": {"Ukraine": [90], "Russia": [90]}, "breakdown": {},
                     "mediators": [], "location": None, "main": True}], "held": []},
        {"id": "b", "lang": "fr", "published": "2024-01-05", "relevant": False,
         "text": "La banque centrale a maintenu ses taux.", "events": [], "held": []},
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = powtrack_cli("evaluate", str(gold), "--by-lang", "--json")
    assert result.returncode == 0, result.stderr
    table = json.loads(result.stdout)
    assert set(table) == {"en", "fr", "all"}
    assert table["en"]["count_f1"] == 1.0 and table["en"]["n_docs"] == 1
    assert table["all"]["n_docs"] == 2


def test_extract_takes_a_language():
    record = powtrack.extract("Ukraine and Russia swapped 90 prisoners each on Friday.",
                              published="2024-01-05", lang="en")
    assert record.events[0].returned == {"Ukraine": [90], "Russia": [90]}


def test_the_article_page_says_the_language_and_shows_the_text_as_written(tmp_path):
    from fastapi.testclient import TestClient

    from powtrack.serve import create_app
    from powtrack.store import Store, ingest

    text = ("Обмін полоненими\n\nУкраїна та Росія провели обмін полоненими у четвер: додому "
            "повернулися 90 українських військових, повідомив Координаційний штаб.")
    url = f"sqlite:///{tmp_path / 'uk.db'}"
    with Store.open(url) as store:
        ingest(store, [Document(text=text, id="uk-1", source="uk-1.txt")])
    with TestClient(create_app(url)) as client:
        page = client.get("/documents/uk-1").text
    assert "<dt>Language</dt><dd>uk</dd>" in page
    assert 'lang="uk"' in page
    assert "Координаційний штаб" in page


def test_a_proposal_in_another_language_is_no_swap():
    record = powtrack.extract(
        "Le président propose un échange\n\nLe président a proposé d'échanger 20 soldats "
        "russes contre des prisonniers ukrainiens, une proposition que Moscou n'a pas "
        "commentée.", published="2022-04-14", lang="fr")
    assert not record.relevant


def test_mediator_cues_come_from_the_packs():
    from powtrack.extraction.details import find_mediators

    # a cue after the name (Russian), thanks for help in the dative (Ukrainian),
    # names joined by another language's "and" (Italian)
    assert find_mediators("Турция выступила одним из организаторов обмена пленными.") == [
        ("Turkey", 0, 6)]
    ua = "У штабі подякували Міжнародному комітету Червоного Хреста за допомогу."
    assert [n for n, _, _ in find_mediators(ua)] == ["ICRC"]
    it = "Lo scambio di prigionieri è avvenuto grazie alla mediazione di Qatar ed Egitto."
    assert [n for n, _, _ in find_mediators(it)] == ["Qatar", "Egypt"]


def test_a_weekday_in_an_all_ascii_sentence_of_another_language_dates_the_swap():
    record = powtrack.extract(
        "Scambio di prigionieri\n\nSabato Mosca e Kiev si sono scambiate altri prigionieri. "
        "Ognuna delle due parti ha riportato in patria 120 militari.",
        published="2025-05-26", lang="it")
    ev = record.events[0]
    assert ev.date is not None and ev.date.isoformat() == "2025-05-24"
