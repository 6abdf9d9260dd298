"""Realistic WARC archives, offline: news pages with navigation and clutter, 1 in 50 on swaps.

Each page is a news site's article page as crawlers store it: a head with
metadata, JSON-LD and inline styles, a script with the site's state (a few
kilobytes of JSON, as single-page-app sites embed), a mega-menu, share
buttons, ads between paragraphs, a "most read" box (whose headlines are now
and then about swaps, as on a real site on a swap day), reader comments,
and a footer with a cookie banner and more scripts. Pages are 20-65 KB, 45 on average.

About 1 in 50 pages reports a prisoner swap: the relevant articles of
``examples/gold.jsonl`` (written by us, in six languages), in turn. About
1 in 150 is one of the gold file's hard negatives (an exchange of fire, a
student exchange, ...). The rest is other news from ``corpus.py``.

The archive is laid out as CC-NEWS is: a warcinfo record, then per page a
request, a response and a metadata record, every record its own gzip
member. Now and then a response is a redirect or an image. The same
``seed`` always gives the same bytes.

    python benchmarks/warcs.py crawl.warc.gz --pages 5000
    python benchmarks/warcs.py crawl.warc.gz --pages 200 --html-dir pages/   # pages as files too

    >>> from benchmarks.warcs import iter_pages, write_warc
    >>> stats = write_warc("crawl.warc.gz", iter_pages(100))
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import html
import json
import random
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

try:
    from benchmarks.corpus import NAMES, OTHER_HEADLINES, make_articles
except ImportError:  # run as a script: benchmarks/ itself is first on sys.path
    from corpus import NAMES, OTHER_HEADLINES, make_articles

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "examples" / "gold.jsonl"
SWAP_SHARE = 1 / 50
NEGATIVE_SHARE = 1 / 150


@dataclass
class WebPage:
    """One page: what the server sent, and what it is about."""

    url: str
    title: str
    published: date
    fetched: datetime
    html: str
    charset: str = "utf-8"
    kind: str = "news"  # news | swap | negative
    gold_id: str | None = None

    @property
    def body(self) -> bytes:
        return self.html.encode(self.charset, errors="xmlcharrefreplace")


@dataclass
class WarcStats:
    records: int = 0
    pages: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    html_bytes: int = 0
    file_bytes: int = 0


# --- the sites --------------------------------------------------------------------

@dataclass
class Site:
    host: str
    name: str
    style: str  # portal | wire | magazine
    lang: str = "en"


SITES = [
    Site("www.meridian-post.example", "The Meridian Post", "portal"),
    Site("news.harbourline.example", "Harbourline News", "wire"),
    Site("www.the-lantern.example", "The Lantern", "magazine"),
    Site("www.eastgate-courier.example", "Eastgate Courier", "portal"),
]
# Sites for the gold articles in other languages, with the charset such sites used.
LANG_SITES = {
    "uk": (Site("www.dnipro-vistnyk.example", "Дніпровський вісник", "wire", "uk"), "utf-8"),
    "ru": (Site("www.volga-gazeta.example", "Волжская газета", "wire", "ru"), "windows-1251"),
    "fr": (Site("www.le-rhone.example", "Le Rhône", "magazine", "fr"), "utf-8"),
    "de": (Site("www.elbe-bote.example", "Elbe-Bote", "portal", "de"), "utf-8"),
    "es": (Site("www.el-faro-sur.example", "El Faro del Sur", "wire", "es"), "utf-8"),
    "it": (Site("www.la-voce-adige.example", "La Voce dell'Adige", "magazine", "it"), "utf-8"),
}
SECTIONS = {
    "News": ["UK", "World", "Politics", "Business", "Tech", "Science", "Health", "Education"],
    "World": ["Europe", "Middle East", "Africa", "Asia", "Americas", "Australia"],
    "Business": ["Markets", "Economy", "Companies", "Personal finance", "Property"],
    "Sport": ["Football", "Cricket", "Tennis", "Rugby", "Golf", "Formula 1", "Cycling"],
    "Culture": ["Film", "Music", "Books", "Art", "Television", "Theatre", "Games"],
    "Opinion": ["Editorials", "Columnists", "Letters", "Cartoons"],
    "Lifestyle": ["Food", "Travel", "Fashion", "Wellness", "Money", "Family"],
    "More": ["Weather", "Podcasts", "Newsletters", "Crosswords", "Obituaries"],
}
COMMENTS = [
    "Great reporting, thank you.", "This is exactly what I have been saying for years.",
    "Does anyone know when the full report comes out?", "Not sure I agree with the premise.",
    "Finally some good news for once.", "The headline is misleading, read the whole piece.",
    "My cousin lives there and says it is much worse than this.",
    "Who is paying for all of this, again?", "Well written and balanced, as usual.",
    "I'll believe it when I see it.", "Can we have a follow-up on this next month?",
]
PROMOS = ["Sign up to our morning briefing", "Download the app for breaking news alerts",
          "Support independent journalism: subscribe from 1 a week",
          "Get the best of the weekend edition in your inbox"]


def iter_pages(n: int, seed: int = 0, swap_share: float = SWAP_SHARE,
               negative_share: float = NEGATIVE_SHARE) -> Iterator[WebPage]:
    """Generate ``n`` pages, lazily (memory stays flat for big archives).

    Page ``i`` is a swap report when ``i`` is one of ``round(n * swap_share)``
    seeded positions, a gold hard negative at ``round(n * negative_share)``
    others; the swap reports go through the gold file's relevant articles in turn.
    """
    rng = random.Random(seed)
    gold = [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    swaps = [g for g in gold if g.get("relevant")]
    negatives = [g for g in gold if not g.get("relevant")]
    positions = rng.sample(range(n), min(n, round(n * swap_share) + round(n * negative_share)))
    n_swaps = min(len(positions), round(n * swap_share))
    kind_at = {p: "swap" for p in positions[:n_swaps]}
    kind_at.update({p: "negative" for p in positions[n_swaps:]})
    headlines = list(OTHER_HEADLINES)
    swap_headlines = [g["text"].split("\n")[0] for g in swaps if g.get("lang", "en") == "en"]
    batch: list = []
    counters = {"swap": 0, "negative": 0}
    for i in range(n):
        kind = kind_at.get(i, "news")
        if kind == "news":
            if not batch:
                batch = make_articles(200, relevant_share=0.0, seed=seed * 100_003 + i)
            article = batch.pop()
            headlines.append(article.title)
            page = _news_page(rng, i, article, headlines, swap_headlines)
        else:
            pool = swaps if kind == "swap" else negatives
            row = pool[counters[kind] % len(pool)]
            counters[kind] += 1
            page = _gold_page(rng, i, row, kind, headlines, swap_headlines)
        if len(headlines) > 400:
            del headlines[len(OTHER_HEADLINES):len(OTHER_HEADLINES) + 200]
        yield page


def _news_page(rng, i, article, headlines, swap_headlines) -> WebPage:
    site = rng.choice(SITES)
    section = "world" if rng.random() < 0.3 else rng.choice(["news", "business", "sport",
                                                              "culture", "tech"])
    slug = "-".join(article.title.lower().replace(",", "").replace("'", "").split()[:8])
    url = f"https://{site.host}/{section}/{article.published:%Y/%m/%d}/{slug}-{i}"
    paragraphs = [p.strip() for p in article.text.split("\n") if p.strip()]
    fetched = _fetched(rng, article.published)
    markup = render(rng, site, article.title, paragraphs, article.published, url,
                    _sidebar(rng, headlines, swap_headlines))
    return WebPage(url, article.title, article.published, fetched, markup)


def _gold_page(rng, i, row, kind, headlines, swap_headlines) -> WebPage:
    lang = row.get("lang") or "en"
    site, charset = LANG_SITES.get(lang, (rng.choice(SITES), "utf-8"))
    lines = [p.strip() for p in row["text"].split("\n") if p.strip()]
    title, paragraphs = lines[0], lines[1:]
    fetched_day = date.fromisoformat(row["published"]) if row.get("published") else \
        date(2024, 1, 1) + timedelta(days=rng.randint(0, 600))
    fetched = _fetched(rng, fetched_day)
    # a page states its date: undated gold articles get the day they were fetched
    published = date.fromisoformat(row["published"]) if row.get("published") else fetched.date()
    url = row.get("url") or f"https://{site.host}/world/{published:%Y/%m/%d}/{row['id']}-{i}"
    markup = render(rng, site, title, paragraphs, published, url,
                    _sidebar(rng, headlines, swap_headlines), charset=charset)
    return WebPage(url, title, published, fetched, markup, charset, kind, row["id"])


def _fetched(rng: random.Random, day: date) -> datetime:
    start = datetime(day.year, day.month, day.day, 6, tzinfo=UTC)
    return start + timedelta(seconds=rng.randint(0, 36 * 3600))


def _sidebar(rng, headlines, swap_headlines) -> list[str]:
    out = rng.sample(headlines, k=min(6, len(headlines)))
    if swap_headlines and rng.random() < 0.04:  # a swap trending on the site that day
        out[rng.randrange(len(out))] = rng.choice(swap_headlines)
    return out


# --- the page ---------------------------------------------------------------------

def render(rng: random.Random, site: Site, title: str, paragraphs: list[str], published: date,
           url: str, sidebar: list[str], charset: str = "utf-8") -> str:
    """A whole article page of ``site`` around ``paragraphs``."""
    esc = html.escape
    stamp = f"{published.isoformat()}T{rng.randint(5, 21):02d}:{rng.randint(0, 59):02d}:00Z"
    author = rng.choice(NAMES)
    cls = {"portal": "pt", "wire": "wr", "magazine": "mg"}[site.style]
    body = _article_body(rng, paragraphs, cls)
    state = _state_blob(rng, site, title, sidebar)
    description = esc(paragraphs[0][:160]) if paragraphs else ""
    return f"""<!DOCTYPE html>
