"""Mynewsdesk press rooms, where many municipalities and companies publish releases.

A room's /se/<room>/pressreleases lists releases named "<slug>-<numeric id>", paged
with ?page=N; the room's .rss feed also works as a start URL. Its og:site_name names
the platform, not the sender.
"""
from .base import ListingAdapter, SiteAdapter

LISTING = ListingAdapter(
    kind="mynewsdesk",
    article_pattern=r"/(pressreleases|news)/[^/?#]+-\d+/?$",
    follow_pattern=r"/pressreleases/?\?(.*&)?page=\d+$",
)

ARTICLE = SiteAdapter(
    name="mynewsdesk",
    hosts=("mynewsdesk.com", "mynewsdesk.se"),
    fingerprints=("meta[property='og:site_name'][content*=Mynewsdesk]", ".newsroom-body", "[class*=mnd-]",
                  "link[href*='mynewsdesk.com']", "img[src*='mnd-assets']"),
    title=("h1.panel-title", "article h1", "h1"),
    lead=(".summary", ".panel-summary", ".newsroom-body__summary", ".lead", ".ingress"),
    body=(".newsroom-body", ".body", "article .panel-body", "article"),
    published=("time[datetime]", ".publish-date", ".newsroom-date", ".date"),
    contact=(".contact-person", ".contact-people", ".newsroom-contacts", "[class*=contact]"),
    drop=(".newsroom-related", ".related", ".panel-footer", ".share", ".tags", ".newsroom-tags"),
)
