# stub: Debian lacks gem mini_racer (a JavaScript engine jekyll-minifier/terser use);
# it does not change URLs, heading ids or math. Nothing here uses it.
