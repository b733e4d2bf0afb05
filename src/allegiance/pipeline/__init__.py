"""The extraction pipeline: Document -> Extraction."""

from allegiance.pipeline.run import extract_document

__all__ = ["extract_document"]