<html lang="{site.lang}" class="no-js {cls}-site">
<head>
<meta charset="{charset}">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | {esc(site.name)}</title>
<meta name="description" content="{description}">
<meta name="robots" content="max-image-preview:large">
<meta property="og:site_name" content="{esc(site.name)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(title)}">
<meta property="og:url" content="{esc(url)}">
<meta property="og:image" content="https://static.{site.host}/img/{rng.getrandbits(48):x}.jpg">
<meta property="article:published_time" content="{stamp}">
<meta property="article:section" content="World">
<meta name="twitter:card" content="summary_large_image">
<link rel="canonical" href="{esc(url)}">
<link rel="preconnect" href="https://static.{site.host}">
<link rel="stylesheet" href="https://static.{site.host}/css/main.{rng.getrandbits(32):08x}.css">
<link rel="alternate" type="application/rss+xml" href="https://{site.host}/rss.xml">
<style>{_styles(rng, cls)}</style>
<script type="application/ld+json">{json.dumps({
    "@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
    "datePublished": stamp, "dateModified": stamp, "url": url,
    "author": {"@type": "Person", "name": author},
    "publisher": {"@type": "Organization", "name": site.name,
                  "logo": {"@type": "ImageObject", "url": f"https://{site.host}/logo.png"}},
    "mainEntityOfPage": url}, ensure_ascii=False)}</script>
