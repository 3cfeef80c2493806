"""Stock Pelican's bare build of the benchmark articles: its default theme, no plugins.

Only what any site sets: name, language, time zone, where articles are, and the same
page size and article URLs as the portal, and like the portal no author pages (Pelican's
page 2 of "Phóng viên 1", phong-vien-12.html, would also be page 1 of "Phóng viên 12"),
so the three builds write comparable pages.
"""

SITENAME = "Ban Tuyên giáo Tỉnh ủy Hòa Bình"
SITEURL = ""
FEED_DOMAIN = "http://127.0.0.1:8000"
DEFAULT_LANG = "vi"
TIMEZONE = "Asia/Ho_Chi_Minh"
ARTICLE_PATHS = ["articles"]
ARTICLE_URL = "tin/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "tin/{date:%Y}/{slug}/index.html"
DEFAULT_PAGINATION = 20
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
