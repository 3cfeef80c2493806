"""Lead and inline images get resized copies with width, height and lazy loading."""

import pytest
from PIL import Image
from site_pages import build_site

ARTICLE = """Title: Hội nghị có ảnh
Date: 2023-12-12 16:13
Category: Tin từ các đơn vị
Image: {static}/images/toan-canh.jpg
Image_alt: Toàn cảnh hội nghị
Summary: Hội nghị có ảnh.

![Đại biểu phát biểu]({static}/images/phat-bieu.png)

Ảnh nhỏ giữ nguyên cỡ: ![Biểu trưng](/images/bieu-trung.jpg)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("images")
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    (content / "images").mkdir()
    Image.new("RGB", (2000, 1000), "darkred").save(content / "images" / "toan-canh.jpg")
    Image.new("RGBA", (1500, 1500), "navy").save(content / "images" / "phat-bieu.png")
    Image.new("RGB", (200, 100), "gold").save(content / "images" / "bieu-trung.jpg")
    (content / "articles" / "co-anh.md").write_text(ARTICLE, encoding="utf-8")
    built = build_site(root / "output", content=content)
    assert built.warnings == []
    return built


def size_of(site, url: str) -> tuple[int, int]:
    with Image.open(site.output / url.lstrip("/")) as image:
        return image.size


def test_inline_images_are_resized_and_sized(site):
    body = site.page("/tin/2023/hoi-nghi-co-anh/").find(class_="article__body")
    images = {img["alt"]: img for img in body.find_all("img")}
    big = images["Đại biểu phát biểu"]
    assert size_of(site, big["src"]) == (960, 960)
    assert (big["width"], big["height"]) == ("960", "960")
    small = images["Biểu trưng"]
    assert size_of(site, small["src"]) == (200, 100), "never enlarged"
    assert all(img["loading"] == "lazy" for img in images.values())


def test_the_lead_image_has_a_copy_per_size(site):
    folder = site.output / "images" / "_co"
    sizes = {path.name: size_of(site, f"images/_co/{path.name}") for path in folder.iterdir()}
    assert sizes["images-toan-canh-320.jpg"] == (320, 160)
    assert sizes["images-toan-canh-960.jpg"] == (960, 480)


def test_a_second_build_reuses_the_cache(site, tmp_path):
    cache = site.output.parent / ".cache" / "image-variants"
    before = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    build_site(tmp_path / "again", content=site.output.parent / "content")
    assert {path.name: path.stat().st_mtime_ns for path in cache.iterdir()} == before


def test_lists_show_the_thumbnail_and_the_article_the_large_copy(site):
    thumbnail = site.page("/chuyen-muc/tin-tu-cac-don-vi/").find(
        "img", class_="article-item__image"
    )
    assert thumbnail["src"].endswith("images-toan-canh-320.jpg")
    assert (thumbnail["width"], thumbnail["height"], thumbnail["loading"]) == ("320", "160", "lazy")
    assert size_of(site, thumbnail["src"]) == (320, 160)
    lead = site.page("/tin/2023/hoi-nghi-co-anh/").find("figure", class_="article__lead-image").img
    assert lead["alt"] == "Toàn cảnh hội nghị"
    assert lead["src"].endswith("images-toan-canh-960.jpg")
    assert (lead["width"], lead["height"]) == ("960", "480")
