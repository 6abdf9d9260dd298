"""Score arithmetic on hand-built gold and predicted records (SCHEMA.md scores)."""

from __future__ import annotations

import copy
import json

import pytest

from powtrack.evaluate import errors, format_errors, format_scores, load_jsonl, score

RATE_SCORES = ["relevance_f1", "count_f1", "all_count_f1", "date_accuracy", "mediator_f1",
               "status_accuracy", "shortfall_f1", "held_f1", "location_recall"]


def event(**fields) -> dict:
    base = {"status": "completed", "date": None, "date_text": None,
            "parties": ["Ukraine", "Russia"], "returned": {}, "breakdown": {},
            "mediators": [], "location": None, "main": True}
    base.update(fields)
    return base


def record(doc_id: str, *events: dict, held=(), relevant=None) -> dict:
    return {"id": doc_id, "relevant": bool(events) if relevant is None else relevant,
            "events": list(events), "held": list(held)}


GOLD = [
    record(
        "d1",
        event(date="2024-01-03", returned={"Ukraine": [230], "Russia": [248]},
              breakdown={"Ukraine": {"military": 224, "civilians": 6}},
              mediators=["United Arab Emirates"], location="a checkpoint near Sumy"),
        event(main=False, date="2023-12-01", returned={"Ukraine": [50]}),
        held=[{"held_by": "Russia", "of": "Ukraine", "count": 8000, "qualifier": "about",
               "date": None}],
    ),
    record(
        "d2",
        event(parties=["Ukraine", "Donbas separatists"],
              returned={"Ukraine": [74], "Donbas separatists": [237]},
              promised={"Donbas separatists": 306}, refused={"Donbas separatists": 29},
              absent={"Donbas separatists": 40}, mediators=["OSCE"]),
    ),
    record("d3"),
]


def test_perfect_prediction_scores_one_everywhere():
    scores = score(GOLD, copy.deepcopy(GOLD))
    assert {name: scores[name] for name in RATE_SCORES} == {name: 1.0 for name in RATE_SCORES}
    assert scores["invented_dates"] == 0
    assert scores["n_docs"] == 3
    assert scores["n_gold_main_events"] == 2
    assert errors(GOLD, copy.deepcopy(GOLD)) == []


def test_count_f1_with_one_missed_and_one_extra_value():
    gold = [record("d", event(returned={"Ukraine": [207, 195], "Russia": [248]}))]
    pred = [record("d", event(returned={"Ukraine": [207], "Russia": [248, 250]}))]
    # gold 3 triples, pred 3 triples, 2 shared: P = R = 2/3
    assert score(gold, pred)["count_f1"] == pytest.approx(2 / 3)
    [err] = errors(gold, pred)
    assert err == {"id": "d", "score": "count", "missed": ["Ukraine=195"],
                   "extra": ["Russia=250"]}


def test_count_f1_is_micro_averaged_over_documents():
    gold = [record("a", event(returned={"Ukraine": [1], "Russia": [2]})),
            record("b", event(returned={"Ukraine": [3]}))]
    pred = [record("a", event(returned={"Ukraine": [1], "Russia": [2]})),
            record("b", event(returned={"Ukraine": [4]}))]
    # 3 gold, 3 pred, 2 shared (the same value in another document does not count)
    assert score(gold, pred)["count_f1"] == pytest.approx(2 / 3)


def test_count_f1_uses_main_events_and_all_count_f1_uses_every_event():
    gold = [record("d", event(returned={"Ukraine": [100]}),
                   event(main=False, returned={"Ukraine": [50]}))]
    pred = [record("d", event(returned={"Ukraine": [100], "Russia": [50]}))]
    scores = score(gold, pred)
    assert scores["count_f1"] == pytest.approx(2 * 1 / (1 + 2))
    assert scores["all_count_f1"] == pytest.approx(2 * 1 / (2 + 2))


def test_missing_prediction_counts_as_not_relevant_with_nothing_found():
    scores = score(GOLD, [])
    assert scores["relevance_f1"] == 0.0
    assert scores["count_f1"] == 0.0
    assert scores["held_f1"] == 0.0
    assert scores["status_accuracy"] == 0.0
    assert scores["n_pred_missing"] == 3
    missed = {(e["id"], e["score"]) for e in errors(GOLD, [])}
    assert ("d1", "relevance") in missed and ("d2", "count") in missed


def test_relevance_f1_counts_false_positives_and_negatives():
    gold = [record("a", relevant=True), record("b", relevant=True), record("c", relevant=False)]
    pred = [record("a", relevant=True), record("b", relevant=False), record("c", relevant=True)]
    # TP 1, FP 1, FN 1
    assert score(gold, pred)["relevance_f1"] == pytest.approx(0.5)
    errs = {(e["id"], tuple(e["missed"]), tuple(e["extra"])) for e in errors(gold, pred)}
    assert errs == {("b", ("relevant",), ()), ("c", (), ("relevant",))}