<script>window.__APP_STATE__ = {state};</script>
<script async src="https://ads.{site.host}/tag.js?v={rng.getrandbits(24)}"></script>
</head>
<body class="article-page {cls}-article">
<div id="cookie-banner" class="cookie-banner" role="dialog">
<p>We use cookies to give you the best experience and to show you relevant ads.
<a href="/privacy">Find out more</a>.</p><button class="btn accept">Accept all</button>
<button class="btn settings">Settings</button></div>
<header class="site-header {cls}-header">
<div class="top-bar"><a href="/subscribe" class="cta">Subscribe</a>
<a href="/login">Sign in</a>
<span class="edition">{esc(site.name)} - International edition</span></div>
<a class="logo" href="https://{site.host}/">{esc(site.name)}</a>
{_nav(rng, cls)}
</header>
<div class="ad-slot ad-leaderboard" data-slot="top-{rng.getrandbits(16)}">Advertisement</div>
<main id="main" class="{cls}-main">
<nav class="breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/world">World</a></nav>
<article class="story {cls}-story" itemscope itemtype="https://schema.org/NewsArticle">
<h1 class="headline" itemprop="headline">{esc(title)}</h1>
<div class="byline">By
<a href="/authors/{author.lower().replace(' ', '-')}" rel="author">{esc(author)}</a>
<time datetime="{stamp}" itemprop="datePublished">{published:%d %B %Y}</time></div>
<ul class="share"><li><a href="#" class="share-fb">Share on Facebook</a></li>
<li><a href="#" class="share-x">Share on X</a></li><li><a href="#" class="share-mail">Email</a></li>
<li><button class="save">Save article</button></li></ul>
<figure class="lead-image"><img src="https://static.{site.host}/img/{rng.getrandbits(40):x}.jpg"
 alt="" width="1200" height="675">
