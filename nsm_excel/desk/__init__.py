"""The secretariat's desk: messages to institutions (templates, reminders) as files or
e-mail, and the watched inbox."""
