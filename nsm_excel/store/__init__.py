"""The records and the workspace files: database, register, ledger, archive, atomic writes, lock."""
