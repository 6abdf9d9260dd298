"""The day of a swap as real English news gives it, one date rule a test.

The articles are written for these tests, in our own words. Each test names the
rule it checks (src/powtrack/extraction/dates.py, events.py, extraction._date);
a date is never guessed where neither the text nor the publication date fixes it.
"""

from __future__ import annotations

import datetime as dt

from extracting import main_event, run

# ---------------------------------------------------------------------------
# words that point forward


def test_dates_tomorrow_is_the_day_after_publication():
    ev = main_event(run(
        "Armenia and Azerbaijan will hand over 12 detainees each tomorrow, the foreign "
        "ministry in Baku said.", "2023-05-10"))
    assert ev.status == "agreed"
    assert ev.date == dt.date(2023, 5, 11)
    assert ev.date_text == "tomorrow"


def test_dates_weekday_after_supposed_to_points_forward():
    ev = main_event(run(
        "Prisoner swap 'supposed' to take place Sunday\n\n"
        "Ukraine and Russia will exchange 50 prisoners each, a negotiator said.", "2024-03-01"))
    assert ev.status == "agreed"
    assert ev.date == dt.date(2024, 3, 3)  # the Sunday after Friday 1 March


def test_dates_weekday_after_was_supposed_to_does_not_point_forward():
    ev = main_event(run(
        "Ukraine and Russia finally swapped 50 prisoners each. The exchange was supposed to "
        "happen on Sunday but took place on Wednesday, officials said.", "2024-03-07"))
    assert ev.status == "completed"
    assert ev.date == dt.date(2024, 3, 6)


# ---------------------------------------------------------------------------
# days of the night, and holidays


def test_dates_overnight_is_the_publication_day():
    ev = main_event(run(
        "Hamas handed over three hostages and Israel freed 90 Palestinian prisoners in an "
        "exchange carried out overnight, officials said.", "2025-01-20"))
    assert ev.date == dt.date(2025, 1, 20)
    assert ev.date_text == "overnight"


def test_dates_holiday_with_a_fixed_date_takes_the_publication_year():
    ev = main_event(run(
        "Russia and Ukraine exchanged prisoners again. Kyiv said 70 of its soldiers had come "
        "home on Ukraine's Independence Day, and Moscow said it got 70 back.", "2024-08-25"))
    assert ev.date == dt.date(2024, 8, 24)


def test_dates_holiday_without_any_year_stays_undated():
    ev = main_event(run(
        "Russia and Ukraine exchanged prisoners again. Kyiv said 70 of its soldiers had come "
        "home on Christmas Eve, and Moscow said it got 70 back."))
    assert ev.date is None
    assert ev.date_text == "on Christmas Eve"


def test_dates_a_month_is_no_month_inside_a_longer_word():
    ev = main_event(run(
        "Posted Tuesday, 4 June 2024, 09:10\n\n"
        "Ukraine and Russia exchanged 75 prisoners each on Tuesday, 4 June 2024, the "
        "ombudsman said."))
    assert ev.date == dt.date(2024, 6, 4)


# ---------------------------------------------------------------------------
# no publication date: a full date in the text fixes a weekday


def test_dates_weekday_followed_by_full_date_is_that_date():
    ev = main_event(run(
        "Freed soldiers leave a bus in this photo taken Friday, Nov. 3, 2023.\n\n"
        "Ukraine and Russia traded 40 prisoners of war each on Friday, both sides said."))
    assert ev.date == dt.date(2023, 11, 3)


def test_dates_weekday_resolves_against_a_full_date_of_the_same_weekday():
    ev = main_event(run(
        "Armenia and Azerbaijan said on Tuesday that they had swapped seven detainees each. "
        "\"On March 5, 2024, our citizens came home,\" a minister wrote."))
    assert ev.date == dt.date(2024, 3, 5)


def test_dates_weekday_is_not_resolved_against_a_full_date_of_another_weekday():
    ev = main_event(run(
        "Armenia and Azerbaijan said on Monday that they had swapped seven detainees each. "
        "\"On March 5, 2024, talks began,\" a minister wrote."))
    assert ev.date is None


# ---------------------------------------------------------------------------
# a swap the text dates nowhere else


def test_dates_sole_day_of_the_text_dates_a_completed_swap():
    ev = main_event(run(
        "Ukraine and Russia swapped 25 prisoners each in a deal brokered by Qatar. "
        "The men reached Kyiv on May 3, the ombudsman wrote.", "2024-05-04"))
    assert ev.date == dt.date(2024, 5, 3)


def test_dates_two_days_in_the_text_leave_the_swap_undated():
    ev = main_event(run(
        "Ukraine and Russia swapped 25 prisoners each in a deal brokered by Qatar. "
        "The men reached Kyiv on May 3 and met their families on May 4, the ombudsman wrote.",
        "2024-05-05"))
    assert ev.date is None


def test_dates_day_of_a_truce_leaves_the_swap_undated():
    ev = main_event(run(
        "Ukraine and Russia swapped 25 prisoners each in a deal brokered by Qatar. "
        "A ceasefire took effect on May 3, the ombudsman wrote.", "2024-05-04"))
    assert ev.date is None


def test_dates_bulleted_recap_swap_is_not_the_main_swap_day():
    record = run(
        "Ukraine and Russia swap the remains of fallen soldiers\n\n"
        "Ukraine and Russia have carried out one more exchange of bodies of fallen soldiers "
        "on a \"40 for 40\" basis, the coordination centre said.\n\n"
        "Background:\n\n"
        "\u2022 On 2 May, Ukraine and Russia swapped bodies under a \"90 for 90\" formula.",
        "2024-05-09")
    ev = main_event(record)
    assert ev.date is None
    assert any(e.date == dt.date(2024, 5, 2) for e in record.events if not e.main)


def test_dates_page_stamp_alone_does_not_date_the_swap():
    ev = main_event(run(
        "Updated 14 May 2024, 10:42\n\n"
        "Ukraine and Russia swapped 25 prisoners each in a deal brokered by Qatar, the "
        "ombudsman wrote.", "2024-05-14"))
    assert ev.date is None
