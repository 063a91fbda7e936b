# stub: Debian lacks gem jekyll-imagemagick; it does not change URLs, heading ids or math.
# The real gem only adds resized copies of images (extra static files); here it does nothing.
