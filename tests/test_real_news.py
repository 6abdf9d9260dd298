"""Rules for what real news reports do to figures, one error class a test.

Each class comes from reading real reports (issue #9: parts not summed, wrong
side, background swaps, single named people, verbs and forms, numbers that are
not captives, cumulative figures, dates, status). The articles here are written
for these tests, in our own words; none is copied from any report or gold file.
"""

from __future__ import annotations

from extracting import main_event, run

# ---------------------------------------------------------------------------
# parts: category figures add up to a side's figure


def test_parts_in_one_clause_are_summed_with_their_breakdown():
    ev = main_event(run(
        "Kyiv and Moscow trade captives\n\n"
        "Russia and Ukraine carried out a prisoner exchange on Tuesday. Moscow handed over "
        "64 soldiers and 11 civilians to Ukraine, the Ukrainian ombudsman said.",
        "2024-05-08"))
    assert ev.returned["Ukraine"] == [75]
    assert ev.breakdown["Ukraine"] == {"military": 64, "civilians": 11}


def test_parts_of_one_category_add_up():
    ev = main_event(run(
        "Prisoner swap on the border\n\n"
        "In an exchange with Russia on Friday, Ukraine got back 120 privates and sergeants "
        "and 7 officers of its army, the headquarters said.",
        "2024-05-10"))
    assert ev.returned["Ukraine"] == [127]
    assert ev.breakdown["Ukraine"] == {"military": 127}


def test_parts_next_to_the_stated_whole_only_fill_the_breakdown():
    ev = main_event(run(
        "Another swap brings 40 home\n\n"
        "Forty Ukrainians came home on Thursday in a prisoner exchange with Russia. "
        "\"We exchanged six officers and 26 servicemen. Eight civilians were also freed,\" "
        "the deputy prime minister wrote.",
        "2024-03-14"))
    assert ev.returned["Ukraine"] == [40]
    assert ev.breakdown["Ukraine"] == {"military": 32, "civilians": 8}


def test_two_sources_giving_one_category_are_not_parts():
    ev = main_event(run(
        "Local swap near the front\n\n"
        "Yemen's government and the Houthis exchanged prisoners on Sunday. The government "
        "said 18 of its soldiers had been freed. A Houthi outlet gave a lower figure, "
        "saying 16 government fighters were handed over.",
        "2024-02-12"))
    assert sorted(ev.returned["Yemeni government"]) == [16, 18]
    assert "Yemeni government" not in ev.breakdown


def test_a_nationality_among_the_freed_is_not_a_category_split():
    ev = main_event(run(
        "Swap completed\n\n"
        "Russia and Ukraine exchanged prisoners on Monday. Ukraine received 90 people, among "
        "them 12 British soldiers who had fought in its army, officials said.",
        "2024-02-12"))
    assert ev.returned["Ukraine"] == [90]
    assert "Ukraine" not in ev.breakdown


# ---------------------------------------------------------------------------
# rounded figures, paces and number words


def test_a_bounded_figure_beside_the_exact_one_is_the_same_figure():
    ev = main_event(run(
        "More than 100 soldiers come home\n\n"
        "Ukraine got back 131 of its soldiers in a prisoner exchange with Russia on "
        "Saturday, in return for 40 Russian servicemen.",
        "2024-06-01"))
    assert ev.returned["Ukraine"] == [131]


def test_a_pace_of_the_handover_is_not_a_figure():
    ev = main_event(run(
        "Separatists and Kyiv swap prisoners\n\n"
        "Ukraine and the separatists exchanged 25 prisoners each on Sunday. The captives "
        "crossed in turns, five from each side at a time.",
        "2015-06-08"))
    assert ev.returned == {"Ukraine": [25], "Donbas separatists": [25]}


def test_several_dozen_is_no_count_but_two_dozen_is_24():
    record = run(
        "Border swap\n\n"
        "Armenia and Azerbaijan exchanged two dozen prisoners each on Monday. Several dozen "
        "Armenians are still held in Baku, officials said.",
        "2024-01-08")
    ev = main_event(record)
    assert ev.returned == {"Armenia": [24], "Azerbaijan": [24]}
    assert all(h.count != 12 for h in record.held)


# ---------------------------------------------------------------------------
# sides


