"""Synthetic content for benchmarks: N Vietnamese articles shaped like the seeds.

Usage: python bench/generate.py N OUTPUT_CONTENT_DIR [--seed S]

Text is drawn from the seed articles' own sentences (so syllable statistics, citations
and spacing look real), shuffled and recombined; categories, dates over ten years, tags,
provinces vary, and cited documents come from a pool of 800 with Zipf-like frequencies
(as a province's news cites a few documents very often and most rarely). The same N and seed always give the same files.
"""

import argparse
import random
import re
import sys
from datetime import datetime, timedelta
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # pelicanconf.py: the categories, as the site has them

import vntext  # noqa: E402
from pelicanconf import PORTAL_CATEGORIES  # noqa: E402

TAGS = [
    "lý luận chính trị",
    "trung tâm chính trị cấp huyện",
    "đào tạo bồi dưỡng cán bộ",
    "báo cáo viên",
    "tuyên truyền miệng",
    "xây dựng Đảng",
    "học tập và làm theo Bác",
    "bảo vệ nền tảng tư tưởng",
    "dư luận xã hội",
    "khoa giáo",
    "văn hóa",
    "đại hội Đảng",
]
PROVINCES = ["Nghệ An", "Vĩnh Phúc", "Thanh Hóa", "Phú Thọ", "Sơn La"]
# Citations in the spellings real pages use; numbers vary so documents number in thousands.
CITATION_SHAPES = [
    "Quy định số {n}-QĐ/TW ngày {d}/{m}/{y} của Ban Bí thư",
    "Kết luận {n}-KL/TW của Bộ Chính trị",
    "Nghị quyết số {n}-NQ/TW",
    "Chỉ thị {n}-CT/TW",
    "Kế hoạch số {n}-KH/BTGTU ngày {d}/{m}/{y} của Ban Tuyên giáo Tỉnh ủy",
    "Kết luận số {n} - KL/TU",
    "Thông tư {n}/{y}/TT-BTC ngày {d}/{m}/{y} của Bộ Tài chính",
    "Nghị định {n}/{y}/NĐ-CP",
    "Quyết định số {n}/QĐ-TTg",
    "Nghị quyết số {n}/{y}/NQ-HĐND",
]


def seed_sentences() -> list[str]:
    """Sentences of the seed articles' bodies (content/articles), as the corpus to sample."""
    sentences = []
    for path in sorted((ROOT / "content" / "articles").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
        for paragraph in body.split("\n\n"):
            sentences += [s.strip() for s in re.split(r"(?<=[.;:])\s+", paragraph) if len(s) > 20]
    return sentences


def document_pool(rng: random.Random, size: int = 800) -> list[str]:
    """The documents a province's news cites: a few hundred, a handful of them very often."""
    pool = []
    for _ in range(size):
        year = rng.randint(2005, 2024)
        pool.append(
            rng.choice(CITATION_SHAPES).format(
                n=rng.randint(1, 400), d=rng.randint(1, 28), m=rng.randint(1, 12), y=year
            )
        )
    return pool


def citation(rng: random.Random, pool: list[str], weights: list[float]) -> str:
    return rng.choices(pool, cum_weights=weights)[0]


def zipf_weights(size: int) -> list[float]:
    """Cumulative weights where the k-th document is cited about 1/k as often as the first."""
    return list(accumulate(1 / rank for rank in range(1, size + 1)))


def article(
    rng: random.Random,
    number: int,
    sentences: list[str],
    pool: list[str],
    weights: list[float],
    start: datetime,
) -> str:
    title_words = rng.choice(sentences).split()[: rng.randint(8, 14)]
    words = " ".join(title_words).rstrip(".,;:")
    title = f"{words[:1].upper()}{words[1:]} ({number})"
    date = start + timedelta(minutes=rng.randint(0, 10 * 365 * 24 * 60))
    paragraphs = []
    for _ in range(rng.randint(4, 9)):
        picked = rng.sample(sentences, rng.randint(2, 5))
        if rng.random() < 0.5:
            picked.insert(
                rng.randrange(len(picked) + 1),
                f"Thực hiện {citation(rng, pool, weights)}, các đơn vị đã triển khai.",
            )
        paragraphs.append(" ".join(picked))
    lines = [
        f"Title: {title}",
        f"Date: {date:%Y-%m-%d %H:%M}",
        f"Category: {rng.choice(PORTAL_CATEGORIES)[0]}",
        f"Tags: {', '.join(rng.sample(TAGS, rng.randint(1, 4)))}",
        f"Author: Phóng viên {number % 97}",
        "Source: Ban Tuyên giáo Tỉnh ủy",
        f"Slug: {vntext.slugify(title)}",
        f"Summary: {rng.choice(sentences)}",
    ]
    if rng.random() < 0.1:
        lines.append(f"Province: {rng.choice(PROVINCES)}")
    return "\n".join(lines) + "\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(count: int, content: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    sentences = seed_sentences()
    pool = document_pool(random.Random(seed))
    weights = zipf_weights(len(pool))
    start = datetime(2015, 1, 1)
    for number in range(1, count + 1):
        text = article(rng, number, sentences, pool, weights, start)
        folder = content / "articles" / f"lo-{number // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"bai-{number:06d}.md").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("content", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.count, args.content, args.seed)


if __name__ == "__main__":
    main()
