"""Grouping mentions into exchanges and choosing consensus figures (no database)."""

from __future__ import annotations

import random
from datetime import date

from ledger_data import D, swap
from powtrack.resolve import (
    WINDOW,
    components,
    mention_from_event,
    resolve,
    speaks_for,
    weekday_only,
)

_n = 0


def m(event, published="2024-01-04", outlet=None, doc=None):
    """A mention of ``event`` in its own document (a new outlet each time by default)."""
    global _n
    _n += 1
    doc = doc or f"doc{_n:04d}"
    return mention_from_event(event, doc, 0, D(published) if published else None,
                              outlet or f"outlet{_n}.example")


def one(mentions):
    res = resolve(mentions)
    assert len(res.exchanges) == 1, [(x.date, x.mention_ids) for x in res.exchanges]
    return res.exchanges[0]


def fig(x, field, party=None):
    return next(c for c in x.consensus if c.field == field and c.party == party)


def test_reports_of_the_same_swap_from_different_documents_make_one_exchange():
    x = one([m(swap("2024-01-03", 230, 248)), m(swap("2024-01-03", 230, 248)),
             m(swap("2024-01-03", 230, 248), published="2024-01-05")])
    assert x.status == "completed"
    assert x.date == date(2024, 1, 3)
    assert x.figure("returned", "Ukraine") == 230
    assert x.figure("returned", "Russia") == 248
    assert len(x.document_ids) == 3


def test_parties_in_any_order_are_the_same_pair():
    one([m(swap("2024-01-03", 230, 248)),
         m(swap("2024-01-03", 248, 230, parties=("Russia", "Ukraine")))])


def test_reports_a_day_apart_with_a_shared_figure_are_one_swap():
    one([m(swap("2024-01-03", 230, 248)), m(swap("2024-01-04", 230, 248))])


def test_swaps_on_different_dates_stay_apart():
    res = resolve([m(swap("2024-01-03", 230, 248)), m(swap("2024-01-20", 230, 248))])
    assert len(res.exchanges) == 2


def test_consecutive_days_with_different_figures_are_different_swaps():
    res = resolve([m(swap("2025-05-24", 307, 307)), m(swap("2025-05-25", 303, 303))])
    assert len(res.exchanges) == 2


def test_clashing_figures_on_the_same_day_are_different_swaps():
    res = resolve([m(swap("2024-01-03", 100, 100)), m(swap("2024-01-03", 500, 500))])
    assert len(res.exchanges) == 2


def test_a_swap_of_remains_is_not_merged_with_a_prisoner_swap_on_the_same_day():
    bodies = swap("2024-01-03", breakdown={"Ukraine": {"bodies": 500}})
    res = resolve([m(swap("2024-01-03", 100, 100)), m(bodies)])
    assert len(res.exchanges) == 2


def test_different_parties_are_never_merged():
    res = resolve([m(swap("2024-01-03", 50, 50)),
                   m(swap("2024-01-03", 50, 50, parties=("Armenia", "Azerbaijan")))])
    assert {x.pair for x in res.exchanges} == {"Russia / Ukraine", "Armenia / Azerbaijan"}


def test_close_but_different_figures_are_one_swap_with_a_conflict():
    kyiv = swap("2024-01-03", 207, 195, said_by={"Ukraine": "Ukraine's ombudsman"})
    moscow = swap("2024-01-03", 200, 195)
    third = swap("2024-01-03", 207, 195)
    x = one([m(kyiv), m(moscow), m(third)])
    returned = fig(x, "returned", "Ukraine")
    assert returned.conflict
    assert returned.number == 207
    assert returned.rule == "majority (2 of 3 sources)"
    assert [c["value"] for c in returned.candidates] == ["207", "200"]
    assert returned.stated == "207 (2 sources); 200 (1 source)"
    assert x.n_conflicts == 1


def test_tie_is_broken_by_the_receiving_sides_own_figure():
    own = swap("2024-01-03", 207, said_by={"Ukraine": "Ukraine's Coordination Headquarters"})
    other = swap("2024-01-03", 195, said_by={"Ukraine": "Russia's Defence Ministry"})
    returned = fig(one([m(other), m(own)]), "returned", "Ukraine")
    assert returned.number == 207
    assert returned.rule == "tie broken by Ukraine's own figure"


