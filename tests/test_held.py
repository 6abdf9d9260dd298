"""Held figures: captives a side still holds, who holds them and whose people they are.

Every article here is written for this file, in our own words. Each test pins
one way English news states a held figure (or a figure that only looks like
one), read through the public ``powtrack.extract``.
"""

from __future__ import annotations

import pytest

import powtrack

SWAP_UA = "Ukraine and Russia swapped 50 prisoners each on Friday, officials said. "
SWAP_AM = "Armenia and Azerbaijan exchanged prisoners on Monday, officials said. "
LISTS = "India and Pakistan traded lists of prisoners on Monday under their consular pact. "


def held(text: str, published: str = "2024-05-10") -> list[tuple]:
    record = powtrack.extract(text, published=published)
    return [(h.held_by, h.of, h.count, h.qualifier) for h in record.held]


# ---------------------------------------------------------------------------
# the holder named by the place the captives are in


def test_captives_still_in_a_sides_custody_are_held_by_that_side():
    text = SWAP_UA + "Kyiv says 23 Ukrainian sailors are still in Russian custody."
    assert held(text) == [("Russia", "Ukraine", 23, "exact")]


def test_captives_remaining_in_captivity_keep_their_qualifier():
    text = SWAP_AM + "About 300 Armenian soldiers remain in Azerbaijani captivity, Yerevan says."
    assert held(text) == [("Azerbaijan", "Armenia", 300, "about")]


def test_prisoners_in_a_named_country_are_held_by_it():
    text = LISTS + "Officials said 120 Pakistani prisoners in India are awaiting repatriation."
    assert held(text) == [("India", "Pakistan", 120, "exact")]


def test_soldiers_in_a_country_are_not_held_by_it():
    text = SWAP_UA + "Moscow has 600 Russian soldiers in Ukraine's Kharkiv region, Kyiv says."
    assert held(text) == []


def test_hostages_in_its_hands_are_held_by_the_subject_not_by_a_possessive():
    text = ("Colombia says the Marxist rebels must free the hostages still held before talks "
            "resume. Colombia's ELN guerrillas must free all 12 hostages in their hands before the "
            "government returns to the table, an official said.")
    assert held(text) == [("ELN", "Colombia", 12, "exact")]


# ---------------------------------------------------------------------------
# the holder named as the subject of a verb of holding


def test_side_holding_people_hostage_is_the_holder():
    text = ("Israel and Hamas swapped captives on Friday. Hamas still holds more than 100 Israelis "
            "hostage in Gaza, the army said.")
    assert held(text) == [("Hamas", "Israel", 100, "more_than")]


def test_side_that_is_detaining_people_holds_them():
    text = SWAP_UA + "Moscow is detaining more than 5,000 Ukrainian civilians, the ombudsman says."
    assert held(text) == [("Russia", "Ukraine", 5000, "more_than")]


def test_a_people_word_as_subject_names_the_holder():
    text = SWAP_UA + "The Russians are also holding 14 Ukrainian journalists, the minister said."
    assert held(text) == [("Russia", "Ukraine", 14, "exact")]


def test_holder_is_the_subject_after_said_that_not_the_speaker():
    text = SWAP_AM + "Last month Yerevan said that Baku was holding 40 Armenian prisoners in total."
    assert held(text) == [("Azerbaijan", "Armenia", 40, "exact")]


def test_a_holder_the_sides_table_does_not_name_gives_no_guess():
    # "the gunmen" is no side; the speaker's name before it must not become the holder
    text = SWAP_UA + "By Kyiv's reckoning, the gunmen hold at least 70 Ukrainian volunteers."
    assert all(h[0] != "Ukraine" for h in held(text))


# ---------------------------------------------------------------------------
# figures without a noun, and several figures in one phrase


def test_more_still_in_prison_after_a_swap_is_held():
    text = ("Ukraine and Russia swapped 35 prisoners each on Friday. At least 200 more are still "
            "in Russian jails.")
    assert held(text) == [("Russia", "Ukraine", 200, "at_least")]


def test_each_figure_of_a_coordination_is_a_held_figure():
    text = SWAP_UA + "Kyiv says 40 soldiers and about 200 civilians remain in Russian captivity."
    assert held(text) == [("Russia", "Ukraine", 40, "exact"), ("Russia", "Ukraine", 200, "about")]


# ---------------------------------------------------------------------------
# lists of prisoners a side holds


def test_list_of_the_other_sides_prisoners_is_held_by_the_side_that_gave_it():
    text = LISTS + "Islamabad handed New Delhi a list of 250 Indian prisoners, the ministry said."
    assert held(text) == [("Pakistan", "India", 250, "exact")]


