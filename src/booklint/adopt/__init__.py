"""Adopting booklint on a book that has a backlog: suppression comments for every current finding
(`check --add-noqa`, :mod:`.noqa`) and the files a book needs to run booklint (`booklint init`,
:mod:`.init`)."""
