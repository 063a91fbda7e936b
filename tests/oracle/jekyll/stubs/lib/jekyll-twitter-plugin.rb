# stub: Debian lacks gem jekyll-twitter-plugin; it does not change URLs, heading ids or math.
# The real {% twitter URL %} tag fetches an embed over the network; here it renders nothing.
require "jekyll"

class OracleStubTwitter < Liquid::Tag
  def render(_context) = ""
end
Liquid::Template.register_tag("twitter", OracleStubTwitter)
