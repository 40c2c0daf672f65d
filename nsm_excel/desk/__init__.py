"""The secretariat's desk: what it does between issuing templates and consolidating returns."""
