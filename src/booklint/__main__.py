"""`python -m booklint`: the same command as `booklint`."""

from .cli import entry

if __name__ == "__main__":
    entry()
