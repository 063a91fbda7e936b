"""`python -m booklint`: the same command as `booklint`."""

from .cli import main

if __name__ == "__main__":
    main()
