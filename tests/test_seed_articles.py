"""The five seed articles are published whole: every paragraph, title, date and category."""

import re

import pytest
from site_pages import ROOT

import vntext

SEEDS = ROOT.parent / "shared" / "seeds"

# seed file, URL, title, date as shown, category; the first and last words of the body in
# the seed; the separate sapo where the page has one (it is the summary, not the body).
CASES = [
    (
        "000_98861569f7af6981.txt",
        "/tin/2023/ke-hoach-thuc-hien-cong-tac-giao-duc-ly-luan-chinh-tri-nam-2024/",
        "Kế hoạch thực hiện công tác giáo dục lý luận chính trị năm 2024",
        "Thứ Ba, 12/12/2023 16:13 (GMT+7)",
        "Tin từ các đơn vị",
        "Nhằm mục đích tiếp tục",
        "Ban Tuyên giáo Trung ương./.",
        None,
    ),
    (
        "001_ac56ab78e0c3b084.txt",
        "/tin/2019/hoi-nghi-trien-khai-quy-dinh-so-208-qd-tw-va-ket-luan-so-66-kl-tw-cua-ban-bi-thu/",
        "Hội nghị triển khai Quy định số 208-QĐ/TW và Kết luận số 66-KL/TW của Ban Bí thư",
        "Thứ Ba, 17/12/2019 17:30 (GMT+7)",
        "Tuyên giáo các cấp",
        "Chiều ngày 17/12",
        "theo quy định của Đảng.",
        "Hội nghị trực tuyến toàn quốc triển khai",
    ),
    (
        "002_d86997e5cd88a41d.txt",
        "/tin/2019/dang-uy-khoi-cac-co-quan-tinh-nang-cao-chat-luong-dao-tao-boi-duong-ly-luan-chinh-tri-cho-can-bo-dang-vien/",
        "Đảng ủy Khối các cơ quan tỉnh nâng cao chất lượng đào tạo, bồi dưỡng lý luận chính trị cho cán bộ, đảng viên",
        "Thứ Sáu, 20/12/2019 08:00 (GMT+7)",
        "Lý luận chính trị",
        "(HBĐT) - Từ đầu nhiệm kỳ",
        "phù hợp đối tượng cán bộ các sở, ban, ngành cấp tỉnh.",
        None,
    ),
    (
        "003_a242876a69ab528a.txt",
        "/tin/2021/tiep-tuc-nang-cao-chat-luong-cong-tac-giao-duc-chinh-tri-tu-tuong-giai-doan-2021-2025/",
        "Tiếp tục nâng cao chất lượng công tác giáo dục chính trị tư tưởng giai đoạn 2021-2025",
        "Thứ Hai, 16/8/2021 09:00 (GMT+7)",
        "Tin từ các đơn vị",
        "Đảng ủy văn phòng UBND tỉnh vừa ban hành",
        "Thời gian thực hiện: Thường xuyên hàng năm.",
        None,
    ),
    (
        "004_4993f12d6730d005.txt",
        "/tin/2021/vinh-phuc-nang-cao-chat-luong-hoat-dong-cua-trung-tam-chinh-tri-cap-huyen/",
        "Vĩnh Phúc: Nâng cao chất lượng hoạt động của trung tâm chính trị cấp huyện",
        "Thứ Ba, 27/7/2021 15:46 (GMT+7)",
        "Tuyên giáo các cấp",
        "Theo đó, Trung tâm chính trị cấp huyện",
        "do Ban Tuyên giáo Trung ương dự kiến tổ chức vào cuối năm 2021, đầu năm 2022...",
        "Đến đầu năm 2021, 9/9 Trung tâm",
    ),
]


def words(text: str) -> str:
    """Text as a reader sees it: NFC, ordinary spaces, runs of white space as one."""
    return " ".join(vntext.normalize(text).split())


def seed_paragraphs(name: str, first: str, last: str) -> list[str]:
    lines = [words(line) for line in (SEEDS / name).read_text(encoding="utf-8").splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if i >= start and line.endswith(last))
    return [line for line in lines[start : end + 1] if line]


@pytest.mark.parametrize(
    "seed, url, title, date, category, first, last, sapo",
    CASES,
    ids=[case[0][:3] for case in CASES],
)
def test_seed_is_published_whole(site, seed, url, title, date, category, first, last, sapo):
    page = site.page(url)
    article = page.find("main").find("article")
    assert words(article.find("h1").get_text()) == title
    assert words(article.find("time").get_text()) == date
    assert category in [
        words(a.get_text())
        for a in page.find(
            "nav", attrs={"aria-label": re.compile("Đường dẫn|Breadcrumb", re.I)}
        ).find_all("a")
    ]
    body = [words(p.get_text()) for p in article.find(class_="article__body").find_all("p")]
    paragraphs = seed_paragraphs(seed, first, last)
    assert len(body) == len(paragraphs), "the body is exactly the seed's paragraphs"
    for paragraph in paragraphs:
        assert paragraph in body, f"missing paragraph: {paragraph[:80]}"
    if sapo:
        assert words(article.find(class_="article__sapo").get_text()).startswith(sapo)
        assert not any(text.startswith(sapo) for text in body), (
            "the sapo is not repeated in the body"
        )


def test_citations_are_published_as_written(site):
    """Typos and odd spacing in citations are kept: they are what the linker must read."""
    text = words(site.page(CASES[0][1]).find("main").get_text())
    for citation in [
        "Quyết định số 567- QĐ/TU",
        "Kết luận số 798 - KL/TU",
        "208-QĐi/TW",
        "Thông tư 36/2018/TTBTC",
    ]:
        assert citation in text