<figcaption>Photograph: {esc(rng.choice(NAMES))}/Agency</figcaption></figure>
<div class="article-body" itemprop="articleBody">
{body}
</div>
<div class="tags"><a href="/topic/world">World news</a> <a href="/topic/politics">Politics</a></div>
</article>
<aside class="most-read {cls}-aside"><h2>Most read</h2><ol>
{_most_read(rng, sidebar)}</ol>
<div class="ad-slot ad-mpu" data-slot="side-{rng.getrandbits(16)}">Advertisement</div>
<div class="newsletter"><h3>{rng.choice(PROMOS)}</h3><form action="/newsletter">
<input type="email" placeholder="Your email"><button>Sign up</button></form></div></aside>
</main>
<section class="comments" id="comments"><h2>Comments ({rng.randint(3, 400)})</h2>
{_comments(rng)}
</section>
<footer class="site-footer">
{_footer(rng, site)}
</footer>
<script>{_tracking(rng, site)}</script>
</body>
</html>
"""


def _most_read(rng, sidebar: list[str]) -> str:
    return "".join(f'<li><a href="/news/{rng.getrandbits(32):x}"><span class="rank">{k}</span>'
                   f"{html.escape(h)}</a></li>\n" for k, h in enumerate(sidebar, 1))


def _article_body(rng, paragraphs: list[str], cls: str) -> str:
    out = []
    for k, p in enumerate(paragraphs):
        out.append(f"<p>{html.escape(p)}</p>")
        if k == 1 and len(paragraphs) > 4:
            out.append(f'<div class="ad-slot ad-inread" data-slot="in-{rng.getrandbits(16)}">'
                       "<span>Advertisement</span></div>")
        if k == 3 and rng.random() < 0.5:
            out.append(f'<aside class="related-inline {cls}-related"><strong>Read more</strong>'
                       f' <a href="/news/{rng.getrandbits(32):x}">'
                       f"{html.escape(rng.choice(OTHER_HEADLINES))}</a></aside>")
    out.append(f'<p class="promo"><em>{rng.choice(PROMOS)}</em></p>')
    return "\n".join(out)


def _nav(rng, cls: str) -> str:
    items = []
    for section, subs in SECTIONS.items():
        links = "".join(f'<li><a href="/{section.lower()}/{s.lower().replace(" ", "-")}">'
                        f"{s}</a></li>" for s in subs)
        items.append(f'<li class="menu-item has-children"><a href="/{section.lower()}">'
                     f'{section}</a><ul class="sub-menu">{links}</ul></li>')
    return (f'<nav class="main-nav {cls}-nav" aria-label="Sections"><button class="menu-toggle">'
            f'Menu</button><ul class="menu">{"".join(items)}</ul></nav>')


def _styles(rng, cls: str) -> str:
    rules = []
    for k in range(rng.randint(60, 200)):
        rules.append(f".{cls}-c{k}{{margin:{rng.randint(0, 24)}px {rng.randint(0, 24)}px;"
                     f"color:#{rng.getrandbits(24):06x};font-size:{rng.randint(11, 22)}px}}")
    return "".join(rules)


def _state_blob(rng, site: Site, title: str, sidebar: list[str]) -> str:
    state = {
        "page": {"type": "article", "title": title, "site": site.name, "edition": "int"},
        "ads": [{"slot": f"slot-{k}", "sizes": [[300, 250], [728, 90]],
                 "targeting": {"kw": f"{rng.getrandbits(64):x}", "pos": k}}
                for k in range(rng.randint(8, 20))],
        "recommendations": [{"id": f"{rng.getrandbits(48):x}", "headline": h,
                             "score": round(rng.random(), 4)} for h in sidebar],
        "experiments": {f"exp_{k}": rng.choice(["control", "variant_a", "variant_b"])
                        for k in range(rng.randint(10, 30))},
        "tokens": [base64.b64encode(rng.randbytes(48)).decode()
                   for _ in range(rng.randint(80, 500))],
    }
    return json.dumps(state, ensure_ascii=False).replace("</", "<\\/")


def _comments(rng) -> str:
    out = []
    for _ in range(rng.randint(3, 8)):
        who = rng.choice(NAMES).split()[0] + str(rng.randint(1, 99))
        out.append(f'<div class="comment"><span class="author">{who}</span>'
                   f'<p>{html.escape(rng.choice(COMMENTS))}</p><a href="#" class="reply">'
                   "Reply</a></div>")
    return "\n".join(out)


def _footer(rng, site: Site) -> str:
    cols = []
    for section, subs in SECTIONS.items():
        cols.append(f"<div class=\"col\"><h4>{section}</h4><ul>" + "".join(
            f'<li><a href="/{section.lower()}/{s.lower()}">{s}</a></li>' for s in subs)
            + "</ul></div>")
    return ("".join(cols) + f'<p class="legal">&copy; {site.name}. All rights reserved. '
            '<a href="/terms">Terms</a> | <a href="/privacy">Privacy policy</a> | '
            '<a href="/cookies">Cookie settings</a> | <a href="/contact">Contact us</a></p>')


def _tracking(rng, site: Site) -> str:
    events = ",".join(f'"e{k}":"{rng.getrandbits(40):x}"' for k in range(rng.randint(20, 60)))
    return (f"(function(w,d){{w.dataLayer=w.dataLayer||[];w.dataLayer.push({{{events}}});"
            f"var s=d.createElement('script');s.async=1;s.src='https://metrics.{site.host}/"
            f"m.js';d.head.appendChild(s);}})(window,document);")


# --- the archive ------------------------------------------------------------------

def write_warc(path: str | Path, pages: Iterable[WebPage], version: str = "1.1",
               resource_share: float = 0.0, extras: bool = True, seed: int = 0,
               gzip_records: bool | None = None) -> WarcStats:
    """Write ``pages`` as a WARC archive; ``.gz`` (or ``gzip_records``): one gzip member a record.

    Each page is a request, a response (or, for ``resource_share`` of them, a
    resource record) and a metadata record. With ``extras``, about 1 in 100
    pages is followed by a redirect and 1 in 150 by an image response, which
    readers must pass over.
    """
    path = Path(path)
    compress = path.name.endswith(".gz") if gzip_records is None else gzip_records
    rng = random.Random(seed)
    stats = WarcStats()
    with open(path, "wb") as out:
        def put(headers: list[tuple[str, str]], block: bytes) -> None:
            head = f"WARC/{version}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
            head += f"Content-Length: {len(block)}\r\n\r\n"
            record = head.encode("utf-8") + block + b"\r\n\r\n"
            out.write(gzip.compress(record, compresslevel=6, mtime=0) if compress else record)
            stats.records += 1

        info = (f"software: powtrack benchmarks/warcs.py\r\nformat: WARC File Format {version}"
                "\r\nisPartOf: powtrack-benchmark\r\n").encode()
        put([("WARC-Type", "warcinfo"), ("WARC-Date", _warc_date(datetime(2024, 1, 1,
                                                                         tzinfo=UTC), version)),
             ("WARC-Filename", path.name), ("WARC-Record-ID", _rid(rng)),
             ("Content-Type", "application/warc-fields")], info)
        for page in pages:
            body = page.body
            stats.pages += 1
            stats.kinds[page.kind] = stats.kinds.get(page.kind, 0) + 1
            stats.html_bytes += len(body)
            when = _warc_date(page.fetched, version)
            request_id, response_id = _rid(rng), _rid(rng)
            host = page.url.split("/")[2]
            target = "/" + page.url.split("/", 3)[3] if page.url.count("/") >= 3 else "/"
            put([("WARC-Type", "request"), ("WARC-Target-URI", page.url), ("WARC-Date", when),
                 ("WARC-Record-ID", request_id),
                 ("Content-Type", "application/http; msgtype=request")],
                f"GET {target} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: powtrack-bench/0.1\r\n"
                f"Accept: text/html\r\n\r\n".encode())
            if rng.random() < resource_share:
                put([("WARC-Type", "resource"), ("WARC-Target-URI", page.url),
                     ("WARC-Date", when), ("WARC-Record-ID", response_id),
                     ("Content-Type", f"text/html; charset={page.charset}"),
                     ("WARC-Block-Digest", _digest(body))], body)
            else:
                http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset={page.charset}"
                        f"\r\nContent-Length: {len(body)}\r\nServer: nginx\r\nDate: "
                        f"{page.fetched:%a, %d %b %Y %H:%M:%S GMT}\r\nCache-Control: max-age=60"
                        f"\r\nX-Crawler-Content-Encoding: gzip\r\n\r\n").encode() + body
                put([("WARC-Type", "response"), ("WARC-Target-URI", page.url),
                     ("WARC-Date", when), ("WARC-Record-ID", response_id),
                     ("WARC-Concurrent-To", request_id),
                     ("WARC-IP-Address", f"192.0.2.{rng.randint(1, 254)}"),
                     ("Content-Type", "application/http; msgtype=response"),
                     ("WARC-Payload-Digest", _digest(body)), ("WARC-Block-Digest", _digest(http)),
                     ("WARC-Identified-Payload-Type", "text/html")], http)
            put([("WARC-Type", "metadata"), ("WARC-Target-URI", page.url), ("WARC-Date", when),
                 ("WARC-Record-ID", _rid(rng)), ("WARC-Refers-To", response_id),
                 ("Content-Type", "application/warc-fields")],
                f"fetchTimeMs: {rng.randint(40, 900)}\r\n".encode())
            if extras and rng.random() < 1 / 100:
                put([("WARC-Type", "response"), ("WARC-Target-URI", page.url + "?amp=1"),
                     ("WARC-Date", when), ("WARC-Record-ID", _rid(rng)),
                     ("Content-Type", "application/http; msgtype=response")],
                    f"HTTP/1.1 301 Moved Permanently\r\nLocation: {page.url}\r\n"
                    "Content-Length: 0\r\n\r\n".encode())
            if extras and rng.random() < 1 / 150:
                image = b"\xff\xd8\xff\xe0" + rng.randbytes(rng.randint(2000, 9000))
                put([("WARC-Type", "response"), ("WARC-Target-URI", page.url + ".jpg"),
                     ("WARC-Date", when), ("WARC-Record-ID", _rid(rng)),
                     ("Content-Type", "application/http; msgtype=response")],
                    f"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: "
                    f"{len(image)}\r\n\r\n".encode() + image)
    stats.file_bytes = path.stat().st_size
    return stats


def write_html_files(folder: str | Path, pages: Iterable[WebPage]) -> list[Path]:
    """Write each page as an ``.html`` file (``000000.html``, ...): the same articles as files."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, page in enumerate(pages):
        path = folder / f"{i:06d}.html"
        path.write_bytes(page.body)
        out.append(path)
    return out


def _rid(rng: random.Random) -> str:
    return f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}>"


def _digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def _warc_date(when: datetime, version: str) -> str:
    if version == "1.0":  # WARC/1.0 allows seconds only
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", help="archive to write (.warc or .warc.gz)")
    parser.add_argument("--pages", type=int, default=1000, help="pages (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--version", choices=["1.0", "1.1"], default="1.1")
    parser.add_argument("--resource-share", type=float, default=0.0,
                        help="share of pages stored as resource records (default 0)")
    parser.add_argument("--html-dir", help="also write every page as an .html file here")
    args = parser.parse_args(argv)
    pages = iter_pages(args.pages, args.seed)
    if args.html_dir:
        pages = list(pages)
        write_html_files(args.html_dir, pages)
    stats = write_warc(args.output, pages, args.version, args.resource_share, seed=args.seed)
    print(f"{args.output}: {stats.records} records, {stats.pages} pages {stats.kinds}, "
          f"{stats.html_bytes / stats.pages / 1024:.0f} KB of HTML a page, "
          f"{stats.file_bytes / 2**20:.1f} MB on disk")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
