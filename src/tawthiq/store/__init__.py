"""Where tawthiq keeps what it read and found: one :class:`Store` interface, SQLite or PostgreSQL behind it.

>>> with open_store("tawthiq.db") as store:  # doctest: +SKIP
...     print(store.counts())
"""

from tawthiq.store.base import Custody, Original, Store, StoredFailure
from tawthiq.store.linking import LinkReport
from tawthiq.store.sql import DATABASE_ENV, SQLStore, database_url, default_database_path, open_store

__all__ = [
    "DATABASE_ENV",
    "Custody",
    "LinkReport",
    "Original",
    "SQLStore",
    "Store",
    "StoredFailure",
    "database_url",
    "default_database_path",
    "open_store",
]
