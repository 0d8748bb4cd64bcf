"""Suite-wide settings: no per-example deadline for hypothesis. The first example of a test may pay a
one-time compile or load (the date patterns, the gazetteer), and CI machines are shared: a deadline
there makes tests fail on timing, not on behaviour."""
from hypothesis import settings

settings.register_profile("coder", deadline=None)
settings.load_profile("coder")
