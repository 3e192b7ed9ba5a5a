"""lansstyrelsen.se, the county administrative boards' shared site (Sitevision, own markup).

Per-county news lists and yearly archives ("arkiv-nyheter-YYYY") link to dated pages
under .../nyheter-och-press/; the host identifies its article pages before the
generic Sitevision fingerprints would.
"""
from .base import ListingAdapter, SiteAdapter

LISTING = ListingAdapter(
    kind="lansstyrelsen",
    article_pattern=r"/nyheter-och-press/.+/\d{4}-\d{2}-\d{2}-[^/?#]+\.html$",
    follow_pattern=r"/nyheter-och-press/arkiv-nyheter-\d{4}\.html$",
)

ARTICLE = SiteAdapter(
    name="lansstyrelsen",
    hosts=("lansstyrelsen.se",),
    title=("main h1", "h1.heading", "h1"),
    lead=(".lst-ingress", ".sv-font-ingress", "p.ingress", ".ingress"),
    body=("main .sv-text-portlet-content", ".sv-text-portlet-content", "main"),
    published=(".lst-publish-date time", "time[itemprop=datePublished]", ".publish-date", ".lst-date"),
    contact=(".lst-contact", ".contact-card", ".sv-contact-portlet", "[class*=contact]"),
    drop=(".lst-alert", ".lst-crisis", ".lst-share", "[class*=breadcrumb]"),
)
