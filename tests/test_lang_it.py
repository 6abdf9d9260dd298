"""Italian pack (data/lang/it.tsv): short reports in our own words, through the public API."""

from __future__ import annotations

import powtrack


def test_it_compound_number_words_and_demonyms():
    rec = powtrack.extract(
        "Scambio di prigionieri tra Kiev e Mosca\n\n"
        "Martedì Russia e Ucraina si sono scambiate prigionieri: sono rientrati in patria "
        "trentacinque soldati ucraini, mentre ventotto militari russi sono stati "
        "consegnati a Mosca.", published="2024-08-15")
    ev = next(e for e in rec.events if e.main)
    assert ev.returned == {"Ukraine": [35], "Russia": [28]}
    assert str(ev.date) == "2024-08-13"


def test_it_each_of_the_two_sides_gives_both_the_figure():
    rec = powtrack.extract(
        "Nuovo scambio di prigionieri. Secondo Kiev e Mosca, ciascuna delle due parti ha "
        "liberato 150 prigionieri di guerra giovedì.", published="2024-10-18")
    ev = next(e for e in rec.events if e.main)
    assert ev.returned == {"Ukraine": [150], "Russia": [150]}
    assert str(ev.date) == "2024-10-17"


def test_it_mediation_names_the_mediator():
    rec = powtrack.extract(
        "Lo scambio di 90 prigionieri per parte tra Russia e Ucraina è avvenuto con la "
        "mediazione degli Emirati Arabi Uniti.", published="2024-09-02")
    ev = next(e for e in rec.events if e.main)
    assert "United Arab Emirates" in ev.mediators
    assert ev.returned == {"Ukraine": [90], "Russia": [90]}


def test_it_exchange_of_accusations_is_not_a_swap():
    rec = powtrack.extract(
        "Nuovo scambio di accuse tra Mosca e Kiev sui prigionieri di guerra: 20 soldati "
        "ancora detenuti, dicono le autorità.", published="2024-09-02")
    assert not any(e.returned for e in rec.events)
