"""Consolidation: the plan and the accepted returns merged into one set of figures."""
