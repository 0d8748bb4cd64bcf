"""Offline gazetteer and geocoding: find place names in an article and resolve each event's place."""
from .gazetteer import Gazetteer
from .resolve import GeoContext, build_context, locate
from .types import GeoEntry, Location, PlaceMention

__all__ = ["Gazetteer", "GeoContext", "GeoEntry", "Location", "PlaceMention", "build_context", "locate"]
