"""`python -m booklint`: the same command as `booklint` (what an editor may start the server with)."""

from .cli import main

main()
