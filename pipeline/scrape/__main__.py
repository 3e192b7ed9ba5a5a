"""``python -m pipeline.scrape``: the scrape stage on its own (same options as ``python -m pipeline scrape``)."""
import sys

from .cli import main

sys.exit(main())
