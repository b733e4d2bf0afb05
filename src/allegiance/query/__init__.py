"""Queries over the store: entity listings, profiles, timelines, state at a date, reports."""

from allegiance.query.profile import entities, profile
from allegiance.query.records import Alias, ClaimView, EntitySummary, Profile, TimelineEntry
from allegiance.query.report import render_report
from allegiance.query.timeline import state_at, timeline

__all__ = [
    "Alias",
    "ClaimView",
    "EntitySummary",
    "Profile",
    "TimelineEntry",
    "entities",
    "profile",
    "render_report",
    "state_at",
    "timeline",
]