def test_pro_russian_rebels_are_the_donbas_separatists():
    ev = main_event(run(
        "Ukraine trades prisoners with rebels\n\n"
        "Ukraine and pro-Russian rebels swapped prisoners on Saturday. Kyiv got back 41 "
        "soldiers and let 18 rebel fighters go.",
        "2015-03-07"))
    assert set(ev.parties) == {"Ukraine", "Donbas separatists"}
    assert ev.returned["Ukraine"] == [41]


def test_hostages_alone_do_not_make_israel_a_side():
    ev = main_event(run(
        "Caucasus swap\n\n"
        "Armenia and Azerbaijan exchanged prisoners on Friday. Baku handed over nine "
        "hostages, and Armenia freed three Azerbaijani soldiers.",
        "2024-01-12"))
    assert set(ev.parties) == {"Armenia", "Azerbaijan"}


# ---------------------------------------------------------------------------
# cumulative figures and status


def test_a_count_through_earlier_swaps_is_cumulative():
    ev = main_event(run(
        "Swap brings 100 home\n\n"
        "Ukraine and Russia exchanged 100 prisoners each on Friday. Kyiv says it has brought "
        "3,100 people back through 52 exchanges.",
        "2024-02-10"))
    assert ev.returned == {"Ukraine": [100], "Russia": [100]}


def test_under_the_deal_with_past_tense_is_completed():
    ev = main_event(run(
        "Big swap\n\n"
        "Under the deal, 90 Ukrainian prisoners were released from Russian captivity, while "
        "Ukraine set 100 Russians free in return.",
        "2024-02-10"))
    assert ev.status == "completed"


def test_a_further_group_adds_to_the_side_figure():
    ev = main_event(run(
        "Swap of 120 for 120\n\n"
        "On Tuesday Russia and Ukraine each handed over 120 prisoners. Moscow said it had "
        "also freed a further 14 badly wounded Ukrainian captives on humanitarian grounds.",
        "2025-02-04"))
    assert ev.returned["Ukraine"] == [134]
    assert ev.returned["Russia"] == [120]
    assert ev.breakdown["Ukraine"]["wounded"] == 14


def test_a_stated_sum_of_the_swap_and_a_further_group_keeps_only_the_sum():
    ev = main_event(run(
        "Ukraine brings 210 home\n\n"
        "Ukraine brought home 210 soldiers in an exchange with Russia on Sunday. The "
        "headquarters said 190 servicemen were freed in the exchange and a further 20 were "
        "released outside it.",
        "2025-04-06"))
    assert ev.returned["Ukraine"] == [210]


def test_a_small_category_after_a_whole_in_one_sentence_is_its_part():
    ev = main_event(run(
        "Swap brings captives home\n\n"
        "Russia and Ukraine exchanged prisoners on Monday. The president said 140 Ukrainians "
        "were freed, marines, border guards and also three civilians.",
        "2025-01-06"))
    assert ev.returned["Ukraine"] == [140]
    assert ev.breakdown["Ukraine"] == {"civilians": 3}


def test_a_coordinated_subject_with_one_figure_gives_a_total():
    ev = main_event(run(
        "Prisoners freed in the Caucasus\n\n"
        "Armenia and Azerbaijan freed 46 captives on Wednesday in an exchange brokered by "
        "the European Union.",
        "2024-03-13"))
    assert ev.returned == {}
    assert ev.total == 46


def test_fighters_from_a_side_are_that_side_s_people():
    ev = main_event(run(
        "Exchange on the front line\n\n"
        "Ukraine got back 80 of its soldiers on Thursday. In return, 80 fighters from Russia "
        "were released, Moscow said.",
        "2024-02-08"))
    assert ev.returned == {"Ukraine": [80], "Russia": [80]}


def test_an_elided_verb_keeps_the_first_clause_direction():
    ev = main_event(run(
        "Swap expected\n\n"
        "The exchange took place on Friday: Kyiv freed 61 people and the separatists 38, "
        "officials said.",
        "2019-12-27"))
    assert ev.returned == {"Donbas separatists": [61], "Ukraine": [38]}


def test_traded_for_a_bare_figure_goes_to_the_other_side():
    ev = main_event(run(
        "Captives home\n\n"
        "Twenty-two Ukrainians held by Russia came home on Saturday, traded for 22 "
        "prisoners that Moscow had asked for.",
        "2019-09-07"))
    assert ev.returned == {"Ukraine": [22], "Russia": [22]}


