"""tawthiq."""
