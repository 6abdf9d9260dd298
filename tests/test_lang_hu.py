"""Hungarian reports through the Hungarian pack (data/lang/hu.tsv), in our own words."""

from __future__ import annotations

import pytest

from extracting import main_event, run


def test_hu_swap_with_demonyms_gives_each_side_its_figure_and_the_weekday():
    ev = main_event(run(
        "Fogolycsere Ukrajna és Oroszország között\n\n"
        "Pénteken újabb fogolycserére került sor: 90 ukrán katona tért haza, cserébe "
        "90 orosz katonát adtak át, közölte az ukrán fél.",
        "2024-05-31"))
    assert ev.status == "completed"
    assert set(ev.parties) == {"Ukraine", "Russia"}
    assert ev.returned == {"Ukraine": [90], "Russia": [90]}
    assert ev.date.isoformat() == "2024-05-31"


def test_hu_soldiers_and_civilians_are_parts_of_the_receiving_side():
    ev = main_event(run(
        "Hazatértek a foglyok\n\n"
        "Ukrajna visszakapott 75 katonát és öt civilt egy szombati fogolycsere során "
        "Oroszországgal.",
        "2024-06-02"))
    assert ev.returned["Ukraine"] == [80]
    assert ev.breakdown["Ukraine"] == {"military": 75, "civilians": 5}
    assert ev.date.isoformat() == "2024-06-01"


def test_hu_month_before_suffixed_day_dates_the_swap():
    ev = main_event(run(
        "Csere a határon\n\n"
        "Augusztus 24-én 115 ukrán hadifogoly tért haza, cserébe 115 orosz katonát "
        "engedtek szabadon.",
        "2024-08-26"))
    assert ev.returned == {"Ukraine": [115], "Russia": [115]}
    assert ev.date.isoformat() == "2024-08-24"


def test_hu_compound_number_words_count_captives():
    ev = main_event(run(
        "Újabb csere\n\n"
        "Kedden negyvenöt ukrán hadifoglyot cseréltek ki negyvenöt orosz katonára.",
        "2024-09-17"))
    assert ev.returned == {"Ukraine": [45], "Russia": [45]}
    assert ev.date.isoformat() == "2024-09-17"


def test_hu_currency_exchange_is_not_a_swap():
    record = run(
        "Árfolyam\n\n"
        "Gyengült a forint: a valutacsere 3 százalékkal drágult, a katonák is többet fizetnek.",
        "2024-06-03")
    assert not record.relevant


def test_hu_mediator_named_before_kozvetitesevel():
    ev = main_event(run(
        "Közvetítő segített\n\n"
        "Szerdán 95 ukrán katona tért haza, cserébe 95 orosz katonát adtak át. A cserét az "
        "Egyesült Arab Emírségek közvetítésével hajtották végre.",
        "2024-09-13"))
    assert ev.mediators == ["United Arab Emirates"]


@pytest.mark.xfail(reason="figures.py reads the receiver's verb only before the number; "
                          "Hungarian puts it last ('Oroszország 95 katonáját kapta vissza')",
                   strict=True)
def test_hu_verb_after_the_number_names_the_receiver():
    ev = main_event(run(
        "Kölcsönös hazatérés\n\n"
        "Szerdán a fogolycsere keretében Ukrajna 95 katonát kapott vissza, Oroszország pedig "
        "95 katonáját kapta vissza.",
        "2024-09-13"))
    assert ev.returned == {"Ukraine": [95], "Russia": [95]}
