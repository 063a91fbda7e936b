# stub: Debian lacks gem jekyll-link-attributes; it does not change URLs, heading ids or math.
# The real gem only adds rel/target attributes to external links after rendering.
