"""The one HTML of an article meant to reach readers as HTML: its body and its summary.

Every template is autoescaped (JINJA_ENVIRONMENT in pelicanconf.py): a title, a tag or a
slug is printed as text, whatever an editor typed. The body and the summary are the
exception, and they are HTML only because the reader sanitised them (sanitize.py) and our
plugins rewrote them with markup of their own. Here they become Markup, once, for every
template; Pelican's feeds read the same HTML.
"""

from markupsafe import Markup
from pelican.contents import Article, Page


class SanitisedArticle(Article):
    @property
    def content(self) -> Markup:
        return Markup(Article.content.fget(self))

    @property
    def summary(self) -> Markup:
        return Markup(Article.summary.fget(self))

    @summary.setter
    def summary(self, value) -> None:
        Article.summary.fset(self, value)


class SanitisedPage(Page):
    @property
    def content(self) -> Markup:
        return Markup(Page.content.fget(self))

    @property
    def summary(self) -> Markup:
        return Markup(Page.summary.fget(self))

    @summary.setter
    def summary(self, value) -> None:
        Page.summary.fset(self, value)
