"""The sample plan, the filler that answers as institutions would, the demo run, the bench."""
