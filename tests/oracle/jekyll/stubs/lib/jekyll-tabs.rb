# stub: Debian lacks gem jekyll-tabs; it does not change URLs, heading ids or math.
# {% tabs %} renders its body and {% tab %} renders its body (no tab chrome).
require "jekyll"

class OracleStubTabs < Liquid::Block
  def render(context) = super
end
Liquid::Template.register_tag("tabs", OracleStubTabs)
Liquid::Template.register_tag("tab", OracleStubTabs)
