"""Portuguese reports through the public API (language pack data/lang/pt.tsv).

The articles are written for these tests in our own words; none is copied from a
report or a gold file.
"""

from __future__ import annotations

from extracting import main_event, run


def test_portuguese_report_passes_the_gate_and_sums_parts():
    ev = main_event(run(
        "Nova troca de prisioneiros\n\n"
        "A Ucrânia recuperou nesta segunda-feira 140 militares e 6 civis numa troca de "
        "prisioneiros com a Rússia, anunciou o gabinete presidencial.",
        "2024-06-10"))
    assert ev.status == "completed"
    assert ev.returned["Ukraine"] == [146]
    assert ev.breakdown["Ukraine"] == {"military": 140, "civilians": 6}


def test_portuguese_weekday_with_feira_resolves_against_the_publication_date():
    ev = main_event(run(
        "Troca na fronteira\n\n"
        "A Rússia e a Ucrânia fizeram nesta quarta-feira uma troca de prisioneiros: a "
        "Ucrânia recebeu 75 militares, segundo Kiev.",
        "2024-06-13"))
    assert ev.date is not None and ev.date.isoformat() == "2024-06-12"


def test_portuguese_number_words_and_demonyms_give_each_side_its_figure():
    ev = main_event(run(
        "Primeira troca\n\n"
        "Na troca de sábado, um piloto russo foi libertado em troca de sete militares "
        "ucranianos, disse um responsável regional.",
        "2024-06-15"))
    assert ev.returned.get("Ukraine") == [7]


def test_portuguese_month_name_with_de_gives_the_full_date():
    ev = main_event(run(
        "Troca de prisioneiros\n\n"
        "Em 3 de março de 2024, a Ucrânia recebeu 50 militares numa troca de prisioneiros "
        "com a Rússia, informou Kiev.",
        "2024-03-20"))
    assert ev.date is not None and ev.date.isoformat() == "2024-03-03"


def test_portuguese_exchange_of_shots_is_not_a_swap():
    rec = run(
        "Tensão na fronteira\n\n"
        "Soldados dos dois países envolveram-se numa troca de tiros na terça-feira; 4 "
        "militares ficaram feridos, segundo o exército.",
        "2024-06-12")
    assert not rec.relevant