def test_other_nationals_listed_with_a_side_s_own_count_with_that_side():
    ev = main_event(run(
        "Second release under the truce\n\n"
        "Hamas handed over 11 Israeli hostages and three Nepali workers to the Red Cross on "
        "Saturday, while Israel freed 33 Palestinian prisoners.",
        "2023-11-26"))
    assert ev.returned["Israel"] == [14]
    assert ev.returned["Hamas"] == [33]


def test_nationals_that_restate_a_stated_whole_add_nothing():
    ev = main_event(run(
        "Hostages out of Gaza\n\n"
        "Hamas delivered 20 hostages in total to the Red Cross on Friday: 12 Israelis, seven "
        "Thais and one Filipino. Israel released 36 Palestinian prisoners in return.",
        "2023-11-25"))
    assert ev.returned["Israel"] == [20]


def test_a_trade_of_hostages_for_prisoners_is_a_swap_without_the_word_exchange():
    record = run(
        "Prisoners go free\n\n"
        "Hamas delivered 13 Israeli hostages to the Red Cross on Friday, and Israel let 39 "
        "Palestinian women and teenagers go under the arrangement trading hostages held in "
        "Gaza for Palestinian prisoners.",
        "2023-11-25")
    ev = main_event(record)
    assert ev.returned == {"Israel": [13], "Hamas": [39]}


def test_a_total_of_one_swap_is_its_figure_but_a_perfect_total_is_cumulative():
    ev = main_event(run(
        "Caucasus exchange\n\n"
        "A total of 30 prisoners were exchanged by Armenia and Azerbaijan on Tuesday. "
        "The mediators said their work had now secured the release of 400 captives in total.",
        "2024-01-10"))
    assert ev.total == 30
    assert 400 not in [v for vals in ev.returned.values() for v in vals]
    assert ev.total != 400


def test_of_those_introduces_a_subset_not_a_figure():
    ev = main_event(run(
        "Swap completed\n\n"
        "Russia and Ukraine exchanged 60 prisoners each on Sunday. Of those, 45 were taken "
        "to a hospital in Chernihiv.",
        "2024-03-03"))
    assert ev.returned == {"Ukraine": [60], "Russia": [60]}


def test_a_swap_under_a_truce_that_went_ahead_on_a_day_is_dated_that_day():
    ev = main_event(run(
        "Delayed release\n\n"
        "The third exchange under the truce went ahead late on Sunday, with Hamas releasing "
        "17 hostages while Israel freed 39 Palestinian prisoners.",
        "2023-11-27"))
    assert ev.date is not None and ev.date.isoformat() == "2023-11-26"


def test_the_figure_of_a_deal_in_stages_is_its_own_event_not_the_stage_s():
    record = run(
        "Second stage done\n\n"
        "Ukraine brought 280 soldiers home today in the second stage of the 500-for-500 "
        "exchange agreed last month.",
        "2025-06-02")
    ev = main_event(record)
    assert ev.returned == {"Ukraine": [280]}
    deal = [e for e in record.events if not e.main]
    assert [e.returned for e in deal] == [{"Ukraine": [500], "Russia": [500]}]
    assert deal[0].status == "agreed"


def test_prisoners_beside_civilians_are_the_military_part():
    ev = main_event(run(
        "Swap of 300\n\n"
        "On Friday Ukraine and Russia each exchanged 220 prisoners and 80 civilians.",
        "2025-05-24"))
    assert ev.returned == {"Ukraine": [300], "Russia": [300]}
    assert ev.breakdown["Russia"] == {"military": 220, "civilians": 80}


def test_a_dated_return_without_a_swap_word_is_that_day_s_event():
    record = run(
        "Third stage completed\n\n"
        "Ukraine and Russia exchanged 150 prisoners each on 12 June 2025. On 10 June, 80 "
        "Ukrainians were freed.",
        "2025-06-12")
    ev = main_event(record)
    assert ev.returned == {"Ukraine": [150], "Russia": [150]}
    assert any(e.returned.get("Ukraine") == [80] and not e.main for e in record.events)


def test_a_rate_per_day_is_not_a_figure():
    record = run(
        "Truce extended\n\n"
        "Hamas freed 12 hostages on Monday and Israel released 36 Palestinian prisoners in "
        "exchange. "
        "Under the extension, 30 more hostages are to be freed for 90 Palestinian prisoners, "
        "at a rate of ten hostages and 30 prisoners a day.",
        "2023-11-28")
    deal = [e for e in record.events if not e.main]
    assert deal and deal[0].returned == {"Israel": [30], "Hamas": [90]}


