# stub: Debian lacks gem jekyll-terser; it does not change URLs, heading ids or math.
# The real gem only minifies JavaScript files; here it does nothing.
