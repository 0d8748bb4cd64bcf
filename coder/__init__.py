"""coder: a rule-based political event coder (news articles -> ACLED/CAMEO-style events in Parquet)."""
__version__ = "0.1.0"
