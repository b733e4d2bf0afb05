"""The web workbench: server-rendered pages over the query library, each with a JSON twin."""

from allegiance.web.app import create_app
from allegiance.web.security import Secrets

__all__ = ["Secrets", "create_app"]
