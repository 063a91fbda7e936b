"""The book as its site serves it: files, URLs, heading ids."""
