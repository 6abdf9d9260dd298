"""Polish reports through the Polish pack (data/lang/pl.tsv): articles written for these tests."""

from __future__ import annotations

from extracting import main_event, run


def test_pl_swap_with_demonyms_gives_each_side_its_figure_and_the_weekday():
    ev = main_event(run(
        "Wymiana jeńców na granicy\n\n"
        "W piątek Rosja i Ukraina przeprowadziły kolejną wymianę jeńców. Do domu wróciło "
        "90 ukraińskich żołnierzy, a w zamian strona ukraińska oddała 90 rosyjskich wojskowych, "
        "poinformował Sztab Koordynacyjny.",
        "2024-05-31"))
    assert ev.status == "completed"
    assert set(ev.parties) == {"Ukraine", "Russia"}
    assert ev.returned == {"Ukraine": [90], "Russia": [90]}
    assert ev.date.isoformat() == "2024-05-31"


def test_pl_soldiers_and_civilians_are_parts_of_the_receiving_side():
    ev = main_event(run(
        "Kijów odzyskał swoich obrońców\n\n"
        "Ukraina odzyskała 75 żołnierzy i 5 cywilów w ramach wymiany z Rosją, "
        "która odbyła się w sobotę.",
        "2024-06-02"))
    assert ev.returned["Ukraine"] == [80]
    assert ev.breakdown["Ukraine"] == {"military": 75, "civilians": 5}
    assert ev.date.isoformat() == "2024-06-01"


def test_pl_day_with_genitive_month_dates_the_swap():
    ev = main_event(run(
        "Powrót do domu\n\n"
        "Rosja i Ukraina wymieniły się jeńcami: 24 sierpnia do kraju wróciło 115 ukraińskich "
        "żołnierzy, a 115 Rosjan wróciło do Rosji.",
        "2024-08-26"))
    assert ev.returned == {"Ukraine": [115], "Russia": [115]}
    assert ev.date.isoformat() == "2024-08-24"


def test_pl_figure_on_each_side_goes_to_both():
    ev = main_event(run(
        "Kolejna wymiana\n\n"
        "Ukraina i Rosja wymieniły się jeńcami po 100 żołnierzy z każdej strony w czwartek.",
        "2024-06-07"))
    assert ev.returned == {"Ukraine": [100], "Russia": [100]}
    assert ev.date.isoformat() == "2024-06-06"


def test_pl_currency_exchange_is_not_a_swap():
    record = run(
        "Kurs złotego\n\n"
        "Kurs wymiany walut w kantorach wzrósł o 3 procent; żołnierze na urlopie zapłacą więcej.",
        "2024-06-03")
    assert not record.relevant


def test_pl_number_words_count_captives():
    ev = main_event(run(
        "Wymiana w obwodzie sumskim\n\n"
        "W niedzielę z niewoli wróciło dwudziestu pięciu ukraińskich jeńców, "
        "a w zamian Kijów przekazał dwudziestu pięciu Rosjan.",
        "2024-06-09"))
    assert ev.returned == {"Ukraine": [25], "Russia": [25]}


def test_pl_mediator_named_after_za_posrednictwem():
    ev = main_event(run(
        "Wymiana dzięki mediacji\n\n"
        "W środę do domu wróciło 95 ukraińskich żołnierzy, a Rosja odzyskała 95 swoich "
        "wojskowych. Wymiana odbyła się za pośrednictwem Zjednoczonych Emiratów Arabskich.",
        "2024-09-13"))
    assert ev.mediators == ["United Arab Emirates"]


def test_pl_dative_names_the_receiving_side():
    ev = main_event(run(
        "Wymiana jeńców\n\n"
        "W czwartek w ramach wymiany Ukraina przekazała Rosji 40 jeńców, a Rosja przekazała "
        "Ukrainie 42 żołnierzy.",
        "2024-06-07"))
    assert ev.returned == {"Ukraine": [42], "Russia": [40]}
