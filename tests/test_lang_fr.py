"""French pack (data/lang/fr.tsv): short reports in our own words, through the public API."""

from __future__ import annotations

import powtrack


def test_fr_hyphenated_number_words_and_demonyms():
    rec = powtrack.extract(
        "Nouvel échange de prisonniers\n\n"
        "Kiev et Moscou ont procédé mercredi à un échange de prisonniers : quarante-deux "
        "soldats ukrainiens sont rentrés au pays, et trente-sept militaires russes ont été "
        "rendus à la Russie.", published="2024-04-18")
    ev = next(e for e in rec.events if e.main)
    assert ev.returned == {"Ukraine": [42], "Russia": [37]}
    assert str(ev.date) == "2024-04-17"


def test_fr_day_and_month_name_date_the_swap():
    rec = powtrack.extract(
        "Le 3 février 2024, la Russie et l'Ukraine ont échangé 100 prisonniers de guerre "
        "de chaque côté.", published="2024-02-05")
    ev = next(e for e in rec.events if e.main)
    assert str(ev.date) == "2024-02-03"
    assert ev.returned == {"Ukraine": [100], "Russia": [100]}


def test_fr_emirati_mediation_is_credited():
    rec = powtrack.extract(
        "Jeudi, Israël a libéré 30 détenus palestiniens et le Hamas a relâché dix otages "
        "israéliens, un échange conclu grâce à la médiation des Émirats arabes unis.",
        published="2023-11-30")
    ev = next(e for e in rec.events if e.main)
    assert ev.mediators == ["United Arab Emirates"]
    assert ev.returned.get("Israel") == [10]
    assert ev.returned.get("Hamas") == [30]


def test_fr_postponed_swap_is_failed():
    rec = powtrack.extract(
        "L'échange de 50 prisonniers contre 50 prévu samedi entre l'Arménie et "
        "l'Azerbaïdjan a été reporté.", published="2024-05-02")
    ev = next(e for e in rec.events if e.main)
    assert ev.status == "failed"
