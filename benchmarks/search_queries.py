"""Queries a reader would type, generated from a built report (no report's words in code).

Shared by the browser search tests (tests/browser/test_search.py), which type them into
Chromium, and ``bench_search``, which runs all of them through Material's search worker:

* ``phrases``: for each chapter paragraph, five consecutive words whose meaningful words occur
  together in no other paragraph (and, where possible, in no recommendation's title);
* ``topic``: the two words of a recommendation's title found in fewest other titles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

PHRASE_WORDS = 5
PUNCT = ".,;:!?’'‘“”\"()[]—–-…"


def words(text: str) -> list[str]:
    """Words as a reader types them: no surrounding punctuation."""
    return [w for w in (w.strip(PUNCT) for w in text.split()) if w]


def content(ws: list[str]) -> frozenset[str]:
    """The words that carry meaning (a cheap, language-neutral stand-in for a stop-word list)."""
    return frozenset(w.lower() for w in ws if len(w) > 3)


@dataclass(frozen=True)
class Phrase:
    chapter: str  # page path, e.g. "introduction/"
    anchor: str
    query: str

    @property
    def target(self) -> str:
        return f"{self.chapter}#{self.anchor}"


@cache
def passages(site_dir: str) -> dict[str, list[tuple[str, list[str]]]]:
    """Chapter path -> [(anchor, words)] for every citable paragraph of every chapter page."""
    out: dict[str, list[tuple[str, list[str]]]] = {}
    root = Path(site_dir)
    for html in sorted(root.rglob("index.html")):
        path = html.parent.relative_to(root).as_posix() + "/"
        if path == "./":
            continue  # the cover page: no chapter
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        for el in soup.select("article [data-paragraph][id]"):
            for sup in el.select("sup"):
                sup.decompose()  # endnote markers: nobody types them
            out.setdefault(path, []).append((str(el["id"]), words(el.get_text(" "))))
    return out


def phrases(site_dir: str, rec_titles: list[str], per_chapter: int | None = None) -> list[Phrase]:
    """One distinctive phrase per paragraph (at most ``per_chapter`` per chapter, spread evenly)."""
    found_in = passages(site_dir)
    bags = [(c, a, set(w.lower() for w in ws)) for c, items in found_in.items() for a, ws in items]
    titles = [set(w.lower() for w in words(t)) for t in rec_titles]
    out = []
    for chapter, items in found_in.items():
        found = []
        for anchor, ws in items:
            windows = [ws[i : i + PHRASE_WORDS] for i in range(max(1, len(ws) - PHRASE_WORDS + 1))]
            start = len(windows) // 3  # from a third in: openings repeat across paragraphs more often
            windows = windows[start:] + windows[:start]

            def distinctive(window: list[str], allow_titles: bool, here=(chapter, anchor)) -> bool:
                key = content(window)
                if len(key) < 2 or any(_has(bag, key, window) for c, a, bag in bags if (c, a) != here):
                    return False
                return allow_titles or not any(_has(t, key, window) for t in titles)

            best = next((w for w in windows if distinctive(w, False)), None) or next(
                (w for w in windows if distinctive(w, True)), None
            )
            if best:
                found.append(Phrase(chapter, anchor, " ".join(best)))
        n = len(found) if per_chapter is None else min(per_chapter, len(found))
        step = max(1.0, len(found) / n) if n else 1.0
        out += [found[int(i * step)] for i in range(n)]
    return out


def _has(bag: set[str], key: frozenset[str], window: list[str]) -> bool:
    """Whether a text whose words are ``bag`` holds every word of ``key``, the window's last word as a
    prefix: the search matches a phrase's last word so while it is typed ("include" finds "included")."""
    last = window[-1].lower()
    if last not in key:
        return key <= bag
    return key - {last} <= bag and any(w.startswith(last) for w in bag)


def topic(title: str, rec_titles: list[str]) -> str:
    """The two words of a title found in fewest other recommendations' titles (in title order)."""
    others = [content(words(t)) for t in rec_titles if t != title]
    ws = [w for w in words(title) if len(w) > 3]
    rarest = sorted(range(len(ws)), key=lambda i: sum(ws[i].lower() in o for o in others))[:2]
    return " ".join(ws[i] for i in sorted(rarest))
