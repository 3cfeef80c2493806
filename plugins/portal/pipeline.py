"""The build, in order. Read this first: what each plugin takes and adds, when, and why then.

Pelican reads every article, then writes every page; plugins act at its signals. Here
is the one place that says which plugin acts at which signal and in which order: the
plugins do not connect to Pelican themselves, they `provide()` the function of each of
their stages, and the portal plugin runs the stages of a signal in the order below,
each only if its plugin is in PLUGINS. A stage that needs another stage's result names
it in `requires`; a build whose PLUGINS lack it stops at once and says which plugin to
add. What stages hand each other is typed in portal/models.py.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pelican import signals

GENERATOR = "get_generators"  # a stage that writes pages or files in Pelican's writing phase


@dataclass(frozen=True)
class Stage:
    name: str  # "plugin.step"
    signal: str  # the Pelican signal that runs it, or GENERATOR
    takes: str
    adds: str
    requires: tuple[str, ...] = ()

    @property
    def plugin(self) -> str:
        return self.name.split(".", 1)[0]


PIPELINE: tuple[Stage, ...] = (
    # -- Start: before anything is read.
    Stage("portal.start", "initialized", "the settings",
          "the record of this build: what the last one wrote (portal/incremental.py)"),
    Stage("portal.filters", "generator_init", "each template environment",
          "vntext's date filters: vn_date, vn_datetime"),
    Stage("content_intake.readers", "readers_init", "Pelican's readers",
          "our Markdown reader for .md, no reader for other suffixes"),
    Stage("content_intake.check", "article_generator_init", "every file under content/",
          "ContentFiles in the context; or the build stops, naming file, line and fix, "
          "before anything is read or written"),
    # -- Reading: once per article, as Pelican builds it from our reader's output.
    Stage("portal.facts", "content_object_init", "the new article",
          "its empty ArticleFacts (portal.models), which later stages fill"),
    Stage("content_intake.markup", "content_object_init", "the new article",
          "its body and summary as Markup (the one HTML the autoescaped templates print)",
          ("content_intake.readers",)),
    Stage("content_intake.slugs", "content_object_init", "the article's title, category, tags",
          "ASCII slugs from vntext, category slugs from PORTAL_CATEGORIES"),
    # -- Every article read: site-wide facts, each stage on the previous ones' results.
    Stage("content_intake.urls", "article_generator_finalized", "every article, slugs final",
          "each article's URL and output path, computed once", ("content_intake.slugs",)),
    Stage("portal.dates", "article_generator_finalized", "Pelican's per-tag date lists",
          "none of them: our templates do not read them (O(articles x tags))"),
    Stage("regulations.link", "article_generator_finalized", "each article's HTML and date",
          "cited documents linked in the HTML; ArticleFacts.documents; the documents "
          "(CitedDocuments) in the context"),
    Stage("image_variants.plan", "article_generator_finalized",
          "each article's Image and inline images, ContentFiles",
          "ArticleFacts.lead_image; inline images sized, pointing at their variants",
          ("content_intake.check",)),
    Stage("content_intake.same_files", "all_generators_finalized",
          "the files Pelican read", "nothing: the build stops if they are not the checked ones",
          ("content_intake.check",)),
    # After regulations.link: a shared cited document is the strongest sign of relation.
    Stage("related_news.attach", "all_generators_finalized",
          "every article: text, tags, ArticleFacts.documents",
          "ArticleFacts.related_news", ("content_intake.urls",)),
    Stage("site_files.reset", "all_generators_finalized", "", "an empty list of pages"),
    Stage("portal.keep", "all_generators_finalized", "the generators, every article read",
          "them in the build's record: make serve shows an edit with them at once"),
    # -- Writing. Pelican's own generators write the articles first, then ours, in order.
    Stage("search_index.fields", "article_generator_write_article",
          "the article about to be written, ArticleFacts.documents",
          "ArticleFacts.search_fields: what Pagefind indexes besides the text"),
    Stage("site_files.note_page", "content_written", "each page written", "its URL and date"),
    Stage("regulations.feed_dates", "feed_generated", "each document's feed",
          "its <updated>: the document's date when no article cites it (no build time)"),
    Stage("portal.theme_files", GENERATOR, "theme/static", "theme/ in the output"),
    Stage("portal.static_files", GENERATOR, "content/images, content/files",
          "hard links to them in the output (Pelican's static generator then leaves them)"),
    Stage("image_variants.files", GENERATOR, "the planned variants", "the resized images",
          ("image_variants.plan",)),
    Stage("date_archives.pages", GENERATOR, "every article's date",
          "the year, month and day pages, the days file (and date_archives in the context "
          "for the day picker of every page)"),
    Stage("regulations.pages", GENERATOR, "CitedDocuments",
          "a page and a feed per document, the index", ("regulations.link",)),
    # Last generator: it has the queued pages rendered first (portal.output.render_queued).
    Stage("search_index.pagefind", GENERATOR, "the written article pages, CitedDocuments",
          "the Pagefind shards and the numbers' files", ("search_index.fields",)),
    # -- Finished: whole-site files, then the record of what this build produced.
    Stage("portal.render", "finalized", "the pages queued by the writer",
          "the pages, rendered on every core when there are many"),
    Stage("site_files.write", "finalized", "the pages noted", "sitemap.xml, robots.txt",
          ("site_files.note_page",)),
    Stage("precompress.compress", "finalized", "every text file of the output",
          ".gz and .br copies"),
    Stage("portal.finish", "finalized", "this build's record",
          "the record kept for the next build"),
)  # fmt: skip

BY_NAME = {stage.name: stage for stage in PIPELINE}
SIGNALS = tuple(dict.fromkeys(stage.signal for stage in PIPELINE if stage.signal != GENERATOR))

_provided: dict[str, Callable[..., Any]] = {}


class PipelineError(SystemExit):
    """A PLUGINS list that leaves out what a plugin needs: said before anything is read."""

    def __init__(self, message: str):
        super().__init__(f"Dừng dựng trang: {message}")


def provide(name: str, function: Callable[..., Any]) -> None:
    """A plugin's register(): this function (or generator class) is stage `name`."""
    if name not in BY_NAME:
        raise PipelineError(
            f"giai đoạn '{name}' không có trong portal/pipeline.py: thêm nó vào PIPELINE"
        )
    _provided[name] = function
    _connect()


