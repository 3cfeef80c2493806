"""Development settings: `make html` and `make serve` build with these."""

from pathlib import Path

# Paths from this file, so settings files elsewhere (benchmarks, tests) can import these.
_HERE = Path(__file__).resolve().parent

SITENAME = "Ban Tuyên giáo Tỉnh ủy Hòa Bình"
SITESUBTITLE = "Trang thông tin điện tử"
SITEURL = ""  # root-relative links, so the preview works at any host and port
DEFAULT_LANG = "vi"
TIMEZONE = "Asia/Ho_Chi_Minh"

# The site's own province; articles from elsewhere carry `Province:` in their metadata.
PORTAL_PROVINCE = "Hòa Bình"

# Chuyên mục, in menu order. The only categories an article may use; slugs are the URLs.
PORTAL_CATEGORIES = [
    ("Tuyên giáo các cấp", "tuyen-giao-cac-cap"),
    ("Tin từ các đơn vị", "tin-tu-cac-don-vi"),
    ("Lý luận chính trị", "ly-luan-chinh-tri"),
    ("Học tập và làm theo Bác", "hoc-tap-va-lam-theo-bac"),
    ("Bảo vệ nền tảng tư tưởng của Đảng", "bao-ve-nen-tang-tu-tuong"),
]

# "Liên kết website" block in the footer of every page.
LINKS = [
    ("Báo điện tử Đảng Cộng sản Việt Nam", "https://dangcongsan.vn/"),
    ("Tạp chí Tuyên giáo", "https://tuyengiao.vn/"),
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
    ("Tạp chí Cộng sản", "https://www.tapchicongsan.org.vn/"),
]

PATH = str(_HERE / "content")
OUTPUT_PATH = str(_HERE / "output")
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "files"]
USE_FOLDER_AS_CATEGORY = False  # folder names have no diacritics; Category: is required
READERS = {"rst": None, "htm": None, "html": None}  # Markdown only; other files fail the checks
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

THEME = str(_HERE / "theme")
# The theme's css/ and js/ are copied by plugin portal, each file only when its bytes
# changed; content/images and content/files are hard-linked, not copied.
THEME_STATIC_PATHS: list[str] = []
PORTAL_THEME_STATIC_PATHS = ["static"]
STATIC_CREATE_LINKS = True
# Every template escapes what it prints: editors' fields are text, whatever they hold. The
# article's body and summary, sanitised by content_intake, are the one HTML marked safe.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    "autoescape": True,
}
PLUGIN_PATHS: list[str] = []  # the plugins are installed (pyproject.toml); tests add their own here
PLUGINS = [
    "portal",
    "content_intake",
    "regulations",
    "related_news",
    "date_archives",
    "image_variants",
    "site_files",
    "search_index",
    "precompress",
]

# Markdown as editors write it; raw HTML is sanitised later (see the content plugins).
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# Hosts whose https iframes (embedded video) editors may use; everything else is removed.
CONTENT_INTAKE_IFRAME_HOSTS = ["www.youtube.com", "www.youtube-nocookie.com"]

# On every page (a <meta> in base.html): no inline script, nothing from another host but
# the video frames above. 'wasm-unsafe-eval' lets Pagefind's WebAssembly search run.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-src " + " ".join(f"https://{host}" for host in CONTENT_INTAKE_IFRAME_HOSTS),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)

# URLs: ASCII slugs, directory style, stable across rebuilds.
ARTICLE_URL = "tin/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "tin/{date:%Y}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
CATEGORIES_SAVE_AS = ""  # the menu lists them all
TAG_URL = "tu-khoa/{slug}/"
TAG_SAVE_AS = "tu-khoa/{slug}/index.html"
TAGS_URL = "tu-khoa/"
TAGS_SAVE_AS = "tu-khoa/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
WITH_FUTURE_DATES = False  # an article dated in the future waits for a build on or after that date
DIRECT_TEMPLATES = ["index", "tags", "search"]
SEARCH_URL = "tim-kiem/"
SEARCH_SAVE_AS = "tim-kiem/index.html"
TEMPLATE_PAGES = {"404.html": "404.html"}

DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {"category": None, "tag": None}
# Directory-style pages: /chuyen-muc/x/trang/2/ never collides with a slug ending in digits.
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)

# Documents cited by articles (plugin regulations): a page each, an index, a feed each.
REGULATIONS_REGISTRY = "data/regulations.yaml"  # curated by editors, under content/
REGULATIONS_URL = "van-ban/{slug}/"
REGULATIONS_SAVE_AS = "van-ban/{slug}/index.html"
REGULATIONS_INDEX_URL = "van-ban/"
REGULATIONS_INDEX_SAVE_AS = "van-ban/index.html"
REGULATIONS_FEED_ATOM = "feeds/van-ban/{slug}.atom.xml"

# Under articles: "Tin liên quan" may list newer articles (False: only older, stable lists).
RELATED_NEWS_ALLOW_NEWER = True

# Date archives: /2023/, /2023/12/, /2023/12/12/, the index /luu-tru/, each category's days.
DATE_ARCHIVES_INDEX_URL = "luu-tru/"
DATE_ARCHIVES_CATEGORY_DAY_URL = "chuyen-muc/{category}/{year}/{month}/{day}/"

# Search (plugin search_index): Pagefind runs at the end of each build over the article
# pages, in shards of the newest 150, the next 300, 600, 1,200, then 2,400 at a time (the
# plugin's default SEARCH_INDEX_SHARD_SIZES); the search page asks the newest first.

# How many items the home page shows: "Mới nhất", then each category block.
HOME_LATEST_COUNT = 10
HOME_CATEGORY_COUNT = 5

# Feeds are on in development too: the tests read them.
FEED_DOMAIN = "http://127.0.0.1:8000"  # entry links follow SITEURL: root-relative here, absolute in publishconf
FEED_ALL_ATOM = "feeds/tat-ca.atom.xml"
CATEGORY_FEED_ATOM = "feeds/chuyen-muc/{slug}.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 50

# Site-wide files: sitemap.xml and robots.txt (plugin site_files).
SITE_FILES_BASE_URL = "http://127.0.0.1:8000"

# .gz and .br copies for the web server (plugin precompress): `make publish` only.
PRECOMPRESS_ENABLED = False

DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
