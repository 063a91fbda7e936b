# stub: Debian lacks gem jekyll-get-json; it does not change URLs, heading ids or math.
# The real gem loads JSON (maybe over the network) into site.data; here it loads nothing.
