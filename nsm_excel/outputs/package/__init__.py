"""The tidy data package ``nsm export`` writes: CSV tables with a Frictionless descriptor.

:mod:`.schema` declares what a table is (its fields, types, keys) and how a value is written;
:mod:`.plan_tables` and :mod:`.period_tables` make the tables from a history (pure);
:mod:`.writer` writes them into a new folder, atomically.
"""
