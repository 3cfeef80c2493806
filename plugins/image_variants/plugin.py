"""Pelican hooks: plan variants when articles are ready, write them with the site."""

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from bs4 import BeautifulSoup

from portal import pipeline
from portal.models import CONTENT_FILES, ImageVariant, LeadImage, facts

from . import settings as settings_module
from .variants import Variant, plan, write

RESIZABLE = {".jpg", ".jpeg", ".png", ".webp", ".gif"}

_PLACEHOLDER = re.compile(r"^\{static\}/?|^/")


# Where the planning stage leaves the variants for the writing stage, in the context.
PLANNED = "image_variants_planned"


class Planner:
    """The variants every article needs, its lead image, its inline images sized."""

    def __init__(self, context, settings):
        self.context = context
        self.settings = settings
        self.config = settings_module.load(settings)
        self.planned: dict[str, Variant] = {}

    def variant(self, reference: str, width: int) -> Variant | None:
        """The resized copy of an image under content/, if the checks accepted it as one."""
        relative = posixpath.normpath(unquote(_PLACEHOLDER.sub("", reference)))
        accepted = self.context[CONTENT_FILES].static(relative)
        if accepted is None or Path(relative).suffix.lower() not in RESIZABLE:
            return None  # content_intake's checks refuse such references in what they read
        variant = plan(accepted.path, relative, width, self.config.folder)
        self.planned[variant.relative_url] = variant
        return variant

    def prepare(self, article) -> None:
        sizes = self.config.sizes
        siteurl = self.settings.get("SITEURL", "")
        if reference := article.metadata.get("image"):
            variants = {name: self.variant(reference, width) for name, width in sizes.items()}
            planned = {name: v for name, v in variants.items() if v is not None}
            if len(planned) == len(variants):
                facts(article).lead_image = LeadImage(
                    article.metadata.get("image_alt", ""),
                    {
                        name: ImageVariant(v.relative_url, v.width, v.height)
                        for name, v in planned.items()
                    },
                )
        if "<img" not in article._content:
            return
        soup = BeautifulSoup(article._content, "html.parser")
        for img in soup.find_all("img", src=True):
            src = str(img["src"])
            if src.startswith(("{static}", "/")) and (
                variant := self.variant(src, sizes["article"])
            ):
                img["src"] = f"{siteurl}/{variant.relative_url}"
                img["width"], img["height"] = str(variant.width), str(variant.height)
            img["loading"] = "lazy"
            img["decoding"] = "async"
        article._content = str(soup)


def plan_variants(generator) -> None:
    """Every article read: its images planned, before anything is written."""
    planner = Planner(generator.context, generator.settings)
    for article in generator.articles:
        planner.prepare(article)
    generator.context[PLANNED] = planner.planned


class ImageVariantsGenerator:
    """Writes the planned variants with the site."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.config = settings_module.load(settings)
        self.settings_dir = Path(path).parent  # content/ sits beside the settings files
        self.output = Path(output_path)

    def generate_output(self, writer):
        cache = self.settings_dir / self.config.cache
        for variant in self.context.get(PLANNED, {}).values():
            write(variant, self.output, cache)


def register():
    pipeline.provide("image_variants.plan", plan_variants)
    pipeline.provide("image_variants.files", ImageVariantsGenerator)
