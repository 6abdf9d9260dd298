"""A seeded, offline corpus of news articles for benchmarks: a few swaps, mostly other news.

Relevant articles are prisoner-swap reports built from templates (Ukraine/Russia,
Israel/Hamas, Armenia/Azerbaijan, Houthis/Yemeni government, United States/Iran)
with varied figures, weekdays, mediators, places and web clutter lines.
Irrelevant articles mix sentences from sixteen other beats (economy, sport,
weather, courts, elections, tech, ...). Every article is 2-4 KB, as wire copy is.

The same ``seed`` always gives the same corpus, on any machine and Python
version (only ``random.Random`` with an explicit seed is used), so figures from
different runs compare like with like.

    >>> from benchmarks.corpus import make_texts
    >>> texts = make_texts(100)
    >>> sum(relevant for _, relevant in texts)
    5
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass
from datetime import date, timedelta

MIN_CHARS = 2000
MAX_CHARS = 4000

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MONTHS_SHORT = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
                "Oct.", "Nov.", "Dec."]
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                "nine", "ten", "eleven", "twelve"]
AGENCIES = ["Reuters", "AP", "AFP", "EurasiaWire", "dpa"]
OUTLETS = ["FOX NEWS", "NEWSDAY", "DAILY WIRE", "GLOBE", "CHRONICLE", "HERALD"]


@dataclass
class Article:
    """One generated article: its text, whether it reports a swap, and page metadata."""

    text: str
    relevant: bool
    title: str
    published: date
    url: str


# --- relevant articles: prisoner swaps -------------------------------------------

# Each side: name, adjective, what its people are called, officials who speak for it.
# Figures: (low, high) for how many people each side gets back in one swap.
PAIRS = [
    {
        "a": "Ukraine", "b": "Russia", "a_adj": "Ukrainian", "b_adj": "Russian",
        "a_city": "KYIV", "b_city": "MOSCOW",
        "a_nouns": ["soldiers", "servicemen", "prisoners of war", "defenders", "POWs"],
        "b_nouns": ["servicemen", "soldiers", "prisoners of war", "troops"],
        "a_officials": ["Ukrainian President Volodymyr Zelenskyy",
                        "Ukraine's human rights commissioner Dmytro Lubinets",
                        "Ukraine's Coordination Headquarters for the Treatment of Prisoners "
                        "of War"],
        "b_officials": ["Russia's Defence Ministry",
                        "Russian human rights commissioner Tatyana Moskalkova",
                        "Kremlin spokesman Dmitry Peskov"],
        "mediators": ["the United Arab Emirates", "Qatar", "Turkey", "the Vatican",
                      "Saudi Arabia"],
        "places": ["on the border with Belarus", "at a crossing in the Sumy region",
                   "near the Belarusian-Ukrainian border"],
        "a_range": (40, 400), "b_range": (40, 400),
        "background": [
            "Russia launched its full-scale invasion of Ukraine in February 2022, and "
            "swaps have been one of the few areas where the two sides still cooperate.",
            "Kyiv says thousands of its citizens remain in Russian captivity, many of them "
            "held without any contact with their families.",
            "Exchanges slowed sharply last year as fighting intensified along the front line "
            "in the east, and each side accused the other of stalling.",
            "Relatives of missing soldiers have staged regular rallies in Kyiv, urging "
            "officials to do more to bring their loved ones home.",
            "Russian officials said the returning servicemen would be flown to Moscow for "
            "medical checks and psychological support before going home.",
            "Ukrainian officials said several of the freed men had been captured during the "
            "defence of Mariupol in 2022.",
            "Moscow has accused Kyiv of mistreating captured Russian soldiers, a charge "
            "Ukrainian officials deny.",
            "UN monitors have documented widespread abuse of Ukrainian prisoners of war in "
            "Russian detention facilities, including beatings and lack of food.",
            "Zelenskyy has repeatedly called for an \"all for all\" exchange that would free "
            "every prisoner held by both sides.",
        ],
    },
    {
        "a": "Israel", "b": "Hamas", "a_adj": "Israeli", "b_adj": "Palestinian",
        "a_city": "JERUSALEM", "b_city": "GAZA CITY",
        "a_nouns": ["hostages", "captives"],
        "b_nouns": ["prisoners", "detainees"],
        "a_officials": ["Israeli Prime Minister Benjamin Netanyahu's office",
                        "the Israeli military", "an Israeli government spokesperson"],
        "b_officials": ["Hamas's armed wing", "a Hamas official",
                        "the Palestinian Prisoners' Club"],
        "mediators": ["Qatar", "Egypt", "the United States", "the Red Cross"],
        "places": ["at the Kerem Shalom crossing", "in Khan Younis",
                   "at the Ofer prison near Ramallah"],
        "a_range": (2, 33), "b_range": (30, 600),
        "background": [
            "The war began on Oct. 7, 2023, when Hamas-led militants attacked southern "
            "Israel and took some 250 people hostage into Gaza.",
            "Israel's offensive in Gaza has killed tens of thousands of Palestinians, "
            "according to the territory's health ministry.",
            "Crowds gathered in Tel Aviv's Hostages Square to watch the handover on giant "
            "screens, some holding photographs of those still held.",
            "Buses carrying the freed prisoners were met by cheering crowds in Ramallah in "
            "the occupied West Bank late in the evening.",
            "The ceasefire deal is meant to unfold in stages, with further releases "
            "expected in the coming weeks.",
            "Families of hostages still in Gaza have pressed the government to keep the "
            "truce in place until every captive is home.",
            "Many of the Palestinians freed had been held without charge under what Israel "
            "calls administrative detention.",
            "Israeli far-right ministers opposed the deal, saying it would encourage further "
            "kidnappings.",
            "Medical teams checked the returning hostages at a reception point before they "
            "were taken to hospitals in central Israel.",
        ],
    },
    {
        "a": "Armenia", "b": "Azerbaijan", "a_adj": "Armenian", "b_adj": "Azerbaijani",
        "a_city": "YEREVAN", "b_city": "BAKU",
        "a_nouns": ["servicemen", "soldiers", "prisoners"],
        "b_nouns": ["servicemen", "soldiers", "prisoners"],
        "a_officials": ["Armenian Prime Minister Nikol Pashinyan",
                        "Armenia's foreign ministry", "Armenia's security council"],
        "b_officials": ["Azerbaijani President Ilham Aliyev's office",
                        "Azerbaijan's foreign ministry", "an Azerbaijani government official"],
        "mediators": ["the European Union", "the Red Cross", "the OSCE"],
        "places": ["on the border between the two countries",
                   "at a checkpoint near the village of Tegh"],
        "a_range": (2, 32), "b_range": (2, 12),
        "background": [
            "The two South Caucasus neighbours have fought two wars over the Nagorno-"
            "Karabakh region, most recently in 2020.",
            "Azerbaijan regained full control of Karabakh in a lightning offensive in "
            "September 2023, prompting most of its ethnic Armenian population to flee.",
            "Both governments have said they hope to sign a peace treaty, though talks have "
            "stalled over border demarcation.",
            "Baku and Yerevan described the exchange as a goodwill step toward "
            "normalising relations.",
            "Armenia had long accused Azerbaijan of holding dozens of its soldiers captured "
            "after the 2020 ceasefire, a charge Baku rejected.",
            "The release followed a rare joint statement from the offices of the two "
            "leaders, who agreed to take confidence-building steps.",
            "Rights groups have urged both sides to account for hundreds of people still "
            "listed as missing from the wars.",
            "Villagers on both sides of the border have lived for years with sporadic "
            "shooting and landmines.",
        ],
    },
    {
        "a": "the Yemeni government", "b": "the Houthis", "a_adj": "government",
        "b_adj": "Houthi", "a_city": "ADEN", "b_city": "SANAA",
        "a_nouns": ["prisoners", "detainees", "fighters"],
        "b_nouns": ["prisoners", "detainees", "fighters"],
        "a_officials": ["Yemen's internationally recognised government",
                        "a government negotiator", "Yemen's foreign ministry"],
        "b_officials": ["the Houthi prisoner affairs committee", "Houthi official Abdulqader "
                        "al-Murtada", "the Houthi-run Saba news agency"],
        "mediators": ["the Red Cross", "the United Nations", "Oman", "Saudi Arabia"],
        "places": ["at Sanaa airport", "at Aden airport", "in Marib"],
        "a_range": (50, 300), "b_range": (100, 700),
        "background": [
            "Yemen's war began in 2014 when the Iran-aligned Houthis seized the capital "
            "Sanaa, and a Saudi-led coalition intervened the following year.",
            "The conflict has killed hundreds of thousands of people and left much of the "
            "population dependent on aid.",
            "Flights operated by the Red Cross carried the freed detainees between Sanaa, "
            "Aden, Marib and the Saudi city of Abha over two days.",
            "Talks in Muscat and Geneva have produced several rounds of releases, but "
            "thousands of detainees remain unaccounted for.",
            "The exchange had been agreed months earlier under a UN-sponsored deal, but was "
            "repeatedly delayed over the names on the lists.",
            "Families waited for hours on the tarmac, some holding flowers and pictures of "
            "their relatives.",
            "The Houthis have also attacked shipping in the Red Sea, which they say is in "
            "solidarity with Palestinians in Gaza.",
            "A truce agreed in 2022 has largely held, although clashes continue along "
            "several front lines.",
        ],
    },
    {
        "a": "the United States", "b": "Iran", "a_adj": "American", "b_adj": "Iranian",
        "a_city": "WASHINGTON", "b_city": "TEHRAN",
        "a_nouns": ["citizens", "detainees", "prisoners"],
        "b_nouns": ["citizens", "nationals", "prisoners"],
        "a_officials": ["President Joe Biden", "the State Department",
                        "a senior US administration official"],
        "b_officials": ["Iran's foreign ministry", "Iranian Foreign Minister Hossein "
                        "Amirabdollahian", "Iran's mission to the United Nations"],
        "mediators": ["Qatar", "Oman", "Switzerland"],
        "places": ["in Doha", "at Doha airport"],
        "a_range": (2, 5), "b_range": (2, 5),
        "background": [
            "The deal also unfroze some $6 billion in Iranian funds held in South Korea, "
            "to be used only for humanitarian purchases.",
            "Relations between Washington and Tehran have been frozen since the 1979 "
            "Islamic Revolution and the seizure of the US embassy.",
            "Critics in Congress said the agreement rewarded hostage-taking and would "
            "encourage Iran to detain more foreigners.",
            "Iran has long held dual nationals on espionage and security charges that "
            "their families and rights groups say are baseless.",
            "The freed Americans were flown to Doha, where they were met by the US "
            "ambassador, before continuing on to the United States.",
            "The Iranians had been charged or convicted in the United States of violating "
            "sanctions, according to officials.",
            "Months of indirect talks were held through Qatari officials shuttling between "
            "hotel rooms.",
            "The deal does not change the broader standoff over Iran's nuclear programme, "
            "US officials stressed.",
        ],
    },
]

SWAP_LEDES = [
    "{A} and {b} exchanged {total_text} prisoners on {weekday} in a deal brokered by "
    "{mediator}, officials on both sides said.",
    "{na_text} {a_adj} {a_noun} returned home on {weekday} in a prisoner swap with {b}, "
    "{a_official} said.",
    "{B} freed {na} {a_adj} {a_noun} on {weekday} in exchange for {nb} {b_adj} {b_noun}, in "
    "the latest swap mediated by {mediator}.",
    "{A} and {b} carried out a prisoner exchange on {weekday}, with {na} {a_adj} {a_noun} and "
    "{nb} {b_adj} {b_noun} released under an agreement mediated by {mediator}.",
    "{dateline}{A} said on {weekday} it had received {na} {a_adj} {a_noun} from {b} in a "
    "swap that also saw {nb} {b_adj} {b_noun} handed back.",
]

SWAP_SENTENCES = [
    "{b_official} said {nb} {b_adj} {b_noun} had been returned under the deal.",
    "{a_official} said {na} {a_adj} {a_noun} had been freed, among them {civ_text} "
    "who had been held for more than a year.",
    "{a_official} thanked {mediator} for its help in securing the exchange.",
    "{mediator_cap} said it had facilitated the swap, its {ordinal} between the two sides.",
    "The handover took place {place}, according to {a_official}.",
    "\"We are bringing our people home, and we will not stop until every one of them is "
    "back,\" {a_official} said in a statement.",
    "\"This exchange shows that dialogue is possible even in the hardest of times,\" a "
    "spokesperson for {mediator} said.",
    "{b_official} said the freed {b_noun} would receive medical and psychological help.",
    "Some {held} {a_adj} {a_noun} remain held by {b}, {a_official} said.",
    "Video released by the {a_adj} side showed men wrapped in flags stepping off buses, "
    "some of them visibly thin and exhausted.",
    "The exchange was the {ordinal} of its kind this year and the largest since {month}.",
    "Officials said the list of names had been agreed at talks {place_talks} earlier in "
    "the month.",
]

# Colour any swap report may carry, whichever sides it is about.
SWAP_COLOUR = [
    "Relatives wept and embraced the returnees as they stepped off the buses, some of them "
    "seeing their sons and husbands for the first time in months.",
    "Several of the freed men needed medical treatment and were taken straight to hospital.",
    "Negotiators had worked for weeks to agree the lists of names, officials said.",
    "Neither side gave details of the terms, and the figures could not be independently "
    "verified.",
    "Previous exchanges have sometimes collapsed at the last minute over disputes about who "
    "should be included.",
    "The men were given phones to call their families as soon as they crossed over, one "
    "official said.",
    "Rights groups welcomed the releases but said many more people were still in detention.",
    "Officials from both sides declined to say when another exchange might take place.",
    "Images shared on social media showed returnees singing and waving flags.",
    "The International Committee of the Red Cross has called on all parties to give it "
    "access to every detainee.",
    "Some of those released had been held in solitary confinement, according to their "
    "lawyers.",
    "Officials said the lists had been checked by both sides the night before the handover.",
]

CLUTTER_LINES = [
    "READ MORE: {other_headline}",
    "Read more: {other_headline}",
    "CLICK HERE TO GET THE {outlet} APP",
    "Sign up for our daily newsletter",
    "Advertisement",
    "Photo: {agency}",
    "Related: {other_headline}",
    "{stray_headline}",
    "could be interesting for you: {other_headline}",
]

OTHER_HEADLINES = [
    "Central bank holds rates as inflation cools",
    "Storm leaves thousands without power on the coast",
    "Champions League draw sets up heavyweight clash",
    "Tech giant unveils new phone at annual event",
    "Court upholds ban on rally near parliament",
    "Fuel prices rise for third straight week",
    "Museum returns looted bronzes after decades",
]

STRAY_HEADLINES = [
    "PUTIN ALLY WARNS WEST OVER NEW ROUND OF SANCTIONS",
    "WHITE HOUSE SAYS TALKS WITH ALLIES WILL CONTINUE NEXT WEEK",
    "OIL PRICES JUMP AFTER ATTACK ON TANKER IN RED SEA",
    "UN CHIEF CALLS FOR IMMEDIATE CEASEFIRE IN REGION",
]

SIGN_OFFS = [
    "The Associated Press and Reuters contributed to this report.",
    "Reporting by staff; editing by the foreign desk.",
    "This story has been updated with additional details.",
]

ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]


def _count_text(n: int, capital: bool = False) -> str:
    text = NUMBER_WORDS[n] if n < 10 else f"{n:,}"  # news style: words below ten
    return text[0].upper() + text[1:] if capital else text


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def _swap_article(rng: random.Random, published: date) -> tuple[str, str]:
    pair = rng.choice(PAIRS)
    if rng.random() < 0.5:  # either side may lead the story
        pair = _flipped(pair)
    na = rng.randint(*pair["a_range"])
    nb = rng.randint(*pair["b_range"])
    weekday = WEEKDAYS[(published - timedelta(days=rng.randint(0, 2))).weekday()]
    month = rng.choice(MONTHS)
    dateline = ""
    if rng.random() < 0.3:
        dateline = (f"{pair['a_city']}, {MONTHS_SHORT[published.month - 1]} {published.day} "
                    f"({rng.choice(AGENCIES)}) - ")
    slots = {
        "A": _cap(pair["a"]), "B": _cap(pair["b"]), "a": pair["a"], "b": pair["b"],
        "a_adj": pair["a_adj"], "b_adj": pair["b_adj"],
        "a_noun": rng.choice(pair["a_nouns"]), "b_noun": rng.choice(pair["b_nouns"]),
        "a_official": rng.choice(pair["a_officials"]),
        "b_official": _cap(rng.choice(pair["b_officials"])),
        "mediator": rng.choice(pair["mediators"]),
        "na": _count_text(na), "nb": _count_text(nb), "na_text": _count_text(na, capital=True),
        "total_text": f"{na + nb:,}", "civ_text": _count_text(rng.randint(2, max(2, na // 2))),
        "held": f"{rng.randint(na, na * 4):,}", "weekday": weekday, "month": month,
        "place": rng.choice(pair["places"]), "place_talks": rng.choice(["in Istanbul",
                                                                        "in Geneva",
                                                                        "in Abu Dhabi"]),
        "ordinal": rng.choice(ORDINALS), "dateline": dateline,
    }
    slots["mediator_cap"] = _cap(slots["mediator"])
    lede = _cap(_fill(rng.choice(SWAP_LEDES), slots))
    body = [_cap(_fill(s, slots)) for s in rng.sample(SWAP_SENTENCES, k=rng.randint(6, 9))]
    background = rng.sample(pair["background"] + SWAP_COLOUR,
                            k=len(pair["background"]) + len(SWAP_COLOUR))
    title = _title_for_swap(rng, pair, na, nb, slots["mediator"])
    paragraphs = [lede] + _paragraphs(rng, body)
    target = rng.randint(MIN_CHARS, MAX_CHARS - 500)
    for paragraph in _paragraphs(rng, background):
        if _length(paragraphs) >= target:
            break
        paragraphs.append(paragraph)
    paragraphs = _with_clutter(rng, paragraphs)
    paragraphs.append(rng.choice(SIGN_OFFS))
    return _finish(rng, paragraphs), title


def _flipped(pair: dict) -> dict:
    out = dict(pair)
    for key in ("a", "a_adj", "a_city", "a_nouns", "a_officials", "a_range"):
        other = "b" + key[1:]
        out[key], out[other] = pair[other], pair[key]
    return out


def _title_for_swap(rng: random.Random, pair: dict, na: int, nb: int, mediator: str) -> str:
    options = [
        f"{_cap(pair['a'])} and {pair['b']} swap prisoners in deal brokered by {mediator}",
        f"{na + nb:,} freed in latest {pair['a_adj']}-{pair['b_adj']} prisoner exchange",
        f"{_cap(pair['a_adj'])} {rng.choice(pair['a_nouns'])} come home in swap with "
        f"{pair['b']}",
    ]
    return rng.choice(options)


# --- irrelevant articles: other news ---------------------------------------------

NAMES = ["Maria Lopez", "James Okafor", "Anna Kowalska", "David Chen", "Sofia Rossi",
         "Ahmed Hassan", "Emily Carter", "Lukas Becker", "Priya Nair", "Tom Walsh",
         "Hannah Schmidt", "Carlos Mendes", "Yuki Tanaka", "Grace Mensah"]
CITIES = ["Lisbon", "Denver", "Manchester", "Lyon", "Osaka", "Toronto", "Melbourne",
          "Hamburg", "Nairobi", "Seville", "Krakow", "Austin", "Glasgow", "Porto"]
COMPANIES = ["Norvex", "Brightline Systems", "Helios Energy", "Corvia Bank", "Tandem Motors",
             "Quillsoft", "Ardent Foods", "Meridian Air", "Palisade Pharma", "Kestrel Retail"]
TEAMS = ["City", "United", "Rovers", "Athletic", "Wanderers", "Olympique", "Real", "Sporting"]
PARTIES_POL = ["the Social Democrats", "the centre-right alliance", "the Greens",
               "the Liberal Party", "the populist Freedom Movement", "the Labour Party"]

# Sixteen beats; each a pool of sentences that the generator draws from at random.
TOPICS: dict[str, list[str]] = {
    "economy": [
        "The central bank left its benchmark rate unchanged at {pct}% on {weekday}, saying "
        "inflation was cooling more slowly than expected.",
        "Consumer prices rose {pct2}% in {month} from a year earlier, the statistics office "
        "said, down from {pct}% the month before.",
        "Economists polled by {agency} had expected a slightly bigger drop in inflation.",
        "Retail sales fell for a second month as households cut back on spending on "
        "clothing and electronics.",
        "The governor said the bank would keep a close eye on wages, which grew at their "
        "fastest pace in {n_small} years.",
        "Unemployment held steady at {pct}%, close to a record low.",
        "Bond yields edged lower after the decision, while the currency slipped against the "
        "dollar.",
        "Business groups urged the government to do more to help small firms struggling "
        "with higher borrowing costs.",
        "Mortgage holders face higher payments when their fixed-rate deals expire over the "
        "next two years.",
        "The finance ministry said the budget deficit would narrow to {pct2}% of output next "
        "year.",
        "Exports rose {pct}% in the third quarter, helped by strong demand for machinery.",
        "Several analysts said a first rate cut could come as early as {month}.",
    ],
    "markets": [
        "Shares in {company} jumped {pct}% after the company raised its full-year forecast.",
        "The benchmark index closed {pct2}% higher on {weekday}, led by banks and energy "
        "stocks.",
        "Oil prices fell as traders weighed signs of weaker demand in Asia.",
        "{company} said quarterly revenue rose to ${n} million, beating analysts' estimates.",
        "The company announced a share buyback of up to ${n} million.",
        "Gold hovered near a record high as investors sought safety.",
        "Trading volumes were thin ahead of a public holiday.",
        "Chief executive {name} told analysts on a call that demand remained resilient.",
        "The stock has gained more than {pct}% since the start of the year.",
        "Investors will be watching jobs data due on {weekday} for clues on the economy.",
        "Technology shares lagged after a regulator opened an inquiry into pricing.",
    ],
    "football": [
        "{team_a} came from behind to beat {team_b} {score} on {weekday} night.",
        "Striker {name} scored twice in the second half to settle the match.",
        "The win lifts {team_a} to third in the table, {n_small} points behind the leaders.",
        "Manager {name2} said he was proud of the way his players responded after the break.",
        "{team_b} had taken the lead through a header from a corner in the {minute}th minute.",
        "A crowd of {crowd} watched the game at a packed stadium.",
        "The visitors held on for most of the first half but faded after the interval.",
        "The referee was surrounded by players after a penalty appeal was turned down.",
        "{team_b} remain in the relegation zone with {n_small} games left to play.",
        "The club released a statement saying the injured midfielder would miss several "
        "weeks.",
        "Next up for {team_a} is a trip to {city} in the cup on {weekday}.",
        "Fans sang long after the final whistle as the players did a lap of honour.",
    ],
    "tennis": [
        "{name} reached the quarter-finals in {city} with a straight-sets win on {weekday}.",
        "The {n_small}th seed saved three match points before taking the deciding set "
        "7-5.",
        "Rain delayed play for more than two hours on the outside courts.",
        "She will face the defending champion for a place in the semi-finals.",
        "His serve was broken only once in the match, and he hit {n_small} aces.",
        "The tournament offers record prize money this year after pressure from players.",
        "{name2} said she had struggled with a wrist injury since the spring.",
        "The crowd on the main court rose to applaud a 30-shot rally in the second set.",
        "Organisers said ticket sales were up {pct}% on last year.",
        "The final is scheduled for {weekday} afternoon.",
    ],
    "weather": [
        "Forecasters issued an amber warning for heavy rain across the region from "
        "{weekday} evening.",
        "Up to {n_small}0 millimetres of rain could fall in some areas, the weather service "
        "said.",
        "Temperatures are expected to reach {temp} degrees Celsius in {city} this weekend.",
        "Thousands of homes were left without power after strong winds brought down lines.",
        "Several flights were cancelled at {city} airport as fog settled over the runways.",
        "Farmers said the dry spring had already cut yields of wheat and barley.",
        "Residents near the river were told to move valuables upstairs as levels rose.",
        "The storm is expected to move north by {weekday}, bringing cooler air behind it.",
        "Officials urged people to avoid travel unless absolutely necessary.",
        "It was the warmest {month} on record, according to the national meteorological "
        "office.",
        "Emergency crews cleared fallen trees from roads through the night.",
    ],
    "courts": [
        "A court in {city} sentenced a former {company} executive to {n_small} years in "
        "prison for fraud on {weekday}.",
        "The judge said the defendant had shown no remorse for losses suffered by pensioners.",
        "Prosecutors said the scheme cost investors more than ${n} million over a decade.",
        "Defence lawyers said they would appeal against both the conviction and the "
        "sentence.",
        "The man was released on bail pending a hearing next month.",
        "Two suspects were detained after police searched several properties in the city.",
        "The jury deliberated for {n_small} days before reaching its verdict.",
        "A spokesperson for the prosecutor's office declined to comment further.",
        "The trial heard evidence from more than {n_small}0 witnesses.",
        "The supreme court will rule next month on whether the case can be heard again.",
        "He was held in custody overnight and appeared before magistrates the next "
        "morning.",
        "Campaigners outside the courthouse said the sentence was too lenient.",
    ],
    "elections": [
        "Voters in {city} go to the polls on {weekday} in a mayoral race seen as a test for "
        "the government.",
        "{party} leads with {pct}% support, according to the latest poll.",
        "Turnout in the first round was {pct2}%, the electoral commission said.",
        "The two leading candidates held a televised debate that turned bitter over housing.",
        "Opposition leader {name} promised to cut taxes for families and freeze rents.",
        "Observers said the campaign had been largely peaceful.",
        "Polls close at 8 p.m., and a first projection is expected within the hour.",
        "{party} would need the support of smaller parties to form a majority.",
        "The incumbent has held the seat for {n_small} terms.",
        "Postal votes could delay the final result until {weekday}.",
        "Young voters remain the hardest group to reach, campaign staff said.",
    ],
    "tech": [
        "{company} unveiled its latest smartphone on {weekday}, with a bigger battery and a "
        "faster chip.",
        "The company said the device would go on sale in {month} at a starting price of "
        "${n}.",
        "Analysts said the update was incremental and unlikely to lift sales much.",
        "The firm also announced new artificial intelligence features for its photo app.",
        "A software update released this week fixes a flaw that let attackers read "
        "messages.",
        "Regulators are examining whether the company's app store rules harm competition.",
        "Chief technology officer {name} said the new chip uses {pct}% less power.",
        "Shipments of personal computers rose for the first time in two years.",
        "The start-up raised ${n} million in a funding round led by venture investors.",
        "Users reported outages for several hours on {weekday} morning.",
        "The company said it would hire {n} engineers at a new office in {city}.",
    ],
    "health": [
        "Hospitals in {city} reported a sharp rise in flu admissions this week.",
        "Health officials urged older people to get their booster shots before winter.",
        "The new clinic will offer same-day appointments for children, the council said.",
        "A study published on {weekday} found that regular walking cut the risk of heart "
        "disease by {pct}%.",
        "Waiting lists for routine surgery remain long despite extra funding.",
        "Nurses' unions said staff shortages were putting patients at risk.",
        "The ministry said it would spend ${n} million on mental health services.",
        "Researchers followed more than {crowd} adults over ten years.",
        "Doctors said the findings should be confirmed in larger trials.",
        "The hospital said visiting hours would be restricted until further notice.",
    ],
    "science": [
        "Astronomers said on {weekday} they had spotted water vapour in the atmosphere of a "
        "distant planet.",
        "The discovery was made with data from a space telescope launched in 2021.",
        "Lead author {name} said the team spent two years checking the signal.",
        "The findings were published in the journal Nature.",
        "Scientists have long debated how such planets form so close to their stars.",
        "The research team included scientists from {n_small} countries.",
        "A follow-up study is planned for next year using a larger instrument.",
        "Fossils found in a quarry near {city} belong to a previously unknown species.",
        "The bones are thought to be about {n} thousand years old.",
        "Museum staff said the specimen would go on public display in {month}.",
    ],
    "transport": [
        "Rail workers will strike for {n_small} days next month in a dispute over pay.",
        "The operator said it would run a reduced timetable on most routes.",
        "A new tram line in {city} opened to passengers on {weekday}.",
        "The project came in {pct}% over budget and two years late.",
        "Airport officials said passenger numbers had returned to pre-pandemic levels.",
        "Motorists faced long delays after a lorry overturned on the ring road.",
        "The city plans to ban older diesel cars from the centre from {month}.",
        "Bus fares will be frozen for another year, the mayor announced.",
        "Union leader {name} said talks had broken down over working hours.",
        "Engineers are inspecting the bridge after cracks were found in a support.",
    ],
    "energy": [
        "{company} said it would build a wind farm off the coast capable of powering "
        "{crowd} homes.",
        "Household energy bills will fall by {pct}% from {month}, the regulator said.",
        "The government approved plans for a new solar park on former farmland.",
        "Gas storage levels are above {pct}% ahead of winter.",
        "Critics said the subsidy scheme favoured large companies over households.",
        "The plant will create around {n} jobs during construction.",
        "Electricity demand hit a record during the heatwave as air conditioners ran "
        "around the clock.",
        "The grid operator said it had enough capacity to meet peak demand.",
        "Energy minister {name} said the country would phase out coal by 2030.",
        "Battery storage projects have attracted record investment this year.",
    ],
    "housing": [
        "House prices rose {pct2}% in {month}, the biggest monthly gain this year.",
        "First-time buyers are being priced out of most of {city}, estate agents said.",
        "The council approved plans for {n} new homes on a former industrial site.",
        "Rents have risen faster than wages for the third year in a row.",
        "Housing minister {name} said the target of building more homes would be met.",
        "Developers blamed planning delays and higher building costs for the slowdown.",
        "Tenants' groups called for a cap on rent increases.",
        "Mortgage approvals picked up for the first time in six months.",
        "The average home now costs more than {n_small} times the average salary.",
        "Building firms reported a drop in new orders in the third quarter.",
    ],
    "education": [
        "Teachers in {city} will vote on strike action over pay and workload.",
        "Exam results released on {weekday} showed a slight fall in top grades.",
        "The university said it would cut {n} jobs to close a budget gap.",
        "Schools will receive extra funding for pupils with special needs.",
        "Head teacher {name} said the school had struggled to recruit science staff.",
        "Applications from international students fell by {pct}% this year.",
        "The government plans to extend free school meals to more families.",
        "Parents were told the school would stay closed while repairs to the roof continue.",
        "A new curriculum for computing will be introduced from {month}.",
        "Student unions said tuition fees had left graduates with heavy debts.",
    ],
    "culture": [
        "The film took ${n} million at the box office in its opening weekend.",
        "Director {name} said the story was inspired by her grandmother's life.",
        "The festival in {city} drew a record crowd of {crowd} over three days.",
        "The museum will reopen in {month} after a two-year renovation.",
        "Critics praised the lead performance but found the ending rushed.",
        "The band announced a farewell tour with {n_small} dates across Europe.",
        "The painting sold at auction for more than double its estimate.",
        "Tickets for the opening night sold out within minutes.",
        "The novel has been translated into {n_small}0 languages.",
        "The theatre said it had been forced to raise prices because of rising costs.",
    ],
    "environment": [
        "Volunteers collected more than {n} kilograms of plastic from beaches near {city}.",
        "The river was found to have high levels of sewage after heavy rain.",
        "Campaigners said the new targets for cutting emissions did not go far enough.",
        "A rare species of bird has returned to the wetlands after decades.",
        "Forest fires have burned through {n} hectares since the start of summer.",
        "Environment minister {name} said the water company would be fined.",
        "Scientists said coral bleaching had spread to new areas of the reef.",
        "The city will plant {n} trees over the next five years.",
        "Air pollution exceeded legal limits on {n_small} days last month.",
        "Farmers have been offered payments to restore hedgerows and ponds.",
    ],
}

NEWS_FILLER = [
    "\"We have to be realistic about what can be done in the time we have,\" {name} said.",
    "{name}, a spokesperson for the city council, said more details would follow next week.",
    "The announcement came after months of speculation.",
    "Local media reported that the decision had been expected for some time.",
    "Officials did not respond to a request for comment on {weekday}.",
    "The figures are due to be revised later this year.",
    "The ministry said it was monitoring the situation closely.",
    "Critics said the plan lacked detail on how it would be paid for.",
    "The issue has become a political flashpoint ahead of next year's budget.",
    "{name} told reporters the process had been \"long and difficult\".",
    "A full report is expected to be published in {month}.",
    "Similar measures were introduced in {city} two years ago with mixed results.",
    "The group said it would meet again on {weekday} to review progress.",
    "Residents interviewed by {agency} gave a mixed reaction.",
    "The proposal still needs the approval of parliament.",
    "Opposition politicians called for an independent review of the decision.",
    "It was not immediately clear how many people would be affected.",
    "The changes will be phased in over {n_small} years, starting in {month}.",
    "A consultation on the plans runs until the end of {month}.",
    "Trade unions said they had not been consulted and would consider their options.",
    "\"This is a good day for the people of {city},\" {name} said after the announcement.",
    "Industry figures suggest the number has risen by about {pct}% since 2019.",
    "The previous attempt to change the rules was abandoned after protests.",
    "Experts said it was too early to judge whether the measures were working.",
    "The council said it had received more than {n} complaints last year.",
    "{name}, who has studied the issue for a decade, said the trend was likely to "
    "continue.",
    "The story was first reported by a local newspaper on {weekday}.",
    "A further update is expected at the end of the month.",
    "The decision was welcomed by business leaders but criticised by campaign groups.",
    "Officials said the cost would be met from existing budgets.",
]


def _other_article(rng: random.Random, published: date) -> tuple[str, str]:
    topic = rng.choice(sorted(TOPICS))
    pool = TOPICS[topic]
    team_a, team_b = rng.sample(TEAMS, 2)
    slots = {
        "weekday": WEEKDAYS[(published - timedelta(days=rng.randint(0, 3))).weekday()],
        "month": rng.choice(MONTHS), "city": rng.choice(CITIES),
        "name": rng.choice(NAMES), "name2": rng.choice(NAMES),
        "company": rng.choice(COMPANIES), "team_a": f"{rng.choice(CITIES)} {team_a}",
        "team_b": f"{rng.choice(CITIES)} {team_b}", "party": rng.choice(PARTIES_POL),
        "agency": rng.choice(AGENCIES), "score": f"{rng.randint(1, 4)}-{rng.randint(0, 3)}",
    }

    def fill(template: str) -> str:
        # numbers are drawn afresh for each sentence; names and places stay put
        numbers = {
            "pct": f"{rng.randint(2, 60)}", "pct2": f"{rng.randint(1, 9)}.{rng.randint(0, 9)}",
            "n": f"{rng.randint(20, 900)}", "n_small": f"{rng.randint(2, 9)}",
            "crowd": f"{rng.randint(5, 90) * 1000:,}", "minute": f"{rng.randint(10, 85)}",
            "temp": f"{rng.randint(18, 41)}",
        }
        return _cap(_fill(template, slots | numbers))

    lede, *rest = pool
    sentences = [fill(lede)] + [fill(s) for s in rng.sample(rest, k=len(rest))]
    filler = [fill(s) for s in rng.sample(NEWS_FILLER, k=len(NEWS_FILLER))]
    target = rng.randint(MIN_CHARS, MAX_CHARS - 400)
    chosen = sentences[:1]
    # topic sentences first, general news lines between them, until the length is reached
    for s in _interleave(rng, sentences[1:], filler):
        if sum(len(x) + 1 for x in chosen) >= target:
            break
        chosen.append(s)
    paragraphs = [chosen[0]] + _paragraphs(rng, chosen[1:])
    paragraphs = _with_clutter(rng, paragraphs)
    title = _title_for_other(topic, slots)
    return _finish(rng, paragraphs), title


def _interleave(rng: random.Random, main: list[str], filler: list[str]) -> list[str]:
    out, mi, fi = [], 0, 0
    while mi < len(main) or fi < len(filler):
        if mi < len(main) and (fi >= len(filler) or rng.random() < 0.65):
            out.append(main[mi])
            mi += 1
        else:
            out.append(filler[fi])
            fi += 1
    return out


def _title_for_other(topic: str, slots: dict) -> str:
    titles = {
        "economy": "Central bank holds rates as inflation eases",
        "markets": f"{slots['company']} shares jump after upbeat forecast",
        "football": f"{slots['team_a']} fight back to beat {slots['team_b']}",
        "tennis": f"{slots['name']} into quarter-finals in {slots['city']}",
        "weather": "Heavy rain warning issued ahead of weekend",
        "courts": f"Former {slots['company']} executive jailed for fraud",
        "elections": f"{slots['city']} votes in tight mayoral race",
        "tech": f"{slots['company']} unveils new phone with AI features",
        "health": f"Flu admissions rise sharply in {slots['city']}",
        "science": "Astronomers find water vapour on distant planet",
        "transport": "Rail strike set to disrupt services next month",
        "energy": f"{slots['company']} plans offshore wind farm",
        "housing": "House prices post biggest gain this year",
        "education": f"Teachers in {slots['city']} to vote on strike",
        "culture": f"Festival in {slots['city']} draws record crowd",
        "environment": "Campaigners say new emissions targets fall short",
    }
    return titles[topic]


# --- shared pieces ---------------------------------------------------------------


class _Slots(dict):
    def __missing__(self, key: str) -> str:
        raise KeyError(f"template slot {{{key}}} has no value")


def _fill(template: str, slots: dict) -> str:
    return template.format_map(_Slots(slots))


def _paragraphs(rng: random.Random, sentences: list[str]) -> list[str]:
    """Group sentences into paragraphs of one to three sentences."""
    out, i = [], 0
    while i < len(sentences):
        k = rng.choice([1, 1, 2, 2, 3])
        out.append(" ".join(sentences[i:i + k]))
        i += k
    return out


def _length(paragraphs: list[str]) -> int:
    return sum(len(p) + 2 for p in paragraphs)


def _with_clutter(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """Put zero to three web clutter lines between paragraphs, never before the lede."""
    out = list(paragraphs)
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
        line = _fill(rng.choice(CLUTTER_LINES), {
            "other_headline": rng.choice(OTHER_HEADLINES), "outlet": rng.choice(OUTLETS),
            "agency": rng.choice(AGENCIES), "stray_headline": rng.choice(STRAY_HEADLINES),
        })
        out.insert(rng.randint(1, len(out)), line)
    return out


def _finish(rng: random.Random, paragraphs: list[str]) -> str:
    """Join paragraphs, then trim whole paragraphs from the end to stay under MAX_CHARS."""
    while _length(paragraphs) > MAX_CHARS and len(paragraphs) > 3:
        paragraphs.pop(-2)  # keep the sign-off or last line
    sep = "\n\n" if rng.random() < 0.6 else "\n"  # some sites give one newline per paragraph
    return sep.join(paragraphs)


def _published(rng: random.Random) -> date:
    return date(2016, 1, 1) + timedelta(days=rng.randint(0, 365 * 9))


def make_articles(n: int, relevant_share: float = 0.05, seed: int = 0) -> list[Article]:
    """Generate ``n`` articles, ``round(n * relevant_share)`` of them swap reports.

    The relevant ones sit at random (seeded) positions. Each article has a title,
    a publication date (2016-2024) and a URL, for ``make_html``.
    """
    rng = random.Random(seed)
    k = round(n * relevant_share)
    relevant_at = set(rng.sample(range(n), k)) if n else set()
    out = []
    for i in range(n):
        published = _published(rng)
        relevant = i in relevant_at
        text, title = (_swap_article if relevant else _other_article)(rng, published)
        slug = "-".join(title.lower().replace(",", "").split()[:8])
        section = "world" if relevant else "news"
        url = f"https://news.example.com/{section}/{published:%Y/%m/%d}/{slug}-{i}"
        out.append(Article(text, relevant, title, published, url))
    return out


def make_texts(n: int, relevant_share: float = 0.05, seed: int = 0) -> list[tuple[str, bool]]:
    """Generate ``n`` plain-text articles as ``(text, relevant)`` pairs; see ``make_articles``."""
    return [(a.text, a.relevant) for a in make_articles(n, relevant_share, seed)]


# --- HTML pages ------------------------------------------------------------------

NAV_SECTIONS = ["Home", "World", "Europe", "Middle East", "Asia", "Africa", "Americas",
                "Politics", "Business", "Markets", "Tech", "Science", "Health", "Sport",
                "Football", "Tennis", "Culture", "Opinion", "Weather", "Podcasts"]


def make_html(text: str, title: str, published: date, url: str) -> str:
    """Wrap an article in a news page: head with metadata, nav, article, aside, footer, script.

    Paragraphs of ``text`` (blank-line or single-newline separated) become ``<p>``
    elements; the page declares ``published`` in meta tags, a ``<time>`` element
    and JSON-LD, and ``url`` as its canonical link.
    """
    esc = html.escape
    paragraphs = [p.strip() for p in text.replace("\n\n", "\n").split("\n") if p.strip()]
    stamp = f"{published.isoformat()}T09:{len(title) % 60:02d}:00Z"
    nav = "\n".join(f'        <li><a href="/{s.lower().replace(" ", "-")}">{s}</a></li>'
                    for s in NAV_SECTIONS)
    body = "\n".join(f"      <p>{esc(p)}</p>" for p in paragraphs)
    related = "\n".join(f'        <li><a href="/news/{i}">{esc(h)}</a></li>'
                        for i, h in enumerate(OTHER_HEADLINES[:5], start=1))
    description = esc(paragraphs[0][:160]) if paragraphs else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{esc(title)} | Example News</title>
  <meta name="description" content="{description}">
  <meta property="og:title" content="{esc(title)}">
  <meta property="og:type" content="article">
  <meta property="og:url" content="{esc(url)}">
  <meta property="article:published_time" content="{stamp}">
  <meta name="date" content="{published.isoformat()}">
  <link rel="canonical" href="{esc(url)}">
  <link rel="stylesheet" href="/static/css/main.4f2a9c.css">
  <script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
    "headline": "{esc(title)}", "datePublished": "{stamp}", "url": "{esc(url)}",
    "publisher": {{"@type": "Organization", "name": "Example News"}}}}</script>
</head>
<body>
  <header class="site-header">
    <a class="logo" href="/">Example News</a>
    <nav class="main-nav" aria-label="Sections">
      <ul>
{nav}
      </ul>
    </nav>
  </header>
  <main>
    <article class="story">
      <h1>{esc(title)}</h1>
      <p class="byline">By Staff Reporter | <time datetime="{stamp}">{published:%B %d, %Y}</time>
      </p>
{body}
    </article>
    <aside class="most-read">
      <h2>Most read</h2>
      <ol>
{related}
      </ol>
      <div class="ad-slot" data-slot="sidebar-1">Advertisement</div>
    </aside>
  </main>
  <footer class="site-footer">
    <p>&copy; {published.year} Example News. All rights reserved.</p>
    <p><a href="/privacy">Privacy policy</a> | <a href="/cookies">Cookie policy</a> |
       <a href="/contact">Contact us</a></p>
  </footer>
  <script>
    window.dataLayer = window.dataLayer || [];
    function track(){{dataLayer.push(arguments);}}
    track('js', new Date());
    track('config', 'EX-000000', {{'page_path': location.pathname}});
  </script>
</body>
</html>
"""