def test_f1_is_one_when_gold_and_prediction_are_both_empty():
    gold = [record("x", relevant=False)]
    scores = score(gold, [record("x", relevant=False)])
    assert scores["relevance_f1"] == 1.0
    assert scores["count_f1"] == 1.0
    assert scores["held_f1"] == 1.0


def test_date_accuracy_and_invented_dates():
    gold = [record("a", event(date="2024-01-03")),
            record("b", event(date="2024-02-07")),
            record("c", event(date=None)),
            record("d", event(date=None))]
    pred = [record("a", event(date="2024-01-03")),
            record("b", event(date="2024-02-06")),
            record("c", event(date="2023-12-27")),
            record("d", event(date=None))]
    scores = score(gold, pred)
    assert scores["date_accuracy"] == pytest.approx(1 / 2)
    assert scores["invented_dates"] == 1
    assert scores["n_gold_main_dates"] == 2
    dated = {e["id"]: (e["missed"], e["extra"]) for e in errors(gold, pred) if e["score"] == "date"}
    assert dated == {"b": (["2024-02-07"], ["2024-02-06"]),
                     "c": ([], ["2023-12-27 (gold has no date)"])}


def test_several_main_events_pair_by_parties():
    gold = [record("d",
                   event(parties=["Armenia", "Azerbaijan"], date="2023-12-13", status="completed"),
                   event(parties=["Ukraine", "Russia"], date="2023-12-20", status="agreed"))]
    pred = [record("d",
                   event(parties=["Russia", "Ukraine"], date="2023-12-20", status="agreed"),
                   event(parties=["Azerbaijan", "Armenia"], date="2023-12-13",
                         status="completed"))]
    scores = score(gold, pred)
    assert scores["date_accuracy"] == 1.0
    assert scores["status_accuracy"] == 1.0


def test_status_accuracy_counts_gold_main_events_with_the_same_status():
    gold = [record("a", event(status="completed")), record("b", event(status="failed")),
            record("c", event(status="agreed"))]
    pred = [record("a", event(status="completed")), record("b", event(status="agreed")),
            record("c", event(status="agreed", main=False))]
    # c has no predicted main event, so it is wrong too
    assert score(gold, pred)["status_accuracy"] == pytest.approx(1 / 3)


def test_mediator_f1_over_main_event_mediators():
    gold = [record("d", event(mediators=["United Arab Emirates", "Vatican"]),
                   event(main=False, mediators=["Qatar"]))]
    pred = [record("d", event(mediators=["United Arab Emirates", "Turkey", "Qatar"]))]
    # gold 2, pred 3, 1 shared
    assert score(gold, pred)["mediator_f1"] == pytest.approx(2 * 1 / 5)


def test_shortfall_f1_covers_promised_refused_absent_and_breakdown():
    gold = [record("d", event(promised={"Russia": 306}, refused={"Russia": 29},
                              absent={"Russia": 40},
                              breakdown={"Ukraine": {"military": 224, "civilians": 6}}))]
    pred = [record("d", event(promised={"Russia": 306}, refused={"Russia": 40},
                              breakdown={"Ukraine": {"military": 224}}))]
    # gold 5 items, pred 3 items, shared: promised, military
    assert score(gold, pred)["shortfall_f1"] == pytest.approx(2 * 2 / 8)
    [err] = [e for e in errors(gold, pred) if e["score"] == "shortfall"]
    assert err["missed"] == ["absent Russia=40", "breakdown.civilians Ukraine=6",
                             "refused Russia=29"]
    assert err["extra"] == ["refused Russia=40"]


def test_held_f1_over_holder_captives_and_count():
    held = [{"held_by": "Russia", "of": "Ukraine", "count": 8000, "qualifier": "about"},
            {"held_by": "Ukraine", "of": "Russia", "count": 1200, "qualifier": "exact"}]
    gold = [record("d", held=held)]
    pred = [record("d", held=[dict(held[0], qualifier="exact"),
                              {"held_by": "Ukraine", "of": "Russia", "count": 1300}])]
    assert score(gold, pred)["held_f1"] == pytest.approx(0.5)
    [err] = errors(gold, pred)
    assert err["missed"] == ["Ukraine holds Russia=1200"]
    assert err["extra"] == ["Ukraine holds Russia=1300"]


def test_location_recall_needs_a_shared_capitalised_word():
    gold = [record("a", event(location="military checkpoint Mayorske near Horlivka")),
            record("b", event(location="Ankara airport")),
            record("c", event(location="the Belarus border")),
            record("d", event(location=None))]
    pred = [record("a", event(location="Horlivka")),
            record("b", event(location="the airport")),
            record("c", event(location=None)),
            record("d", event(location="Geneva"))]
    scores = score(gold, pred)
    assert scores["n_gold_main_locations"] == 3
    assert scores["location_recall"] == pytest.approx(1 / 3)


