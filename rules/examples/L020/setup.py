def setup(book):
    # example.org's pages, served from 127.0.0.1 (the tests never leave this machine)
    from localhttp import serve_example

    serve_example(book, {"/benchmark": 200, "/archive/benchmark": 200, "/results-2024.png": 200,
                         "/old-benchmark": 404, "/results.png": 404, "/moved-away": 410})
