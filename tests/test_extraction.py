"""The extractor's rules, one behaviour per test, on short articles written for these tests.

Every article here is written for this file (facts of real swaps, our own
words). Each test pins one rule of SCHEMA.md: how a figure is read and whose
people it counts, how a date resolves against the publication date, what makes
a mediator, a handover place, a held figure, a background swap, and what is not
a swap at all.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

import powtrack
from extracting import only_event, run
from powtrack.records import Record

# ---------------------------------------------------------------------------
# helpers


_WORD_VALUES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}


def spelled_value(span: str) -> int | None:
    """The number a span spells, in digits ("1,000") or words ("two hundred and seven")."""
    span = span.strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", span):
        return int(span.replace(",", ""))
    total, current = 0, 0
    for tok in re.split(r"[\s-]+", span.lower()):
        if tok in ("and", ""):
            continue
        if tok in _WORD_VALUES:
            current += _WORD_VALUES[tok]
        elif tok == "hundred":
            current = max(current, 1) * 100
        elif tok == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def assert_evidence_points_at_text(text: str, record: Record) -> None:
    """Every returned value has a span spelling it, inside the sentence it names."""
    for ev in record.events:
        for party, values in ev.returned.items():
            for value in values:
                spans = [e for e in ev.evidence
                         if e.field == "returned" and e.party == party and e.value == value]
                assert spans, f"no evidence for {party} {value}"
                for e in spans:
                    assert spelled_value(text[e.start:e.end]) == value, text[e.start:e.end]
        for e in ev.evidence:
            assert 0 <= e.start <= e.end <= len(text)
            assert e.sentence == text[e.sentence_start:e.sentence_start + len(e.sentence)]
            assert e.sentence_start <= e.start and e.end <= e.sentence_start + len(e.sentence)


# ---------------------------------------------------------------------------
# articles shared by several tests

DIGITS = (
    "Russia and Ukraine carried out a prisoner exchange on Saturday, the first in two months.\n"
    "Ukraine received 84 Ukrainian servicemen, the Coordination Headquarters said. Russia's "
    "Defence Ministry said 76 Russian soldiers were returned from Ukrainian-controlled territory.\n"
    "The freed men were taken to hospitals for medical checks."
)
WORDS = (
    "Ukraine and Russia swapped prisoners on Tuesday.\n"
    "Two hundred and seven Ukrainians returned home, President Zelensky said. Moscow said it "
    "received thirty-two Russian soldiers in the exchange.\n"
    "Relatives waited for hours at the hospital where the men were taken."
)
TWO_SOURCES = (
    "Ukraine and Russia exchanged prisoners on Wednesday after weeks of talks. "
    "Kyiv said 207 Ukrainians had returned home. "
    "Moscow said 195 Ukrainians were handed over, and that 248 Russian servicemen were returned. "
    "Neither side explained the gap between the two figures."
)
CLEAN = (
    "Ukraine and Russia exchanged prisoners on Friday, the Coordination Headquarters said.\n"
    "Kyiv said 207 Ukrainians returned home, while the Russian Defence Ministry said 195 "
    "Russian servicemen were freed.\n"
    "The exchange was brokered by the United Arab Emirates."
)
CLUTTERED = (
    "Ukraine and Russia exchanged prisoners on Friday, the Coordination Headquarters said.\n"
    "READ MORE: Grain exports rise as 500 ships leave Odesa ports\n"
    "Kyiv said 207 Ukrainians returned home, while the Russian Defence Ministry said 195 "
    "Russian servicemen were freed.\n"
    "CLICK HERE TO GET THE NEWSWIRE APP\n"
    "MARKETS SLUMP AS 300 FIRMS REPORT LOSSES IN SECOND QUARTER\n"
    "The exchange was brokered by the United Arab Emirates."
)


# ---------------------------------------------------------------------------
# numbers and whose people they count


def test_digit_figures_go_to_the_side_named_in_the_noun_phrase():
    ev = only_event(run(DIGITS, "2024-06-01"))
    assert sorted(ev.parties) == ["Russia", "Ukraine"]
    assert ev.returned == {"Ukraine": [84], "Russia": [76]}
    assert ev.breakdown == {}
    assert ev.status == "completed"


def test_figure_with_thousands_comma_is_read_as_one_number():
    text = ("Moscow and Kyiv each freed 1,000 prisoners of war on Sunday in the largest swap of "
            "the war. Ukrainian officials said 1,000 Ukrainians came home, and the Russian "
            "Defense Ministry said 1,000 Russian servicemen were returned.")
    ev = only_event(run(text, "2025-05-25"))
    assert ev.returned == {"Ukraine": [1000], "Russia": [1000]}


def test_figures_in_words_with_and_and_hyphen_are_read():
    ev = only_event(run(WORDS, "2024-02-06"))
    assert ev.returned == {"Ukraine": [207], "Russia": [32]}


def test_small_number_in_words_before_captive_noun_is_a_figure():
    text = ("Kyiv and Moscow exchanged captives on Thursday. Ukraine brought home six civilians, "
            "while Russia received eleven Russian servicemen. The civilians had been held since "
            "the first months of the war.")
    ev = only_event(run(text, "2024-03-07"))
    assert ev.returned == {"Ukraine": [6], "Russia": [11]}
    assert ev.breakdown == {}  # a whole group of one kind has no breakdown


def test_hyphenated_n_for_n_gives_n_to_both_sides():
    text = ("Russia and Ukraine carried out a 146-for-146 prisoner swap on Thursday, officials on "
            "both sides said. The captives were handed over on the Belarusian border.")
    ev = only_event(run(text, "2025-06-12"))
    assert ev.returned == {"Russia": [146], "Ukraine": [146]}


def test_spaced_n_for_n_gives_n_to_both_sides():
    text = ("Ukraine and Russia swapped 90 for 90 prisoners of war on Friday. Both defence "
            "ministries confirmed the exchange in statements.")
    ev = only_event(run(text, "2024-08-02"))
    assert ev.returned == {"Ukraine": [90], "Russia": [90]}


def test_each_freed_n_gives_n_to_both_sides():
    text = ("Russia and Ukraine each freed 303 prisoners of war on Saturday. The exchange was the "
            "second in a week, officials said.")
    ev = only_event(run(text, "2024-09-14"))
    assert ev.returned == {"Russia": [303], "Ukraine": [303]}


def test_n_each_gives_n_to_both_sides():
    text = ("Ukraine and Russia exchanged 303 prisoners each on Saturday, officials said. It was "
            "the second swap in a week.")
    ev = only_event(run(text, "2024-09-14"))
    assert ev.returned == {"Ukraine": [303], "Russia": [303]}


def test_n_on_each_side_gives_n_to_both_sides():
    text = ("Russia and Ukraine carried out a prisoner swap on Friday, with 95 on each side "
            "released. The exchange lasted several hours.")
    ev = only_event(run(text, "2024-08-23"))
    assert ev.returned == {"Russia": [95], "Ukraine": [95]}


def test_each_side_freeing_n_gives_n_to_both_sides():
    text = ("Ukraine and Russia swapped prisoners on Tuesday, each side freeing 75 people. "
            "The freed men crossed the border on foot.")
    ev = only_event(run(text, "2024-06-25"))
    assert ev.returned == {"Ukraine": [75], "Russia": [75]}


def test_about_n_is_recorded_as_n():
    text = ("Ukraine and Russia carried out a prisoner swap on Friday. Kyiv said about 200 "
            "Ukrainians came home. Russia said 180 Russian soldiers were returned.")
    ev = only_event(run(text, "2024-05-31"))
    assert ev.returned == {"Ukraine": [200], "Russia": [180]}


def test_more_than_n_each_gives_n_to_both_sides():
    text = ("Russia and Ukraine exchanged more than 1,000 prisoners each on Friday, the first "
            "stage of a larger deal. The swap followed talks in Istanbul.")
    ev = only_event(run(text, "2025-05-23"))
    assert ev.returned == {"Russia": [1000], "Ukraine": [1000]}


def test_two_sources_disagreeing_keep_both_values_in_order():
    record = run(TWO_SOURCES, "2024-01-03")
    ev = only_event(record)
    assert ev.returned == {"Ukraine": [207, 195], "Russia": [248]}
    speakers = {e.value: e.attributed_to for e in ev.evidence
                if e.field == "returned" and e.party == "Ukraine"}
    assert speakers == {207: "Ukraine", 195: "Russia"}


def test_side_that_got_back_n_receives_them():
    text = ("Ukraine and Russia carried out a prisoner swap on Friday. Kyiv said 190 Ukrainians "
            "came home. Russia said it got back 180 Russian soldiers.")
    ev = only_event(run(text, "2024-05-31"))
    assert ev.returned == {"Ukraine": [190], "Russia": [180]}


def test_n_separatists_handed_over_go_to_the_separatists():
    text = ("Ukraine and the separatists exchanged prisoners on Dec. 27, with 74 Ukrainians "
            "returning home and 237 separatists handed over.")
    ev = only_event(run(text, "2018-01-05"))
    assert ev.returned == {"Ukraine": [74], "Donbas separatists": [237]}


# ---------------------------------------------------------------------------
# bodies, breakdowns, shortfalls


def test_remains_count_only_in_breakdown_bodies_never_in_returned():
    text = ("Ukraine and Russia swapped prisoners on Monday. Ukraine brought home 64 Ukrainian "
            "servicemen, and Russia received 64 Russian soldiers. Kyiv also received the "
            "remains of 12 soldiers.")
    ev = only_event(run(text, "2024-01-08"))
    assert ev.returned == {"Ukraine": [64], "Russia": [64]}
    assert ev.breakdown == {"Ukraine": {"bodies": 12}}
    assert all(12 not in v for v in ev.returned.values())


def test_remains_of_soldiers_killed_in_fighting_count_as_bodies():
    text = ("Ukraine and Russia swapped prisoners on Monday. Ukraine brought home 64 Ukrainian "
            "servicemen, and Russia received 64 Russian soldiers. Kyiv also received the "
            "remains of 12 soldiers killed in fighting near Bakhmut.")
    ev = only_event(run(text, "2024-01-08"))
    assert ev.breakdown == {"Ukraine": {"bodies": 12}}


def test_swap_of_remains_alone_is_an_event_with_empty_returned():
    text = ("Russia and Ukraine carried out an exchange of bodies on Friday. Ukraine received "
            "the remains of 757 soldiers, officials in Kyiv said. Russia received the remains of "
            "34 of its servicemen.")
    record = run(text, "2025-03-14")
    ev = only_event(record)
    assert ev.returned == {}
    assert ev.breakdown == {"Ukraine": {"bodies": 757}, "Russia": {"bodies": 34}}
    assert ev.status == "completed"


def test_parts_that_sum_to_a_total_go_to_breakdown_and_total_stays_returned():
    text = ("Ukraine and Russia exchanged prisoners on Saturday. Kyiv said 190 Ukrainians were "
            "freed: 185 servicemen and five civilians. Russia said 190 Russian soldiers were "
            "returned.")
    ev = only_event(run(text, "2025-05-03"))
    assert ev.returned == {"Ukraine": [190], "Russia": [190]}
    assert ev.breakdown == {"Ukraine": {"military": 185, "civilians": 5}}


def test_promised_refused_and_absent_balance_the_books():
    text = ("Russia and Ukraine exchanged prisoners on Friday. Ukraine received 100 Ukrainian "
            "soldiers. Kyiv had promised to hand over 60 prisoners to Russia, but only 51 "
            "Russians were handed over. Six prisoners refused to go back, and three prisoners "
            "did not turn up.")
    ev = only_event(run(text, "2024-04-12"))
    assert ev.returned == {"Ukraine": [100], "Russia": [51]}
    assert ev.promised == {"Russia": 60}
    assert ev.refused == {"Russia": 6}
    assert ev.absent == {"Russia": 3}
    assert ev.promised["Russia"] == 51 + ev.refused["Russia"] + ev.absent["Russia"]


def test_bare_numbers_handed_over_refused_or_absent_balance_the_books():
    text = ("Russia and Ukraine exchanged prisoners on Friday. Ukraine received 100 Ukrainian "
            "soldiers. Kyiv had promised to hand over 60 prisoners to Russia, but only 51 were "
            "handed over. Six refused to go back, and three did not turn up.")
    ev = only_event(run(text, "2024-04-12"))
    assert ev.returned == {"Ukraine": [100], "Russia": [51]}
    assert ev.promised == {"Russia": 60}
    assert ev.refused == {"Russia": 6}
    assert ev.absent == {"Russia": 3}


# ---------------------------------------------------------------------------
# dates

WEDNESDAY_SWAP = (
    "Ukraine and Russia swapped prisoners on Wednesday, freeing 150 people each. "
    "The exchange was mediated by the United Arab Emirates."
)


def test_weekday_resolves_to_same_day_when_published_that_day():
    ev = only_event(run(WEDNESDAY_SWAP, "2024-01-03"))  # a Wednesday
    assert ev.date == date(2024, 1, 3)
    assert ev.date_text == "on Wednesday"


def test_weekday_resolves_to_most_recent_such_day_before_publication():
    ev = only_event(run(WEDNESDAY_SWAP, "2024-01-05"))  # a Friday
    assert ev.date == date(2024, 1, 3)


def test_weekday_without_publication_date_stays_null_but_keeps_its_words():
    ev = only_event(run(WEDNESDAY_SWAP, None))
    assert ev.date is None
    assert ev.date_text == "on Wednesday"


def test_yesterday_resolves_to_the_day_before_publication():
    text = ("Armenia and Azerbaijan exchanged prisoners yesterday. Armenia handed over two "
            "Azerbaijani soldiers and Azerbaijan returned 32 Armenian servicemen.")
    ev = only_event(run(text, "2023-12-14"))
    assert ev.date == date(2023, 12, 13)
    assert ev.date_text == "yesterday"


def test_today_resolves_to_the_publication_day():
    text = ("Russia and Ukraine exchanged prisoners today, 95 for 95, the Ukrainian president "
            "said. The freed men were taken to Chernihiv.")
    ev = only_event(run(text, "2024-07-17"))
    assert ev.date == date(2024, 7, 17)


DEC_27 = (
    "Ukraine and the separatists exchanged prisoners on Dec. 27, with 74 Ukrainians returning "
    "home. The swap was the largest since the fighting began in 2014."
)


def test_december_day_in_a_january_article_takes_the_previous_year():
    ev = only_event(run(DEC_27, "2018-01-05"))
    assert ev.date == date(2017, 12, 27)
    assert ev.date_text == "on Dec. 27"
    assert sorted(ev.parties) == ["Donbas separatists", "Ukraine"]


def test_month_day_without_publication_date_guesses_no_year():
    record = run(DEC_27, None)
    ev = only_event(record)
    assert ev.date is None
    assert ev.date_text == "on Dec. 27"
    assert record.to_dict(evidence=False)["events"][0]["date"] is None


def test_impossible_day_feb_30_stays_null_without_crashing():
    text = ("Ukraine and Russia exchanged prisoners on Feb. 30, with 50 Ukrainians and 50 "
            "Russians freed, according to a garbled wire report.")
    ev = only_event(run(text, "2024-03-04"))
    assert ev.date is None
    assert ev.returned == {"Ukraine": [50], "Russia": [50]}


def test_scheduled_weekday_after_monday_publication_resolves_to_the_coming_day():
    text = ("Ukraine and Russia have agreed to exchange 84 prisoners each. The swap is scheduled "
            "for Saturday, officials in Kyiv said.")
    ev = only_event(run(text, "2024-06-03"))  # a Monday
    assert ev.status == "agreed"
    assert ev.date == date(2024, 6, 8)


# ---------------------------------------------------------------------------
# background swaps and cumulative totals

BACKGROUND = (
    "Russia and Ukraine exchanged prisoners on Thursday, with 103 Ukrainian soldiers and 103 "
    "Russian servicemen returning home.\n"
    "The previous swap took place on Jan. 31, when 207 Ukrainians and 195 Russians were freed.\n"
    "More than 3,000 Ukrainians have been freed in 50 exchanges since 2022, according to Kyiv."
)


def test_background_swap_with_its_own_date_is_a_separate_event_not_main():
    record = run(BACKGROUND, "2024-02-08")
    assert len(record.events) == 2
    main, past = record.events
    assert main.main and not past.main
    assert main.date == date(2024, 2, 8)
    assert main.returned == {"Ukraine": [103], "Russia": [103]}
    assert past.date == date(2024, 1, 31)
    assert past.returned == {"Ukraine": [207], "Russia": [195]}


def test_cumulative_totals_are_not_events_and_add_no_figures():
    record = run(BACKGROUND, "2024-02-08")
    values = {v for ev in record.events for vs in ev.returned.values() for v in vs}
    totals = {ev.total for ev in record.events}
    assert not values & {3000, 50, 2022}
    assert not totals & {3000, 50}
    text = ("Ukraine and Russia swapped prisoners on Tuesday, with 75 freed on each side.\n"
            "In total, more than 3,000 Ukrainians have been released in 50 exchanges since the "
            "start of the war, officials said.")
    ev = only_event(run(text, "2024-06-25"))
    assert ev.returned == {"Ukraine": [75], "Russia": [75]}
    assert ev.total is None


# ---------------------------------------------------------------------------
# status


def test_agreed_swap_not_yet_done_is_agreed_with_no_date():
    text = ("Armenia and Azerbaijan have agreed to exchange prisoners, the two governments said "
            "in a joint statement on Thursday. Azerbaijan will release 32 Armenian servicemen and "
            "Armenia will free two Azerbaijani soldiers. The exchange will take place next week.")
    ev = only_event(run(text, "2023-12-07"))
    assert ev.status == "agreed"
    assert ev.date is None
    assert sorted(ev.parties) == ["Armenia", "Azerbaijan"]


def test_postponed_swap_is_failed():
    text = ("A planned prisoner exchange between Russia and Ukraine was postponed on Saturday at "
            "the last minute. Kyiv had expected 100 Ukrainians to come home in the swap. "
            "Officials said the exchange would happen later.")
    ev = only_event(run(text, "2024-06-15"))
    assert ev.status == "failed"


def test_called_off_swap_is_failed():
    text = ("A prisoner swap between Ukraine and the Russian-backed separatists was called off on "
            "Sunday. The separatists said Kyiv had broken the terms of the exchange, under which "
            "50 prisoners were to be swapped for 50.")
    ev = only_event(run(text, "2019-03-10"))
    assert ev.status == "failed"
    assert sorted(ev.parties) == ["Donbas separatists", "Ukraine"]


# ---------------------------------------------------------------------------
# mediators

SWAP_115 = ("Ukraine and Russia carried out a prisoner swap on Thursday, freeing 115 prisoners "
            "each. ")


@pytest.mark.parametrize(("text", "published", "mediator"), [
    pytest.param("Russia and Ukraine exchanged prisoners on Monday in a deal brokered by Qatar. "
                 "Ukraine received 48 Ukrainian soldiers and Russia got 48 Russian servicemen in "
                 "return.", "2024-10-14", "Qatar", id="brokered-by"),
    pytest.param("Ukraine and Russia swapped 95 prisoners each on Saturday with the mediation of "
                 "the United Arab Emirates. It was the 55th exchange of the war.", "2024-08-24",
                 "United Arab Emirates", id="with-the-mediation-of"),
    pytest.param("Armenia and Azerbaijan exchanged prisoners on Wednesday in a handover "
                 "facilitated by the ICRC. Azerbaijan returned 32 Armenian soldiers and Armenia "
                 "handed back two Azerbaijani servicemen.", "2023-12-13", "ICRC",
                 id="facilitated-by"),
    pytest.param(SWAP_115 + "President Zelensky thanked Turkey for its mediation in the swap.",
                 "2024-05-30", "Turkey", id="thanked-for-mediation-in-the-swap"),
])
def test_mediation_cue_names_the_mediator(text, published, mediator):
    ev = only_event(run(text, published))
    assert ev.mediators == [mediator]
    assert mediator not in ev.parties


def test_thanks_for_mediation_in_a_sentence_of_its_own_names_the_mediator():
    ev = only_event(run(SWAP_115 + "President Zelensky thanked Turkey for its mediation.",
                        "2024-05-30"))
    assert ev.mediators == ["Turkey"]


@pytest.mark.parametrize(("alias", "canonical"), [
    ("the UAE", "United Arab Emirates"),
    ("the International Committee of the Red Cross", "ICRC"),
])
def test_mediator_aliases_map_to_canonical_names(alias, canonical):
    text = (f"Ukraine and Russia swapped 95 prisoners each on Saturday. The exchange was "
            f"brokered by {alias}, Kyiv said.")
    ev = only_event(run(text, "2024-08-24"))
    assert ev.mediators == [canonical]


@pytest.mark.parametrize("sentence", [
    pytest.param("Kyiv thanked Turkey for its political support.", id="political-support"),
    pytest.param("Turkey welcomed the swap.", id="welcomed"),
    pytest.param("The prisoners were exchanged in Turkey, officials said.", id="venue"),
])
def test_support_welcome_or_venue_does_not_make_a_mediator(sentence):
    ev = only_event(run(SWAP_115 + sentence, "2024-05-30"))
    assert ev.returned == {"Ukraine": [115], "Russia": [115]}
    assert ev.mediators == []


# ---------------------------------------------------------------------------
# location and held


def test_took_place_at_crossing_point_gives_the_location():
    text = ("Ukraine and Russia exchanged 90 prisoners each on Sunday. The exchange took place "
            "at the Senkivka crossing point on the Belarusian border, officials said.")
    ev = only_event(run(text, "2024-06-30"))
    assert ev.location is not None
    assert "Senkivka crossing point" in ev.location
    loc = [e for e in ev.evidence if e.field == "location"]
    assert loc and text[loc[0].start:loc[0].end] == ev.location


def test_undisclosed_location_stays_null():
    text = ("Ukraine and Russia exchanged 90 prisoners each on Sunday. The exchange took place "
            "at an undisclosed location, officials said.")
    ev = only_event(run(text, "2024-06-30"))
    assert ev.location is None


def test_captives_still_held_give_a_held_figure_with_holder_and_qualifier():
    text = ("Armenia and Azerbaijan exchanged prisoners on Wednesday, with 32 Armenian soldiers "
            "and two Azerbaijani servicemen returning home. At least 23 Armenians remain in "
            "Azerbaijani custody, according to Yerevan.")
    record = run(text, "2023-12-13")
    ev = only_event(record)
    assert ev.returned == {"Armenia": [32], "Azerbaijan": [2]}
    assert [(h.held_by, h.of, h.count, h.qualifier) for h in record.held] == [
        ("Azerbaijan", "Armenia", 23, "at_least")]
    h = record.held[0]
    assert text[h.evidence[0].start:h.evidence[0].end] == "23"
    assert all(23 not in v for v in ev.returned.values())


# ---------------------------------------------------------------------------
# conflicts beyond Russia and Ukraine


def test_israel_hamas_hostages_for_palestinian_prisoners():
    text = ("Hamas released four Israeli hostages on Saturday in exchange for 200 Palestinian "
            "prisoners freed by Israel. The four women soldiers were handed to the Red Cross in "
            "Gaza City. Buses carrying the Palestinians later arrived in Ramallah.")
    ev = only_event(run(text, "2025-01-25"))
    assert sorted(ev.parties) == ["Hamas", "Israel"]
    assert ev.returned == {"Israel": [4], "Hamas": [200]}
    assert ev.date == date(2025, 1, 25)


def test_armenia_azerbaijan_swap():
    text = ("Armenia and Azerbaijan exchanged prisoners yesterday in a rare gesture between the "
            "two neighbours. Armenia handed over two Azerbaijani soldiers and Azerbaijan returned "
            "32 Armenian servicemen.")
    ev = only_event(run(text, "2023-12-14"))
    assert sorted(ev.parties) == ["Armenia", "Azerbaijan"]
    assert ev.returned == {"Azerbaijan": [2], "Armenia": [32]}


def test_houthis_and_yemeni_government_swap():
    text = ("The Houthis and the Yemeni government began a large prisoner exchange on Friday "
            "under a deal brokered by the United Nations. The Houthis freed 318 government "
            "loyalists, while the government released 706 Houthi fighters, the ICRC said.")
    ev = only_event(run(text, "2023-04-14"))
    assert sorted(ev.parties) == ["Houthis", "Yemeni government"]
    assert ev.returned == {"Yemeni government": [318], "Houthis": [706]}
    assert ev.mediators == ["United Nations"]


def test_one_for_one_swap_of_named_people_gives_one_to_each_side():
    text = ("The United States and Russia swapped prisoners on Friday in a one-for-one exchange "
            "at Abu Dhabi airport. American basketball star Brittney Griner was freed in exchange "
            "for Russian arms dealer Viktor Bout. The deal was mediated by the United Arab "
            "Emirates.")
    ev = only_event(run(text, "2022-12-09"))
    assert sorted(ev.parties) == ["Russia", "United States"]
    assert ev.returned == {"United States": [1], "Russia": [1]}
    assert ev.mediators == ["United Arab Emirates"]
    assert ev.location is not None and "Abu Dhabi" in ev.location


def test_united_states_iran_swap():
    text = ("Iran freed five American citizens on Monday in a prisoner swap with the United "
            "States. Washington released five Iranians in return. The exchange was mediated by "
            "Qatar, and the Americans were flown to Doha.")
    ev = only_event(run(text, "2023-09-18"))
    assert sorted(ev.parties) == ["Iran", "United States"]
    assert ev.returned == {"United States": [5], "Iran": [5]}
    assert ev.mediators == ["Qatar"]


# ---------------------------------------------------------------------------
# not swaps


@pytest.mark.parametrize("text", [
    pytest.param("Russia handed over 12 Ukrainian civilians to Ukraine on Tuesday, officials in "
                 "Kyiv said. Moscow asked for nothing in return. The civilians were taken to a "
                 "hospital in Sumy.", id="one-sided-release"),
    pytest.param("Russian and Ukrainian troops exchanged fire near the village overnight. Two "
                 "soldiers were wounded and 14 prisoners were taken, officials said.",
                 id="exchange-of-fire"),
    pytest.param("The hryvnia slipped on Tuesday, with the official exchange rate passing 41 to "
                 "the dollar. The central bank released 500 million dollars from its reserves. "
                 "Analysts said news of the latest prisoner talks had no effect on the market.",
                 id="exchange-rate"),
    pytest.param("Russia and Ukraine exchanged lists of prisoners on Tuesday, officials said. The "
                 "lists contained 500 names on each side. No date for a swap was set.",
                 id="exchanged-lists"),
    pytest.param("President Zelensky called for an all for all exchange of prisoners with Russia. "
                 "Moscow has not responded to the proposal. Ukraine says thousands of its "
                 "citizens are held in Russian captivity.", id="all-for-all-call"),
    pytest.param("Kyiv and Warsaw agreed a student exchange on Tuesday, with 200 students each to "
                 "be swapped between universities. The education ministry released the list of "
                 "schools taking part.", id="student-exchange"),
    pytest.param("President Zelensky on Tuesday called for an all for all exchange of prisoners "
                 "with Russia. Moscow has not responded to the proposal. Ukraine says thousands "
                 "of its citizens are held in Russian captivity.", id="all-for-all-call-dated"),
])
def test_text_without_a_specific_swap_is_not_relevant(text):
    record = run(text, "2024-02-13")
    assert record.relevant is False
    assert record.events == []


# ---------------------------------------------------------------------------
# web clutter and evidence


def test_web_clutter_lines_do_not_change_the_result():
    clean = run(CLEAN, "2024-05-31").to_dict(evidence=False)
    cluttered = run(CLUTTERED, "2024-05-31").to_dict(evidence=False)
    assert cluttered["events"] == clean["events"]
    assert cluttered["held"] == clean["held"]
    assert clean["events"][0]["returned"] == {"Ukraine": [207], "Russia": [195]}
    assert clean["events"][0]["mediators"] == ["United Arab Emirates"]


def test_evidence_spans_point_into_the_original_text_past_clutter():
    record = run(CLUTTERED, "2024-05-31")
    ev = only_event(record)
    spans = {e.field: CLUTTERED[e.start:e.end] for e in ev.evidence if e.field != "returned"}
    assert spans["mediators"] == "United Arab Emirates"
    assert spans["date"] == "on Friday"
    returned = sorted(CLUTTERED[e.start:e.end] for e in ev.evidence if e.field == "returned")
    assert returned == ["195", "207"]
    assert_evidence_points_at_text(CLUTTERED, record)


@pytest.mark.parametrize(("text", "published"), [
    pytest.param(DIGITS, "2024-06-01", id="digits"),
    pytest.param(WORDS, "2024-02-06", id="words"),
    pytest.param(TWO_SOURCES, "2024-01-03", id="two-sources"),
    pytest.param(BACKGROUND, "2024-02-08", id="background"),
    pytest.param(CLUTTERED, "2024-05-31", id="cluttered"),
])
def test_every_returned_value_has_a_span_that_spells_it(text, published):
    record = run(text, published)
    assert record.events
    assert_evidence_points_at_text(text, record)


def test_number_in_words_has_evidence_span_over_the_words():
    ev = only_event(run(WORDS, "2024-02-06"))
    spans = {e.value: WORDS[e.start:e.end] for e in ev.evidence if e.field == "returned"}
    assert spans == {207: "Two hundred and seven", 32: "thirty-two"}


# ---------------------------------------------------------------------------
# determinism and the library API


def test_same_input_twice_gives_identical_output():
    for text, published in ((BACKGROUND, "2024-02-08"), (CLUTTERED, "2024-05-31")):
        assert run(text, published).to_dict() == run(text, published).to_dict()


def test_extract_returns_a_record_with_the_schema_keys():
    record = powtrack.extract(DIGITS, published="2024-06-01", url="https://example.org/a")
    assert isinstance(record, powtrack.Record)
    out = record.to_dict(evidence=False)
    assert {"id", "relevant", "events", "held"} <= set(out)
    assert out["relevant"] is True
    assert out["events"][0]["main"] is True
    assert record.url == "https://example.org/a"


def test_published_accepts_an_iso_string_or_a_date():
    as_string = powtrack.extract(WEDNESDAY_SWAP, published="2024-01-05")
    as_date = powtrack.extract(WEDNESDAY_SWAP, published=date(2024, 1, 5))
    assert as_string.to_dict() == as_date.to_dict()
    assert as_string.published == date(2024, 1, 5)
    assert as_string.events[0].date == date(2024, 1, 3)


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_publication_dates_at_the_edge_of_the_calendar_do_not_crash(published):
    text = ("Ukraine and Russia exchanged 50 prisoners each on Monday; "
            "yesterday and last Friday too.")
    event = only_event(run(text, published))
    assert event.returned == {"Ukraine": [50], "Russia": [50]}
