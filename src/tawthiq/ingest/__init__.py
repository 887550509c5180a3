"""Reading inputs into documents, keeping what chain of custody needs.

Files, folders, JSON Lines of documents and http(s) URLs become :class:`Loaded` documents, each with
its original bytes unaltered, where they came from and when; what cannot be read becomes a
:class:`Rejected` with a coded reason (:mod:`tawthiq.errors`) and, when there were any, its bytes.

    >>> for item in read_inputs(["reports/"]):
    ...     print(item.origin, type(item).__name__)  # doctest: +SKIP
"""

from tawthiq.ingest.decode import Decoded, decode_text
from tawthiq.ingest.readers import DEFAULT_MAX_BYTES, Loaded, Rejected, load_bytes, load_json_line
from tawthiq.ingest.sources import DEFAULT_TIMEOUT, fetch_url, read_inputs

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "Decoded",
    "Loaded",
    "Rejected",
    "decode_text",
    "fetch_url",
    "load_bytes",
    "load_json_line",
    "read_inputs",
]
