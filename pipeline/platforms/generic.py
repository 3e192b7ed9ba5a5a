"""Sources of no known platform: any site's news section, RSS/Atom feeds, XML sitemaps.

Their article pages are read the generic way (trafilatura and the page's metadata),
so only listing rules are here.
"""
from .base import ListingAdapter

# Links in the main column whose URL looks like a dated or news-section page; "Nästa" pagination.
LISTING = ListingAdapter(
    kind="generic",
    article_pattern=(
        r"(\d{4}-\d{2}-\d{2}-[^/?#]+|/\d{4}/\d{1,2}/[^/?#]+"
        r"|/(nyheter|nyhet|pressmeddelanden?|pressreleases|aktuellt|posts)/[^/?#]+-[^/?#]+)/?(\.html?)?$"
    ),
    follow_pattern=None,
)

# RSS 2.0, RSS 1.0 (RDF) or Atom: every entry link is an article.
FEED = ListingAdapter(
    kind="feed",
    listing_selector=None,
    next_selector=None,
    next_xpath=None,
    article_pattern=None,
    follow_pattern=None,
    pagination=False,
)

# XML sitemaps (and sitemap indexes, and robots.txt Sitemap: lines): on municipal
# sites most URLs are not news, so only dated pages count unless overridden.
SITEMAP = ListingAdapter(
    kind="sitemap",
    listing_selector=None,
    next_selector=None,
    next_xpath=None,
    article_pattern=r"/\d{4}-\d{2}-\d{2}-[^/?#]+(\.html)?/?$",
    follow_pattern=None,
    pagination=False,
)
