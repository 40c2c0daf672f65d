"""Intake: the inbox, safe reading, identity, structure, value checks, feedback."""