def test_parts_of_one_list_in_a_sides_custody_add_up():
    text = LISTS + ("New Delhi listed 300 civilian prisoners and 40 fishermen held in its custody "
                    "who are thought to be Pakistani.")
    assert held(text) == [("India", "Pakistan", 340, "exact")]


def test_sub_counts_of_a_list_are_not_added_to_it():
    text = LISTS + ("Islamabad gave a list of 300 Indian prisoners, 200 of them fishermen and "
                    "100 others.")
    assert held(text) == [("Pakistan", "India", 300, "exact")]


@pytest.mark.parametrize("sentence", [
    "Kyiv handed Moscow a list of 500 Ukrainian prisoners it wants back.",
    "Kyiv handed Moscow a list of 500 people, the ombudsman said.",
])
def test_list_of_own_or_unnamed_people_gives_no_held_figure(sentence):
    assert held(SWAP_UA + sentence) == []


# ---------------------------------------------------------------------------
# words that look like holding and are not


def test_holding_an_exchange_is_not_holding_captives():
    text = ("Government troops and separatist fighters held one more prisoner exchange near "
            "Donetsk on Friday, trading 20 for 20.")
    assert held(text) == []


def test_territory_held_by_a_side_does_not_make_it_a_holder():
    text = SWAP_UA + ("Russia has returned from Kyiv-held ground 80 soldiers captured in the "
                      "border region.")
    assert held(text) == []


@pytest.mark.parametrize("sentence", [
    "In the swap, 20 Ukrainians held in Russia returned home.",
    "Some 20 Ukrainians held in Russian jails were back in Kyiv by nightfall.",
    "Another 20 Ukrainian prisoners held in Russia were flown to Kyiv.",
    "Russia freed 20 Ukrainians held in its custody.",
    "Ten Ukrainians imprisoned in Russia were finally coming home, Kyiv said.",
])
def test_captives_who_came_home_are_not_still_held(sentence):
    assert held(SWAP_UA + sentence) == []


def test_choosing_to_remain_is_not_being_held():
    text = SWAP_UA + "One man chose to remain in Russia, the security service said."
    assert held(text) == []


# ---------------------------------------------------------------------------
# running totals and figures with no noun


def test_the_number_held_stands_at_a_figure():
    text = SWAP_UA + ("The number of Ukrainians held in Russian captivity stands at about 8,000, "
                      "Kyiv says.")
    assert held(text) == [("Russia", "Ukraine", 8000, "about")]


def test_bringing_to_a_figure_the_number_held_by_a_side():
    text = SWAP_UA + ("Another 12 were detained on Sunday, bringing to 40 the number of Ukrainian "
                      "volunteers held by Russia.")
    assert held(text) == [("Russia", "Ukraine", 40, "exact")]


def test_the_number_exchanged_is_not_a_held_figure():
    text = SWAP_UA + "The number of prisoners exchanged has risen to 3,000 since the war began."
    assert held(text) == []


def test_a_bare_figure_remaining_in_the_holders_territory_is_held():
    text = ("Israel and Hamas swapped captives on Friday. Of the 240 taken, 90 remain in Gaza, "
            "officials said.")
    assert held(text) == [("Hamas", "Israel", 90, "exact")]


def test_a_bare_figure_in_hospital_in_a_sides_city_is_not_held():
    text = SWAP_UA + "Of the wounded, 3 remain in hospital in Kyiv."
    assert held(text) == []


@pytest.mark.parametrize("verb", ["is believed to hold", "continues to hold", "is thought to hold"])
def test_verbs_of_continued_holding_name_the_holder(verb):
    text = SWAP_UA + f"Moscow {verb} about 3,000 Ukrainian soldiers, officials said."
    assert held(text) == [("Russia", "Ukraine", 3000, "about")]


# ---------------------------------------------------------------------------
# captivity with no holder named


def test_coordinated_figures_in_captivity_are_the_reporting_sides_people():
    text = SWAP_UA + "Kyiv says 40 soldiers and about 200 civilians remain in captivity."
    assert held(text) == [("Russia", "Ukraine", 40, "exact"), ("Russia", "Ukraine", 200, "about")]


def test_a_side_named_after_the_comma_is_the_source_not_the_holder():
    text = SWAP_UA + "Some 60 sailors remain in captivity, according to Kyiv."
    assert held(text) == [("Russia", "Ukraine", 60, "about")]


