"""Sitevision, the platform of most Swedish municipalities' web sites.

News lists (sv-channel / lp-news lists, or plain lists in the main column) link to
dated article pages; older items sit behind "Nästa" links or in year archives.
Article pages are portlets: a text portlet holds the body, a contact portlet the
press contact.
"""
from .base import ListingAdapter, SiteAdapter

# Dated article names, as Sitevision builds them: ".../2022-12-19-lysekils-kommun-har-fatt.html".
ARTICLE_URL = r"/\d{4}-\d{2}-\d{2}-[^/?#]+\.html$"

LISTING = ListingAdapter(
    kind="sitevision",
    article_pattern=ARTICLE_URL,
    follow_pattern=r"/(nyhetsarkiv|arkiv-nyheter|nyheter)[^/]*?[-/]\d{4}(\.html)?$",
)

ARTICLE = SiteAdapter(
    name="sitevision",
    fingerprints=("meta[name=generator][content*=Sitevision]", "meta[name=generator][content*=SiteVision]",
                  ".sv-text-portlet", ".sv-portlet", "[class*=sv-layout]"),
    title=("h1.heading", ".sv-text-portlet h1", "main h1", "h1"),
    lead=(".sv-font-ingress", "p.ingress", ".ingress", "p.lead", ".preamble"),
    body=("main .sv-text-portlet-content", "[role=main] .sv-text-portlet-content", ".sv-text-portlet-content"),
    published=("time[itemprop=datePublished]", ".sv-font-datum", ".publish-date", "[class*=publicerad]",
               "[class*=published]"),
    updated=("time[itemprop=dateModified]", "[class*=uppdaterad]", "[class*=modified]"),
    contact=(".sv-contact-portlet", "[class*=contact]", "[class*=kontakt]"),
    drop=(".sv-related-portlet", ".sv-archive-portlet", ".sv-linklist-portlet", "[class*=breadcrumb]"),
)