# ---------------------------------------------------------------------------
# single named people


def test_a_named_person_handed_over_with_a_group_is_one_more():
    ev = main_event(run(
        "Politician freed in swap\n\n"
        "Ukraine handed over 40 Russian servicemen as well as the jailed politician Oleg "
        "Varenko on Tuesday and got back 120 of its soldiers in return.",
        "2024-04-10"))
    assert ev.returned["Russia"] == [41]
    assert ev.people == {"Russia": ["Oleg Varenko"]}


def test_named_people_swapped_one_for_one_keep_their_names():
    ev = main_event(run(
        "Prisoner swap at the airport\n\n"
        "Washington freed the smuggler Dmitri Sokol in exchange for the teacher Anna Berg on "
        "Friday in a prisoner swap with Moscow.",
        "2024-06-14"))
    assert ev.returned == {"United States": [1], "Russia": [1]}
    assert ev.people == {"Russia": ["Dmitri Sokol"], "United States": ["Anna Berg"]}


# ---------------------------------------------------------------------------
# status


def test_a_swap_put_on_pause_late_in_the_article_failed():
    ev = main_event(run(
        "Exchange of 50 for 50 planned\n\n"
        "Ukraine and Russia were to exchange 50 prisoners each on Friday at the Belarus "
        "border, officials said. Relatives gathered at the crossing in the morning. Buses "
        "waited for hours on both sides. Late in the evening, the ombudsman said the "
        "exchange had been put on pause without explanation.",
        "2024-05-10"))
    assert ev.status == "failed"


def test_a_swap_set_to_take_place_is_agreed():
    ev = main_event(run(
        "Swap announced\n\n"
        "Armenia and Azerbaijan are set to exchange 12 prisoners each next week, the two "
        "foreign ministries said.",
        "2024-05-10"))
    assert ev.status == "agreed"


# ---------------------------------------------------------------------------
# relevance


def test_an_agreed_swap_with_no_figure_and_no_day_is_still_an_event():
    record = run(
        "Talks produce a deal on captives\n\n"
        "Negotiators for Kyiv and the separatists agreed on Tuesday that the two sides will "
        "exchange prisoners before the new year, the Ukrainian envoy said.",
        "2017-11-22")
    ev = main_event(record)
    assert ev.status == "agreed"
    assert ev.returned == {}


def test_a_suggested_trade_is_not_a_swap():
    record = run(
        "President floats a trade\n\n"
        "The president suggested that the detained businessman be exchanged for soldiers "
        "held by Russia, and said such a possible swap should be weighed by the army.",
        "2022-04-14")
    assert not record.relevant


def test_armies_exchanging_mortar_fire_is_not_a_swap():
    record = run(
        "Shelling along the border\n\n"
        "Indian and Pakistani soldiers exchanged mortar and small-arms fire on Tuesday; two "
        "soldiers were wounded, officials said.",
        "2019-04-02")
    assert not record.relevant


def test_trading_lists_of_prisoners_is_not_a_swap():
    record = run(
        "Neighbours trade lists of prisoners\n\n"
        "On Monday the two governments handed each other lists of the prisoners they hold, "
        "as they do twice a year. Officials confirmed the exchange and said one list named "
        "212 fishermen and 40 other civilians.",
        "2024-01-01")
    assert not record.relevant


def test_people_carried_out_of_captivity_to_a_capital_went_home():
    ev = main_event(run(
        "Caucasus exchange\n\n"
        "Azerbaijan and Armenia have carried out a prisoner exchange, officials said on "
        "Tuesday. A plane carried two Azerbaijani soldiers held in captivity to Baku, and "
        "three Armenian prisoners went back to Yerevan.",
        "2021-03-03"))
    assert ev.returned == {"Azerbaijan": [2], "Armenia": [3]}


def test_the_sdf_and_the_syrian_government_are_sides():
    ev = main_event(run(
        "Prisoner exchange in Aleppo\n\n"
        "The Syrian government and the SDF carried out a prisoner exchange on Thursday. "
        "Damascus freed 60 SDF fighters in return for 55 Syrian soldiers.",
        "2025-04-04"))
    assert set(ev.parties) == {"Syria", "Syrian Democratic Forces"}
    assert ev.returned == {"Syrian Democratic Forces": [60], "Syria": [55]}


