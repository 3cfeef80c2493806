"""What the document pages read (see portal/dependencies.py): the document's facts, its
citing articles with their sentences, the documents cited with it; the index's groups."""

from collections.abc import Mapping
from typing import Any

from portal.dependencies import chrome, listed
from portal.incremental import page_inputs

from .models import Document


def _link(document: Document) -> Any:
    return (document.url, document.id, document.label, document.describe())


def document_facts(document: Document) -> Any:
    return (
        _link(document),
        document.foreign_province,
        document.feed_url,
        document.type_name,
        document.issuer,
        document.province,
        document.date,
        document.link,
        document.registered,
        document.title,
    )


@page_inputs("regulation")
def document_inputs(name: str, variables: Mapping[str, Any], context: Mapping[str, Any]) -> Any:
    document: Document = variables["regulation"]
    return (
        chrome(context),
        variables["regulations_index_url"],
        document_facts(document),
        [(listed(citing.article), tuple(citing.sentences)) for citing in document.citing],
        [(_link(other), count) for other, count in document.cited_with],
    )


@page_inputs("regulations")
def index_inputs(name: str, variables: Mapping[str, Any], context: Mapping[str, Any]) -> Any:
    return (
        chrome(context),
        len(variables["regulations"]),
        [
            (
                group.name,
                group.slug,
                [
                    (issuer.name, [(document_facts(d), len(d.citing)) for d in issuer.documents])
                    for issuer in group.issuers
                ],
            )
            for group in variables["regulation_groups"]
        ],
    )
