"""Sources: the only code that does I/O. Each turns what the user named into RawDocuments."""
