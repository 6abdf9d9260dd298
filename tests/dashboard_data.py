"""Short articles (written for these tests) that the dashboard and API tests ingest.

Two outlets disagree on one figure of the March swap, so the ledger has a
conflict; one article carries a <script> tag that must show as text.
"""

from __future__ import annotations

from datetime import date

from powtrack.document import Document

ARTICLES = [
    dict(id="kyiv-0103", url="https://kyiv-daily.example/news/swap-0103", published="2024-01-03",
         title="Hundreds come home in new exchange",
         text="Ukraine and Russia exchanged prisoners on Wednesday in a deal mediated by the "
              "United Arab Emirates. Kyiv said 230 Ukrainians came home, including 224 "
              "soldiers and 6 civilians. Russia said 248 Russian servicemen were returned."),
    dict(id="wire-0104", url="https://wire-service.example/2024/01/04/swap", published="2024-01-04",
         title="Russia and Ukraine swap captives",
         text="Russia and Ukraine carried out a prisoner exchange on January 3, the largest in "
              "months. Moscow said 248 Russian soldiers had been returned, while Ukraine said "
              "230 of its citizens were freed. The United Arab Emirates helped broker the swap."),
    dict(id="kyiv-0307", url="https://kyiv-daily.example/news/swap-0307", published="2024-03-07",
         title="Spring exchange brings soldiers home",
         text="Ukraine and Russia swapped prisoners on March 6. Ukraine said 100 Ukrainian "
              "soldiers came home, and Russia received 100 of its servicemen, officials said."),
    dict(id="wire-0307", url="https://wire-service.example/2024/03/07/exchange",
         published="2024-03-07", title="Another swap between Kyiv and Moscow",
         text="Russia and Ukraine exchanged prisoners on March 6. Russia's defence ministry "
              "said 90 Ukrainian prisoners were handed over and 100 Russian servicemen came "
              "back. <script>document.title='pwned'</script>"),
    dict(id="kyiv-0503", url="https://kyiv-daily.example/news/swap-0503", published="2024-05-03",
         title="Qatar brokers May exchange",
         text="Ukraine and Russia exchanged prisoners on May 2 in a deal mediated by Qatar. "
              "Kyiv said 150 Ukrainians came home, including 140 soldiers and 20 civilians. "
              "Russia said 150 Russian servicemen were returned."),
    dict(id="caucasus-1213", url="https://caucasus-news.example/a/113", published="2023-12-13",
         title="Armenia and Azerbaijan trade detainees",
         text="Armenia and Azerbaijan exchanged prisoners on December 13. Armenia said 32 "
              "Armenian servicemen came home, and 2 Azerbaijani soldiers were returned to "
              "Azerbaijan."),
]


def documents() -> list[Document]:
    return [Document(text=a["text"], id=a["id"], url=a["url"], title=a["title"],
                     published=date.fromisoformat(a["published"]), source=a["id"])
            for a in ARTICLES]


def fill(store) -> None:
    """Ingest the articles into ``store`` and resolve them into exchanges."""
    from powtrack.store import ingest

    ingest(store, documents())
