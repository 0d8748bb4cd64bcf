"""Offline gazetteer and geocoding: find place names in an article and resolve each event's place."""
from .gazetteer import Gazetteer
from .types import GeoEntry, Location, PlaceMention

__all__ = ["Gazetteer", "GeoEntry", "Location", "PlaceMention"]
