"""Mediators and handover places found in single sentences (extraction/details.py).

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

import powtrack
from powtrack.extraction.details import find_location, find_mediators


def names(sentence: str) -> list[str]:
    return [name for name, _, _ in find_mediators(sentence)]


def place(sentence: str) -> str | None:
    found = find_location(sentence)
    return found[0] if found else None


# --- mediators -------------------------------------------------------------------------------

def test_mediators_body_receiving_the_captives_carries_out_the_handover():
    assert names("The freed hostages were handed over to Red Cross workers near the fence.") \
        == ["ICRC"]
    assert names("The militia released nine detainees into the hands of the ICRC at dawn.") \
        == ["ICRC"]


def test_mediators_side_receiving_its_own_people_is_no_mediator():
    assert names("The eleven prisoners were handed over to Russia at the border.") == []


def test_mediators_body_whose_planes_carry_the_captives():
    assert names("The swap ended with Red Cross planes ferrying the detainees home.") == ["ICRC"]


def test_mediators_key_role_in_brokering():
    assert names("Qatar played a pivotal role in brokering the prisoner deal.") == ["Qatar"]
    assert names("Oman had played a quiet role as intermediary before the swap.") == ["Oman"]


def test_mediators_helped_organise_the_operation():
    assert names("The International Committee of the Red Cross helped organise the operation.") \
        == ["ICRC"]
    assert names("The Red Cross managed the whole repatriation.") == ["ICRC"]


def test_mediators_who_clause_after_a_leader():
    assert names("The officers will stay with President Erdoğan, who helped broker the swap.") \
        == ["Turkey"]


def test_mediators_hyphenated_co_ordinated():
    assert names("The prisoner exchange was co-ordinated by Switzerland.") == ["Switzerland"]
    assert names("Kuwait co-ordinated the prisoner swap.") == ["Kuwait"]


def test_mediators_list_after_the_mediators_dash():
    sentence = ("The release was held up until the truce mediators — Egypt, Qatar and the "
                "United States — gave their word.")
    assert names(sentence) == ["Egypt", "Qatar", "United States"]


def test_mediators_list_after_brokered_by_including():
    sentence = ("The exchange was brokered by several governments, including Norway, Oman "
                "and Kuwait.")
    assert names(sentence) == ["Norway", "Oman", "Kuwait"]


def test_mediators_thanks_tied_to_the_swap_by_after():
    assert names("President thanks the Normandy Four after the prisoner swap") \
        == ["Normandy format"]


def test_mediators_thanks_for_making_the_exchange_possible():
    sentence = ("The ministry thanked several agencies as well as the Red Cross for making the "
                "exchange possible.")
    assert names(sentence) == ["ICRC"]


def test_mediators_thanks_for_a_venue_is_not_mediation():
    assert names("The ministry thanked Kuwait for hosting the prisoner exchange.") == []


def test_mediators_agent_acting_on_behalf_of_a_body():
    sentence = ("The swap was brokered by a Norwegian diplomat acting on behalf of the United "
                "Nations.")
    assert names(sentence) == ["United Nations"]


def test_mediators_coordinator_of_this_swap():
    assert names("Kazakhstan was the coordinator of this swap.") == ["Kazakhstan"]


def test_mediators_turkiye_without_the_diaeresis():
    assert names("The exchange was mediated by Turkiye.") == ["Turkey"]



# --- mediators in other languages (cues from the packs' mediation keys) --------------------

def test_mediators_relative_clause_after_the_name_credits_it():
    assert names("Les prisonniers ont été libérés hier, a indiqué l'Égypte, qui a joué le rôle "
                 "de médiateur.") == ["Egypt"]
    assert names("O Catar, que mediou a troca, saudou a libertação dos presos.") == ["Qatar"]


def test_mediators_listed_with_an_article_between_the_names():
    assert names("Der Austausch der Gefangenen wurde unter Vermittlung der Schweiz und der "
                 "Türkei vereinbart.") == ["Switzerland", "Turkey"]


def test_mediators_verb_first_names_the_mediator_after_it():
    assert names("Vermittelt hatte den Austausch der Häftlinge die Schweiz.") == ["Switzerland"]


@pytest.mark.parametrize("sentence, mediator", [
    ("El canje de prisioneros fue negociado por Arabia Saudita.", "Saudi Arabia"),
    ("A troca de presos foi mediada pela Turquia.", "Turkey"),
    ("Lo scambio di prigionieri è stato mediato da Norvegia.", "Norway"),
])
def test_mediators_passive_participle_with_by(sentence, mediator):
    assert names(sentence) == [mediator]


def test_mediators_thanks_with_the_reason_after_an_adjective_or_as_an_object():
    assert names("Wir danken der Schweiz für ihre geduldige Vermittlung beim Austausch.") \
        == ["Switzerland"]
    assert names("Agradecemos a Noruega su valiosa ayuda en el canje.") == ["Norway"]


def test_mediators_body_the_captives_are_handed_to_after_an_active_verb():
    assert names("Las milicias entregaron ayer a los doce detenidos al Comité Internacional "
                 "de la Cruz Roja.") == ["ICRC"]
    assert names("Les détenus ont été remis au CICR dans la matinée.") == ["ICRC"]


def test_mediators_body_that_transports_the_captives():
    assert names("O CICV, que transportou os presos, confirmou a troca.") == ["ICRC"]


def test_mediators_mission_carried_out_by_named_after_the_verb():
    assert names("Посредническую миссию, по данным МИД, осуществил Катар.") == ["Qatar"]


def test_mediators_took_part_in_the_exchange_operation():
    assert names("Selon Paris, la Suisse a pris part à l'opération d'échange.") == ["Switzerland"]


# --- locations -------------------------------------------------------------------------------

def test_location_date_between_verb_and_place():
    sentence = "The two sides carried out the exchange on March 3 close to the Hill 40 checkpoint."
    assert place(sentence) == "the Hill 40 checkpoint"


def test_location_turned_over_in_the_town_of():
    assert place("The captives were turned over in the town of Brenk on Christmas Eve.") \
        == "the town of Brenk"


def test_location_distance_and_direction():
    assert place("The sides swapped forty men 15 km east of Marnok on Monday.") \
        == "15 km east of Marnok"


def test_location_swap_at_a_checkpoint_near_a_town_ends_at_the_name():
    assert place("The swap at a checkpoint near Volsk went smoothly.") == "a checkpoint near Volsk"


def test_location_region_with_its_name():
    assert place("The prisoners were exchanged in the Tarn region late on Friday.") \
        == "the Tarn region"


def test_location_where_captives_were_held_is_not_the_handover():
    sentence = "The row over the handover of hostages in Gaza delayed the release."
    assert place(sentence) is None


def test_location_town_named_before_the_handover():
    sentence = "In the northern town of Ostrel, the handover went ahead under heavy rain."
    assert place(sentence) == "the northern town of Ostrel"


def test_location_the_venue_was():
    assert place("For the swap, the venue was the Brenner border crossing.") \
        == "the Brenner border crossing"


def test_location_plane_leaving_an_airport_after_the_swap():
    assert place("A jet leaving Varna's Central Airport after the prisoner swap") \
        == "Varna's Central Airport"


def test_location_into_the_hands_of_a_body_inside_a_place():
    sentence = "The group delivered six hostages into the hands of the Red Cross inside Rafah."
    assert place(sentence) == "Rafah"


def test_location_place_in_another_clause_is_not_the_handover():
    sentence = "It was the first swap since a cargo plane crashed in the Tarn region last week."
    assert place(sentence) is None


def test_location_orders_of_a_person_are_no_place():
    sentence = "The exchange was carried out on President Adam Brenk's orders, officials said."
    assert place(sentence) is None


def test_location_trailing_mediation_is_cut():
    sentence = "The handover took place at Muscat airport with Omani mediation."
    assert place(sentence) == "Muscat airport"


@pytest.mark.parametrize("sentence", [
    "The exchange took place at the Orlan Junction in Kessa province.",
    "The handover, at the Orlan Junction, lasted all day.",
])
def test_location_junction_is_a_place(sentence):
    assert place(sentence) is not None and "Orlan Junction" in place(sentence)


def test_extract_location_of_a_returned_prisoner_at_an_airport():
    text = ("Russia and the United States swapped prisoners on Friday. "
            "A Russian national was returned home on May 2 at Muscat International Airport "
            "in a prisoner exchange with the United States, officials said.")
    record = powtrack.extract(text, published="2025-05-03")
    main = next(e for e in record.events if e.main)
    assert main.location == "Muscat International Airport"


# --- locations in other languages (words from the packs' place_* keys) ---------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Обмен прошел в районе Ровеньков: автобусы приехали утром.", "районе Ровеньков"),
    ("A entrega ocorreu no aeroporto de Lubumbashi, segundo o governo.",
     "aeroporto de Lubumbashi"),
    ("L'échange s'est déroulé à la frontière de Bir Zeit.", "frontière de Bir Zeit"),
])
def test_location_other_language_after_a_took_place_verb(sentence, expected):
    assert place(sentence) == expected


def test_location_place_word_with_its_adjective_after_it():
    assert place("Wymiana odbyła się w obwodzie sumskim.") == "obwodzie sumskim"


def test_location_near_a_town_before_the_swap():
    assert place("Під Маріуполем увечері відбувся обмін полоненими.") == "Маріуполем"


def test_location_place_word_before_the_swap_ends_at_the_name():
    assert place("Вчора на блокпосту біля села Зайцеве переговорники провели обмін.") \
        == "блокпосту біля села Зайцеве"


def test_location_where_clause_of_the_swap_points_back_to_the_place():
    assert place("O comboio seguiu até Sudzha, perto da fronteira, onde dois soldados foram "
                 "trocados por três.") == "Sudzha"


def test_location_a_side_or_its_office_is_no_handover_place():
    assert place("Обмін відбувся в Україні, повідомили в Офісі президента.") is None