@pytest.mark.parametrize("sentence", [
    "The Red Cross says 40 soldiers remain in captivity.",
    "Kyiv says 40 soldiers remain in hospital.",
    "Kyiv says 40 soldiers remain.",
])
def test_no_held_figure_without_a_side_or_without_captivity(sentence):
    assert held(SWAP_UA + sentence) == []


# ---------------------------------------------------------------------------
# other languages: the same ideas read from the pack words (held_verb, held_state,
# held_passive, held_place, held_not, held_demand), in any word order

def held_in(lang: str, text: str) -> list[tuple]:
    record = powtrack.extract(text, published="2024-05-10", lang=lang)
    return [(h.held_by, h.of, h.count) for h in record.held]


def test_a_side_that_holds_people_is_the_holder_in_any_language():
    text = ("Україна та Росія обмінялися полоненими в неділю. За словами омбудсмана, "
            "Росія утримує щонайменше 800 українських військових.")
    assert held_in("uk", text) == [("Russia", "Ukraine", 800)]


def test_people_remaining_in_a_sides_captivity_before_the_figure():
    text = ("Ukraina i Rosja wymieniły się jeńcami w sobotę. Po wymianie w rosyjskiej niewoli "
            "nadal przebywa 300 ukraińskich żołnierzy.")
    assert held_in("pl", text) == [("Russia", "Ukraine", 300)]


def test_people_remaining_in_a_sides_hands_after_the_figure():
    text = ("Israel y Hamás intercambiaron rehenes y presos el lunes. Unos 60 rehenes "
            "israelíes siguen en manos de Hamás, según el Gobierno israelí.")
    assert held_in("es", text) == [("Hamas", "Israel", 60)]


def test_people_held_in_a_side_named_before_them_the_source_is_not_the_holder():
    text = ("Die Ukraine und Russland haben am Freitag Gefangene ausgetauscht. Nach Angaben "
            "aus Kiew werden in Russland noch 150 ukrainische Zivilisten festgehalten.")
    assert held_in("de", text) == [("Russia", "Ukraine", 150)]


def test_its_own_people_held_elsewhere_are_still_held_when_freeing_them_is_only_hoped_for():
    text = ("La Russie et l'Ukraine ont échangé des prisonniers mardi. Kiev veut encore "
            "obtenir la libération de 40 de ses ressortissants détenus en Russie.")
    assert held_in("fr", text) == [("Russia", "Ukraine", 40)]


def test_people_freed_or_dead_are_not_held_but_the_rest_are():
    text = ("Israele e Hamas si sono scambiati ostaggi e detenuti. Sabato 12 ostaggi "
            "detenuti a Gaza sono stati liberati. Altri 90 ostaggi restano nelle mani di "
            "Hamas. Secondo Israele, 20 ostaggi sono morti in prigionia a Gaza.")
    assert held_in("it", text) == [("Hamas", "Israel", 90)]


def test_thousands_is_no_count_but_a_figure_in_digits_is():
    text = ("Україна та Росія провели обмін полоненими. У російському полоні залишаються "
            "тисячі українців. За даними штабу, в російському полоні утримують 2,5 тис. "
            "українських цивільних.")
    assert held_in("uk", text) == [("Russia", "Ukraine", 2500)]


def test_a_quote_inside_the_clause_keeps_the_region_that_holds_them():
    text = ("Украина и Россия провели обмен пленными. Омбудсман рассказал, что на Донбассе "
            "«в плену до сих пор остаются 70 наших граждан».")
    assert held_in("ru", text) == [("Donbas separatists", "Ukraine", 70)]


def test_a_scale_abbreviation_does_not_end_the_sentence_before_whose_people():
    text = ("Ukraina i Rosja wymieniły się jeńcami. Według Kijowa w rosyjskiej niewoli "
            "pozostaje co najmniej 6 tys. Ukraińców.")
    assert held_in("pl", text) == [("Russia", "Ukraine", 6000)]


def test_held_by_a_side_after_a_preposition_and_its_article():
    text = ("Israël et le Hamas ont échangé des otages jeudi. Au moins 48 otages israéliens "
            "sont toujours retenus par le Hamas.")
    assert held_in("fr", text) == [("Hamas", "Israel", 48)]


def test_a_holding_verb_whose_particle_comes_after_the_figure():
    text = ("Die Ukraine und Russland tauschten am Sonntag Gefangene aus. Russland hält laut "
            "Kiew weiterhin etwa 7000 Ukrainer gefangen.")
    assert held_in("de", text) == [("Russia", "Ukraine", 7000)]