def test_swaps_counted_as_swaps_and_names_with_number_words_are_no_figures():
    ev = main_event(run(
        "President thanks the Normandy Four after the swap\n\n"
        "Kyiv and the separatists exchanged prisoners on Sunday: Kyiv transferred 60 people "
        "to the separatists and got 30 back. It was the third of three prisoner swaps this "
        "year.",
        "2019-12-29"))
    assert ev.returned == {"Donbas separatists": [60], "Ukraine": [30]}


def test_a_demonym_in_a_relative_clause_is_not_the_side_of_the_figure():
    ev = main_event(run(
        "Exchange completed\n\n"
        "Ukraine got back 40 soldiers in a prisoner exchange with Russia on Friday. Two "
        "pilots whom Russian troops captured in March were also freed, officials said.",
        "2022-04-15"))
    assert "Russia" not in ev.returned or 2 not in ev.returned["Russia"]


def test_a_sentence_that_opens_among_those_freed_lists_a_subset():
    ev = main_event(run(
        "Captives home\n\n"
        "Forty Ukrainians came home on Saturday in a prisoner swap with Russia. Among those "
        "now free is a well-known film director, along with the 12 Ukrainian sailors seized "
        "last year.",
        "2019-09-08"))
    assert ev.returned["Ukraine"] == [40]


def test_swaps_under_a_background_heading_are_earlier_swaps():
    record = run(
        "Bodies returned\n\n"
        "Ukraine and Russia exchanged the bodies of fallen soldiers on a \"40 for 40\" basis, "
        "the ministry said.\n\n"
        "Background:\n\n"
        "- On 3 May, the two sides swapped the bodies of 90 soldiers each.\n"
        "- Earlier swaps were carried out under a 25 for 25 formula.",
        "2022-06-08")
    ev = main_event(record)
    assert ev.returned == {}
    assert ev.breakdown == {"Ukraine": {"bodies": 40}, "Russia": {"bodies": 40}}
    assert [e.date.isoformat() for e in record.events if not e.main] == ["2022-05-03"]


def test_giver_hands_receiver_n_gives_them_to_the_receiver():
    ev = main_event(run(
        "Moscow hands Kyiv 180 prisoners of war in return for 60 men\n\n"
        "The exchange took place on Friday, officials said.",
        "2022-09-23"))
    assert ev.returned == {"Ukraine": [180], "Russia": [60]}


def test_the_number_of_a_side_s_people_put_at_n():
    ev = main_event(run(
        "Exchange on Saturday\n\n"
        "Russia's defence ministry said 40 Russian soldiers were freed in a prisoner exchange "
        "on Saturday. Kyiv put the number of Ukrainians freed at 42.",
        "2022-10-29"))
    assert ev.returned == {"Russia": [40], "Ukraine": [42]}


def test_n_of_the_freed_with_injuries_are_wounded_not_a_figure():
    ev = main_event(run(
        "Swap brings 120 home\n\n"
        "Ukraine got back 120 soldiers in a prisoner exchange with Russia on Monday. At least "
        "25 of the freed Ukrainians had serious injuries, the headquarters said.",
        "2024-02-05"))
    assert ev.returned["Ukraine"] == [120]
    assert ev.breakdown["Ukraine"]["wounded"] == 25


def test_swapped_for_exactly_as_many_gives_the_other_side_the_same_figure():
    ev = main_event(run(
        "Prisoner exchange\n\n"
        "Russia's defence ministry said on Wednesday that 150 Russian soldiers had been "
        "swapped for \"exactly\" as many Ukrainian servicemen.",
        "2024-01-31"))
    assert ev.returned == {"Russia": [150], "Ukraine": [150]}


def test_a_group_made_up_of_parts_fills_the_breakdown():
    ev = main_event(run(
        "Swap completed\n\n"
        "Fifty people have come back to Ukraine in a prisoner exchange with Russia, the "
        "minister said on Thursday. The group of 50 was made up of 10 officers, 28 soldiers "
        "and 12 civilians.",
        "2022-04-29"))
    assert ev.returned["Ukraine"] == [50]
    assert ev.breakdown["Ukraine"] == {"military": 38, "civilians": 12}


