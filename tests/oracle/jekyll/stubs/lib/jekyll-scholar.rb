# stub: Debian lacks gem jekyll-scholar (see jekyll/scholar.rb); this is the name a
# Gemfile's :jekyll_plugins group requires it by.
require "jekyll/scholar"