def _plugins(sender: Any, kwargs: dict) -> Any:
    """The PLUGINS of the build a signal comes from: each signal sends something else."""
    if isinstance(sender, list):  # all_generators_finalized: the generators
        sender = sender[0]
    settings = getattr(sender, "settings", None)
    if settings is None:
        settings = sender if isinstance(sender, dict) else kwargs.get("context", {})
    return settings.get("PLUGINS", ())


def _dispatcher(signal: str) -> Callable[..., Any]:
    def dispatch(sender: Any, **kwargs: Any) -> Any:
        plugins = _plugins(sender, kwargs)
        if signal == GENERATOR:
            return generators(plugins)
        if signal == "initialized":
            check(plugins)
        run(signal, plugins, sender, **kwargs)
        return None

    dispatch.__name__ = f"run_{signal}"
    return dispatch


def _connect() -> None:
    for signal, dispatch in _DISPATCHERS.items():
        getattr(signals, signal).connect(dispatch)


def enabled(stage: Stage, plugins: Any) -> bool:
    return stage.plugin in plugins and stage.name in _provided


def check(plugins: Any) -> None:
    """Every stage of an enabled plugin finds the stages it requires, and the portal."""
    if "portal" not in plugins:
        users = sorted({stage.plugin for stage in PIPELINE if enabled(stage, plugins)})
        raise PipelineError(
            f"các plugin {', '.join(users)} chạy theo thứ tự của plugin portal: thêm 'portal' "
            "vào PLUGINS trong pelicanconf.py"
        )
    for stage in PIPELINE:
        if not enabled(stage, plugins):
            continue
        for required in stage.requires:
            needed = BY_NAME[required]
            if needed.plugin not in plugins:
                raise PipelineError(
                    f"plugin {stage.plugin} cần kết quả của plugin {needed.plugin} "
                    f"({required}): thêm '{needed.plugin}' vào PLUGINS trong pelicanconf.py"
                )


def run(signal: str, plugins: Any, *args: Any, **kwargs: Any) -> None:
    """The stages of one signal, in the order of PIPELINE."""
    for stage in PIPELINE:
        if stage.signal == signal and enabled(stage, plugins):
            _provided[stage.name](*args, **kwargs)


def generators(plugins: Any) -> list[Any]:
    """The generator classes of the writing stages, in the order of PIPELINE."""
    return [
        _provided[stage.name]
        for stage in PIPELINE
        if stage.signal == GENERATOR and enabled(stage, plugins)
    ]


# Made once, at import, and connected by the first provide(): Pelican keeps receivers
# across builds in one process, and blinker connects a receiver once.
_DISPATCHERS = {signal: _dispatcher(signal) for signal in (*SIGNALS, GENERATOR)}
