"""A returned workbook's identity and structure, checked against the register."""
