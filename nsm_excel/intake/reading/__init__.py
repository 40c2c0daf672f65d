"""Reading a returned file safely: its bytes judged, every sheet read in one streaming pass,
in a child process no file can stop."""
