# A git history (a text file cannot hold one): the translation is committed on 1 March 2025,
# then the original changes on 10 April 2025, and the translation does not follow.
import os
import subprocess


def setup(book):
    def git(*args, date):
        env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "T",
               "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
        subprocess.run(["git", "-C", str(book), *args], check=True, capture_output=True, env=env)

    git("init", "-q", date="2025-03-01T12:00:00")
    git("add", "-A", date="2025-03-01T12:00:00")
    git("commit", "-q", "-m", "Translate the roofline chapter", date="2025-03-01T12:00:00")
    orig = book / "original" / "bad.md"
    orig.write_text(orig.read_text().replace("1e15", "9.9e14"))
    git("commit", "-q", "-am", "H100: the exact bfloat16 figure", date="2025-04-10T12:00:00")