def test_tie_without_own_figure_is_broken_by_the_latest_report():
    early = m(swap("2024-01-03", 195), published="2024-01-03")
    late = m(swap("2024-01-03", 207), published="2024-01-05")
    returned = fig(one([late, early]), "returned", "Ukraine")
    assert returned.number == 207
    assert returned.rule == "tie broken by the latest report"


def test_the_same_outlet_twice_counts_as_one_source():
    x = one([m(swap("2024-01-03", 200), outlet="a.example"),
             m(swap("2024-01-03", 200), outlet="a.example"),
             m(swap("2024-01-03", 207), outlet="b.example"),
             m(swap("2024-01-03", 207), outlet="c.example")])
    assert fig(x, "returned", "Ukraine").number == 207


def test_weekday_only_mention_joins_by_publication_date_and_figures():
    dated = m(swap("2024-01-03", 230, 248), published="2024-01-03")
    # the extractor resolved "on Wednesday" a week off; publication date and figures decide
    weekday = m(swap("2023-12-27", 230, 248, date_text="on Wednesday"), published="2024-01-04")
    x = one([dated, weekday])
    assert x.date == date(2024, 1, 3)


def test_undated_mention_joins_the_swap_its_figures_match():
    first = m(swap("2024-01-03", 230, 248))
    second = m(swap("2024-01-05", 100, 100))
    undated = m(swap(None, 100, 100), published="2024-01-06")
    res = resolve([first, second, undated])
    assert res.assignment[undated.id] == res.assignment[second.id]


def test_undated_mention_whose_figures_match_nothing_is_its_own_exchange():
    dated = m(swap("2024-01-03", 230, 248))
    undated = m(swap(None, 40, 40), published="2024-01-04")
    assert len(resolve([dated, undated]).exchanges) == 2


def test_undated_background_mention_joins_only_on_an_exact_figure():
    dated = m(swap("2024-01-03", 230, 248))
    matching = m(swap(None, 230, main=False), published="2024-01-04")
    stray = m(swap(None, 12, main=False), published="2024-01-04")
    res = resolve([dated, matching, stray])
    assert len(res.exchanges) == 1
    assert res.assignment[matching.id] == res.exchanges[0].id
    assert res.assignment[stray.id] is None


def test_agreed_then_completed_is_one_exchange_whose_status_moves_forward():
    agreed = m(swap(None, 1000, 1000, status="agreed"), published="2025-05-16")
    done = m(swap("2025-05-25", 1000, 1000), published="2025-05-25")
    x = one([done, agreed])
    assert x.status == "completed"
    assert x.status_history == {"agreed": "2025-05-16", "completed": "2025-05-25"}
    assert fig(x, "status").rule.startswith("furthest status")


def test_a_swap_postponed_then_done_is_one_exchange():
    failed = m(swap("2024-06-14", 90, 90, status="failed"), published="2024-06-14")
    done = m(swap("2024-06-20", 90, 90), published="2024-06-20")
    assert one([failed, done]).status == "completed"


def test_an_agreement_alone_stays_agreed():
    x = one([m(swap(None, 50, 50, status="agreed"))])
    assert x.status == "agreed"
    assert x.date is None


def test_multi_stage_swap_is_one_agreement_with_stages():
    agreement = m(swap(None, 1000, 1000, status="agreed"), published="2025-05-16")
    stages = [m(swap("2025-05-23", 390, 390), published="2025-05-23"),
              m(swap("2025-05-24", 307, 307), published="2025-05-24"),
              m(swap("2025-05-25", 303, 303), published="2025-05-25")]
    res = resolve([agreement, *stages])
    parent = next(x for x in res.exchanges if x.parent_id is None)
    children = sorted((x for x in res.exchanges if x.parent_id), key=lambda x: x.stage)
    assert len(children) == 3
    assert [c.figure("returned", "Ukraine") for c in children] == [390, 307, 303]
    assert [c.stage for c in children] == [1, 2, 3]
    assert all(c.parent_id == parent.id for c in children)
    # every stage done and they add up to the whole: the agreement is completed
    assert parent.status == "completed"
    assert parent.date == date(2025, 5, 25)


