"""Actor dictionaries and actor phrases: surface forms -> CAMEO code, ACLED name, inter code, country.

Public API: Actor, ActorDictionary, with_event_country, interaction, acled_actor_key, actor_key.
Data lives in coder/actors/data/ (see its README.md for the code scheme).
"""
from .acled import acled_actor_key
from .dictionary import ActorDictionary
from .load import ActorDataError
from .model import Actor, actor_key, interaction, with_event_country

__all__ = ["Actor", "ActorDictionary", "ActorDataError", "acled_actor_key", "actor_key", "interaction",
           "with_event_country"]
