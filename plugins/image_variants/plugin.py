"""Pelican hooks: plan variants when articles are ready, write them with the site."""

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from bs4 import BeautifulSoup
from pelican import signals

from portal.models import CONTENT_FILES

from .variants import Variant, plan, write

RESIZABLE = {".jpg", ".jpeg", ".png", ".webp", ".gif"}

DEFAULTS = {
    "IMAGE_VARIANTS_SIZES": {"list": 320, "article": 960},
    "IMAGE_VARIANTS_FOLDER": "images/_co",  # "cỡ": sizes; under the site root
    "IMAGE_VARIANTS_CACHE": ".cache/image-variants",  # beside the content folder
}
_PLACEHOLDER = re.compile(r"^\{static\}/?|^/")


@dataclass(frozen=True)
class LeadImage:
    alt: str
    variants: dict[str, Variant]  # by size name: "list", "article"


def setting(settings, name):
    value = settings.get(name, DEFAULTS[name])
    if name == "IMAGE_VARIANTS_SIZES" and not all(
        isinstance(width, int) and width > 0 for width in value.values()
    ):
        raise ValueError("IMAGE_VARIANTS_SIZES maps size names to widths in pixels")
    return value


class ImageVariantsGenerator:
    """Collects the variants every article needs; writes them after the pages."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.settings = settings
        self.settings_dir = Path(path).parent  # content/ sits beside the settings files
        self.output = Path(output_path)
        self.planned: dict[str, Variant] = {}

    def variant(self, reference: str, width: int) -> Variant | None:
        """The resized copy of an image under content/, if the checks accepted it as one."""
        relative = posixpath.normpath(unquote(_PLACEHOLDER.sub("", reference)))
        accepted = self.context[CONTENT_FILES].static(relative)
        if accepted is None or Path(relative).suffix.lower() not in RESIZABLE:
            return None  # content_intake's checks refuse such references in what they read
        source = accepted.path
        variant = plan(source, relative, width, setting(self.settings, "IMAGE_VARIANTS_FOLDER"))
        self.planned[variant.relative_url] = variant
        return variant

    def prepare(self, article) -> None:
        sizes = setting(self.settings, "IMAGE_VARIANTS_SIZES")
        siteurl = self.settings.get("SITEURL", "")
        if reference := article.metadata.get("image"):
            variants = {name: self.variant(reference, width) for name, width in sizes.items()}
            if all(variants.values()):
                article.lead_image = LeadImage(article.metadata.get("image_alt", ""), variants)
        if "<img" not in article._content:
            return
        soup = BeautifulSoup(article._content, "html.parser")
        for img in soup.find_all("img", src=True):
            if img["src"].startswith(("{static}", "/")) and (
                variant := self.variant(img["src"], sizes["article"])
            ):
                img["src"] = f"{siteurl}/{variant.relative_url}"
                img["width"], img["height"] = str(variant.width), str(variant.height)
            img["loading"] = "lazy"
            img["decoding"] = "async"
        article._content = str(soup)

    def generate_context(self):
        # Runs after the articles generator: every published article is in the context.
        for article in self.context["articles"]:
            self.prepare(article)

    def generate_output(self, writer):
        cache = self.settings_dir / setting(self.settings, "IMAGE_VARIANTS_CACHE")
        for variant in self.planned.values():
            write(variant, self.output, cache)


def get_generators(pelican):
    return ImageVariantsGenerator


def register():
    signals.get_generators.connect(get_generators)
