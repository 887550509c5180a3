"""Where the compiled lexicons live, and the closed vocabularies their build and their readers share.

The curated YAML in ``lexicon-src/`` is compiled by ``scripts/build_lexicons.py`` into JSON under
``tawthiq/knowledge/data``. The build validates against the vocabularies below and the readers rely on
them, so they are defined once, here.
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

REGISTERS: tuple[str, ...] = ("neutral", "partisan", "hostile", "self")
"""Who uses a name: anyone, one side, a side insulting the other, or the party itself."""

SOURCE_KINDS: tuple[str, ...] = (
    "agency",
    "outlet",
    "monitor",
    "party_media",
    "party",
    "institution",
    "generic",
)
"""What kind of speaker a source of claims is."""

NUMBERS: tuple[str, ...] = ("singular", "dual", "plural", "collective")
"""Grammatical number of a people form; a dual (طفلين) is two people by itself."""

GENDERS: tuple[str, ...] = ("m", "f", "any")
"""Grammatical gender of a people form; ``any`` where the language does not mark it."""

TRANSPARENT_MARKS = '"“”„«»()[]{}'
"""Quotation marks and brackets that matching ignores, because outlets put them inside names
(ميليشيا "الوحدات" الكردية). Lexicon entries therefore may not contain them."""

_DATA = "data"


def data_file(name: str) -> Traversable:
    """The compiled data file ``<name>.json`` shipped in the package."""
    return resources.files("tawthiq.knowledge") / _DATA / f"{name}.json"


def load_data(name: str) -> Any:
    """Parse the compiled lexicon ``<name>.json``; a missing file says how to build it."""
    path = data_file(name)
    if not path.is_file():
        raise FileNotFoundError(
            f"compiled lexicon {name}.json is missing from tawthiq/knowledge/data: "
            "run `python scripts/build_lexicons.py`"
        )
    return json.loads(path.read_text(encoding="utf-8"))
