"""`powtrack check`: breakdowns, promised vs returned, held figures before and after."""

from __future__ import annotations

from datetime import date

from ledger_data import add, swap
from powtrack.books import check
from powtrack.records import Held


def findings(store):
    store.resolve()
    return check(store.all_exchanges(), store.held_figures())


def test_balanced_books_give_no_finding(store):
    add(store, "A.", swap("2024-01-03", 230, 248, total=478,
                          breakdown={"Ukraine": {"military": 224, "civilians": 6}},
                          promised={"Russia": 250}, refused={"Russia": 2}), id="a")
    assert findings(store) == []


def test_parts_that_do_not_add_up_to_the_side_figure_are_a_finding(store):
    add(store, "A.", swap("2024-01-03", 230, 248,
                          breakdown={"Ukraine": {"military": 214, "civilians": 6}}), id="kp")
    [f] = findings(store)
    assert f.check == "breakdown"
    assert f.message == "Ukraine: 214 military + 6 civilians = 220, but 230 returned"
    assert f.figures == {"party": "Ukraine", "returned": 230, "military": 214, "civilians": 6}
    assert f.sources == ["kp"]
    assert f.exchange_id == store.exchanges()[0]["id"]


def test_a_part_larger_than_the_whole_is_a_finding(store):
    add(store, "A.", swap("2024-01-03", 30, 30, breakdown={"Ukraine": {"wounded": 31}}), id="a")
    [f] = findings(store)
    assert f.message == "Ukraine: 31 wounded, more than the 30 returned"


def test_a_total_that_is_not_both_sides_added_is_a_finding(store):
    add(store, "A.", swap("2024-01-03", 100, 100, total=210), id="a")
    [f] = findings(store)
    assert (f.check, f.message) == ("total", "total 210, but 100 + 100 = 200 returned")


def test_promised_must_equal_returned_refused_and_absent(store):
    add(store, "A.", swap("2024-01-03", 100, 95, promised={"Russia": 100},
                          refused={"Russia": 3}), id="a")
    [f] = findings(store)
    assert f.check == "promised"
    assert f.message == "Russia: 100 promised, but 95 returned + 3 refused = 98"
    assert f.figures["absent"] is None


def test_findings_cite_the_documents_that_state_the_figures(store):
    add(store, "A.", swap("2024-01-03", 230, 248,
                          breakdown={"Ukraine": {"military": 214, "civilians": 6}}), id="a")
    add(store, "B.", swap("2024-01-03", 230, 248), id="b")
    [f] = findings(store)
    assert f.sources == ["a", "b"]


def held_report(store, id, day, count, qualifier="exact"):
    add(store, f"Held {id}.", id=id, published=day,
        held=[Held("Russia", "Ukraine", count, qualifier, date.fromisoformat(day))])


def test_held_figures_that_fall_by_the_number_returned_give_no_finding(store):
    held_report(store, "h1", "2024-01-01", 1000)
    add(store, "Swap.", swap("2024-01-10", 200, 200), id="s")
    held_report(store, "h2", "2024-02-01", 800)
    assert findings(store) == []


def test_held_figures_that_do_not_fall_by_the_number_returned_are_a_finding(store):
    held_report(store, "h1", "2024-01-01", 1000)
    add(store, "Swap.", swap("2024-01-10", 200, 200), id="s")
    held_report(store, "h2", "2024-02-01", 950)
    [f] = findings(store)
    assert f.check == "held"
    assert f.message == ("Russia held 1,000 Ukraine captives on 2024-01-01 and 950 on "
                         "2024-02-01; 200 came home on 2024-01-10, so about 800 were expected")
    assert f.figures["expected_after"] == 800
    assert f.sources == ["h1", "h2", "s"]


def test_held_check_counts_every_swap_between_the_two_figures(store):
    held_report(store, "h1", "2024-01-01", 1000)
    add(store, "Swap 1.", swap("2024-01-10", 200, 200), id="s1")
    add(store, "Swap 2.", swap("2024-01-25", 100, 100), id="s2")
    held_report(store, "h2", "2024-02-01", 700)
    assert findings(store) == []
