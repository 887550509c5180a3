"""The web adapter: the review app and the REST API (FastAPI), over any :class:`tawthiq.store.Store`."""

from tawthiq.web.app import create_app
from tawthiq.web.config import WebConfig

__all__ = ["WebConfig", "create_app"]
