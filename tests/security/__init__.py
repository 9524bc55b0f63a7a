"""Hostile and careless input: attacks on paths, escaping, encodings, time and the store."""
