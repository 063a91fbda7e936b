def setup(book):
    # example.org's pages, served from 127.0.0.1 (the tests never leave this machine)
    from localhttp import serve_example

    page = (b'<!doctype html><html><body><h1 id="guide">Guide</h1><h2 id="install">Install it</h2>'
            b'<h2 id="configuration">Configuration</h2><a name="legacy"></a></body></html>')
    serve_example(book, {"/guide.html": (200, [("Content-Type", "text/html; charset=utf-8")], page),
                         "/paper.pdf": (200, [("Content-Type", "application/pdf")], b"%PDF-1.4")})
