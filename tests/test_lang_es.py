"""Spanish reports through the public API (language pack data/lang/es.tsv).

The articles are written for these tests in our own words; none is copied from a
report or a gold file.
"""

from __future__ import annotations

from extracting import main_event, run


def test_spanish_report_passes_the_gate_and_sums_parts_with_their_breakdown():
    ev = main_event(run(
        "Nuevo canje entre Kiev y Moscú\n\n"
        "Ucrania recuperó el lunes a 118 soldados y 9 civiles en un canje de prisioneros con "
        "Rusia, informó el Ministerio de Defensa en un comunicado.",
        "2024-06-10"))
    assert ev.status == "completed"
    assert ev.returned["Ukraine"] == [127]
    assert ev.breakdown["Ukraine"] == {"military": 118, "civilians": 9}


def test_spanish_weekday_resolves_against_the_publication_date():
    ev = main_event(run(
        "Canje de prisioneros en la frontera\n\n"
        "Ucrania y Rusia realizaron el jueves un intercambio de prisioneros: Ucrania "
        "recuperó a 64 militares, según la presidencia.",
        "2024-06-14"))
    assert ev.date is not None and ev.date.isoformat() == "2024-06-13"


def test_spanish_both_sides_with_their_demonyms():
    ev = main_event(run(
        "Intercambio de presos\n\n"
        "En un intercambio de prisioneros realizado el martes, 90 militares ucranianos "
        "regresaron a casa y 90 soldados rusos fueron entregados a Moscú.",
        "2024-06-12"))
    assert ev.returned.get("Ukraine") == [90]
    assert ev.returned.get("Russia") == [90]


def test_spanish_number_words_count():
    ev = main_event(run(
        "Canje en Oriente Próximo\n\n"
        "Israel recibió el domingo a cuatro rehenes israelíes en un canje con Hamás, "
        "que a cambio recibió a doscientos reclusos palestinos.",
        "2025-01-26"))
    assert ev.returned.get("Israel") == [4]


def test_spanish_mediation_credits_the_emirates():
    ev = main_event(run(
        "Nuevo canje\n\n"
        "Rusia y Ucrania canjearon el viernes a 150 prisioneros de guerra cada uno, dijo el "
        "Ministerio de Defensa ruso. El intercambio se hizo con la mediación de Emiratos "
        "Árabes Unidos.",
        "2024-06-14"))
    assert "United Arab Emirates" in ev.mediators


def test_spanish_exchange_of_fire_is_not_a_swap():
    rec = run(
        "Tensión en la frontera\n\n"
        "Soldados de los dos países mantuvieron el martes un intercambio de disparos cerca "
        "del puesto fronterizo; 3 militares resultaron heridos, según el ejército.",
        "2024-06-12")
    assert not rec.relevant
