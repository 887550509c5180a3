"""The review pages, one module per part of the app; :mod:`tawthiq.web.pages` joins their routers."""