def test_stages_join_the_report_of_the_whole_swap_completed():
    agreement = m(swap(None, 1000, 1000, status="agreed"), published="2025-05-16")
    whole = m(swap("2025-05-25", 1000, 1000), published="2025-05-25")
    stages = [m(swap("2025-05-23", 390, 390)), m(swap("2025-05-24", 307, 307)),
              m(swap("2025-05-25", 303, 303))]
    res = resolve([agreement, whole, *stages])
    parents = [x for x in res.exchanges if x.parent_id is None]
    assert len(parents) == 1
    assert set(parents[0].mention_ids) == {agreement.id, whole.id}
    assert sum(x.parent_id == parents[0].id for x in res.exchanges) == 3


def test_an_unrelated_small_swap_near_a_big_one_is_not_a_stage():
    res = resolve([m(swap("2024-01-03", 1000, 1000)), m(swap("2024-01-01", 50, 50))])
    assert all(x.parent_id is None for x in res.exchanges)


def test_result_does_not_depend_on_the_order_of_mentions():
    mentions = [m(swap("2024-01-03", 230, 248)), m(swap("2024-01-03", 229, 248)),
                m(swap(None, 230, 248), published="2024-01-05"),
                m(swap(None, 75, 75, status="agreed"), published="2024-02-01"),
                m(swap("2024-02-07", 75, 75)), m(swap("2024-02-08", 75, 76))]
    reference = resolve(mentions)
    for seed in range(5):
        shuffled = list(mentions)
        random.Random(seed).shuffle(shuffled)
        again = resolve(shuffled)
        assert [(x.id, x.mention_ids) for x in again.exchanges] == \
            [(x.id, x.mention_ids) for x in reference.exchanges]


def test_exchange_id_stays_when_a_later_report_arrives():
    first = m(swap("2024-01-03", 230, 248), published="2024-01-03")
    later = m(swap("2024-01-03", 230, 248), published="2024-01-09")
    assert one([first]).id == one([first, later]).id


def test_components_are_cut_where_reports_are_more_than_the_window_apart():
    d = date(2024, 1, 1)
    from datetime import timedelta

    points = [("a", "X / Y", d), ("b", "X / Y", d + timedelta(days=WINDOW)),
              ("c", "X / Y", d + timedelta(days=2 * WINDOW + 1)), ("d", "X / Z", d),
              ("e", "X / Y", None)]
    assert components(points) == [["a", "b"], ["c"], ["d"], ["e"]]


def test_mediators_are_every_mediator_any_source_names():
    x = one([m(swap("2024-01-03", 5, 5, mediators=["Qatar"])),
             m(swap("2024-01-03", 5, 5, mediators=["Qatar", "Turkey"]))])
    assert x.mediators == ["Qatar", "Turkey"]


def test_claims_keep_the_sentence_and_attribution_of_each_figure():
    mention = m(swap("2024-01-03", 230, said_by={"Ukraine": "Kyiv"}))
    claim = next(c for c in mention.claims if c.field == "returned")
    assert (claim.party, claim.number, claim.attributed_to) == ("Ukraine", 230, "Kyiv")
    assert claim.sentence == "230 people came home to Ukraine."


def test_weekday_only_dates_are_recognised():
    assert weekday_only("on Wednesday")
    assert weekday_only("last Friday")
    assert not weekday_only("on Wednesday, Jan. 3")
    assert not weekday_only(None)


def test_attribution_names_its_side_through_aliases():
    assert speaks_for("Kyiv", "Ukraine")
    assert speaks_for("Russia's Defence Ministry", "Russia")
    assert not speaks_for("Russia's Defence Ministry", "Ukraine")


def test_a_postponed_swap_done_later_is_not_a_status_conflict():
    failed = m(swap("2024-06-14", 90, 90, status="failed"), published="2024-06-14")
    done = m(swap("2024-06-20", 90, 90), published="2024-06-20")
    assert not fig(one([failed, done]), "status").conflict


def test_a_failure_reported_for_the_day_of_a_completed_swap_is_a_status_conflict():
    done = m(swap("2024-06-20", 90, 90), published="2024-06-20")
    failed = m(swap("2024-06-20", 90, 90, status="failed"), published="2024-06-20")
    x = one([failed, done])
    assert x.status == "completed"
    assert fig(x, "status").conflict
