def setup(book):
    # example.org's pages, served from 127.0.0.1 (the tests never leave this machine)
    from localhttp import serve_example

    serve_example(book, {"/docs": (301, [("Location", "/docs/")], b""), "/docs/": 200,
                         "/api-v1": (308, [("Location", "/api")], b""), "/api": 200,
                         "/today": (302, [("Location", "/docs/")], b"")})
