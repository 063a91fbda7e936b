# stub: Debian lacks gem jekyll-minifier; it does not change URLs, heading ids or math.
# The real gem only minifies the written HTML/CSS/JS; here output is left as is.
