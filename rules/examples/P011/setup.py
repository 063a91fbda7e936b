# The bad case names an original that is not there (one folder holds both cases' configuration).
def setup(book):
    cfg = book / "booklint.toml"
    cfg.write_text(cfg.read_text().replace('source = "original"', 'source = "orignal"'))
