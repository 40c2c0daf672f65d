"""The Action Plan register: its columns, schema, rules and loading."""
