"""The Russian language pack (data/lang/ru.tsv): Russian reports read like English ones.

Each test is a short report written for it, in our own words, that only the Russian
word lists, date words, side names (in their case forms), mediator names and number
words can read; none is copied from any report or gold file.
"""

from __future__ import annotations

import datetime as dt

from extracting import main_event, run


def test_ru_demonyms_in_the_genitive_place_figures_and_parts():
    ev = main_event(run(
        "Обмен пленными между Москвой и Киевом\n\n"
        "В четверг Россия и Украина провели очередной обмен пленными. Из плена освобождены "
        "103 украинских военнослужащих и 12 гражданских, сообщил Координационный штаб. "
        "Российская сторона получила 115 своих военных.",
        "2024-06-14"))
    assert set(ev.parties) == {"Russia", "Ukraine"}
    assert ev.returned["Ukraine"] == [115]
    assert ev.breakdown["Ukraine"] == {"military": 103, "civilians": 12}
    assert ev.returned["Russia"] == [115]
    assert ev.status == "completed"
    assert ev.date == dt.date(2024, 6, 13)  # "в четверг": the Thursday before


def test_ru_passive_return_and_a_side_in_the_dative():
    ev = main_event(run(
        "Минобороны России сообщило, что 90 российских военнослужащих возвращены домой. "
        "Взамен Украине передали 90 военнопленных ВСУ.",
        "2024-07-20"))
    assert ev.returned == {"Russia": [90], "Ukraine": [90]}


def test_ru_number_word_each_and_a_mediator_in_the_genitive():
    ev = main_event(run(
        "Москва и Киев обменялись пленными. Каждая сторона освободила по двести человек "
        "при посредничестве ОАЭ.",
        "2023-12-30"))
    assert ev.returned == {"Russia": [200], "Ukraine": [200]}
    assert ev.mediators == ["United Arab Emirates"]


def test_ru_return_from_captivity_dated_by_day_and_genitive_month():
    ev = main_event(run(
        "Украина вернула из плена 65 защитников. Россия получила 65 своих военнослужащих, "
        "сообщили в Минобороны. Обмен прошел 5 февраля.",
        "2024-02-06"))
    assert ev.returned == {"Ukraine": [65], "Russia": [65]}
    assert ev.date == dt.date(2024, 2, 5)


def test_ru_yesterday_and_an_n_for_n_formula():
    ev = main_event(run("Вчера Украина и Россия обменялись пленными по формуле 50 на 50.",
                        "2024-04-02"))
    assert ev.returned == {"Ukraine": [50], "Russia": [50]}
    assert ev.date == dt.date(2024, 4, 1)


def test_ru_a_swap_still_to_come_is_agreed():
    ev = main_event(run(
        "Россия и Украина договорились о новом обмене: в ближайшие дни Киев передаст 75 "
        "российских военнопленных, а Москва освободит 75 украинских бойцов.",
        "2024-04-02"))
    assert ev.status == "agreed"
    assert ev.returned == {"Russia": [75], "Ukraine": [75]}


def test_ru_a_postponed_swap_is_failed():
    ev = main_event(run(
        "Запланированный на пятницу обмен военнопленными между Россией и Украиной отложен, "
        "сообщил источник.",
        "2024-03-04"))
    assert ev.status == "failed"


def test_ru_other_sides_in_their_case_forms():
    ev = main_event(run(
        "Вчера Армения и Азербайджан провели обмен: Баку передал 32 армянских военнослужащих, "
        "а Армения вернула двух азербайджанских солдат.",
        "2024-01-11"))
    assert ev.returned == {"Armenia": [32], "Azerbaijan": [2]}
    ev = main_event(run(
        "ХАМАС освободил 13 израильских заложников в обмен на 39 палестинских заключенных, "
        "сообщил Израиль.",
        "2023-11-25"))
    assert ev.returned == {"Israel": [13], "Hamas": [39]}


def test_ru_hostages_name_israel_only_where_israel_is_named():
    record = run(
        "Донецк и Киев провели обмен: ДНР передала Украине 12 заложников, а Украина "
        "освободила 12 пленных ополченцев.",
        "2019-05-05")
    assert all("Israel" not in e.parties for e in record.events)


def test_ru_one_sided_release_is_not_a_swap():
    assert not run("Россия в одностороннем порядке освободила пять украинских моряков, "
                   "ничего не получив взамен.", "2024-04-02").relevant


def test_ru_currency_and_fire_exchanges_are_not_swaps():
    assert not run("Курс обмена валют на сегодня: доллар подорожал на 2 рубля. "
                   "В обменных пунктах столицы очереди.", "2024-01-10").relevant
    assert not run("Россия и Украина обменялись огнем у границы: погибли пять военных.",
                   "2024-01-10").relevant
