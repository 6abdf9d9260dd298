"""German pack (data/lang/de.tsv): short reports in our own words, through the public API."""

from __future__ import annotations

import powtrack


def test_de_number_words_and_demonyms_give_each_side_its_people():
    rec = powtrack.extract(
        "Gefangenenaustausch an der Grenze\n\n"
        "Russland und die Ukraine haben am Dienstag erneut Gefangene ausgetauscht. "
        "Kiew erhielt zwölf ukrainische Soldaten zurück, Moskau bekam neunzehn russische "
        "Soldaten.", published="2024-03-14")
    ev = next(e for e in rec.events if e.main)
    assert ev.returned == {"Ukraine": [12], "Russia": [19]}
    assert str(ev.date) == "2024-03-12"


def test_de_compound_number_word_is_read_as_one_number():
    rec = powtrack.extract(
        "Austausch von Kriegsgefangenen\n\n"
        "Armenien und Aserbaidschan tauschten fünfundzwanzig armenische Kriegsgefangene "
        "gegen drei aserbaidschanische Soldaten.", published="2024-01-10")
    ev = next(e for e in rec.events if e.main)
    assert ev.returned.get("Armenia") == [25]
    assert ev.returned.get("Azerbaijan") == [3]


def test_de_emirates_as_broker_are_a_mediator():
    rec = powtrack.extract(
        "Die Ukraine und Russland haben am Freitag unter Vermittlung der Vereinigten "
        "Arabischen Emirate 40 Gefangene pro Seite ausgetauscht.", published="2024-06-07")
    ev = next(e for e in rec.events if e.main)
    assert ev.returned == {"Ukraine": [40], "Russia": [40]}
    assert "United Arab Emirates" in ev.mediators


def test_de_exchange_of_fire_is_not_a_swap():
    rec = powtrack.extract(
        "An der Front kam es am Montag zu einem Schusswechsel; zwei Soldaten wurden "
        "verletzt und 30 Gefangene festgehalten.", published="2024-02-05")
    assert not rec.relevant