def test_two_named_people_traded_count_one_each():
    ev = main_event(run(
        "Swap at the airport\n\n"
        "Officials in Washington and Moscow said Anna Berg and Dmitri Sokol had been traded in "
        "a prisoner exchange on Thursday.",
        "2022-12-09"))
    assert ev.returned == {"United States": [1], "Russia": [1]}


def test_one_figure_of_a_side_given_in_return_counts_one():
    ev = main_event(run(
        "Two Americans freed\n\n"
        "The Taliban released two Americans held in Afghanistan in a prisoner exchange on "
        "Monday. They were freed in return for the transfer of a Taliban commander serving a "
        "life term in the United States.",
        "2025-01-21"))
    assert ev.returned == {"United States": [2], "Taliban": [1]}


def test_a_count_restated_in_parentheses_adds_nothing():
    ev = main_event(run(
        "Prisoner exchange\n\n"
        "Venezuela released ten Americans (six citizens plus four residents) on Friday in "
        "exchange for 200 Venezuelans sent home by the United States.",
        "2025-07-19"))
    assert ev.returned == {"United States": [10], "Venezuela": [200]}


def test_aircraft_are_not_captives():
    ev = main_event(run(
        "Airlift swap\n\n"
        "The Houthis and the Saudi-led coalition exchanged prisoners on Thursday. Two aircraft "
        "carrying Houthis freed by the coalition left the airport.",
        "2020-10-16"))
    assert 2 not in [v for vals in ev.returned.values() for v in vals]


def test_a_swap_announced_on_a_day_keeps_that_day_over_a_failed_plan_before_it():
    record = run(
        "Sides return the dead\n\n"
        "Russia and Ukraine said on Friday they had exchanged the bodies of 90 soldiers. "
        "Russia received the remains of 40 soldiers and Ukraine got back 50 bodies.\n\n"
        "On Wednesday, Moscow said a planned prisoner swap had collapsed after a plane crash.",
        "2024-01-27")
    ev = main_event(record)
    assert ev.status == "completed"
    assert ev.date is not None and ev.date.isoformat() == "2024-01-26"


def test_a_second_pair_of_figures_after_also_is_a_second_swap():
    record = run(
        "Two exchanges on one day\n\n"
        "Ukraine and Russia carried out a prisoner exchange on Thursday. \"We got 12 of our "
        "soldiers back in return for 12 occupiers,\" Ukraine's deputy prime minister wrote. She "
        "also said that 8 "
        "Russian sailors were traded for 15 Ukrainian civilian crew members.",
        "2022-03-25")
    ev = main_event(record)
    assert ev.returned == {"Ukraine": [12], "Russia": [12]}
    others = [e.returned for e in record.events if not e.main]
    assert others == [{"Russia": [8], "Ukraine": [15]}]


def test_one_for_one_is_a_kind_of_trade_beside_real_counts():
    ev = main_event(run(
        "Soldier-for-soldier swap\n\n"
        "Kyiv says it is the first one-for-one trade of captured troops. Ukraine got back 12 "
        "soldiers and freed 12 Russian servicemen on Thursday.",
        "2022-03-25"))
    assert ev.returned == {"Ukraine": [12], "Russia": [12]}


def test_a_recap_of_older_swaps_does_not_date_or_count_the_latest_one():
    record = run(
        "Ukraine completes another swap\n\n"
        "Forty people have come back to Ukraine in its most recent prisoner exchange with "
        "Russia, the minister said.\n\n"
        "On April 9, Ukrainian authorities brought home 60 people. A 20-for-20 exchange took "
        "place on April 2. Before that, officials had traded seven Russian conscripts for a "
        "mayor.",
        "2022-04-22")
    ev = main_event(record)
    assert ev.returned == {"Ukraine": [40]}
    assert ev.date is None
    assert {e.date.isoformat() for e in record.events if not e.main and e.date} == {
        "2022-04-09", "2022-04-02"}


def test_that_figure_comprised_parts_of_a_count_that_is_not_the_swap_s():
    ev = main_event(run(
        "Caucasus exchange\n\n"
        "Azerbaijan released 20 Armenian servicemen and Armenia freed two Azerbaijani soldiers "
        "on Wednesday. Armenia says Baku holds 50 Armenians. That figure comprised nine "
        "civilians and 41 military personnel.",
        "2023-12-14"))
    assert ev.returned == {"Armenia": [20], "Azerbaijan": [2]}


