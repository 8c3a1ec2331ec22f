"""Generate a synthetic report of any size, for the scaling benchmarks (never committed).

The text is pseudo-words from a fixed random seed, not report text: it only has to
look like prose to mkdocs, Markdown and the search indexer (paragraphs of ~100 words,
headings, endnote markers, a pull quote, inline recommendation links). Every
recommendation is argued for by 2–3 passages spread over the chapters, the shape the
real report has. The project's own ``mkdocs.yml`` is reused (same theme, features,
extensions and plugins) with only ``nav`` replaced, so a change there is measured here.

    python -m benchmarks.synthetic DEST --chapters 10 --recommendations 9
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPH_WORDS = 100
PART_SIZE = 10  # chapters per nav section ("Part"), as a long report or a shelf groups them


@dataclass
class Synthetic:
    root: Path
    chapters: int
    recommendations: int
    passages: int
    words: int

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def pages(self) -> int:
        """Pages mkdocs renders: landing, chapters, recommendation index, one per recommendation."""
        return 1 + self.chapters + 1 + self.recommendations


def _vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    syllables = [
        "al",
        "an",
        "ar",
        "be",
        "ca",
        "co",
        "de",
        "di",
        "en",
        "er",
        "for",
        "ge",
        "in",
        "is",
        "ka",
        "lo",
        "ma",
        "mi",
        "na",
        "no",
        "or",
        "pa",
        "po",
        "ra",
        "re",
        "ri",
        "sa",
        "se",
        "ta",
        "te",
        "ti",
        "to",
        "un",
        "va",
        "ve",
        "wi",
    ]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
    return sorted(words)


class _Prose:
    """Zipf-ish pseudo-prose: a few words are frequent, most are rare, as in real text."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words = _vocabulary(rng)
        self.weights = [1 / (i + 1) for i in range(len(self.words))]

    def sentence(self) -> str:
        n = self.rng.randint(8, 22)
        words = self.rng.choices(self.words, self.weights, k=n)
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def paragraph(self, words: int = PARAGRAPH_WORDS) -> str:
        out: list[str] = []
        count = 0
        while count < words:
            s = self.sentence()
            out.append(s)
            count += len(s.split())
        return " ".join(out)

    def title(self, n: int = 4) -> str:
        return " ".join(w.capitalize() for w in self.rng.choices(self.words[:800], k=n))


def generate(
    dest: Path,
    chapters: int,
    recommendations: int,
    words_per_chapter: int = 2000,
    focus_areas: int = 3,
    seed: int = 6,
) -> Synthetic:
    """Write ``mkdocs.yml``, ``recommendations.yaml`` and ``report/`` into ``dest``."""
    if chapters < 1 or recommendations < 1:
        raise ValueError("a report needs at least one chapter and one recommendation")
    rng = random.Random(seed)
    prose = _Prose(rng)
    dest = Path(dest)
    docs = dest / "report"
    docs.mkdir(parents=True, exist_ok=True)

    areas = [(f"area-{i + 1}", f"Focus area {i + 1}: {prose.title(3)}") for i in range(focus_areas)]
    recs = [
        (
            f"rec-{i + 1}",
            f"Recommendation text {i + 1}: {prose.sentence()}",
            rng.sample([a for a, _ in areas], k=1 if rng.random() < 0.7 else min(2, focus_areas)),
        )
        for i in range(recommendations)
    ]

    paras_per_chapter = max(1, words_per_chapter // PARAGRAPH_WORDS)
    slots = [(c, p) for c in range(chapters) for p in range(paras_per_chapter)]
    # Each recommendation is argued for by 2-3 distinct paragraphs (fewer only if the report is tiny).
    supports: dict[tuple[int, int], list[str]] = {}
    passages = 0
    for rec_id, _, _ in recs:
        k = min(rng.choice((2, 3)), len(slots))
        for slot in rng.sample(slots, k):
            supports.setdefault(slot, []).append(rec_id)
            passages += 1

    total_words = 0
    nav_chapters: list[str] = []
    for c in range(chapters):
        name = f"chapter-{c + 1:03d}.md"
        nav_chapters.append(name)
        lines = [f"# Chapter {c + 1}: {prose.title()}", ""]
        for p in range(paras_per_chapter):
            if p and p % 5 == 0:
                lines += [f"## {prose.title(3)}", ""]
            text = prose.paragraph()
            if p % 7 == 3:  # an endnote marker, as the report's chapters have
                text = text[:-1] + f".[^{p + 1}]"
            if p % 9 == 4:  # an inline link to a recommendation
                rec_id = recs[(c + p) % len(recs)][0]
                text += f" See [the recommendation](rec:{rec_id})."
            total_words += len(text.split())
            lines += [text, ""]
            if (c, p) in supports:
                lines += [f"[[supports: {', '.join(supports[(c, p)])}]]", ""]
            if p == 1:
                lines += ["[[pull-quote]]", f"> {prose.sentence()}", ""]
        (docs / name).write_text("\n".join(lines), "utf-8")

    (docs / "index.md").write_text(
        "---\nhide:\n  - navigation\n  - toc\n---\n\n[[cover]]\n\n[[focus-areas]]\n\n[[recommendations]]\n",
        "utf-8",
    )

    yaml_lines = ["focus_areas:"]
    for area_id, title in areas:
        yaml_lines += [f"  - id: {area_id}", f"    title: {_q(title)}"]
    yaml_lines += ["", "recommendations:"]
    for rec_id, title, rec_areas in recs:
        yaml_lines += [
            f"  - id: {rec_id}",
            f"    title: {_q(title)}",
            f"    focus_areas: [{', '.join(rec_areas)}]",
            "",
        ]
    (dest / "recommendations.yaml").write_text("\n".join(yaml_lines), "utf-8")

    for asset in (ROOT / "report").rglob("*"):  # the project's own assets (images, CSS) in docs_dir
        if asset.is_file() and asset.suffix != ".md":
            target = docs / asset.relative_to(ROOT / "report")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(asset.read_bytes())
    (dest / "mkdocs.yml").write_text(_config(nav_chapters), "utf-8")
    return Synthetic(dest, chapters, recommendations, passages, total_words)


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _config(chapter_files: list[str]) -> str:
    """The project's mkdocs.yml with its ``nav`` replaced by the synthetic chapters (in parts)."""
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    head = re.split(r"^nav:\s*$", text, maxsplit=1, flags=re.M)[0]
    nav = ["nav:", "  - Home: index.md"]
    for start in range(0, len(chapter_files), PART_SIZE):
        part = chapter_files[start : start + PART_SIZE]
        nav.append(f"  - Part {start // PART_SIZE + 1}:")
        nav += [f"      - {name}" for name in part]
    nav.append("  - Recommendations: recommendations/index.md")
    return head.rstrip() + "\n\n" + "\n".join(nav) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.synthetic", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("dest", type=Path)
    parser.add_argument("--chapters", type=int, default=10)
    parser.add_argument("--recommendations", type=int, default=9)
    parser.add_argument("--words", type=int, default=2000, help="words per chapter (default 2000)")
    args = parser.parse_args(argv)
    s = generate(args.dest, args.chapters, args.recommendations, args.words)
    print(
        f"{s.root}: {s.chapters} chapters, {s.recommendations} recommendations, {s.passages} passages, {s.words} words"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
