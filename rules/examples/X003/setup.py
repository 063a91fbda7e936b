def setup(book):
    with (book / "bad.md").open("a", encoding="utf-8") as f:
        f.write("[" * 1_000_000 + "\n")
