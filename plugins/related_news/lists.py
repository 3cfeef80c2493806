"""The lists under an article, assembled from the category order and the scores."""

from collections import defaultdict

from portal.models import RelatedNews


def newest_first(articles: list) -> list:
    """By date, newest first; the URL orders articles of the same minute, always the same way."""
    return sorted(articles, key=lambda a: (a.date, a.url), reverse=True)


def by_category(articles: list) -> dict[object, list]:
    groups = defaultdict(list)
    for article in newest_first(articles):
        groups[article.category].append(article)
    return groups


def assemble(
    article,
    category_articles: list,
    position: int,
    related: list,
    scores: list,
    same_count: int,
    others_count: int,
) -> RelatedNews:
    """article is category_articles[position] (newest first)."""
    same = [a for a in category_articles[: same_count + 1] if a is not article][:same_count]
    shown = {id(a) for a in same} | {id(a) for a in related}
    others: list = []
    for candidate in category_articles[position + 1 :]:
        if len(others) >= others_count:
            break
        if id(candidate) not in shown:
            others.append(candidate)
    return RelatedNews(
        same_category=same,
        older=category_articles[position + 1] if position + 1 < len(category_articles) else None,
        newer=category_articles[position - 1] if position > 0 else None,
        related=related,
        scores=scores,
        others=others,
    )
