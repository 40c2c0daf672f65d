"""Generation: one locked template per institution and period, and the layout returns keep."""