def test_coffins_holding_hostages_remains_are_bodies():
    ev = main_event(run(
        "Remains handed over\n\n"
        "Hamas handed over coffins holding the three hostages' remains overnight, and Israel "
        "freed 450 Palestinian prisoners in exchange.",
        "2025-02-27"))
    assert ev.returned == {"Hamas": [450]}
    assert ev.breakdown["Israel"]["bodies"] == 3


def test_a_side_that_declines_is_no_refusal_of_the_captives():
    ev = main_event(run(
        "Swap completed\n\n"
        "Hamas handed over four bodies overnight in exchange for 600 Palestinian prisoners. "
        "Israel had earlier declined to free prisoners after Hamas released five hostages at a "
        "ceremony.",
        "2025-02-27"))
    assert ev.refused == {}


def test_families_are_not_captives():
    ev = main_event(run(
        "Children go home\n\n"
        "Russia and Ukraine exchanged prisoners on Friday: 30 Ukrainian soldiers came home and "
        "30 Russian servicemen were handed over. Twenty Ukrainian and Russian families met "
        "the mediators in Doha.",
        "2024-05-24"))
    assert ev.returned == {"Ukraine": [30], "Russia": [30]}


def test_the_remains_of_the_last_n_hostages_are_bodies():
    ev = main_event(run(
        "Final handover\n\n"
        "Egyptian mediators secured the return to Israel of the remains of the last three "
        "hostages overnight, in exchange for 500 Palestinian prisoners.",
        "2025-02-27"))
    assert ev.returned == {"Hamas": [500]}
    assert ev.breakdown["Israel"]["bodies"] == 3


def test_an_elided_destination_keeps_the_verb_of_the_first_clause():
    ev = main_event(run(
        "Children to be swapped\n\n"
        "Russia and Ukraine agreed to exchange detained children on Wednesday: 25 children are "
        "to be sent to Ukraine and 17 to Russia, the commissioner said.",
        "2024-05-23"))
    assert ev.returned == {"Ukraine": [25], "Russia": [17]}
    assert ev.status == "agreed"


def test_prisoners_held_by_a_side_who_walked_out_go_to_the_other_side():
    ev = main_event(run(
        "Second group freed\n\n"
        "Hamas released 13 Israeli hostages on Saturday. Thirty-nine prisoners held by Israel "
        "walked out of three prisons hours later under the exchange deal.",
        "2023-11-26"))
    assert ev.returned == {"Israel": [13], "Hamas": [39]}


def test_allied_nationals_flown_with_a_side_s_own_count_with_it():
    ev = main_event(run(
        "Airlift of prisoners\n\n"
        "The Houthis and the Saudi-led coalition exchanged prisoners on Thursday. The plane "
        "with 12 Saudis and three Sudanese on board touched down in Riyadh, the coalition "
        "said.",
        "2020-10-16"))
    assert set(ev.parties) == {"Houthis", "Saudi Arabia"}
    assert ev.returned["Saudi Arabia"] == [15]


def test_foreign_fighters_freed_as_well_as_a_side_s_own_count_with_it():
    ev = main_event(run(
        "Moscow hands Kyiv 120 prisoners of war\n\n"
        "Russia freed 112 Ukrainian POWs, among them defenders of the steel works, as well as "
        "8 foreign fighters who had served Ukraine, on Wednesday, in exchange for 40 Russian "
        "soldiers.",
        "2022-09-22"))
    assert ev.returned["Ukraine"] == [120]


def test_captives_who_never_came_to_the_swap_are_absent():
    ev = main_event(run(
        "Swap falls short\n\n"
        "Ukraine handed over 200 prisoners to the separatists on Wednesday and got 50 back. "
        "Kyiv had promised to release 230: 12 refused to go, and 18 who had been set free "
        "earlier never came to the swap.",
        "2017-12-28"))
    assert ev.absent == {"Donbas separatists": 18}
    assert ev.refused == {"Donbas separatists": 12}


def test_people_aboard_a_downed_plane_are_not_a_swap_figure():
    ev = main_event(run(
        "Swap after the crash\n\n"
        "Russia and Ukraine exchanged 150 prisoners each on Wednesday. Last week a military "
        "plane crashed near the border with 60 Ukrainian prisoners on board, Moscow said.",
        "2024-01-31"))
    assert ev.returned == {"Ukraine": [150], "Russia": [150]}