def test_party_names_are_canonicalised_before_comparing():
    aliases = {"Kyiv": "Ukraine", "Moscow": "Russia", "UAE": "United Arab Emirates"}

    def canonical(name: str) -> str:
        return aliases.get(name, name)

    gold = [record("d", event(returned={"Ukraine": [230], "Russia": [248]},
                              mediators=["United Arab Emirates"]),
                   held=[{"held_by": "Russia", "of": "Ukraine", "count": 8000}])]
    pred = [record("d", event(parties=["Kyiv", "Moscow"],
                              returned={"Kyiv": [230], "Moscow": [248]}, mediators=["UAE"]),
                   held=[{"held_by": "Moscow", "of": "Kyiv", "count": 8000}])]
    scores = score(gold, pred, canonical=canonical)
    assert scores["count_f1"] == scores["mediator_f1"] == scores["held_f1"] == 1.0
    assert score(gold, pred, canonical=lambda name: name)["count_f1"] == 0.0


def test_party_aliases_from_the_lexicon_are_used_by_default():
    lexicon = pytest.importorskip("powtrack.extraction.lexicon")
    if not hasattr(lexicon, "canonical_party"):
        pytest.skip("the lexicon has no canonical_party yet")
    gold = [record("d", event(parties=["Ukraine", "Donbas separatists"],
                              returned={"Ukraine": [74], "Donbas separatists": [237]}))]
    pred = [record("d", event(parties=["Kyiv", "DPR"], returned={"Kyiv": [74], "DPR": [237]}))]
    assert score(gold, pred)["count_f1"] == 1.0


def test_errors_list_background_counts_only_when_count_has_not_shown_them():
    gold = [record("d", event(returned={"Ukraine": [100]}),
                   event(main=False, returned={"Ukraine": [50]}))]
    pred = [record("d", event(returned={"Ukraine": [90]}))]
    got = {e["score"]: (e["missed"], e["extra"]) for e in errors(gold, pred)}
    assert got["count"] == (["Ukraine=100"], ["Ukraine=90"])
    assert got["all_count"] == (["Ukraine=50"], [])


def test_format_scores_aligns_names_and_prints_three_decimals():
    text = format_scores({"count_f1": 2 / 3, "invented_dates": 2, "n_docs": 10})
    assert text.splitlines() == ["count_f1        0.667",
                                 "invented_dates  2",
                                 "n_docs          10"]


def test_format_errors_prints_one_line_per_document_and_score():
    gold = [record("w001", event(returned={"Ukraine": [195]}))]
    pred = [record("w001", event(returned={"Russia": [207]}))]
    assert format_errors(errors(gold, pred)) == "w001  count  missed Ukraine=195  extra Russia=207"
    assert format_errors([]) == "no errors"


def test_load_jsonl_reads_records_and_names_bad_lines(tmp_path):
    path = tmp_path / "pred.jsonl"
    path.write_text(json.dumps(record("a")) + "\n\n" + json.dumps(record("b")) + "\n",
                    encoding="utf-8")
    assert [r["id"] for r in load_jsonl(path)] == ["a", "b"]
    path.write_text(json.dumps(record("a")) + "\n{broken\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"pred\.jsonl:2"):
        load_jsonl(path)


def _swap_report(doc_id: str, key: str, text: str, returned: dict, day: str) -> dict:
    return {"id": doc_id, "text": text, "published": day, "relevant": True,
            "events": [{"main": True, "status": "completed", "date": day,
                        "parties": sorted(returned), "returned": returned, "swap_key": key}]}


def test_ledger_scores_count_a_swap_split_over_two_exchanges():
    from powtrack import evaluate as ev
    from powtrack.pipeline import extract

    gold = [
        _swap_report("a", "A|B|1", "Ukraine and Russia swapped 90 prisoners each on Monday.",
                     {"Ukraine": [90], "Russia": [90]}, "2024-05-06"),
        _swap_report("b", "A|B|1", "On Monday Russia and Ukraine exchanged 90 captives each.",
                     {"Ukraine": [90], "Russia": [90]}, "2024-05-06"),
        # the same swap, but this report dates it a month later: the ledger cannot join it
        _swap_report("c", "A|B|1", "Ukraine and Russia swapped 90 prisoners each on June 7.",
                     {"Ukraine": [90], "Russia": [90]}, "2024-06-07"),
    ]
    records = {g["id"]: extract(g["text"], published=g["published"], id=g["id"]) for g in gold}
    scores = ev.score_ledger(gold, records)
    assert scores["bcubed_precision"] == 1.0
    assert scores["bcubed_recall"] == round((2 / 3 + 2 / 3 + 1 / 3) / 3, 3)
    assert scores["swaps_split_or_merged"] == 1.0
    assert scores["n_exchanges"] == 2
