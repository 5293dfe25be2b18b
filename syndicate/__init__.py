"""syndicate: a Korean news site's articles as per-section RSS 2.0 and Atom 1.0 feeds."""

__version__ = "0.1.0"

from syndicate.errors import ConfigError, FeedError, IngestError, StoreError, SyndicateError
from syndicate.model import Article, Author

__all__ = [
    "__version__",
    "Article",
    "Author",
    "SyndicateError",
    "ConfigError",
    "IngestError",
    "StoreError",
    "FeedError",
]
