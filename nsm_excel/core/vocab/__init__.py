"""The domain's vocabularies, one small table each, every member carrying all that is known of it.

- :mod:`.kinds`: the kinds of value a cell holds (plan register, template, return, master
  workbook): Excel validation, number format, reader.
- :mod:`.units`: the units of an indicator: its word, how its value is typed, read and checked.
- :mod:`.statuses`: the statuses of a measure: word, colour, what each asks of a return.
- :mod:`.colours`: the rate bands and traffic lights, and their colours.
- :mod:`.terms`: roles, disaggregations, directions, funding sources, severities.

A string such as ``"yes_no"`` belongs here and nowhere else: other modules ask these tables.
"""
