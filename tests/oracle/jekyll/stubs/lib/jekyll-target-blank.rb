# stub: Debian lacks gem jekyll-target-blank; it does not change URLs, heading ids or math.
# The real gem only adds target="_blank" to external links after rendering.
