"""The web explorer (``tidings serve``): FastAPI app and its static page."""

from .app import create_app

__all__ = ["create_app"]
